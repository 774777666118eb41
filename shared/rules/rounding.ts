/**
 * Rounding shared by the engine and the generated formulas.
 *
 * A mean such as 9.995 is stored in binary as 9.99499999999999921…, so a plain binary rounding
 * (HyperFormula's ROUND, `Math.round(x * 100) / 100`) gives 9.99 where Excel's ROUND, which works
 * on the decimal representation, gives 10.00. The formulas therefore round `x + ROUNDING_NUDGE`
 * and the engine does the same arithmetic, so Excel, HyperFormula and the engine all give 10.00.
 * The nudge (1e-9) is far above the binary error of a mean of marks out of 20 (~1e-14) and far
 * below any difference between marks a jury types, so it only settles exact halves.
 */

export const ROUNDING_NUDGE = 1e-9
/** How the nudge is written in a formula: HyperFormula does not read `1E-9`. */
export const ROUNDING_NUDGE_LITERAL = '0.000000001'

/** Rule parameters are limited to this many decimals so comparisons never hinge on binary noise. */
export const MAX_RULE_DECIMALS = 4

/**
 * Excel's ROUND on a binary value: half away from zero, computed exactly as HyperFormula does it,
 * so the engine and a sheet produce the same double.
 */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  const factor = Math.pow(10, decimals)
  return value < 0 ? -Math.round(-value * factor) / factor : Math.round(value * factor) / factor
}

/**
 * The value a score is compared at: `ROUND(value + 0.000000001, decimals)` in a formula.
 * Marks and means are non-negative when this is used.
 */
export function roundForComparison(value: number, decimals: number): number {
  return roundHalfAwayFromZero(value + ROUNDING_NUDGE, decimals)
}

/** True when `value` is a finite number with at most `decimals` decimals (10.005 has 3). */
export function hasAtMostDecimals(value: number, decimals: number): boolean {
  return Number.isFinite(value) && Number(value.toFixed(decimals)) === value
}
