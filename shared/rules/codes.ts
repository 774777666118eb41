/**
 * Every code a bloc or certification cell can show, defined once. The engine returns these exact
 * strings and the generated Excel formulas write them, so a cell and the Worker compare as text.
 */

/** Bloc validated (admis). */
export const BLOC_ADM = 'ADM'
/** Bloc not validated (ajourné). */
export const BLOC_AJ = 'AJ'
/** Pending: a critère is blank or ATT, or nothing can be assessed yet. */
export const BLOC_ATT = 'ATT'
/** Validated by a jury decision over the computed result. */
export const BLOC_ADJ = 'ADJ'
/** Capitalised: acquired earlier (previous session, VAE, équivalence), valid for life. */
export const BLOC_CAP = 'CAP'
/** Shown instead of a code when an input cell is invalid: the cell must be corrected. */
export const ERROR_CODE = 'ERR'
/**
 * Non concerné: what an option's result cell shows on the row of a candidate who chose another
 * option of the group. An em dash, not a code: the certification never reads it.
 */
export const NOT_CONCERNED = '—'

export const BLOC_OUTCOME_CODES = [BLOC_ADM, BLOC_AJ, BLOC_ATT, BLOC_ADJ, BLOC_CAP] as const
export type BlocOutcomeCode = (typeof BLOC_OUTCOME_CODES)[number]
/** What a bloc result cell holds: an outcome code or ERR. */
export type BlocCellCode = BlocOutcomeCode | typeof ERROR_CODE

/** Codes computed from the marks alone, before jury decision and capitalisation. */
export type ComputedBlocCode = typeof BLOC_ADM | typeof BLOC_AJ | typeof BLOC_ATT

/** Bloc codes that count as validated for the certification. */
export const VALIDATED_BLOC_CODES: readonly BlocOutcomeCode[] = [BLOC_ADM, BLOC_ADJ, BLOC_CAP]

/** A jury may set these over the computed code, with a reason. */
export const OVERRIDE_CODES = [BLOC_ADM, BLOC_ADJ, BLOC_AJ] as const
export type OverrideCode = (typeof OVERRIDE_CODES)[number]

/**
 * Texts accepted in a "capitalisé" cell, besides an Excel checkbox (TRUE/FALSE) and a blank cell.
 * Matched after trimming spaces, case-insensitively.
 */
export const CAPITALISED_YES_TEXTS = ['OUI', 'CAP', 'X'] as const
export const CAPITALISED_NO_TEXTS = ['NON'] as const

/** Certification decisions, accents included: they are shown as is in the workbook. */
export const CERTIFIED = 'CERTIFIÉ'
export const PARTIAL = 'PARTIELLE'
export const FAILED = 'AJOURNÉ'
export const PENDING = 'EN ATTENTE'

export const CERTIFICATION_DECISIONS = [CERTIFIED, PARTIAL, FAILED, PENDING] as const
export type CertificationDecision = (typeof CERTIFICATION_DECISIONS)[number]
export type CertificationCellCode = CertificationDecision | typeof ERROR_CODE

/** Légende des codes, telle qu'affichée aux administrateurs et jurys. */
export const CODE_LEGEND_FR: Readonly<Record<string, string>> = {
  ACQ: 'Acquis',
  PACQ: 'Partiellement acquis',
  NACQ: 'Non acquis',
  ABS: 'Absent (compte comme non acquis, ou 0 pour une note)',
  EXC: 'Excusé : critère neutralisé, il ne compte pas',
  ATT: 'En attente',
  [BLOC_ADM]: 'Bloc validé',
  [BLOC_AJ]: 'Bloc non validé (ajourné)',
  [BLOC_ADJ]: 'Bloc validé par décision du jury',
  [BLOC_CAP]: 'Bloc capitalisé (session antérieure, VAE ou équivalence), acquis à vie',
  [ERROR_CODE]: 'Saisie invalide : corriger la cellule signalée',
  [NOT_CONCERNED]: 'Non concerné : bloc d’une option que le candidat n’a pas choisie',
  [CERTIFIED]: 'Tous les blocs obligatoires et le bloc d’option sont validés',
  [PARTIAL]: 'Au moins un bloc validé, mais pas tous',
  [FAILED]: 'Aucun bloc validé',
  [PENDING]: 'Un bloc requis est en attente, ou l’option n’est pas choisie',
}
