/**
 * The Worker's entry. Static assets (the task pane, the PDF fonts) are served before it runs;
 * /api/* goes to the API and /verifier/* to the public verification page of documents
 * (wrangler.jsonc `run_worker_first`). The site's root has no asset of its own: someone who opens
 * the Worker's address in a browser is sent to the task pane, which, outside Excel, explains how
 * to add Certibloc.
 */
import { app } from './app'
import { verificationApp } from './routes/verification'

/** Hono's own signature: the entry compiles wherever the app's types do (Worker, pane, tests). */
type FetchArguments = Parameters<typeof app.fetch>

/**
 * Where the root leads: the pane's page (the manifest's SourceLocation). Not exported: workerd
 * takes every named export of the entry module for a handler and refuses to start on a string.
 */
const ROOT_REDIRECT = '/taskpane.html'

export default {
  fetch(request: FetchArguments[0], env: FetchArguments[1], ctx?: FetchArguments[2]) {
    const url = new URL(request.url)
    if (url.pathname === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
      return Response.redirect(new URL(ROOT_REDIRECT, url).toString(), 302)
    }
    const target = url.pathname.startsWith('/verifier/') ? verificationApp : app
    return target.fetch(request, env, ctx)
  },
}
