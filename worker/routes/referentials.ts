import type { D1Database } from '@cloudflare/workers-types'
import { Hono } from 'hono'
import { contentHash } from '../../shared/contentHash'
import { diffReferentials } from '../../shared/referential/diff'
import { checkPublishable } from '../../shared/referential/publication'
import { referentialSchema, type ReferentialInput } from '../../shared/referential/schema'
import * as z from '../../shared/zod'
import { withGuards } from '../db/guardErrors'
import {
  getPublishedReferential,
  getReferential,
  getReferentialContentHash,
  latestVersionOf,
  listReferentials,
  publicationChanges,
  publishReferential,
} from '../db/referentials'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody, MiB } from '../middleware/limitBody'
import { validate } from '../middleware/validate'
import { ifNoneMatchHits } from './etag'
import { describeRoute, errors, header, headerParam, json, notModified } from '../openapi/describe'
import { referentialDiffResponse, referentialPublishResponse, referentialResponse, referentialsResponse } from '../openapi/responses/referentials'

const referentialId = z.string().regex(/^[a-z0-9][a-z0-9-]{2,80}$/, { message: 'identifiant de référentiel invalide' })
const idParam = z.object({ id: referentialId })
const diffQuery = z.object({ from: referentialId.optional() }).strict()
/**
 * The document is judged by `checkPublishable` (schema, version naming, rules and formula budget),
 * whose refusals are located in French; the validator only checks that the body is JSON. The
 * OpenAPI document still describes the body with the référentiel's schema.
 */
const publishBody = z.custom<ReferentialInput>(() => true).meta({ ...(z.toJSONSchema(referentialSchema, { io: 'input' }) as Record<string, unknown>), $schema: undefined })

async function publishedOrNotFound(db: D1Database, id: string) {
  const stored = await getPublishedReferential(db, id)
  if (!stored || stored.summary.status !== 'published') throw new ApiError(ErrorCode.NOT_FOUND, messages.referentialNotFound(id), { id })
  return stored
}

const listDoc = describeRoute({
  summary: 'Liste des versions de référentiel',
  tags: ['Référentiels'],
  responses: { 200: json('Les versions, par titre puis de la plus récente à la plus ancienne.', referentialsResponse) },
})
const readDoc = describeRoute({
  summary: 'Arbre complet d’une version (ETag, 304)',
  tags: ['Référentiels'],
  parameters: [headerParam('If-None-Match', 'ETag déjà reçu : 304 sans corps s’il est à jour')],
  responses: {
    200: json('Le référentiel : blocs, activités, compétences, modalités, critères et règles.', referentialResponse, {
      ETag: header('empreinte SHA-256 du contenu (validateur fort : une version publiée ne change jamais)'),
    }),
    304: notModified,
    ...errors(404),
  },
})

const publishDoc = describeRoute({
  summary:
    'Publier un référentiel (version 1 d’une nouvelle lignée) ou la version suivante d’un référentiel, immuable ensuite. ' +
    'Refus situés (bloc, compétence, critère, champ) ; réponse : la version, la précédente et ce qui change',
  tags: ['Référentiels'],
  responses: {
    201: json('Publié : la version, celle qu’elle suit et chaque changement.', referentialPublishResponse),
    200: json('Déjà publié à l’identique : rien n’a été écrit.', referentialPublishResponse),
    ...errors(409),
  },
})
const diffDoc = describeRoute({
  summary: 'Ce qui change d’une version à une autre : blocs, critères, règles',
  tags: ['Référentiels'],
  responses: { 200: json('Les deux versions et chaque changement, avec sa phrase en français.', referentialDiffResponse), ...errors(404) },
})

export const referentialRoutes = new Hono<AppEnv>()
  .get('/', listDoc, async (c) => c.json({ referentials: await listReferentials(c.env.DB) }, 200))
  /**
   * Publishes a new référentiel (version 1 of a new lineage) or the next version of one. Published
   * versions are immutable: the same document again is answered 200 with nothing written.
   */
  .post('/', publishDoc, limitBody(MiB), validate('json', publishBody), async (c) => {
    const db = c.env.DB
    const check = checkPublishable(c.req.valid('json'))
    if (!check.ok) {
      const issues = check.issues.map((found) => ({ path: found.path === '' ? 'body' : `body.${found.path}`, message: found.message }))
      throw new ApiError(ErrorCode.VALIDATION_FAILED, messages.referentialRefused(issues.length, issues.slice(0, 3).map((i) => i.message)), { issues })
    }
    const { referential, lineage } = check
    const hash = await contentHash(referential)
    const existing = await getReferentialContentHash(db, referential.id)
    if (existing !== null) {
      if (existing !== hash) {
        throw new ApiError(ErrorCode.CONFLICT, messages.referentialImmutable(referential.id), {
          id: referential.id,
          issues: [{ path: 'body.id', message: messages.referentialImmutable(referential.id) }],
        })
      }
      const stored = await publishedOrNotFound(db, referential.id)
      const previous = stored.summary.previousId === null ? null : ((await getReferential(db, stored.summary.previousId))?.summary ?? null)
      return c.json({ referential: stored.summary, previous, changes: (await publicationChanges(db, referential.id)) ?? [], created: false }, 200)
    }

    const latest = await latestVersionOf(db, lineage)
    const expected = (latest?.version ?? 0) + 1
    if (referential.version !== expected) {
      const message = messages.referentialVersionNotNext(lineage, referential.version, expected, latest?.id ?? null)
      throw new ApiError(ErrorCode.CONFLICT, message, { latestId: latest?.id ?? null, expectedVersion: expected, issues: [{ path: 'body.version', message }] })
    }
    const previous = latest === null ? null : await publishedOrNotFound(db, latest.id)
    const changes = previous === null ? [] : diffReferentials(previous.referential, referential)
    if (previous !== null && changes.length === 0) {
      const message = messages.referentialNothingChanged(referential.version, previous.referential.id)
      throw new ApiError(ErrorCode.VALIDATION_FAILED, message, { issues: [{ path: 'body', message }] })
    }
    const conflict = () => {
      const message = messages.referentialPublishedMeanwhile(lineage)
      return new ApiError(ErrorCode.CONFLICT, message, { issues: [{ path: 'body.version', message }] })
    }
    try {
      await withGuards(
        publishReferential(db, referential, hash, {
          ctx: { actor: c.var.actor, requestId: c.var.requestId },
          lineage,
          previousId: previous?.referential.id ?? null,
          changes,
        }),
        { referential_version_taken: conflict },
      )
    } catch (error) {
      // The same id published by a concurrent request between our read and our batch.
      if (/UNIQUE constraint failed: referential\.id|referential_publication/.test(String(error))) throw conflict()
      throw error
    }
    const stored = await publishedOrNotFound(db, referential.id)
    return c.json({ referential: stored.summary, previous: previous?.summary ?? null, changes, created: true }, 201)
  })
  .get('/:id', readDoc, validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param')
    // A published version never changes, so its content hash is a strong validator.
    const hash = await getReferentialContentHash(c.env.DB, id)
    if (hash === null) throw new ApiError(ErrorCode.NOT_FOUND, messages.referentialNotFound(id), { id })
    const etag = `"${hash}"`
    c.header('ETag', etag)
    c.header('Cache-Control', 'private, no-cache')
    if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304)
    const stored = await getReferential(c.env.DB, id)
    if (!stored) throw new ApiError(ErrorCode.NOT_FOUND, messages.referentialNotFound(id), { id })
    return c.json({ referential: stored.referential }, 200)
  })
  /** What changed from `from` (by default the version this one follows) to `:id`. */
  .get('/:id/diff', diffDoc, validate('param', idParam), validate('query', diffQuery), async (c) => {
    const db = c.env.DB
    const { id } = c.req.valid('param')
    const to = await publishedOrNotFound(db, id)
    const fromId = c.req.valid('query').from ?? to.summary.previousId
    if (fromId === null || fromId === undefined) {
      const message = messages.referentialNoPrevious(id)
      throw new ApiError(ErrorCode.VALIDATION_FAILED, message, { issues: [{ path: 'query.from', message }] })
    }
    const from = await getPublishedReferential(db, fromId)
    if (!from || from.summary.status !== 'published') {
      const message = messages.referentialNotFound(fromId)
      throw new ApiError(ErrorCode.NOT_FOUND, message, { id: fromId, issues: [{ path: 'query.from', message }] })
    }
    return c.json({ from: from.summary, to: to.summary, changes: diffReferentials(from.referential, to.referential) }, 200)
  })
