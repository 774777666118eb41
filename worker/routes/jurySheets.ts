/**
 * Blank jury sheets to download: one candidate's sheets, or a panel's (every candidate, the
 * default, or a list), optionally for one bloc. The metadata rows are sealed with the Worker's key, which is
 * why sheets are generated here and not in the add-in (the add-in downloads this file).
 */
import { Hono } from 'hono'
import * as z from '../../shared/zod'
import { deriveSheetKey, hmacSigner, type SheetSigner } from '../../shared/jury/checksum'
import { generateJurySheets, JuryTemplateError, type JurySheetCandidate } from '../../shared/jury/sheetTemplate'
import { jurySheetFileName } from '../../shared/jury/sheetNames'
import { listCandidates } from '../db/candidates'
import type { AppEnv, Env } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { validate } from '../middleware/validate'
import { attachment } from './attachment'
import { sessionParam } from './params'
import { loadSessionContext } from './sessionContext'
import { describeRoute, errors, file, header, MEDIA } from '../openapi/describe'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const signers = new Map<string, Promise<SheetSigner>>()

/**
 * The signer of jury sheet metadata. Key: HKDF of JURY_SHEET_SECRET when it is configured,
 * else of ADMIN_TOKEN (so that a fresh install works); either way the secret itself never signs.
 * Changing the secret invalidates the sheets not yet imported: they must be generated again.
 */
export function jurySheetSigner(env: Env): Promise<SheetSigner> {
  const secret = env.JURY_SHEET_SECRET || env.ADMIN_TOKEN
  if (!secret) {
    throw new ApiError(ErrorCode.SERVER_MISCONFIGURED, 'Le serveur n’a pas de clé pour sceller les fiches du jury (JURY_SHEET_SECRET).')
  }
  let signer = signers.get(secret)
  if (!signer) {
    signer = deriveSheetKey(secret).then(hmacSigner)
    signers.set(secret, signer)
  }
  return signer
}

const id = /^[A-Za-z0-9-]{1,64}$/
const sheetsQuery = z
  .object({
    candidateId: z.string().regex(id, { message: 'identifiant de candidat invalide' }).optional(),
    candidateIds: z
      .string()
      .max(20_000)
      .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== ''))
      .pipe(z.array(z.string().regex(id, { message: 'identifiant de candidat invalide' })).min(1).max(600))
      .optional(),
    panel: z.literal('all', { message: 'panel vaut all' }).optional(),
    bloc: z.string().regex(/^BC\d{2}(?:-[A-Z])?$/, { message: 'code de bloc invalide (ex. BC01, BC05-A)' }).optional(),
  })
  .strict()
  // None of the three: every candidate, as panel=all (the panel is the default, issue 14).
  .refine((q) => [q.candidateId, q.candidateIds, q.panel].filter((x) => x !== undefined).length <= 1, {
    message: 'indiquez un seul de candidateId (un candidat), candidateIds (une liste) ou panel=all (tous les candidats, par défaut)',
    path: ['candidateId'],
  })

const sheetsDoc = describeRoute({
  summary: 'Fiches d’évaluation du jury vierges (.xlsx) : un candidat, une liste ou tous (par défaut), éventuellement pour un bloc',
  tags: ['Jury'],
  responses: {
    200: file('Le classeur : une feuille par candidat et bloc, métadonnées scellées.', MEDIA.xlsx, {
      'X-Jury-Sheet-Count': header('nombre de fiches du classeur'),
    }),
    ...errors(404),
  },
})

export const jurySheetRoutes = new Hono<AppEnv>().get('/', sheetsDoc, validate('param', sessionParam), validate('query', sheetsQuery), async (c) => {
  const { sessionId } = c.req.valid('param')
  const query = c.req.valid('query')
  const ctx = await loadSessionContext(c.env.DB, sessionId)
  if (query.bloc !== undefined && !ctx.index.blocs.has(query.bloc)) {
    throw new ApiError(ErrorCode.VALIDATION_FAILED, `Bloc « ${query.bloc} » inconnu du référentiel de la session.`, {
      issues: [{ path: 'query.bloc', message: 'bloc inconnu' }],
    })
  }
  // Withdrawn candidates are not graded: no jury sheet for them.
  const all = (await listCandidates(c.env.DB, sessionId)).filter((candidate) => candidate.status === 'enrolled')
  const wanted = query.candidateId !== undefined ? [query.candidateId] : (query.candidateIds ?? null)
  const byId = new Map(all.map((candidate) => [candidate.id, candidate]))
  const missing = (wanted ?? []).filter((candidateId) => !byId.has(candidateId))
  if (missing.length > 0) {
    throw new ApiError(ErrorCode.NOT_FOUND, `Candidat(s) introuvable(s) dans cette session : ${missing.join(', ')}.`, { candidateIds: missing })
  }
  const candidates: JurySheetCandidate[] = (wanted === null ? all : wanted.map((candidateId) => byId.get(candidateId)!)).map((candidate) => ({
    id: candidate.id,
    schoolId: candidate.schoolId,
    birthName: candidate.birthName,
    usageName: candidate.usageName,
    firstNames: candidate.firstNames,
    optionCode: candidate.optionCode,
    capitalisedBlocs: candidate.capitalisedBlocs,
  }))
  const generatedAt = new Date()
  let generated
  try {
    generated = await generateJurySheets({
      generatedAt,
      session: ctx.session,
      referential: ctx.referential,
      candidates,
      mode: query.candidateId !== undefined ? 'candidate' : 'panel',
      ...(query.bloc ? { blocCodes: [query.bloc] } : {}),
      signer: await jurySheetSigner(c.env),
    })
  } catch (error) {
    if (error instanceof JuryTemplateError) {
      throw new ApiError(ErrorCode.VALIDATION_FAILED, `Fiches du jury : ${error.message}`, { issues: [{ path: 'query', message: error.message }] })
    }
    throw error
  }
  const name = jurySheetFileName({
    sessionName: ctx.session.name,
    candidate: query.candidateId !== undefined ? candidates[0]! : null,
    panelSize: wanted === null ? null : candidates.length,
    blocCode: query.bloc ?? null,
    generatedAt,
  })
  c.header('Content-Type', XLSX)
  c.header('Content-Disposition', attachment(name))
  c.header('X-Jury-Sheet-Count', String(generated.sheets.length))
  return c.body(generated.bytes as Uint8Array<ArrayBuffer>, 200)
})
