// Static assets (the task pane) are served before the Worker runs; only /api/* reaches it.
export { app as default } from './app'
