/**
 * The certification decision of one candidate row, read from the bloc result cells and the option
 * cell, in the order of `shared/rules/evaluateCertification.ts`: ERR, EN ATTENTE, then CERTIFIÉ,
 * PARTIELLE or AJOURNÉ. Another option's bloc is read only through its selection term, which is 0
 * unless the candidate chose it, so whatever it shows cannot change the decision.
 */
import {
  BLOC_AJ,
  BLOC_ATT,
  CERTIFIED,
  ERROR_CODE,
  FAILED,
  PARTIAL,
  PENDING,
  VALIDATED_BLOC_CODES,
} from '../rules/codes'
import type { CompiledCertification } from '../rules/compileRules'
import { issue, type Result } from '../rules/issues'
import { isRowIndex, qualifiedReference, stringLiteral } from './a1'
import { checkLength, finishFormula, type FormulaOptions } from './blocFormula'
import { isBlank, sum, textIs, textIsOneOf } from './cellTests'
import type { GridLayout } from './gridLayout'

const text = stringLiteral

/** Bloc cells hold formula output, so the exact canonical codes are compared, without TRIM. */
function shows(reference: string, code: string): string {
  return `(${reference}=${text(code)})`
}

function validated(reference: string): string {
  return `(${VALIDATED_BLOC_CODES.map((code) => shows(reference, code)).join('+')})`
}

function known(reference: string): string {
  return `(${[...VALIDATED_BLOC_CODES, BLOC_AJ, BLOC_ATT].map((code) => shows(reference, code)).join('+')})`
}

export function certificationFormula(
  certification: CompiledCertification,
  layout: GridLayout,
  row: number,
  options: FormulaOptions = {},
): Result<string> {
  const problems = []
  if (layout.certificationColumn === null) problems.push(issue('layout', null, null, "la grille n’a pas de colonne de certification."))
  if (!isRowIndex(row)) problems.push(issue('layout', null, null, `ligne ${row} hors de la feuille.`))
  const resultColumn = (blocCode: string): number | null => {
    const columns = layout.blocs.find((candidate) => candidate.blocCode === blocCode)
    if (columns !== undefined) return columns.resultColumn
    problems.push(issue('layout', blocCode, null, 'la certification lit ce bloc, absent de la grille.'))
    return null
  }
  const mandatoryColumns = certification.mandatoryBlocCodes.map(resultColumn)
  const optionColumns = certification.options.map((option) => resultColumn(option.blocCode))
  const hasGroup = certification.optionGroupCode !== null
  if (hasGroup && layout.optionColumn === null) {
    problems.push(issue('layout', certification.optionGroupCode, null, "le choix d’option n’a pas de colonne dans la grille."))
  }
  if (problems.length > 0) return { ok: false, issues: problems }

  const reference = (column: number | null) => qualifiedReference(layout.sheetName, { row, column: column! })
  const mandatory = mandatoryColumns.map(reference)
  const errors = mandatory.map((bloc) => `(${known(bloc)}=0)`)
  const pending = mandatory.map((bloc) => shows(bloc, BLOC_ATT))
  const validatedTerms = mandatory.map(validated)
  let required = mandatory.length
  if (hasGroup) {
    const choice = reference(layout.optionColumn)
    const choices = certification.options.flatMap((option) => [option.blocCode, option.letter])
    // Selection term per option: 1 when the candidate's cell names it by code or by letter.
    const selected = certification.options.map((option) => `(${textIs(choice, option.blocCode)}+${textIs(choice, option.letter)})`)
    errors.push(`(${isBlank(choice)}+${textIsOneOf(choice, choices)}=0)`)
    pending.push(isBlank(choice))
    optionColumns.forEach((column, index) => {
      const bloc = reference(column)
      errors.push(`${selected[index]}*(${known(bloc)}=0)`)
      pending.push(`${selected[index]}*${shows(bloc, BLOC_ATT)}`)
      validatedTerms.push(`${selected[index]}*${validated(bloc)}`)
    })
    required++
  }
  const count = sum(validatedTerms)
  const decision = `IF(${count}=${required},${text(CERTIFIED)},IF(${count}>0,${text(PARTIAL)},${text(FAILED)}))`
  const body = `IF(${sum(errors)}>0,${text(ERROR_CODE)},IF(${sum(pending)}>0,${text(PENDING)},${decision}))`
  return checkLength(finishFormula(body, options), null, 'La formule de certification')
}
