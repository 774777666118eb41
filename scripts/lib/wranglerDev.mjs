/**
 * The `wrangler dev` command line of `npm start` (scripts/start.mjs), shared with the test that
 * starts the Worker the same way (test/scripts/start.test.ts).
 */

/**
 * The admin token goes as a `--var`, not through .dev.vars: wrangler.jsonc declares
 * `secrets.required` (the jury-sheet key), and wrangler dev then loads only the declared secrets
 * from .dev.vars. ADMIN_TOKEN is deliberately not declared (a deployment deletes it once
 * administrators exist), so from .dev.vars it would never reach the Worker.
 */
export function wranglerDevArgs({ port, adminToken }) {
  return ['dev', '--port', String(port), '--ip', '127.0.0.1', '--show-interactive-dev-session=false', '--var', `ADMIN_TOKEN:${adminToken}`]
}
