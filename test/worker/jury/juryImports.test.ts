import { beforeAll, describe, expect, it } from 'vitest'
import { parisIsoDay } from '../../../shared/frenchDates'
import { metadataPayload } from '../../../shared/jury/metadata'
import type { ImportPlan } from '../../../shared/jury/planImport'
import { BASE_MARKS, baseFills } from '../../shared/jury/corpus'
import { day, fillJurySheets, loadJuryWorkbook, type SheetFill } from '../../shared/jury/fixtures'
import { request, testEnv } from '../harness'
import { databaseSnapshot, juryRequest, uploadJuryFiles, type Upload } from './juryApp'
import { serverSigner, setUpJurySession, type JurySession } from './setup'

type PublicPlan = Omit<ImportPlan, 'writes'>
interface ImportAnswer {
  dryRun: boolean
  sessionStatus: string
  previewToken: string
  unmatchedExcludes: string[]
  plan: PublicPlan
  batch?: { id: string; summary: { marks: number } } | null
  message?: string
}
interface ErrorAnswer {
  error: { code: string; message: string; details: ImportAnswer & { conflicts?: unknown[]; changed?: unknown[] } }
}

let s: JurySession

const id = (schoolId: string) => s.candidates.get(schoolId)!.id

async function download(query: string): Promise<Response> {
  return juryRequest(`/api/v1/sessions/${s.sessionId}/jury-sheets.xlsx?${query}`)
}

async function filled(schoolId: string, fills: (candidateId: string) => SheetFill[], name = `fiche-${schoolId}.xlsx`): Promise<Upload> {
  const res = await download(`candidateId=${id(schoolId)}`)
  expect(res.status).toBe(200)
  return { name, bytes: await fillJurySheets(new Uint8Array(await res.arrayBuffer()), fills(id(schoolId))) }
}

async function gridMarks(candidateId: string, sessionId = s.sessionId): Promise<Record<string, unknown>> {
  const { grid } = await (await request(`/api/v1/sessions/${sessionId}/grid`)).json<{
    grid: { criteres: Array<{ code: string }>; candidates: { ids: string[] }; marks: unknown[][] }
  }>()
  const row = grid.marks[grid.candidates.ids.indexOf(candidateId)] ?? []
  return Object.fromEntries(grid.criteres.map((c, i) => [c.code, row[i]]).filter(([, v]) => v !== null))
}

async function pushManual(candidateId: string, marks: Record<string, string | number>, decisions: Record<string, { code: string; reason: string }> = {}) {
  const candidate = await (await request(`/api/v1/sessions/${s.sessionId}/candidates/${candidateId}`)).json<{ candidate: { rowVersion: number } }>()
  const res = await request(`/api/v1/sessions/${s.sessionId}/grades`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ rows: [{ candidateId, rowVersion: candidate.candidate.rowVersion, marks, decisions }], reason: 'saisie dans la grille' }),
  })
  expect(res.status).toBe(200)
}

const commit = (files: Upload[], query = '', exclude: string[] = []) => uploadJuryFiles(s.sessionId, files, `dryRun=false${query}`, exclude)
const preview = async (files: Upload[], exclude: string[] = []) => {
  const res = await uploadJuryFiles(s.sessionId, files, 'dryRun=true', exclude)
  expect(res.status).toBe(200)
  return await res.json<ImportAnswer>()
}

beforeAll(async () => {
  s = await setUpJurySession(11)
})

describe('GET /sessions/{id}/jury-sheets.xlsx', () => {
  it('downloads a candidate’s blank sheets, sealed with the server key', async () => {
    const res = await download(`candidateId=${id('E100')}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    // The session, the candidate and the day (in France) the file was made.
    const day = parisIsoDay(new Date())
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="fiches-jury_Session-jury_NOM-E100-Camille-E100_${day}.xlsx"; filename*=UTF-8''fiches-jury_Session-jury_NOM-E100-Camille-E100_${day}.xlsx`,
    )
    expect(res.headers.get('x-jury-sheet-count')).toBe('3')
    const loaded = await loadJuryWorkbook(new Uint8Array(await res.arrayBuffer()))
    const signer = await serverSigner()
    expect(loaded.entries.map((e) => [e.meta.schoolId, e.meta.blocCode, e.meta.sessionId])).toEqual([
      ['E100', 'BC01', s.sessionId],
      ['E100', 'BC02', s.sessionId],
      ['E100', 'BC03-A', s.sessionId],
    ])
    for (const e of loaded.entries) expect(await signer.verify(metadataPayload(e.meta), e.checksum)).toBe(true)
  })

  it('without candidateId, candidateIds or panel, downloads every candidate’s sheets (panel=all is the default)', async () => {
    const none = await download('bloc=BC02')
    expect(none.status).toBe(200)
    expect(none.headers.get('content-disposition')).toMatch(/filename="fiches-jury_[^"]+_tous-les-candidats_BC02_\d{4}-\d{2}-\d{2}\.xlsx"/)
    expect(none.headers.get('x-jury-sheet-count')).toBe(String(s.candidates.size))
  })

  it('downloads a panel: every candidate, or a list, for one bloc', async () => {
    const all = await download('panel=all&bloc=BC02')
    expect(all.status).toBe(200)
    expect(all.headers.get('content-disposition')).toContain(`filename="fiches-jury_Session-jury_tous-les-candidats_BC02_${parisIsoDay(new Date())}.xlsx"`)
    expect(all.headers.get('x-jury-sheet-count')).toBe(String(s.candidates.size))
    const some = await download(`candidateIds=${id('E100')},${id('E300')}&bloc=BC01`)
    expect(some.headers.get('x-jury-sheet-count')).toBe('1')
    expect(some.headers.get('content-disposition')).toContain('filename="fiches-jury_Session-jury_2-candidats_BC01_')
  })

  it('says in French what is wrong with the request', async () => {
    const message = async (res: Response) => (await res.json<ErrorAnswer>()).error.message
    const both = await download(`candidateId=${id('E100')}&panel=all`)
    expect(both.status).toBe(400)
    expect(await message(both)).toContain('indiquez un seul de candidateId (un candidat), candidateIds (une liste) ou panel=all')
    const unknown = await download('candidateId=inconnu')
    expect([unknown.status, await message(unknown)]).toEqual([404, 'Candidat(s) introuvable(s) dans cette session : inconnu.'])
    const bloc = await download('panel=all&bloc=BC09')
    expect([bloc.status, await message(bloc)]).toEqual([400, 'Bloc « BC09 » inconnu du référentiel de la session.'])
    const capitalised = await download(`candidateId=${id('E300')}&bloc=BC01`)
    expect(capitalised.status).toBe(400)
    expect(await message(capitalised)).toMatch(/^Fiches du jury : aucune fiche à générer/)
    expect((await juryRequest(`/api/v1/sessions/${s.sessionId}/jury-sheets.xlsx?panel=all`, { token: null })).status).toBe(401)
  })
})

describe('POST /sessions/{id}/jury-imports', () => {
  it('round trip: generate, fill, preview without writing, commit, and the grid holds what was typed', async () => {
    const file = await filled('E100', baseFills)
    const before = await databaseSnapshot()
    const dry = await preview([file])
    expect(dry.plan.errors).toEqual([])
    expect(dry.plan.totals).toMatchObject({ files: 1, sheets: 3, new: 8, changed: 0, unchanged: 0, conflicts: 0 })
    expect(await databaseSnapshot()).toBe(before)

    const res = await commit([file])
    expect(res.status).toBe(200)
    const body = await res.json<ImportAnswer>()
    expect(body.batch?.summary.marks).toBe(8)
    expect(body.message).toBe('8 notes importées depuis 1 fichier.')
    expect(await gridMarks(id('E100'))).toEqual(BASE_MARKS)

    const { results } = await testEnv.DB.prepare('SELECT critere_code, source, import_batch_id, comment FROM mark WHERE candidate_id = ?1 ORDER BY critere_code')
      .bind(id('E100'))
      .all<{ critere_code: string; source: string; import_batch_id: string; comment: string | null }>()
    expect(results.every((r) => r.source === 'import' && r.import_batch_id === body.batch!.id)).toBe(true)
    expect(results.find((r) => r.critere_code === 'CR1.1')?.comment).toBe('Analyse solide')
    const history = await testEnv.DB.prepare('SELECT count(*) AS n FROM mark_history WHERE import_batch_id = ?1').bind(body.batch!.id).first<{ n: number }>()
    expect(history?.n).toBe(8)
    const audit = await testEnv.DB.prepare(`SELECT action FROM audit_event WHERE session_id = ?1 AND details_json LIKE ?2 ORDER BY id`)
      .bind(s.sessionId, `%${body.batch!.id}%`)
      .all<{ action: string }>()
    expect(audit.results.map((r) => r.action)).toEqual(['grades.update', 'jury_import.commit'])
  })

  it('is idempotent: the same marks again change nothing and say so', async () => {
    // Another file (the visa differs), with the same marks.
    const file = await filled('E100', (cid) => baseFills(cid).map((f) => ({ ...f, visa: 'XY' })), 'fiche-E100-bis.xlsx')
    const before = await databaseSnapshot()
    const dry = await preview([file])
    expect(dry.plan).toMatchObject({ nothingToDo: true, totals: { unchanged: 8, new: 0 } })
    const res = await commit([file])
    expect(res.status).toBe(200)
    const first = await res.json<ImportAnswer>()
    expect(first).toMatchObject({ batch: null, message: 'Rien à importer\u00a0: toutes les notes de ces fiches sont déjà dans la grille.' })
    expect(await databaseSnapshot()).toBe(before)
  })

  it('recognises a file already imported byte for byte', async () => {
    const file = await filled('E401', baseFills)
    expect((await commit([file])).status).toBe(200)
    const again = await preview([file])
    expect(again.plan.files[0]?.status).toBe('already_imported')
    expect(again.plan.warnings[0]?.message).toMatch(/^fiche-E401\.xlsx : déjà importé le \d{2}\/\d{2}\/\d{4} à \d{2} h \d{2} \(fichier « fiche-E401\.xlsx »\) : rien à faire\.$/)
    const res = await commit([file])
    expect((await res.json<ImportAnswer>()).batch).toBeNull()
  })

  it('takes a corrected sheet from the jury as a change, showing before and after', async () => {
    const corrected = await filled('E100', (cid) => [{ ...baseFills(cid)[0]!, marks: { 'CR1.1': 'NACQ', 'CR1.2': 'PACQ', 'CR1.3': 'NACQ' } }], 'fiche-E100-corrigee.xlsx')
    const dry = await preview([corrected])
    expect(dry.plan.changes).toMatchObject([{ kind: 'changed', critereCode: 'CR1.1', before: { value: 'ACQ', source: 'import' }, after: { value: 'NACQ' } }])
    expect((await commit([corrected])).status).toBe(200)
    expect((await gridMarks(id('E100')))['CR1.1']).toBe('NACQ')
  })

  it('never overwrites a mark typed in the grid without being told', async () => {
    await pushManual(id('E402'), { 'CR2.1': 10 })
    const file = await filled('E402', (cid) => [baseFills(cid)[1]!])
    const dry = await preview([file])
    expect(dry.plan.totals).toMatchObject({ new: 2, conflicts: 1 })
    const before = await databaseSnapshot()
    const refused = await commit([file])
    expect(refused.status).toBe(409)
    const error = await refused.json<ErrorAnswer>()
    expect(error.error.message).toBe(
      '1 note saisie dans la grille diffère des fiches : rien n’a été importé. Choisissez de garder les notes de la grille (onConflict=keep) ou de prendre celles des fiches (onConflict=replace).',
    )
    expect(error.error.details.conflicts).toMatchObject([{ critereCode: 'CR2.1', before: { value: 10, source: 'manual' }, after: { value: 12.5 } }])
    expect(await databaseSnapshot()).toBe(before)

    expect((await commit([file], '&onConflict=keep')).status).toBe(200)
    expect(await gridMarks(id('E402'))).toEqual({ 'CR2.1': 10, 'CR2.2': 14, 'CR2.3': 7.5 })
  })

  it('replaces typed marks only when asked to', async () => {
    await pushManual(id('E403'), { 'CR2.1': 10 })
    const file = await filled('E403', (cid) => [baseFills(cid)[1]!])
    expect((await commit([file], '&onConflict=replace')).status).toBe(200)
    expect(await gridMarks(id('E403'))).toEqual({ 'CR2.1': 12.5, 'CR2.2': 14, 'CR2.3': 7.5 })
  })

  it('writes nothing when one file is bad, then imports the others once the bad one is excluded', async () => {
    const good = await filled('E200', (cid) => [baseFills(cid)[0]!, { ...baseFills(cid)[1]!, marks: { 'CR2.1': '15' } }], 'bon.xlsx')
    const bad = await filled('E300', (cid) => [{ ...baseFills(cid)[1]!, marks: { 'CR2.1': '25' } }], 'mauvais.xlsx')
    const before = await databaseSnapshot()
    const refused = await commit([good, bad])
    expect(refused.status).toBe(400)
    const error = await refused.json<ErrorAnswer>()
    expect(error.error.message).toBe(
      '1 fichier contient 1 erreur : rien n’a été importé. Corrigez-les, ou excluez ces fichiers (champ « exclude ») pour importer les autres.',
    )
    expect(error.error.details.plan.errors[0]?.message).toMatch(/^mauvais\.xlsx, feuille « BC02 Piloter un projet », cellule C\d+ \(critère CR2\.1\) : la note 25 dépasse le maximum de 20\.$/)
    expect(await databaseSnapshot()).toBe(before)

    const res = await commit([good, bad], '', ['mauvais.xlsx', 'absent.xlsx'])
    expect(res.status).toBe(200)
    const body = await res.json<ImportAnswer>()
    expect(body.plan.files.map((f) => [f.file, f.status])).toEqual([
      ['bon.xlsx', 'ok'],
      ['mauvais.xlsx', 'excluded'],
    ])
    expect(body.unmatchedExcludes).toEqual(['absent.xlsx'])
    expect(await gridMarks(id('E200'))).toEqual({ 'CR1.1': 'ACQ', 'CR1.2': 'PACQ', 'CR1.3': 'NACQ', 'CR2.1': 15 })
  })

  it('imports a panel file, one sheet per candidate', async () => {
    const res = await download('panel=all&bloc=BC02')
    const bytes = new Uint8Array(await res.arrayBuffer())
    const jury = { members: ['Jury BC02'], date: day('2025-06-20') }
    const fills: SheetFill[] = [
      { candidateId: id('E300'), blocCode: 'BC02', marks: { 'CR2.1': '8', 'CR2.2': '11,5', 'CR2.3': 'ABS' }, ...jury },
      { candidateId: id('E404'), blocCode: 'BC02', marks: { 'CR2.1': 17, 'CR2.2': '16.25', 'CR2.3': '10/10' }, ...jury },
    ]
    const body = await (await commit([{ name: 'jury-bc02.xlsx', bytes: await fillJurySheets(bytes, fills) }])).json<ImportAnswer>()
    expect(body.plan.totals).toMatchObject({ new: 6, errors: 0 })
    expect(await gridMarks(id('E300'))).toEqual({ 'CR2.1': 8, 'CR2.2': 11.5, 'CR2.3': 'ABS' })
    expect(await gridMarks(id('E404'))).toEqual({ 'CR2.1': 17, 'CR2.2': 16.25, 'CR2.3': 10 })
  })

  it('warns about a jury decision already taken on the bloc', async () => {
    await pushManual(id('E405'), {}, { BC01: { code: 'ADJ', reason: 'délibération' } })
    const dry = await preview([await filled('E405', (cid) => [baseFills(cid)[0]!])])
    expect(dry.plan.warnings.filter((w) => w.code !== 'blank_sheet').map((w) => w.message)).toEqual([
      'fiche-E405.xlsx, feuille « BC01 Analyser le système » : le candidat E405 a déjà une décision du jury sur le bloc BC01 (ADJ) : elle reste en place ; vérifiez-la après l’import.',
    ])
    expect(dry.plan.committable).toBe(true)
  })

  it('refuses what is not a multipart upload of files, in French', async () => {
    const url = `/api/v1/sessions/${s.sessionId}/jury-imports`
    const json = await juryRequest(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expect(json.status).toBe(415)
    const empty = await juryRequest(url, { method: 'POST', body: new FormData() })
    expect(empty.status).toBe(400)
    expect((await empty.json<ErrorAnswer>()).error.message).toBe('Aucun fichier reçu : joignez les fiches dans le champ « files ».')
    const text = new FormData()
    text.append('files', 'pas un fichier')
    expect((await juryRequest(url, { method: 'POST', body: text })).status).toBe(400)
    expect((await juryRequest(url, { method: 'POST', body: new FormData(), token: null })).status).toBe(401)
  })

  it('previews but refuses to commit into a deliberated session', async () => {
    const locked = await setUpJurySession(0)
    const res = await juryRequest(`/api/v1/sessions/${locked.sessionId}/jury-sheets.xlsx?candidateId=${locked.candidates.get('E100')!.id}`)
    const file = { name: 'f.xlsx', bytes: await fillJurySheets(new Uint8Array(await res.arrayBuffer()), baseFills(locked.candidates.get('E100')!.id)) }
    await testEnv.DB.prepare(`UPDATE session SET status = 'deliberated' WHERE id = ?1`).bind(locked.sessionId).run()
    const dry = await uploadJuryFiles(locked.sessionId, [file])
    expect((await dry.json<ImportAnswer>()).sessionStatus).toBe('deliberated')
    expect((await uploadJuryFiles(locked.sessionId, [file], 'dryRun=false')).status).toBe(423)
  })
})

describe('undoing an import batch', () => {
  it('lists the batches, puts every mark back as it was, records it, and refuses a second undo', async () => {
    await pushManual(id('E406'), { 'CR1.1': 'PACQ' })
    const file = await filled('E406', (cid) => [baseFills(cid)[0]!])
    const batchId = (await (await commit([file], '&onConflict=replace')).json<ImportAnswer>()).batch!.id
    expect(await gridMarks(id('E406'))).toEqual({ 'CR1.1': 'ACQ', 'CR1.2': 'PACQ', 'CR1.3': 'NACQ' })

    const listed = await (await juryRequest(`/api/v1/sessions/${s.sessionId}/jury-imports`)).json<{
      batches: Array<{ id: string; undoneAt: string | null; liveMarks: number; summary: { files: Array<{ file: string }> } }>
    }>()
    expect(listed.batches[0]).toMatchObject({ id: batchId, undoneAt: null, liveMarks: 3, summary: { files: [{ file: 'fiche-E406.xlsx' }] } })

    const undo = await juryRequest(`/api/v1/sessions/${s.sessionId}/jury-imports/${batchId}/undo`, { method: 'POST' })
    expect(undo.status).toBe(200)
    expect(await undo.json()).toEqual({ undone: { batchId, restored: 3 }, message: 'Lot annulé : 3 notes remises dans son état d’avant l’import.' })
    expect(await gridMarks(id('E406'))).toEqual({ 'CR1.1': 'PACQ' })
    const restored = await testEnv.DB.prepare(`SELECT source FROM mark WHERE candidate_id = ?1 AND critere_code = 'CR1.1'`).bind(id('E406')).first<{ source: string }>()
    expect(restored?.source).toBe('manual')
    const history = await testEnv.DB.prepare(`SELECT count(*) AS n FROM mark_history WHERE candidate_id = ?1 AND reason = ?2`)
      .bind(id('E406'), `Annulation du lot d’import ${batchId}`)
      .first<{ n: number }>()
    expect(history?.n).toBe(3)
    const audit = await testEnv.DB.prepare(`SELECT details_json FROM audit_event WHERE action = 'jury_import.undo' ORDER BY id DESC`).first<{ details_json: string }>()
    expect(JSON.parse(audit!.details_json)).toMatchObject({ batchId, restored: 3 })

    const again = await juryRequest(`/api/v1/sessions/${s.sessionId}/jury-imports/${batchId}/undo`, { method: 'POST' })
    expect(again.status).toBe(409)
    // Undone, the file can be imported again.
    expect((await preview([file])).plan.files[0]?.status).toBe('ok')
  })

  it('refuses to undo a batch whose marks someone changed since, listing them, and changes nothing', async () => {
    const file = await filled('E407', (cid) => [baseFills(cid)[0]!])
    const batchId = (await (await commit([file])).json<ImportAnswer>()).batch!.id
    await pushManual(id('E407'), { 'CR1.2': 'ACQ' })
    const before = await databaseSnapshot()
    const res = await juryRequest(`/api/v1/sessions/${s.sessionId}/jury-imports/${batchId}/undo`, { method: 'POST' })
    expect(res.status).toBe(409)
    const error = await res.json<ErrorAnswer>()
    expect(error.error.message).toBe('1 note importée par ce lot a été modifiée(s) depuis (E407 CR1.2) : annulation refusée, rien n’a été modifié.')
    expect(error.error.details.changed).toMatchObject([{ schoolId: 'E407', critereCode: 'CR1.2', imported: 'PACQ', current: 'ACQ', changedBy: 'Administrateur (jeton de secours)' }])
    expect(await databaseSnapshot()).toBe(before)
  })

  it('undoes a correction back to the first import, then the first import back to empty', async () => {
    const first = await filled('E408', (cid) => [baseFills(cid)[0]!])
    const a = (await (await commit([first])).json<ImportAnswer>()).batch!.id
    const second = await filled('E408', (cid) => [{ ...baseFills(cid)[0]!, marks: { 'CR1.1': 'NACQ' } }], 'corrigee.xlsx')
    const b = (await (await commit([second])).json<ImportAnswer>()).batch!.id
    expect((await juryRequest(`/api/v1/sessions/${s.sessionId}/jury-imports/${b}/undo`, { method: 'POST' })).status).toBe(200)
    expect(await gridMarks(id('E408'))).toEqual({ 'CR1.1': 'ACQ', 'CR1.2': 'PACQ', 'CR1.3': 'NACQ' })
    expect((await juryRequest(`/api/v1/sessions/${s.sessionId}/jury-imports/${a}/undo`, { method: 'POST' })).status).toBe(200)
    expect(await gridMarks(id('E408'))).toEqual({})
    expect((await juryRequest(`/api/v1/sessions/${s.sessionId}/jury-imports/inconnu/undo`, { method: 'POST' })).status).toBe(404)
  })
})

describe('issue 14: what the commit does is what the preview showed', () => {
  async function pushWithComment(candidateId: string, code: string, value: string | number, comment: string | null) {
    const candidate = await (await request(`/api/v1/sessions/${s.sessionId}/candidates/${candidateId}`)).json<{ candidate: { rowVersion: number } }>()
    const res = await request(`/api/v1/sessions/${s.sessionId}/grades`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rows: [{ candidateId, rowVersion: candidate.candidate.rowVersion, marks: { [code]: value }, comments: { [code]: comment } }], reason: 'saisie dans la grille' }),
    })
    expect(res.status, await res.clone().text()).toBe(200)
  }
  const commentOf = async (candidateId: string, code: string) =>
    (await testEnv.DB.prepare('SELECT comment FROM mark WHERE candidate_id = ?1 AND critere_code = ?2').bind(candidateId, code).first<{ comment: string | null }>())?.comment

  it('« Remplacer par les fiches »: a mark typed in the grid after the preview refuses the commit (409), asking for a new preview', async () => {
    await pushManual(id('E409'), { 'CR2.1': 10 })
    const file = await filled('E409', (cid) => [baseFills(cid)[1]!])
    const dry = await uploadJuryFiles(s.sessionId, [file], 'dryRun=true&onConflict=replace')
    const previewed = await dry.json<ImportAnswer>()
    expect(previewed.previewToken).toMatch(/^[0-9a-f]{64}$/)
    expect(previewed.plan.changes.find((c) => c.critereCode === 'CR2.1')).toMatchObject({ kind: 'conflict', before: { value: 10 }, resolution: 'replaced' })

    await pushManual(id('E409'), { 'CR2.1': 11 }) // typed after the preview
    const before = await databaseSnapshot()
    const refused = await commit([file], `&onConflict=replace&previewToken=${previewed.previewToken}`)
    expect(refused.status).toBe(409)
    const error = await refused.json<ErrorAnswer>()
    expect(error.error.code).toBe('CONFLICT')
    expect(error.error.message).toBe('Des notes de la grille ont changé depuis l’aperçu\u00a0: rien n’a été importé. Relancez l’aperçu pour voir ce que l’import fera, puis importez.')
    // The refusal carries the plan as it is now, with its own token.
    expect(error.error.details.plan.changes.find((c) => c.critereCode === 'CR2.1')).toMatchObject({ before: { value: 11 } })
    expect(await databaseSnapshot()).toBe(before)
    expect(await gridMarks(id('E409'))).toMatchObject({ 'CR2.1': 11 })

    const confirmed = await commit([file], `&onConflict=replace&previewToken=${error.error.details.previewToken}`)
    expect(confirmed.status).toBe(200)
    expect(await gridMarks(id('E409'))).toMatchObject({ 'CR2.1': 12.5 })
  })

  it('the same preview token commits when nothing changed, under the policy chosen after the preview', async () => {
    await pushManual(id('E410'), { 'CR2.1': 9 })
    const file = await filled('E410', (cid) => [baseFills(cid)[1]!])
    const previewed = await preview([file])
    expect(previewed.plan.committable).toBe(false)
    const res = await commit([file], `&onConflict=keep&previewToken=${previewed.previewToken}`)
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await gridMarks(id('E410'))).toMatchObject({ 'CR2.1': 9, 'CR2.2': 14 })
  })

  it('a replaced mark takes the sheet’s comment, or none: never the grid’s comment about the old mark', async () => {
    await pushWithComment(id('E411'), 'CR1.1', 'NACQ', 'à revoir (ancienne note)')
    await pushWithComment(id('E411'), 'CR1.2', 'NACQ', 'commentaire de la grille')
    // The sheet: CR1.1 « acq » with « Analyse solide », CR1.2 « PACQ » without a comment.
    const file = await filled('E411', (cid) => [baseFills(cid)[0]!])
    expect((await commit([file], '&onConflict=replace')).status).toBe(200)
    expect(await gridMarks(id('E411'))).toMatchObject({ 'CR1.1': 'ACQ', 'CR1.2': 'PACQ' })
    expect(await commentOf(id('E411'), 'CR1.1')).toBe('Analyse solide')
    expect(await commentOf(id('E411'), 'CR1.2')).toBeNull()
  })

  it('committing only blank sheets says « aucune note saisie dans ces fiches », not « déjà importé », and counts the blank sheets', async () => {
    const res = await download(`candidateId=${id('E100')}`)
    const blank = { name: 'vierge.xlsx', bytes: new Uint8Array(await res.arrayBuffer()) }
    const answer = await (await commit([blank])).json<ImportAnswer>()
    expect(answer.batch).toBeNull()
    expect(answer.message).toBe('Aucune note saisie dans ces fiches\u00a0: rien à importer.')
    expect(answer.plan.files[0]).toMatchObject({ sheets: 0, blankSheets: 3 })
  })
})
