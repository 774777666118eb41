import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../addin/src/api/client'
import { ExcelError } from '../../../addin/src/excel/excelError'
import { SyncError } from '../../../addin/src/sync/syncError'
import { isCredentialRefusal, toDisplayedError } from '../../../addin/src/taskpane/displayedError'

describe('toDisplayedError', () => {
  it('shows a grid action’s refusal in French, its technical reasons on demand', () => {
    expect(toDisplayedError(new SyncError('RULES_INVALID', 'Les règles ne passent pas.', 'Bloc BC01 : formule trop longue'))).toEqual({
      message: 'Les règles ne passent pas.',
      details: 'Bloc BC01 : formule trop longue',
    })
  })

  it('keeps the API’s and Excel’s own French messages and codes', () => {
    expect(toDisplayedError(new ApiError('CONFLICT', 'Lignes modifiées.', { conflicts: [] }, 409))).toEqual({
      message: 'Lignes modifiées.',
      details: 'Code : CONFLICT — HTTP 409\n{\n  "conflicts": []\n}',
    })
    expect(toDisplayedError(new ExcelError('AccessDenied', 'Excel a refusé.', 'AccessDenied: protected'))).toEqual({
      message: 'Excel a refusé.',
      details: 'AccessDenied: protected',
    })
  })
})

describe('a refused token', () => {
  it('reads « jeton refusé » in plain French, the header’s name left to the details', () => {
    const refusal = new ApiError('UNAUTHORIZED', 'Authentification requise\u00a0: envoyez l’en-tête « Authorization: Bearer <jeton> » avec un jeton valide.', null, 401)
    const shown = toDisplayedError(refusal)
    expect(shown.message).toMatch(/^Jeton refusé\u00a0:/)
    expect(shown.message).not.toMatch(/Authorization|Bearer/)
    expect(shown.details).toBe('Code\u00a0: UNAUTHORIZED — HTTP 401')
    expect(isCredentialRefusal(refusal)).toBe(true)
    expect(isCredentialRefusal(new ApiError('FORBIDDEN', 'Interdit.', null, 403))).toBe(false)
  })
})
