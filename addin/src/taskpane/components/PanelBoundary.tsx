import { Button, Caption1, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components'
import { Component, Suspense, type ErrorInfo, type ReactNode } from 'react'
import { fr } from '../../i18n/fr'

interface State {
  failed: boolean
}

/**
 * Catches what a panel throws while loading (a lazily loaded chunk that did not arrive, after a
 * new deployment for instance) or rendering, so the rest of the pane keeps working. The way out is
 * to reload the pane: a chunk that failed to load is not retried by React, and the workbook keeps
 * everything the pane wrote.
 */
class PanelErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false }

  static getDerivedStateFromError(): State {
    return { failed: true }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Panel failed', error, info.componentStack)
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children
    return (
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>{fr.sections.failed}</MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={() => window.location.reload()}>
            {fr.sections.reload}
          </Button>
        </MessageBarActions>
      </MessageBar>
    )
  }
}

/** A lazily loaded panel: « Chargement… » while it loads, a way out if it fails. */
export function LazyPanel({ children, quiet = false }: { children: ReactNode; quiet?: boolean }) {
  return (
    <PanelErrorBoundary>
      <Suspense fallback={quiet ? null : <Caption1>{fr.sections.loading}</Caption1>}>{children}</Suspense>
    </PanelErrorBoundary>
  )
}
