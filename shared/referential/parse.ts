/**
 * Parsing a référentiel document: the zod schema, then what the schema cannot see (codes unique
 * across the document, references that resolve). Apart from the seed (index.ts) so that the task
 * pane's draft tools can use it without bundling the seed document.
 */
import { frenchErrors } from '../zod'
import { referentialSchema, type MandatoryBloc, type OptionBloc, type Referential } from './schema'

/** A bloc that is graded and validated on its own: a mandatory bloc or one option. */
export type GradedBloc = MandatoryBloc | OptionBloc

export interface ReferentialIssue {
  /** Where the problem is, e.g. `blocs[4].options[1].criteres[0].label`; empty for the root. */
  path: string
  message: string
}

export type ParseReferentialResult =
  | { ok: true; referential: Referential }
  | { ok: false; issues: ReferentialIssue[] }


function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('')
}

export function parseReferential(input: unknown): ParseReferentialResult {
  const parsed = referentialSchema.safeParse(input, { error: frenchErrors })
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    }
  }
  const issues = crossReferenceIssues(parsed.data)
  return issues.length > 0 ? { ok: false, issues } : { ok: true, referential: parsed.data }
}

/** What the schema cannot see: codes unique across the document, references that must resolve. */
function crossReferenceIssues(ref: Referential): ReferentialIssue[] {
  const issues: ReferentialIssue[] = []
  const seen = new Map<string, string>()
  const claim = (code: string, path: string) => {
    const first = seen.get(code)
    if (first !== undefined) issues.push({ path, message: `Code « ${code} » en double (déjà utilisé en ${first})` })
    else seen.set(code, path)
  }
  const checkBloc = (bloc: GradedBloc, path: string) => {
    claim(bloc.code, `${path}.code`)
    const lists = ['activities', 'competences', 'modalites', 'criteres'] as const
    for (const list of lists) bloc[list].forEach((item, i) => claim(item.code, `${path}.${list}[${i}].code`))
    const competenceCodes = new Set(bloc.competences.map((c) => c.code))
    bloc.criteres.forEach((critere, i) => {
      if (critere.fromCompetence !== null && !competenceCodes.has(critere.fromCompetence)) {
        issues.push({
          path: `${path}.criteres[${i}].fromCompetence`,
          message: `La compétence « ${critere.fromCompetence} » n’existe pas dans le bloc ${bloc.code}`,
        })
      }
    })
  }
  ref.blocs.forEach((bloc, b) => {
    // The schema lets any BCnn(-X) through; a bloc's code must be its own number.
    const ownCode = `BC${String(bloc.number).padStart(2, '0')}`
    if (bloc.code !== ownCode) {
      issues.push({ path: `blocs[${b}].code`, message: `Le code du bloc ${bloc.number} doit être « ${ownCode} »` })
    }
    if (bloc.kind === 'mandatory') return checkBloc(bloc, `blocs[${b}]`)
    claim(bloc.code, `blocs[${b}].code`)
    bloc.options.forEach((option, o) => {
      const path = `blocs[${b}].options[${o}]`
      // The option code carries its group and letter so that a code alone locates the option.
      if (option.code !== `${bloc.code}-${option.letter}`) {
        issues.push({ path: `${path}.code`, message: `Le code de l’option doit être « ${bloc.code}-${option.letter} »` })
      }
      checkBloc(option, path)
    })
  })

  const mandatoryCodes = ref.blocs.filter((b) => b.kind === 'mandatory').map((b) => b.code)
  const { mandatoryBlocCodes, optionGroupCode } = ref.certificationRule
  mandatoryBlocCodes.forEach((code, i) => {
    if (!mandatoryCodes.includes(code)) {
      issues.push({
        path: `certificationRule.mandatoryBlocCodes[${i}]`,
        message: `« ${code} » n’est pas un bloc obligatoire du référentiel`,
      })
    }
  })
  for (const code of mandatoryCodes) {
    if (!mandatoryBlocCodes.includes(code)) {
      issues.push({
        path: 'certificationRule.mandatoryBlocCodes',
        message: `Le bloc obligatoire « ${code} » manque dans la règle de certification`,
      })
    }
  }
  const groupCodes = ref.blocs.filter((b) => b.kind === 'optionGroup').map((b) => b.code)
  const groupOk = optionGroupCode === null ? groupCodes.length === 0 : groupCodes.includes(optionGroupCode)
  if (!groupOk || groupCodes.length > 1) {
    issues.push({
      path: 'certificationRule.optionGroupCode',
      message: 'La règle de certification doit désigner l’unique bloc à options du référentiel',
    })
  }
  return issues
}
