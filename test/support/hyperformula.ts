/**
 * HyperFormula set up to read formulas as Excel does (GPL: tests and bench only, never shared/).
 *
 * - English function names, `,` argument separator, `.` decimal separator: what `range.formulas` takes.
 * - accentSensitive: Excel's `=` tells "É" from "E"; HyperFormula's default would not.
 * - caseSensitive false, like Excel (the formulas compare UPPER(TRIM(…)) anyway).
 * - smartRounding (the default): comparisons tolerate ~1e-13 relative error, HyperFormula's take on
 *   Excel's 15-significant-digit arithmetic. The formulas only compare values rounded to a decimal grid, so they give
 *   the same result with `exactComparisons` too; the property suite runs both.
 * - useArrayArithmetic false: the formulas use no array arithmetic, so no config difference.
 * - no undo history: tests replace whole sheets thousands of times, and keeping the old contents
 *   for undo would triple the time.
 * - Excel's 1900 date system; no date or time formats, because HyperFormula would otherwise read a
 *   text such as "1/2/2025" as a date when comparing it, which Excel's `=` never does.
 */
import { HyperFormula, type ConfigParams, type RawCellContent } from 'hyperformula'
import type { CellInput } from '../../shared/rules/marks'

export function excelLikeConfig(options: { exactComparisons?: boolean } = {}): Partial<ConfigParams> {
  return {
    licenseKey: 'gpl-v3',
    undoLimit: 0,
    functionArgSeparator: ',',
    decimalSeparator: '.',
    thousandSeparator: '',
    caseSensitive: false,
    accentSensitive: true,
    smartRounding: options.exactComparisons !== true,
    useArrayArithmetic: false,
    useWildcards: true,
    useRegularExpressions: false,
    matchWholeCell: true,
    evaluateNullToZero: true,
    leapYear1900: true,
    nullDate: { year: 1899, month: 12, day: 30 },
    dateFormats: [],
    timeFormats: [],
  }
}

export function createExcelLikeHyperFormula(options: { exactComparisons?: boolean } = {}): HyperFormula {
  return HyperFormula.buildEmpty(excelLikeConfig(options))
}

/**
 * What a cell holds, as HyperFormula raw content. Texts get the apostrophe prefix so that "12",
 * "TRUE" or "=1" stay texts, as a text typed with a leading apostrophe in Excel; "" stays an empty text.
 */
export function toRawContent(value: CellInput): RawCellContent {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return `'${value}`
  return value
}
