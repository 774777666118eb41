/**
 * Light or dark, as Office says: `Office.context.officeTheme` (Excel on Windows and Mac; Excel on
 * the web has none). `isDarkTheme` when the host gives it, else the body background's luminance;
 * null when the host says nothing, and the pane stays light.
 */

/** The part of `Office.context.officeTheme` this module reads. */
export interface OfficeThemeColors {
  isDarkTheme?: boolean
  bodyBackgroundColor?: string
}

/** Perceived luminance (0–1) of « #RRGGBB », or null for anything else. */
function luminance(hex: string): number | null {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim())
  if (!match) return null
  const [r, g, b] = [match[1], match[2], match[3]].map((part) => Number.parseInt(part!, 16) / 255) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export function isDarkOfficeTheme(theme: OfficeThemeColors | null | undefined): boolean | null {
  if (!theme) return null
  if (typeof theme.isDarkTheme === 'boolean') return theme.isDarkTheme
  const light = theme.bodyBackgroundColor === undefined ? null : luminance(theme.bodyBackgroundColor)
  return light === null ? null : light < 0.5
}

/** The theme of the running host; null outside Office or before `Office.onReady`. */
export function currentOfficeTheme(): OfficeThemeColors | null {
  const office = (globalThis as { Office?: { context?: { officeTheme?: OfficeThemeColors } } }).Office
  try {
    return office?.context?.officeTheme ?? null
  } catch {
    // Some hosts throw on officeTheme before they are ready, or when it is not supported.
    return null
  }
}
