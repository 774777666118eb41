/**
 * The authorization matrix: every route the app serves, called as anonymous and as each role,
 * with a minimal request. "Allowed" means any answer but 401/403 (the request may still be
 * invalid: validation comes after authorization); "denied" means 401 or 403.
 *
 * The expectations are written here from the roles as the issue describes them, independently of
 * worker/auth/policy.ts:
 *   - admin: users, référentiels, everything;
 *   - responsable de certification (manager): référentiels and their rules, sessions, candidates,
 *     finalisation, documents;
 *   - évaluateur (assessor): reads and grades only the sessions he is assigned to, cannot finalise;
 *   - lecteur (reader): reads and exports.
 * A route the app serves without an expectation here fails the test, and so does an expectation
 * for a route that no longer exists.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { call, createCandidate, createSession, createUser, fakeMicrosoft, jsonBody, okJson, servedRoutes, type FakeMicrosoft } from './support'

type Caller = 'anonymous' | 'admin' | 'manager' | 'assessorAssigned' | 'assessorElsewhere' | 'reader'
const CALLERS: Caller[] = ['anonymous', 'admin', 'manager', 'assessorAssigned', 'assessorElsewhere', 'reader']

const PUBLIC: Caller[] = [...CALLERS]
const SIGNED_IN: Caller[] = ['admin', 'manager', 'assessorAssigned', 'assessorElsewhere', 'reader']
const ADMIN: Caller[] = ['admin']
const MANAGE: Caller[] = ['admin', 'manager']
/** Reading a session: everyone with a role on it (an assessor only where assigned). */
const READ: Caller[] = ['admin', 'manager', 'assessorAssigned', 'reader']
const GRADE: Caller[] = ['admin', 'manager', 'assessorAssigned']
/** Exports (summaries, PV files): readers too, not assessors. */
const EXPORT: Caller[] = ['admin', 'manager', 'reader']

const S = '/sessions/:sessionId'
const expectations: Record<string, Caller[]> = {
  'GET /health': PUBLIC,
  'GET /openapi.json': PUBLIC,
  'GET /auth/config': PUBLIC,
  'GET /me': SIGNED_IN,

  // Référentiels are read by anyone who works on a session, assigned anywhere; the school's
  // règlement (publishing a référentiel or its next version) is the responsable's and the admin's.
  'GET /referentials': SIGNED_IN,
  'POST /referentials': MANAGE,
  'GET /referentials/:id': SIGNED_IN,
  'GET /referentials/:id/diff': SIGNED_IN,

  // The full list of sessions is for global roles; assessors find theirs in GET /me.
  'GET /sessions': ['admin', 'manager', 'reader'],
  'POST /sessions': MANAGE,
  [`GET ${S}`]: READ,
  [`PATCH ${S}`]: MANAGE,
  // Deleting an empty session, like creating one; archiving a deliberated one, like finalising.
  [`DELETE ${S}`]: MANAGE,
  [`POST ${S}/close`]: MANAGE,
  [`POST ${S}/rattrapage`]: MANAGE,

  [`GET ${S}/candidates`]: READ,
  [`GET ${S}/candidates/:candidateId`]: READ,
  [`GET ${S}/candidates/import-template.csv`]: READ,
  [`POST ${S}/candidates`]: MANAGE,
  [`POST ${S}/candidates/bulk`]: MANAGE,
  [`POST ${S}/candidates/import`]: MANAGE,
  [`POST ${S}/candidates/import-sheet`]: MANAGE,
  [`POST ${S}/candidates/:candidateId/withdraw`]: MANAGE,
  [`POST ${S}/candidates/:candidateId/reinstate`]: MANAGE,
  [`PUT ${S}/candidates/:candidateId`]: MANAGE,
  [`DELETE ${S}/candidates/:candidateId`]: MANAGE,

  [`GET ${S}/grid`]: READ,
  [`GET ${S}/results`]: READ,
  [`PUT ${S}/grades`]: GRADE,
  [`GET ${S}/jury-sheets.xlsx`]: READ,
  [`GET ${S}/jury-imports`]: READ,
  [`POST ${S}/jury-imports`]: GRADE,
  [`POST ${S}/jury-imports/extracted`]: GRADE,
  [`POST ${S}/jury-imports/:batchId/undo`]: GRADE,

  [`GET ${S}/jury`]: READ,
  [`PUT ${S}/jury`]: MANAGE,
  [`POST ${S}/finalise`]: MANAGE,
  [`POST ${S}/amend`]: MANAGE,
  [`GET ${S}/pv`]: READ,
  [`GET ${S}/documents`]: READ,
  [`GET ${S}/pv/:file`]: EXPORT,
  [`GET ${S}/summary.xlsx`]: EXPORT,
  [`GET ${S}/summary.csv`]: EXPORT,
  // Issuing documents in the certifier's name is the responsable's job.
  [`GET ${S}/candidates/:candidateId/attestation.pdf`]: MANAGE,
  [`GET ${S}/attestations.pdf`]: MANAGE,
  [`GET ${S}/cdc.xml`]: MANAGE,

  [`GET ${S}/audit`]: MANAGE,
  [`GET ${S}/candidates/:candidateId/export`]: MANAGE,
  [`POST ${S}/candidates/:candidateId/erase`]: ADMIN,

  'GET /users': ADMIN,
  'POST /users': ADMIN,
  'GET /users/:userId': ADMIN,
  'PATCH /users/:userId': ADMIN,
  'PUT /users/:userId/sessions/:sessionId': ADMIN,
  'DELETE /users/:userId/sessions/:sessionId': ADMIN,
  // Who works on a session and inviting someone to it: user management, the administrator's.
  [`GET ${S}/people`]: ADMIN,
  [`POST ${S}/people`]: ADMIN,
  // The certifier's identity on every document: the administrator's.
  'GET /certifier-settings': ADMIN,
  'PUT /certifier-settings': ADMIN,
  'GET /tokens': ADMIN,
  'POST /tokens': ADMIN,
  'DELETE /tokens/:tokenId': ADMIN,
}

const toKey = (method: string, path: string) => `${method} ${path.replace(/^\/api\/v1/, '')}`

let microsoft: FakeMicrosoft
const tokens = new Map<Caller, string | null>()
const params: Record<string, string> = {}

beforeAll(async () => {
  microsoft = await fakeMicrosoft()
  const sessionId = await createSession('Matrice')
  const elsewhere = await createSession('Autre session')
  const candidateId = await createCandidate(sessionId, 'MAT-1')
  const users = {
    admin: await createUser(microsoft, 'admin@ecole.example', { global: 'admin' }),
    manager: await createUser(microsoft, 'responsable@ecole.example', { global: 'manager' }),
    assessorAssigned: await createUser(microsoft, 'evaluateur@ecole.example', { sessions: { [sessionId]: 'assessor' } }),
    assessorElsewhere: await createUser(microsoft, 'evaluateur.ailleurs@ecole.example', { sessions: { [elsewhere]: 'assessor' } }),
    reader: await createUser(microsoft, 'lecteur@ecole.example', { global: 'reader' }),
  }
  // The target of user routes: a user none of the callers is.
  const target = await okJson<{ user: { id: string } }>(await call('/users', jsonBody('POST', { email: 'cible@ecole.example' })), 201)
  tokens.set('anonymous', null)
  for (const [caller, user] of Object.entries(users)) tokens.set(caller as Caller, await user.token())
  Object.assign(params, {
    sessionId,
    candidateId,
    id: seedReferential.id,
    batchId: crypto.randomUUID(),
    file: '1.pdf',
    userId: target.user.id,
    tokenId: crypto.randomUUID(),
  })
  return () => microsoft.restore()
})

/** The smallest request to a route: path parameters filled, and a body that validation refuses. */
function minimalRequest(method: string, path: string): [string, RequestInit] {
  const url = path.replace(/^\/api\/v1/, '').replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`no value for :${name} in ${path}`)
    return value
  })
  if (method === 'GET' || method === 'DELETE') return [url, { method }]
  return [url, { method, headers: { 'Content-Type': 'application/json' }, body: '[]' }]
}

describe('the authorization matrix', () => {
  it('has an expectation for every route the app serves, and no expectation for a route that does not exist', () => {
    const served = servedRoutes().map((r) => toKey(r.method, r.path)).sort()
    expect(served).toEqual(Object.keys(expectations).sort())
  })

  it.each(CALLERS)('allows and denies each route as expected for %s', async (caller) => {
    const unexpected: string[] = []
    for (const { method, path } of servedRoutes()) {
      const key = toKey(method, path)
      const allowed = expectations[key]?.includes(caller) ?? false
      const [url, init] = minimalRequest(method, path)
      // Each caller from its own address: the anonymous calls are not failed authentications anyway.
      const res = await call(url, { ...init, token: tokens.get(caller) ?? null, ip: `192.0.2.${CALLERS.indexOf(caller) + 1}` })
      const denied = res.status === 401 || res.status === 403
      if (denied === allowed) unexpected.push(`${key}: ${allowed ? 'denied' : 'allowed'} with ${res.status} ${await res.text()}`)
      else await res.body?.cancel()
    }
    expect(unexpected).toEqual([])
  })

  it('denies an anonymous caller with 401 and an authenticated one without the permission with 403', async () => {
    const anonymous = await call(`/sessions/${params.sessionId}/grades`, { method: 'PUT', token: null, ...jsonBody('PUT', []) })
    expect(anonymous.status).toBe(401)
    const reader = await call(`/sessions/${params.sessionId}/grades`, { ...jsonBody('PUT', []), token: tokens.get('reader') ?? null })
    expect(reader.status).toBe(403)
    expect(await reader.json()).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: 'Accès refusé : votre rôle ne vous permet pas de saisir les notes sur cette session (droit « grade.write »).',
        details: { permission: 'grade.write', sessionId: params.sessionId },
      },
    })
  })
})
