import { Hono } from 'hono'
import * as z from '../../shared/zod'
import { getReferential, getReferentialContentHash, listReferentials } from '../db/referentials'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { validate } from '../middleware/validate'
import { ifNoneMatchHits } from './etag'
import { describeRoute, errors, header, headerParam, json, notModified } from '../openapi/describe'
import { referentialResponse, referentialsResponse } from '../openapi/responses/referentials'

const idParam = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,80}$/, { message: 'identifiant de référentiel invalide' }),
})

const listDoc = describeRoute({
  summary: 'Liste des versions de référentiel',
  tags: ['Référentiels'],
  responses: { 200: json('Les versions, par titre puis de la plus récente à la plus ancienne.', referentialsResponse) },
})
const readDoc = describeRoute({
  summary: 'Arbre complet d’une version (ETag, 304)',
  tags: ['Référentiels'],
  parameters: [headerParam('If-None-Match', 'ETag déjà reçu : 304 sans corps s’il est à jour')],
  responses: {
    200: json('Le référentiel : blocs, activités, compétences, modalités, critères et règles.', referentialResponse, {
      ETag: header('empreinte SHA-256 du contenu (validateur fort : une version publiée ne change jamais)'),
    }),
    304: notModified,
    ...errors(404),
  },
})

export const referentialRoutes = new Hono<AppEnv>()
  .get('/', listDoc, async (c) => c.json({ referentials: await listReferentials(c.env.DB) }, 200))
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
