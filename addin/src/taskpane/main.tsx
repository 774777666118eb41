/** Entry of the task pane: Fluent theme, then the Office gate, then the app. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { HostGate } from './components/HostGate'
import './taskpane.css'

const container = document.getElementById('root')
if (!container) throw new Error('#root missing from taskpane.html')

createRoot(container).render(
  <StrictMode>
    <FluentProvider theme={webLightTheme}>
      <HostGate>
        <App />
      </HostGate>
    </FluentProvider>
  </StrictMode>,
)
