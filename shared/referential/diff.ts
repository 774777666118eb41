/**
 * What changed from one version of a référentiel to another, item by item: blocs, activités,
 * compétences, modalités and critères added, removed or changed (label, evaluation, order), bloc
 * rules and the certification rule. One entry per change, each with a French sentence, so that a
 * confirmation can list them and a test can count them. The id and version number are not
 * changes: they name the versions compared.
 */
import { canonicalJson } from '../contentHash'
import type { BlocRule, CritereAssessment } from '../rules/ruleSchema'
import type { EvaluableBloc, Referential } from './schema'

type ChangeKind = 'added' | 'removed' | 'changed'
type ChangeTarget = 'referential' | 'bloc' | 'activity' | 'competence' | 'modalite' | 'critere' | 'rule' | 'certificationRule'

export interface ReferentialChange {
  kind: ChangeKind
  target: ChangeTarget
  /** The bloc (or option) concerned; null for the référentiel and its certification rule. */
  blocCode: string | null
  /** The item's code (the bloc's for a bloc or its rule); null for the référentiel. */
  code: string | null
  /** What changed on an item that stays: `title`, `label`, `assessment`, `order`, `kind`… */
  field: string | null
  before: unknown
  after: unknown
  /** French, ready to show. */
  message: string
}

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 4 })

/** A bloc rule in French: « tous les critères ACQ », « moyenne ≥ 10 sur 20 (arrondie à 2 décimales), CR2.3 ≥ 10 ». */
function describeBlocRule(rule: BlocRule): string {
  if (rule.kind === 'outcome') {
    const parts =
      rule.minAcqShare === 1
        ? ['tous les critères ACQ']
        : [`au moins ${number.format(rule.minAcqShare * 100)} % de critères ACQ`]
    if (rule.minAcqShare < 1) parts.push(rule.allowNacq ? 'NACQ toléré' : 'aucun NACQ')
    if (rule.maxPacq !== null) parts.push(`${rule.maxPacq} PACQ au plus`)
    return parts.join(', ')
  }
  const parts = [`moyenne ≥ ${number.format(rule.threshold)} sur 20 (arrondie à ${rule.roundingDecimals} décimale${rule.roundingDecimals > 1 ? 's' : ''})`]
  for (const required of rule.requiredCriteres) parts.push(`${required.critereCode} ≥ ${number.format(required.min)}`)
  return parts.join(', ')
}

/** A critère's evaluation in French: « ACQ / PACQ / NACQ », « note sur 20, coefficient 2, note éliminatoire 8 ». */
function describeAssessment(assessment: CritereAssessment): string {
  if (assessment.scale.kind === 'outcome') return 'ACQ / PACQ / NACQ'
  const parts = [`note sur ${number.format(assessment.scale.max)}`]
  if (assessment.weight !== 1) parts.push(`coefficient ${number.format(assessment.weight)}`)
  if (assessment.floor !== null) parts.push(`note éliminatoire ${number.format(assessment.floor)}`)
  return parts.join(', ')
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b)

interface PlacedBloc {
  bloc: EvaluableBloc
  kind: 'mandatory' | 'option'
  /** The option group, for an option. */
  groupCode: string | null
  letter: string | null
}

function evaluable(referential: Referential): Map<string, PlacedBloc> {
  const blocs = new Map<string, PlacedBloc>()
  for (const bloc of referential.blocs) {
    if (bloc.kind === 'mandatory') blocs.set(bloc.code, { bloc, kind: 'mandatory', groupCode: null, letter: null })
    else for (const option of bloc.options) blocs.set(option.code, { bloc: option, kind: 'option', groupCode: bloc.code, letter: option.letter })
  }
  return blocs
}

const ITEM_WORDS = {
  activity: { noun: 'Activité', added: 'ajoutée', removed: 'retirée' },
  competence: { noun: 'Compétence', added: 'ajoutée', removed: 'retirée' },
  modalite: { noun: 'Modalité', added: 'ajoutée', removed: 'retirée' },
  critere: { noun: 'Critère', added: 'ajouté', removed: 'retiré' },
} as const

type ItemTarget = keyof typeof ITEM_WORDS
const LISTS: ReadonlyArray<[ItemTarget, 'activities' | 'competences' | 'modalites' | 'criteres']> = [
  ['activity', 'activities'],
  ['competence', 'competences'],
  ['modalite', 'modalites'],
  ['critere', 'criteres'],
]

function blocKindText(placed: PlacedBloc): string {
  return placed.kind === 'mandatory' ? 'bloc obligatoire' : `option ${placed.letter} du bloc ${placed.groupCode}`
}

/** Every change from `from` to `to`, in document order of `to` (removals where they were). */
export function diffReferentials(from: Referential, to: Referential): ReferentialChange[] {
  const changes: ReferentialChange[] = []
  const push = (change: Omit<ReferentialChange, 'before' | 'after'> & { before?: unknown; after?: unknown }) =>
    changes.push({ before: null, after: null, ...change })

  for (const field of ['title', 'level', 'rncpCode'] as const) {
    if (from[field] === to[field]) continue
    const label = { title: 'Intitulé', level: 'Niveau', rncpCode: 'Code RNCP' }[field]
    push({
      kind: 'changed',
      target: 'referential',
      blocCode: null,
      code: null,
      field,
      before: from[field],
      after: to[field],
      message: `${label} modifié : « ${from[field] ?? '(aucun)'} » → « ${to[field] ?? '(aucun)'} ».`,
    })
  }

  const before = evaluable(from)
  const after = evaluable(to)
  const groups = (referential: Referential) =>
    new Map(referential.blocs.flatMap((bloc) => (bloc.kind === 'optionGroup' ? [[bloc.code, bloc] as const] : [])))
  const groupsBefore = groups(from)
  const groupsAfter = groups(to)
  for (const [code, group] of groupsAfter) {
    const previous = groupsBefore.get(code)
    if (previous === undefined) {
      push({ kind: 'added', target: 'bloc', blocCode: code, code, field: null, after: group.title, message: `Bloc à options ${code} ajouté : « ${group.title} ».` })
    } else if (previous.title !== group.title) {
      push({
        kind: 'changed',
        target: 'bloc',
        blocCode: code,
        code,
        field: 'title',
        before: previous.title,
        after: group.title,
        message: `Bloc à options ${code} : intitulé modifié (« ${previous.title} » → « ${group.title} »).`,
      })
    }
  }
  for (const [code, group] of groupsBefore) {
    if (!groupsAfter.has(code)) push({ kind: 'removed', target: 'bloc', blocCode: code, code, field: null, before: group.title, message: `Bloc à options ${code} retiré.` })
  }

  for (const [code, placed] of after) {
    const previous = before.get(code)
    if (previous === undefined) {
      push({
        kind: 'added',
        target: 'bloc',
        blocCode: code,
        code,
        field: null,
        after: placed.bloc.title,
        message: `Bloc ${code} ajouté (${blocKindText(placed)}) : « ${placed.bloc.title} », ${placed.bloc.criteres.length} critère${placed.bloc.criteres.length > 1 ? 's' : ''}, règle : ${describeBlocRule(placed.bloc.rule)}.`,
      })
      continue
    }
    diffBloc(previous, placed, push)
  }
  for (const [code, placed] of before) {
    if (!after.has(code)) {
      push({ kind: 'removed', target: 'bloc', blocCode: code, code, field: null, before: placed.bloc.title, message: `Bloc ${code} retiré (${blocKindText(placed)}).` })
    }
  }

  if (!same(from.certificationRule, to.certificationRule)) {
    const text = (rule: Referential['certificationRule']) =>
      `${rule.mandatoryBlocCodes.join(', ')}${rule.optionGroupCode === null ? '' : ` + une option du bloc ${rule.optionGroupCode}`}`
    push({
      kind: 'changed',
      target: 'certificationRule',
      blocCode: null,
      code: null,
      field: null,
      before: from.certificationRule,
      after: to.certificationRule,
      message: `Règle de certification modifiée : ${text(from.certificationRule)} → ${text(to.certificationRule)}.`,
    })
  }
  return changes
}

function diffBloc(
  previous: PlacedBloc,
  placed: PlacedBloc,
  push: (change: Omit<ReferentialChange, 'before' | 'after'> & { before?: unknown; after?: unknown }) => void,
): void {
  const code = placed.bloc.code
  if (previous.kind !== placed.kind || previous.groupCode !== placed.groupCode || previous.letter !== placed.letter) {
    push({
      kind: 'changed',
      target: 'bloc',
      blocCode: code,
      code,
      field: 'kind',
      before: blocKindText(previous),
      after: blocKindText(placed),
      message: `Bloc ${code} : ${blocKindText(previous)} devenu ${blocKindText(placed)}.`,
    })
  }
  if (previous.bloc.title !== placed.bloc.title) {
    push({
      kind: 'changed',
      target: 'bloc',
      blocCode: code,
      code,
      field: 'title',
      before: previous.bloc.title,
      after: placed.bloc.title,
      message: `Bloc ${code} : intitulé modifié (« ${previous.bloc.title} » → « ${placed.bloc.title} »).`,
    })
  }
  if (!same(previous.bloc.rule, placed.bloc.rule)) {
    push({
      kind: 'changed',
      target: 'rule',
      blocCode: code,
      code,
      field: 'rule',
      before: previous.bloc.rule,
      after: placed.bloc.rule,
      message: `Bloc ${code} : règle modifiée (${describeBlocRule(previous.bloc.rule)} → ${describeBlocRule(placed.bloc.rule)}).`,
    })
  }
  for (const [target, list] of LISTS) {
    const words = ITEM_WORDS[target]
    const olds = new Map<string, { code: string; label: string }>(previous.bloc[list].map((item) => [item.code, item]))
    const news = new Map<string, { code: string; label: string }>(placed.bloc[list].map((item) => [item.code, item]))
    for (const item of placed.bloc[list]) {
      const old = olds.get(item.code)
      if (old === undefined) {
        const evaluation = target === 'critere' ? `, ${describeAssessment((item as EvaluableBloc['criteres'][number]).assessment)}` : ''
        push({ kind: 'added', target, blocCode: code, code: item.code, field: null, after: item, message: `${words.noun} ${item.code} ${words.added} au bloc ${code} : « ${item.label} »${evaluation}.` })
        continue
      }
      if (old.label !== item.label) {
        push({
          kind: 'changed',
          target,
          blocCode: code,
          code: item.code,
          field: 'label',
          before: old.label,
          after: item.label,
          message: `${words.noun} ${item.code} (bloc ${code}) : libellé modifié (« ${old.label} » → « ${item.label} »).`,
        })
      }
      if (target === 'critere') {
        const oldCritere = old as EvaluableBloc['criteres'][number]
        const critere = item as EvaluableBloc['criteres'][number]
        if (!same(oldCritere.assessment, critere.assessment)) {
          push({
            kind: 'changed',
            target,
            blocCode: code,
            code: item.code,
            field: 'assessment',
            before: oldCritere.assessment,
            after: critere.assessment,
            message: `Critère ${item.code} (bloc ${code}) : évaluation modifiée (${describeAssessment(oldCritere.assessment)} → ${describeAssessment(critere.assessment)}).`,
          })
        }
        if (oldCritere.fromCompetence !== critere.fromCompetence) {
          push({
            kind: 'changed',
            target,
            blocCode: code,
            code: item.code,
            field: 'fromCompetence',
            before: oldCritere.fromCompetence,
            after: critere.fromCompetence,
            message: `Critère ${item.code} (bloc ${code}) : compétence évaluée modifiée (${oldCritere.fromCompetence ?? 'aucune'} → ${critere.fromCompetence ?? 'aucune'}).`,
          })
        }
      }
    }
    for (const item of previous.bloc[list]) {
      if (!news.has(item.code)) {
        push({ kind: 'removed', target, blocCode: code, code: item.code, field: null, before: item, message: `${words.noun} ${item.code} ${words.removed} du bloc ${code}.` })
      }
    }
    if (target === 'critere') {
      // The critères' order is the grid's column order: a reordering is a change of its own.
      const kept = (items: ReadonlyArray<{ code: string }>, other: Map<string, unknown>) => items.map((item) => item.code).filter((c) => other.has(c))
      const oldOrder = kept(previous.bloc.criteres, news)
      const newOrder = kept(placed.bloc.criteres, olds)
      if (oldOrder.join() !== newOrder.join()) {
        push({
          kind: 'changed',
          target: 'bloc',
          blocCode: code,
          code,
          field: 'order',
          before: oldOrder,
          after: newOrder,
          message: `Bloc ${code} : ordre des critères modifié (${oldOrder.join(', ')} → ${newOrder.join(', ')}).`,
        })
      }
    }
  }
}
