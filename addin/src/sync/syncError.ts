/**
 * A grid action refused for a reason of the workbook or the data rather than of Excel or the
 * network: no grid yet, unsent edits of another session, rules that cannot be turned into formulas.
 */
export class SyncError extends Error {
  constructor(
    readonly code: 'NO_GRID' | 'UNSENT_EDITS_ELSEWHERE' | 'LAYOUT_CHANGED' | 'RULES_INVALID' | 'GRID_MISMATCH' | 'NO_DRAFT' | 'REFERENTIAL_UNKNOWN',
    /** French, ready to show. */
    message: string,
    readonly details: string | null = null,
  ) {
    super(message)
    this.name = 'SyncError'
  }
}
