/**
 * A local origin for the browser: the built task pane as static files and, like the Worker in
 * production, the API under /api on the same origin (handed to an in-process fetch).
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.json': 'application/json',
}

export interface TaskpaneServer {
  origin: string
  close(): Promise<void>
}

export async function serveTaskpane(staticDir: string, api: typeof fetch | null): Promise<TaskpaneServer> {
  const server = createServer((request, response) => {
    handle(staticDir, api, request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' })
      response.end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}

async function handle(staticDir: string, api: typeof fetch | null, request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1')
  if (url.pathname.startsWith('/api/')) {
    if (!api) return notFound(response)
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const headers = new Headers()
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value)
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined
    const answer = await api(new Request(url, { method: request.method ?? 'GET', headers, ...(body ? { body } : {}) }))
    response.writeHead(answer.status, Object.fromEntries(answer.headers))
    response.end(Buffer.from(await answer.arrayBuffer()))
    return
  }
  const file = normalize(join(staticDir, decodeURIComponent(url.pathname)))
  if (!file.startsWith(staticDir) || !(await stat(file).then((found) => found.isFile(), () => false))) return notFound(response)
  response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' })
  createReadStream(file).pipe(response)
}

function notFound(response: ServerResponse) {
  response.writeHead(404, { 'content-type': 'text/plain' })
  response.end('not found')
}
