/**
 * Documents over HTTP: attestations, the summary (.xlsx, CSV), the Caisse des Dépôts file and
 * what each refuses. Their content is specified by the builders' tests (test/shared/documents);
 * here, which candidates, which session states and which settings.
 */
import { Workbook } from '../../../shared/xlsx'
import { XMLParser } from 'fast-xml-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { csvRecords, decodeCsvBytes } from '../../../shared/formats/csv'
import { seedReferential } from '../../../shared/referential'
import { listAuditEvents } from '../../../worker/db/audit'
import { DEMO_SESSION_ID, seedDemoSession } from '../../../worker/db/demo'
import { seedTheReferential, testEnv } from '../harness'
import { pdfPageCount } from '../pdfFacts'
import { bytesOf, call, CERTIFIER_VARS, json, REGULAR_JURY, results, type ErrorBody } from './helpers'

const session = DEMO_SESSION_ID

let lacking = { id: '', schoolId: '' }
let unmarkedId = ''

beforeAll(async () => {
  await seedTheReferential()
  await seedDemoSession(testEnv.DB, seedReferential)
  await call(`/sessions/${session}/jury`, json('PUT', { members: REGULAR_JURY }))
  // A certified holder whose birth date was never entered: the CDC file must point at them.
  const certified = (await results(session)).find((r) => r.decision === 'CERTIFIÉ')!
  const { candidate } = await (await call(`/sessions/${session}/candidates/${certified.candidateId}`)).json<{
    candidate: Record<string, unknown> & { rowVersion: number; schoolId: string }
  }>()
  const { id, sessionId, rowVersion, ...input } = candidate
  void sessionId
  const put = await call(`/sessions/${session}/candidates/${String(id)}`, json('PUT', { rowVersion, candidate: { ...input, birthDate: null } }))
  expect(put.status).toBe(200)
  lacking = { id: String(id), schoolId: candidate.schoolId }
  // A candidate without any mark: every bloc pending, nothing to attest.
  const created = await call(
    `/sessions/${session}/candidates`,
    json('POST', { schoolId: 'VIDE-001', birthName: 'Sansnote', firstNames: ['Alex'], sex: 'M', birthDate: '2000-01-01', optionCode: 'BC05-A' }),
  )
  expect(created.status).toBe(201)
  unmarkedId = (await created.json<{ candidate: { id: string } }>()).candidate.id
})

describe('before the deliberation', () => {
  it('refuses attestations and the CDC file, which need a deliberated session', async () => {
    for (const path of [`/sessions/${session}/candidates/${lacking.id}/attestation.pdf`, `/sessions/${session}/attestations.pdf`, `/sessions/${session}/cdc.xml`]) {
      const res = await call(path)
      expect(res.status).toBe(409)
      expect((await res.json<ErrorBody>()).error.message).toBe('La session n’est pas délibérée : finalisez d’abord la délibération.')
    }
  })

  it('gives a provisional summary, said to be so', async () => {
    const res = await call(`/sessions/${session}/summary.xlsx`)
    expect(res.status).toBe(200)
    const workbook = new Workbook()
    await workbook.xlsx.load(await bytesOf(res))
    const stats = workbook.getWorksheet('Statistiques')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1))
    expect(stats.find((r) => r[0] === 'Statut')?.[1]).toBe('ouverte : résultats provisoires, non délibérés')
    expect(workbook.getWorksheet('Décisions')!.getRow(2).getCell(1).value).toBe('PROVISOIRE')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="synthese-[^"]*-PROVISOIRE\.xlsx"/)
    const csv = await call(`/sessions/${session}/summary.csv`)
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="synthese-[^"]*-PROVISOIRE\.csv"/)
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(lines[0]).toMatch(/^Résultats;N° candidat;/)
    for (const line of lines.slice(1)) expect(line).toMatch(/^PROVISOIRE;/)
  })

  it('names the certifier settings a finalisation lacks, by their label and variable', async () => {
    const res = await call(`/sessions/${session}/finalise`, json('POST', {}), { ...CERTIFIER_VARS, CERTIFIER_NAME: '', RNCP_CODE: 'RNCP-X' })
    expect(res.status).toBe(409)
    const body = await res.json<ErrorBody>()
    expect(body.error.code).toBe('SETTINGS_INCOMPLETE')
    expect(body.error.message).toBe(
      'Paramètres du certificateur manquants ou invalides : Nom du certificateur (CERTIFIER_NAME), Code RNCP (si le référentiel n’en porte pas) (RNCP_CODE). Un administrateur les renseigne dans « Paramètres du certificateur ».',
    )
  })
})

describe('after the deliberation', () => {
  beforeAll(async () => {
    const res = await call(`/sessions/${session}/finalise`, json('POST', {}))
    expect(res.status).toBe(200)
  })

  it('issues an attestation to a candidate with validated blocs, and records it', async () => {
    const partial = (await results(session)).find((r) => r.decision === 'PARTIELLE')!
    const res = await call(`/sessions/${session}/candidates/${partial.candidateId}/attestation.pdf`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="attestation-blocs-DEMO-\d{3}\.pdf"/)
    expect(pdfPageCount(await bytesOf(res))).toBe(1)
    const audit = await listAuditEvents(testEnv.DB, { sessionId: session, candidateId: partial.candidateId })
    expect(audit.at(-1)).toMatchObject({ action: 'document.attestation', details: { pvVersion: 1 } })
  })

  it('refuses an attestation when no bloc was validated, and for a candidate not on the PV', async () => {
    const res = await call(`/sessions/${session}/candidates/${unmarkedId}/attestation.pdf`)
    expect(res.status).toBe(422)
    expect((await res.json<ErrorBody>()).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Le candidat n’a validé aucun bloc lors de cette délibération : il n’y a pas d’attestation de blocs à délivrer.',
      details: { candidateId: unmarkedId, decision: 'EN ATTENTE' },
    })
    const unknown = await call(`/sessions/${session}/candidates/unknown-id/attestation.pdf`)
    expect(unknown.status).toBe(404)
    expect((await unknown.json<ErrorBody>()).error.message).toBe('Le candidat « unknown-id » ne figure pas sur le dernier PV de la session.')
  })

  it('gives the summary CSV that French Excel reads: BOM, semicolons, one row per candidate', async () => {
    const res = await call(`/sessions/${session}/summary.csv`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const bytes = await bytesOf(res)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const decoded = decodeCsvBytes(bytes)
    if (!decoded.ok) throw new Error(decoded.message)
    const rows = [...csvRecords(decoded.text, ';')].filter((r) => r.cells.some((c) => c !== ''))
    expect(rows[0]?.cells.slice(0, 3)).toEqual(['Résultats', 'N° candidat', 'Nom de naissance'])
    expect(rows).toHaveLength(32)
    expect(new Set(rows.slice(1).map((r) => r.cells[0]))).toEqual(new Set(['DÉFINITIFS']))
    expect(res.headers.get('content-disposition')).not.toContain('PROVISOIRE')
  })

  it('answers the CDC file with an error located on the holder lacking a birth date, and produces no file', async () => {
    const res = await call(`/sessions/${session}/cdc.xml`)
    expect(res.status).toBe(422)
    const body = await res.json<ErrorBody>()
    expect(body.error.code).toBe('VALIDATION_FAILED')
    expect(body.error.message).toMatch(/^1 donnée\(s\) obligatoire\(s\) manquent pour la Caisse des Dépôts/)
    expect(body.error.details?.errors).toEqual([
      expect.objectContaining({ candidateId: lacking.id, schoolId: lacking.schoolId, field: 'birthDate', message: expect.stringMatching(/date de naissance manquante/) }),
    ])
  })

  it('names the CDC identifiers when they are not configured', async () => {
    const { CDC_ID_CLIENT: _client, CDC_ID_CONTRAT: _contract, ...withoutCdc } = CERTIFIER_VARS
    const res = await call(`/sessions/${session}/cdc.xml`, {}, withoutCdc)
    expect(res.status).toBe(409)
    expect((await res.json<ErrorBody>()).error.message).toMatch(/\(CDC_ID_CLIENT\), .*\(CDC_ID_CONTRAT\)/)
  })

  it('declares only the certified holders once the data is complete (after an amendment)', async () => {
    expect((await call(`/sessions/${session}/amend`, json('POST', { reason: 'Date de naissance manquante pour la CDC' }))).status).toBe(200)
    const { candidate } = await (await call(`/sessions/${session}/candidates/${lacking.id}`)).json<{
      candidate: Record<string, unknown> & { rowVersion: number }
    }>()
    const { id: _id, sessionId: _s, rowVersion, ...input } = candidate
    expect((await call(`/sessions/${session}/candidates/${lacking.id}`, json('PUT', { rowVersion, candidate: { ...input, birthDate: '1999-04-02' } }))).status).toBe(200)
    expect((await call(`/sessions/${session}/finalise`, json('POST', {}))).status).toBe(200)

    const res = await call(`/sessions/${session}/cdc.xml`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    const xml = await res.text()
    const passages = new XMLParser({ isArray: (name) => name === 'cpf:passageCertification', parseTagValue: false }).parse(xml)['cpf:flux'][
      'cpf:emetteur'
    ]['cpf:certificateurs']['cpf:certificateur']['cpf:certifications']['cpf:certification']['cpf:passageCertifications'][
      'cpf:passageCertification'
    ] as Array<Record<string, unknown>>
    const certified = (await results(session)).filter((r) => r.decision === 'CERTIFIÉ').map((r) => r.candidateId)
    expect(passages.map((p) => p['cpf:idTechnique']).sort()).toEqual([...certified].sort())
    expect(xml).toContain('<cpf:code>RNCP12345</cpf:code>')
    expect(xml).toContain('<cpf:dateDebutValidite>2026-07-09</cpf:dateDebutValidite>')
    const audit = await listAuditEvents(testEnv.DB, { sessionId: session })
    expect(audit.at(-1)).toMatchObject({ action: 'document.cdc', details: { idFlux: res.headers.get('x-cdc-flux-id'), pvVersion: 2 } })
  })
})
