/**
 * The certifier settings in D1: an administrator reads and saves them against a version, every
 * save audited; documents print the stored values, the deployment's variables being defaults.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { listAuditEvents } from '../../../worker/db/audit'
import { getPv } from '../../../worker/db/documents'
import { seedTheReferential, testEnv } from '../harness'
import { call, CERTIFIER_VARS, json, REGULAR_JURY, type ErrorBody } from '../deliberation/helpers'

interface SettingsBody {
  version: number
  updatedBy: string | null
  stored: Record<string, string | null>
  defaults: Record<string, string | null>
  effective: Record<string, string | null>
  sources: Record<string, string | null>
  fields: Array<{ key: string; label: string }>
}

const NO_VARS = {}
const settings = async (vars: Record<string, string> = CERTIFIER_VARS) => await (await call('/certifier-settings', {}, vars)).json<SettingsBody>()
const save = (body: unknown, vars: Record<string, string> = CERTIFIER_VARS) => call('/certifier-settings', json('PUT', body), vars)

beforeAll(async () => {
  await seedTheReferential()
})

describe('GET and PUT /certifier-settings', () => {
  it('starts with nothing stored: documents would print the deployment’s variables', async () => {
    const body = await settings()
    expect(body).toMatchObject({ version: 0, updatedBy: null, stored: { certifierName: null, siret: null } })
    expect(body.effective.certifierName).toBe(CERTIFIER_VARS.CERTIFIER_NAME)
    expect(body.sources).toMatchObject({ certifierName: 'deployment', siret: null })
    expect(body.fields.map((f) => f.key)).toEqual([
      'certifierName', 'siret', 'address', 'signatory', 'city', 'rncpCode', 'rncpRegistrationDate', 'nsfCodes', 'cdcIdClient', 'cdcIdContrat', 'cdcIdEmetteur',
    ])
  })

  it('saves the values sent against the version read, audited with before and after', async () => {
    const res = await save({ version: 0, settings: { certifierName: 'École Certibloc de Lyon', siret: '73282932000074', rncpRegistrationDate: '2025-01-15' } })
    expect(res.status, await res.clone().text()).toBe(200)
    const body = await res.json<SettingsBody>()
    expect(body).toMatchObject({
      version: 1,
      updatedBy: 'admin',
      stored: { certifierName: 'École Certibloc de Lyon', siret: '73282932000074', city: null },
      effective: { certifierName: 'École Certibloc de Lyon', city: CERTIFIER_VARS.CERTIFIER_CITY },
      sources: { certifierName: 'database', city: 'deployment' },
    })
    const event = (await testEnv.DB.prepare(`SELECT details_json FROM audit_event WHERE action = 'certifier.settings.update'`).first<string>('details_json'))!
    expect(JSON.parse(event)).toEqual({
      version: 1,
      before: {},
      after: { certifierName: 'École Certibloc de Lyon', siret: '73282932000074', rncpRegistrationDate: '2025-01-15' },
    })
  })

  it('refuses a stale version and invalid values, located, writing nothing', async () => {
    const stale = await save({ version: 0, settings: { city: 'Paris' } })
    expect(stale.status).toBe(409)
    expect((await stale.json<ErrorBody>()).error.message).toBe(
      'Les paramètres du certificateur ont été modifiés entre-temps : rechargez-les puis recommencez.',
    )
    const invalid = await save({ version: 1, settings: { siret: '12345678901234', cdcIdClient: 'TROP-LONG-ID' } })
    expect(invalid.status).toBe(400)
    expect((await invalid.json<ErrorBody>()).error.details).toMatchObject({
      issues: [
        { path: 'body.settings.siret', message: '14 chiffres d’un SIRET valide attendu' },
        { path: 'body.settings.cdcIdClient', message: '8 caractères alphanumériques attendu' },
      ],
    })
    expect((await settings()).version).toBe(1)
  })

  it('clears a stored value with null, so the deployment’s applies again', async () => {
    const res = await save({ version: 1, settings: { rncpRegistrationDate: null } })
    expect((await res.json<SettingsBody>()).sources.rncpRegistrationDate).toBe('deployment')
  })
})

describe('documents read the settings stored in D1', () => {
  it('finalises with the stored name and no deployment variable, and names what is missing otherwise', async () => {
    const session = (await (await call('/sessions', json('POST', { referentialId: seedReferential.id, name: 'Réglages' }), NO_VARS)).json<{
      session: { id: string }
    }>()).session.id
    await call(`/sessions/${session}/jury`, json('PUT', { members: REGULAR_JURY }), NO_VARS)
    // The seed's référentiel has no RNCP code: the settings must give one.
    const missing = await call(`/sessions/${session}/finalise`, json('POST', {}), NO_VARS)
    expect(missing.status).toBe(409)
    expect((await missing.json<ErrorBody>()).error).toMatchObject({ code: 'SETTINGS_INCOMPLETE', details: { settings: [{ key: 'rncpCode' }] } })

    const version = (await settings(NO_VARS)).version
    expect((await save({ version, settings: { rncpCode: 'RNCP40000' } }, NO_VARS)).status).toBe(200)
    const res = await call(`/sessions/${session}/finalise`, json('POST', {}), NO_VARS)
    expect(res.status, await res.clone().text()).toBe(200)
    const pv = await getPv(testEnv.DB, session, 1)
    expect(pv?.snapshot.certifier).toMatchObject({ name: 'École Certibloc de Lyon', siret: '73282932000074', rncpCode: 'RNCP40000' })
    expect((await listAuditEvents(testEnv.DB, { sessionId: session })).at(-1)?.action).toBe('session.finalise')
  })
})
