/**
 * The Worker's address opened in a browser: the root leads to the task pane, which outside Excel
 * explains how to add Certibloc, instead of the API's JSON 404.
 */
import { createExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import worker from '../../../worker/index'
import { ADMIN_TOKEN, testEnv } from '../harness'

const fetchRoot = (path: string, method = 'GET') =>
  worker.fetch(
    new Request(`https://certibloc.mon-ecole.fr${path}`, { method, redirect: 'manual', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } }),
    testEnv,
    createExecutionContext(),
  )

describe('GET /', () => {
  it('redirects to the task pane, on the same origin', async () => {
    for (const path of ['/', '/?source=email']) {
      const res = await fetchRoot(path)
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe('https://certibloc.mon-ecole.fr/taskpane.html')
    }
    expect((await fetchRoot('/', 'HEAD')).status).toBe(302)
  })

  it('leaves the API to the API: its routes, and its 404 in the envelope', async () => {
    const health = await fetchRoot('/api/v1/health')
    expect(health.status).toBe(200)
    const unknown = await fetchRoot('/api/v1/nothing-here')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })
})
