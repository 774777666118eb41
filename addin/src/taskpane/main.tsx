/** Entry of the task pane: Fluent theme (Office's, light or dark), then the Office gate, then the app. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { HostGate } from './components/HostGate'
import { ThemedProvider } from './components/ThemedProvider'
import './taskpane.css'

const container = document.getElementById('root')
if (!container) throw new Error('#root missing from taskpane.html')

createRoot(container).render(
  <StrictMode>
    <ThemedProvider>
      <HostGate>
        <App />
      </HostGate>
    </ThemedProvider>
  </StrictMode>,
)
