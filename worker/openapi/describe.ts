/**
 * How a route documents itself for the OpenAPI document (GET /api/v1/openapi.json): a
 * `describeRoute({...})` middleware first in its handler chain, carrying the summary, tags,
 * extra parameters and the responses with their zod schemas. Request bodies, query and path
 * parameters are not written here: `validate()` tags its middleware with the schema it validates
 * with (`validationDoc`), and the document is generated from both (worker/openapi/document.ts).
 *
 * This module is all the Worker carries of the documentation: markers on handlers, no generator.
 * hono-openapi runs at build and test time only (importing it would bundle every zod locale).
 */
import type { MiddlewareHandler, ValidationTargets } from 'hono'
import type * as z from '../../shared/zod'
import type { AppEnv } from '../env'
import { errorEnvelope } from './errorEnvelope'

/** Groups of operations in the document, in this order. */
export const TAGS = {
  Service: 'État du service et description de l’API',
  Accès: 'Connexion, identité, utilisateurs et jetons d’API',
  Référentiels: 'Versions publiées des référentiels de certification',
  Sessions: 'Sessions de certification',
  Candidats: 'Candidats d’une session, un à un ou par fichier',
  Notes: 'Grille de notation, notes et résultats recalculés',
  Jury: 'Jury de la session, fiches d’évaluation et leur import',
  Délibération: 'Finalisation, modification et procès-verbaux',
  Documents: 'Attestations, synthèses et fichier Caisse des Dépôts',
  Audit: 'Journal d’audit',
  RGPD: 'Droits des candidats sur leurs données',
} as const
export type Tag = keyof typeof TAGS

/** A JSON Schema written by hand, for what no zod schema describes (files, headers). */
export type JsonSchema = Record<string, unknown>

export interface MediaDoc {
  /** A zod schema (JSON answers, checked against real answers by the Worker tests) or a JSON Schema. */
  schema: z.ZodType | JsonSchema
}

export const isZodSchema = (schema: MediaDoc['schema']): schema is z.ZodType => '~standard' in schema

export interface HeaderDoc {
  description: string
  schema: JsonSchema
}

export interface ResponseDoc {
  description: string
  content?: Record<string, MediaDoc>
  headers?: Record<string, HeaderDoc>
}

export interface ParameterDoc {
  in: 'query' | 'header'
  name: string
  description: string
  required?: boolean
  schema: JsonSchema
}

export interface RouteDoc {
  /** One line in French: what the operation does. */
  summary: string
  description?: string
  tags: [Tag, ...Tag[]]
  /** Parameters no validator describes: request headers (a query parameter gets a `validate('query', …)`). */
  parameters?: ParameterDoc[]
  /** Only for bodies no `validate('json', …)` describes (file uploads). */
  requestBody?: { description: string; content: Record<string, { schema: JsonSchema }> }
  /**
   * Every status the route itself answers. The generator adds those of the layers around it: 400
   * and 415 for its validators, 401/403/413/429 for the authorization layer, 500.
   */
  responses: Record<number, ResponseDoc>
}

export const routeDoc = Symbol('certibloc.routeDoc')
export const validationDoc = Symbol('certibloc.validationDoc')

export interface ValidationDoc {
  target: keyof ValidationTargets
  schema: z.ZodType
}

/** A pass-through middleware that carries the route's documentation. */
export function describeRoute(doc: RouteDoc): MiddlewareHandler<AppEnv> {
  const middleware: MiddlewareHandler<AppEnv> = (_c, next) => next()
  return Object.assign(middleware, { [routeDoc]: doc })
}

/** A JSON answer with its zod schema. */
export function json(description: string, schema: z.ZodType, headers?: Record<string, HeaderDoc>): ResponseDoc {
  return { description, content: { 'application/json': { schema } }, ...(headers ? { headers } : {}) }
}

const binary: JsonSchema = { type: 'string', format: 'binary' }
const text: JsonSchema = { type: 'string' }

export const MEDIA = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  xml: 'application/xml',
} as const

/** A file download; text formats (CSV, XML) are strings, the others binary. */
export function file(description: string, mediaType: (typeof MEDIA)[keyof typeof MEDIA], headers: Record<string, HeaderDoc> = {}): ResponseDoc {
  const isText = mediaType === MEDIA.csv || mediaType === MEDIA.xml
  return {
    description,
    content: { [mediaType]: { schema: isText ? text : binary } },
    headers: { 'Content-Disposition': header('nom du fichier proposé (attachment; filename…)'), ...headers },
  }
}

/** A response or request header whose value is a string. */
export function header(description: string): HeaderDoc {
  return { description, schema: { type: 'string' } }
}

export const noContent = (description: string): ResponseDoc => ({ description })

/** 304 of a conditional GET: the client's copy (its ETag in If-None-Match) is current. */
export const notModified: ResponseDoc = {
  description: 'Non modifié : la version que le client a (ETag envoyé dans If-None-Match) est à jour.',
  headers: { ETag: header('version de la ressource') },
}

export function headerParam(name: string, description: string): ParameterDoc {
  return { in: 'header', name, description, schema: { type: 'string' }, required: false }
}

/** A raw body (file upload) in one of these media types. */
export function rawBody(description: string, mediaTypes: string[]): RouteDoc['requestBody'] {
  return { description, content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: binary }])) }
}

/** What each error status means, in French; the codes it carries come from worker/errors.ts. */
export const errorDescriptions = {
  400: 'Requête invalide : chaque problème est localisé dans details.issues (chemin JSON et message).',
  401: 'Authentification requise ou jeton invalide.',
  403: 'Accès refusé : le rôle de l’appelant n’accorde pas le droit requis.',
  404: 'Introuvable.',
  409: 'Conflit avec l’état du serveur : le détail dit quoi.',
  413: 'Requête trop volumineuse.',
  415: 'Type de contenu non pris en charge.',
  422: 'Requête bien formée mais impossible à satisfaire avec les données enregistrées : le détail dit pourquoi.',
  423: 'La session est délibérée ou close : ses données ne sont plus modifiables.',
  429: 'Trop d’authentifications échouées depuis cette adresse : réessayer après Retry-After secondes.',
  500: 'Erreur du serveur (configuration manquante ou incident).',
} as const
export type ErrorStatus = keyof typeof errorDescriptions

/** The error answers a route gives itself (404, 409, 422, 423…), all in the one envelope. */
export function errors(...statuses: ErrorStatus[]): Record<number, ResponseDoc> {
  return Object.fromEntries(statuses.map((status) => [status, errorResponse(status)]))
}

export function errorResponse(status: ErrorStatus, description: string = errorDescriptions[status]): ResponseDoc {
  return json(description, errorEnvelope(status))
}
