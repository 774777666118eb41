/**
 * What makes a référentiel publishable, with every refusal in French and located: the schema and
 * its cross-references (`parseReferential`), the version naming (`<lignée>-v<version>`), and the
 * rules (`compileReferentialRules`, formula budget included). Each problem names the bloc, the
 * compétence or critère, and the field, and carries the JSON path of the field in the document.
 */
import { compileReferentialRules, type CompiledRules } from '../rules/compileRules'
import type { RuleIssue } from '../rules/issues'
import { parseReferential } from './parse'
import type { Referential } from './schema'

/** A refusal: where it is in the document (`blocs[1].criteres[2].assessment.floor`) and why. */
interface PublicationIssue {
  /** JSON path in the document; empty for the document itself. */
  path: string
  /** French, naming the bloc, the compétence or critère and the field. */
  message: string
}

export type PublicationCheck =
  | { ok: true; referential: Referential; rules: CompiledRules; lineage: string }
  | { ok: false; issues: PublicationIssue[] }

/** A lineage: the référentiel across its versions, e.g. `expert-ingenierie-informatique-n7`. */
const LINEAGE_PATTERN = /^[a-z0-9][a-z0-9-]{1,74}[a-z0-9]$/

/** The id of a version: `expert-ingenierie-informatique-n7-v2`. */
export function versionId(lineage: string, version: number): string {
  return `${lineage}-v${version}`
}

/** The lineage of a version id named by the convention, or null. */
export function lineageOf(id: string, version: number): string | null {
  const suffix = `-v${version}`
  if (!id.endsWith(suffix)) return null
  const lineage = id.slice(0, -suffix.length)
  return LINEAGE_PATTERN.test(lineage) ? lineage : null
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  schemaVersion: 'format du document',
  id: 'identifiant',
  version: 'version',
  title: 'intitulé',
  level: 'niveau',
  rncpCode: 'code RNCP',
  blocs: 'blocs',
  kind: 'type',
  code: 'code',
  number: 'numéro',
  letter: 'lettre',
  options: 'options',
  activities: 'activités',
  competences: 'compétences',
  modalites: 'modalités',
  criteres: 'critères',
  label: 'libellé',
  fromCompetence: 'compétence évaluée',
  assessment: 'évaluation',
  scale: 'échelle',
  max: 'note maximale',
  weight: 'coefficient',
  floor: 'note éliminatoire',
  rule: 'règle du bloc',
  minAcqShare: 'part minimale de critères ACQ',
  allowNacq: 'NACQ toléré',
  maxPacq: 'nombre maximal de PACQ',
  threshold: 'seuil de validation',
  roundingDecimals: 'arrondi',
  requiredCriteres: 'critères exigés',
  critereCode: 'critère exigé',
  min: 'minimum exigé',
  certificationRule: 'règle de certification',
  mandatoryBlocCodes: 'blocs obligatoires',
  optionGroupCode: 'bloc à options',
}

const ITEM_LABELS: Readonly<Record<string, string>> = {
  activities: 'activité',
  competences: 'compétence',
  modalites: 'modalité',
  criteres: 'critère',
}

type PathKey = string | number

/** `blocs[4].options[1].criteres[0].label` → ['blocs', 4, 'options', 1, 'criteres', 0, 'label']. */
export function parsePath(path: string): PathKey[] {
  const keys: PathKey[] = []
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) keys.push(match[2] !== undefined ? Number(match[2]) : match[1]!)
  return keys
}

export function formatPath(keys: readonly PathKey[]): string {
  return keys.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${key}`)).join('')
}

function child(value: unknown, key: PathKey): unknown {
  if (value === null || typeof value !== 'object') return undefined
  return (value as Record<PathKey, unknown>)[key]
}

function codeOf(value: unknown): string | null {
  const code = child(value, 'code')
  return typeof code === 'string' && code.trim() !== '' ? code : null
}

/** Containers named only when the path stops at them: their fields say enough. */
const SILENT_WHEN_INNER = new Set(['assessment', 'rule', 'scale'])

/** How an element of a list is named, from its own code when it has one. */
function itemName(list: string, item: unknown, index: number): string | null {
  const code = codeOf(item)
  const position = `n° ${index + 1}`
  switch (list) {
    case 'blocs':
    case 'options':
      return `Bloc ${code ?? position}`
    case 'requiredCriteres': {
      const critere = child(item, 'critereCode')
      return `critère exigé ${typeof critere === 'string' && critere !== '' ? critere : position}`
    }
    case 'mandatoryBlocCodes':
      return `bloc obligatoire ${typeof item === 'string' && item !== '' ? item : position}`
    default:
      return ITEM_LABELS[list] ? `${ITEM_LABELS[list]} ${code ?? position}` : null
  }
}

/**
 * Where a path points, in words: « Bloc BC02, critère CR2.3, note éliminatoire ». Codes are read
 * from the document itself; an item without a code is named by its position.
 */
export function describePath(document: unknown, path: string): string {
  const keys = parsePath(path)
  const words: string[] = []
  let node: unknown = document
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    const next = keys[i + 1]
    if (typeof key === 'string' && typeof next === 'number') {
      const item = child(child(node, key), next)
      const name = itemName(key, item, next)
      if (name !== null) {
        // An option is a bloc of its own (BC05-A): its code says its group.
        if (key === 'options' && words.at(-1)?.startsWith('Bloc ')) words.pop()
        words.push(name)
        node = item
        i++
        continue
      }
    }
    if (typeof key === 'number') words.push(`n° ${key + 1}`)
    else if (key === 'kind') words.push(keys[i - 1] === 'scale' ? 'échelle' : keys[i - 1] === 'rule' ? 'type de règle' : 'type de bloc')
    else if (!(SILENT_WHEN_INNER.has(key) && next !== undefined)) words.push(FIELD_LABELS[key] ?? key)
    node = child(node, key)
  }
  if (words.length === 0) return 'Référentiel'
  const text = words.join(', ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** zod's French bounds, in plainer words: « >=1 caractères » reads « au moins 1 caractère ». */
function plainer(message: string): string {
  return message
    .replace(/^trop petit : chaîne de caractères doit avoir >=1 caractères$/, 'obligatoire : ne peut pas être vide')
    .replace(/^trop petit : tableau doit avoir >=1 éléments$/, 'la liste est vide : au moins un élément attendu')
    .replace(/ doit avoir >=(\d+) éléments$/, ' doit avoir au moins $1 éléments')
    .replace(/ doit être >=(\S+)$/, ' doit être au moins $1')
    .replace(/ doit être <=(\S+)$/, ' doit être au plus $1')
    .replace(/ doit être >(\S+)$/, ' doit être supérieur à $1')
}

/** « déjà utilisé en blocs[0].criteres[0].code » → « déjà utilisé dans le bloc BC01 ». */
function duplicatePlace(document: unknown, message: string): string {
  return message.replace(/\(déjà utilisé en ([^)]+)\)/, (whole, path: string) => {
    const owner = /^(blocs\[\d+\](?:\.options\[\d+\])?)(\.\w+\[\d+\])?\.code$/.exec(path)
    if (!owner) return whole
    const bloc = describePath(document, owner[1]!).replace(/^Bloc /, '')
    return owner[2] === undefined ? `(déjà le code d’un autre bloc, ${bloc})` : `(déjà utilisé dans le bloc ${bloc})`
  })
}

/** A problem of the parse (zod or cross-references), worded with its place. */
function located(document: unknown, path: string, message: string): PublicationIssue {
  const detail = plainer(duplicatePlace(document, lowerFirst(message.trim().replace(/\.$/, ''))))
  return { path, message: `${describePath(document, path)} : ${detail}.` }
}

/** « Trop petit… » → « trop petit… », but « RNCP… » stays. */
function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text
}

/** The path of a bloc (or option) of the document by its code, e.g. `blocs[4].options[2]`. */
function blocPath(referential: Pick<Referential, 'blocs'>, blocCode: string): string | null {
  for (const [b, bloc] of referential.blocs.entries()) {
    if (bloc.code === blocCode) return `blocs[${b}]`
    if (bloc.kind === 'optionGroup') {
      const o = bloc.options.findIndex((option) => option.code === blocCode)
      if (o >= 0) return `blocs[${b}].options[${o}]`
    }
  }
  return null
}

/** A rule compiler's issue at its place in the document (its message already names bloc and critère). */
function rulePath(referential: Pick<Referential, 'blocs'>, found: RuleIssue): string {
  if (found.field?.startsWith('certificationRule')) return found.field
  const bloc = found.blocCode === null ? null : blocPath(referential, found.blocCode)
  if (bloc === null) return found.field ?? ''
  const parts = [bloc]
  const blocNode = parsePath(bloc).reduce<unknown>(child, referential)
  const criteres = child(blocNode, 'criteres')
  const critereIndex =
    found.critereCode === null || !Array.isArray(criteres) ? -1 : criteres.findIndex((critere) => codeOf(critere) === found.critereCode)
  // A rule field (rule.…) stays on the bloc even when the issue names a critère (rule.requiredCriteres[0]).
  if (critereIndex >= 0 && !found.field?.startsWith('rule')) parts.push(`criteres[${critereIndex}]`)
  if (found.field) parts.push(found.field)
  return parts.join('.')
}

/**
 * Everything that keeps a document from being published, or the référentiel with its compiled
 * rules and lineage. Never throws, whatever `input` is.
 */
export function checkPublishable(input: unknown): PublicationCheck {
  const parsed = parseReferential(input)
  if (!parsed.ok) return { ok: false, issues: parsed.issues.map((found) => located(input, found.path, found.message)) }
  const referential = parsed.referential
  const issues: PublicationIssue[] = []
  const lineage = lineageOf(referential.id, referential.version)
  if (lineage === null) {
    const stem = referential.id.replace(/-v\d+$/, '')
    issues.push({
      path: 'id',
      message: `Identifiant : « ${referential.id} » ne suit pas la forme « <titre>-v<version> » : pour la version ${referential.version}, « ${versionId(stem, referential.version)} » par exemple.`,
    })
  }
  const rules = compileReferentialRules(referential)
  if (!rules.ok) for (const found of rules.issues) issues.push({ path: rulePath(referential, found), message: found.message })
  if (issues.length > 0 || !rules.ok || lineage === null) return { ok: false, issues }
  return { ok: true, referential, rules: rules.value, lineage }
}
