import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components'
import { useEffect, useState, type ReactNode } from 'react'
import { currentOfficeTheme, isDarkOfficeTheme } from '../../office/officeTheme'

/**
 * The Fluent theme that follows Office's (light or dark) when the host says which. Office has no
 * theme-change event for Excel add-ins: the theme is read once Office is ready, and again when the
 * pane comes back into view (a theme change in Office's settings is then picked up).
 */
export function ThemedProvider({ children }: { children: ReactNode }) {
  const [dark, setDark] = useState(false)

  useEffect(() => {
    const read = () => setDark(isDarkOfficeTheme(currentOfficeTheme()) === true)
    const office = (globalThis as { Office?: { onReady?: () => Promise<unknown> } }).Office
    void office?.onReady?.().then(read, () => undefined)
    document.addEventListener('visibilitychange', read)
    return () => document.removeEventListener('visibilitychange', read)
  }, [])

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: '100vh' }} data-theme={dark ? 'dark' : 'light'}>
      {children}
    </FluentProvider>
  )
}
