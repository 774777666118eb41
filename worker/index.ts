/**
 * The Worker's entry. Static assets (the task pane, the PDF fonts) are served before it runs;
 * /api/* goes to the API and /verifier/* to the public verification page of documents
 * (wrangler.jsonc `run_worker_first`).
 */
import type { ExecutionContext } from '@cloudflare/workers-types'
import { app } from './app'
import type { Env } from './env'
import { verificationApp } from './routes/verification'

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    const target = new URL(request.url).pathname.startsWith('/verifier/') ? verificationApp : app
    return target.fetch(request, env, ctx)
  },
}
