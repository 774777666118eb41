import { describe, expect, it } from 'vitest'
import { isDarkOfficeTheme } from '../../../addin/src/office/officeTheme'

describe('Office’s theme, light or dark', () => {
  it('believes the host when it says whether the theme is dark', () => {
    expect(isDarkOfficeTheme({ isDarkTheme: true, bodyBackgroundColor: '#FFFFFF' })).toBe(true)
    expect(isDarkOfficeTheme({ isDarkTheme: false, bodyBackgroundColor: '#000000' })).toBe(false)
  })

  it('else judges by the body background (Office’s Black and Dark Gray themes)', () => {
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#262626' })).toBe(true)
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#666666' })).toBe(true)
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#F3F2F1' })).toBe(false)
    expect(isDarkOfficeTheme({ bodyBackgroundColor: 'FFFFFF' })).toBe(false)
  })

  it('knows nothing when the host says nothing, and the pane then stays light', () => {
    expect(isDarkOfficeTheme(null)).toBeNull()
    expect(isDarkOfficeTheme({})).toBeNull()
    expect(isDarkOfficeTheme({ bodyBackgroundColor: 'transparent' })).toBeNull()
  })
})
