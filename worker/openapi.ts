/**
 * The OpenAPI 3.1 description of the API, served at /api/v1/openapi.json. Request bodies come from
 * the same zod schemas the routes validate with (z.toJSONSchema), so the document cannot drift
 * from the validation; a test checks that every route of the app is described and vice versa.
 */
import * as z from '../shared/zod'
import { candidateInputSchema } from '../shared/candidates/schema'
import { certifierSettingsUpdateSchema } from '../shared/documents/certifierSettings'
import { amendRequestSchema, finaliseRequestSchema } from '../shared/documents/finalisation'
import { juryUpdateSchema } from '../shared/documents/juryComposition'
import { gradePushSchema } from '../shared/grades/gradePush'
import { rattrapageRequestSchema, sessionCreateSchema, sessionUpdateSchema } from '../shared/sessions/schema'
import { ErrorCode } from './errors'
import { eraseRequestSchema } from './routes/privacy'
import { candidateReinstateSchema, candidateSheetImportSchema, candidateWithdrawSchema } from './routes/candidates'
import { sessionCloseSchema } from './routes/sessions'
import { tokenCreateSchema } from './routes/tokens'
import { sessionPersonSchema, sessionRoleSchema, userCreateSchema, userUpdateSchema } from './routes/users'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

interface Operation {
  summary: string
  body?: z.ZodType
  /** Raw (non-JSON) request body media types, for file uploads. */
  rawBody?: string[]
  query?: Array<{ name: string; description: string; required?: boolean }>
  headers?: Array<{ name: string; description: string }>
  ok: number
  public?: boolean
}

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })

export const documentedOperations: Record<string, Partial<Record<Method, Operation>>> = {
  '/health': { get: { summary: 'État du service', ok: 200, public: true } },
  '/openapi.json': { get: { summary: 'Ce document', ok: 200, public: true } },
  '/auth/config': {
    get: { summary: 'Paramètres de connexion Microsoft du complément ({ enabled: false } sans Entra ID)', ok: 200, public: true },
  },
  '/me': { get: { summary: 'Identité et droits de l’appelant, globaux et par session', ok: 200 } },
  '/users': {
    get: { summary: 'Utilisateurs et leurs rôles (administrateur)', ok: 200 },
    post: { summary: 'Inviter un utilisateur par son adresse e-mail (administrateur)', body: userCreateSchema, ok: 201 },
  },
  '/users/{userId}': {
    get: { summary: 'Lire un utilisateur (administrateur)', ok: 200 },
    patch: { summary: 'Modifier nom, rôle global ou désactivation, version attendue (administrateur)', body: userUpdateSchema, ok: 200 },
  },
  '/users/{userId}/sessions/{sessionId}': {
    put: { summary: 'Donner ou changer le rôle d’un utilisateur sur une session (administrateur)', body: sessionRoleSchema, ok: 200 },
    delete: { summary: 'Retirer le rôle d’un utilisateur sur une session (administrateur)', ok: 204 },
  },
  '/sessions/{sessionId}/people': {
    get: { summary: 'Personnes de la session : rôle sur la session ou rôle global, et jetons d’API de la session (administrateur)', ok: 200 },
    post: {
      summary: 'Inviter une personne par e-mail sur la session avec un rôle, ou donner ce rôle à un utilisateur connu (administrateur)',
      body: sessionPersonSchema,
      ok: 201,
    },
  },
  '/tokens': {
    get: { summary: 'Jetons d’API, sans leur secret (administrateur)', ok: 200 },
    post: { summary: 'Créer un jeton d’API ; le secret n’est renvoyé qu’une fois (administrateur)', body: tokenCreateSchema, ok: 201 },
  },
  '/certifier-settings': {
    get: { summary: 'Paramètres du certificateur : valeurs enregistrées, valeurs par défaut du déploiement, valeurs imprimées (administrateur)', ok: 200 },
    put: {
      summary: 'Enregistrer des paramètres du certificateur (clés envoyées seulement ; null efface), version attendue, audité (administrateur)',
      body: certifierSettingsUpdateSchema,
      ok: 200,
    },
  },
  '/tokens/{tokenId}': { delete: { summary: 'Révoquer un jeton d’API (administrateur)', ok: 200 } },
  '/sessions/{sessionId}/audit': {
    get: {
      summary: 'Journal d’audit de la session, du plus ancien au plus récent, par pages',
      query: [
        { name: 'candidateId', description: 'les événements de ce candidat seulement' },
        { name: 'after', description: 'identifiant du dernier événement de la page précédente (nextAfter)' },
        { name: 'limit', description: 'taille de la page : 100 par défaut, 500 au plus' },
      ],
      ok: 200,
    },
  },
  '/sessions/{sessionId}/candidates/{candidateId}/export': {
    get: { summary: 'RGPD : toutes les données d’un candidat, en JSON (audité)', ok: 200 },
  },
  '/sessions/{sessionId}/candidates/{candidateId}/erase': {
    post: {
      summary: 'RGPD : effacer un candidat avec un motif (supprimé, ou anonymisé s’il figure sur un PV finalisé)',
      body: eraseRequestSchema,
      ok: 200,
    },
  },
  '/referentials': { get: { summary: 'Liste des versions de référentiel', ok: 200 } },
  '/referentials/{id}': { get: { summary: 'Arbre complet d’une version (ETag, 304)', ok: 200 } },
  '/sessions': {
    get: { summary: 'Liste des sessions', ok: 200 },
    post: { summary: 'Créer une session', body: sessionCreateSchema, ok: 201 },
  },
  '/sessions/{sessionId}': {
    get: { summary: 'Lire une session', ok: 200 },
    patch: { summary: 'Modifier une session ouverte (version attendue)', body: sessionUpdateSchema, ok: 200 },
    delete: {
      summary: 'Supprimer une session qui ne contient ni note, ni décision du jury, ni PV (409 avec les raisons sinon ; auditée)',
      query: [{ name: 'version', description: 'version de la session lue par le client', required: true }],
      ok: 204,
    },
  },
  '/sessions/{sessionId}/rattrapage': {
    post: {
      summary:
        'Créer la session de rattrapage d’une session délibérée : les candidats non certifiés, chaque bloc validé reporté comme capitalisé avec son origine',
      body: rattrapageRequestSchema,
      ok: 201,
    },
  },
  '/sessions/{sessionId}/close': {
    post: { summary: 'Clore (archiver) une session délibérée : lecture seule définitive, plus de modification possible', body: sessionCloseSchema, ok: 200 },
  },
  '/sessions/{sessionId}/candidates': {
    get: { summary: 'Candidats de la session', ok: 200 },
    post: { summary: 'Créer un candidat', body: candidateInputSchema, ok: 201 },
  },
  '/sessions/{sessionId}/candidates/bulk': {
    post: {
      summary: 'Créer ou mettre à jour des candidats en masse (clé : identifiant école)',
      body: z.object({ candidates: z.array(candidateInputSchema) }),
      ok: 200,
    },
  },
  '/sessions/{sessionId}/candidates/import': {
    post: {
      summary:
        'Importer une liste de candidats CSV ou xlsx : aperçu ligne par ligne (nouveau, modifié, inchangé, désinscrit, réinscrit, erreur) par défaut, puis dryRun=false pour écrire tout ou rien',
      rawBody: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'],
      query: [
        { name: 'fileName', description: 'nom du fichier, cité dans les messages d’erreur' },
        { name: 'dryRun', description: 'true (défaut) : aperçu sans écriture ; false : import tout ou rien' },
        { name: 'absent', description: 'withdraw (défaut) : désinscrire les candidats absents du fichier ; keep : les laisser' },
        { name: 'candidateListVersion', description: 'version de la liste vue par l’aperçu : l’import est refusé (409) si elle a changé' },
      ],
      ok: 200,
    },
  },
  '/sessions/{sessionId}/candidates/import-sheet': {
    post: {
      summary: 'Importer la feuille « Candidats » envoyée en valeurs (mêmes colonnes, aperçu et import tout ou rien que le fichier)',
      body: candidateSheetImportSchema,
      ok: 200,
    },
  },
  '/sessions/{sessionId}/candidates/{candidateId}/withdraw': {
    post: {
      summary: 'Désinscrire un candidat avec un motif (conservé, exclu de la grille, des résultats et des documents)',
      body: candidateWithdrawSchema,
      ok: 200,
    },
  },
  '/sessions/{sessionId}/candidates/{candidateId}/reinstate': {
    post: { summary: 'Réinscrire un candidat désinscrit (ses notes conservées reviennent dans la grille)', body: candidateReinstateSchema, ok: 200 },
  },
  '/sessions/{sessionId}/candidates/import-template.csv': {
    get: { summary: 'Modèle CSV de liste de candidats (en-têtes français)', ok: 200 },
  },
  '/sessions/{sessionId}/candidates/{candidateId}': {
    get: { summary: 'Lire un candidat', ok: 200 },
    put: {
      summary: 'Modifier un candidat (version de ligne attendue)',
      body: z.object({ rowVersion: z.number().int(), candidate: candidateInputSchema }),
      ok: 200,
    },
    delete: {
      summary: 'Supprimer un candidat (version de ligne attendue)',
      query: [{ name: 'rowVersion', description: 'version de ligne lue par le client', required: true }],
      ok: 204,
    },
  },
  '/sessions/{sessionId}/grid': {
    get: { summary: 'Grille de notation en colonnes (ETag, 304)', ok: 200 },
  },
  '/sessions/{sessionId}/results': {
    get: { summary: 'Codes des blocs et décision de certification par candidat, recalculés depuis les notes', ok: 200 },
  },
  '/sessions/{sessionId}/jury-sheets.xlsx': {
    get: {
      summary: 'Fiches d’évaluation du jury vierges (.xlsx) : un candidat, une liste ou tous, éventuellement pour un bloc',
      query: [
        { name: 'candidateId', description: 'un candidat : une feuille par bloc à évaluer' },
        { name: 'candidateIds', description: 'identifiants séparés par des virgules : une feuille par candidat et bloc' },
        { name: 'panel', description: 'all : tous les candidats de la session' },
        { name: 'bloc', description: 'code du bloc (ex. BC02) : ce bloc seulement' },
      ],
      ok: 200,
    },
  },
  '/sessions/{sessionId}/jury-imports': {
    get: { summary: 'Lots d’import de fiches du jury (les plus récents d’abord)', ok: 200 },
    post: {
      summary: 'Importer des fiches du jury remplies (multipart : files, exclude) ; aperçu par défaut, dryRun=false pour écrire en un lot',
      rawBody: ['multipart/form-data'],
      query: [
        { name: 'dryRun', description: 'true (défaut) : aperçu sans écriture ; false : import tout ou rien en un lot' },
        { name: 'onConflict', description: 'notes saisies dans la grille et différentes : fail (défaut), keep, replace' },
      ],
      ok: 200,
    },
  },
  '/sessions/{sessionId}/jury-imports/{batchId}/undo': {
    post: { summary: 'Annuler un lot d’import (refusé si une note a changé depuis)', ok: 200 },
  },
  '/sessions/{sessionId}/jury': {
    get: { summary: 'Jury de la session, avec les alertes de composition', ok: 200 },
    put: { summary: 'Remplacer le jury d’une session ouverte (alerte sans bloquer si la composition est inhabituelle)', body: juryUpdateSchema, ok: 200 },
  },
  '/sessions/{sessionId}/finalise': {
    post: {
      summary: 'Finaliser la délibération : recalcul depuis les notes, comparaison avec les résultats envoyés (409 avec les écarts), PV, verrouillage',
      body: finaliseRequestSchema,
      ok: 200,
    },
  },
  '/sessions/{sessionId}/amend': {
    post: { summary: 'Rouvrir une session délibérée avec un motif obligatoire (la finalisation suivante écrit le PV n+1)', body: amendRequestSchema, ok: 200 },
  },
  '/sessions/{sessionId}/documents': {
    get: { summary: 'Documents de la session productibles maintenant, la raison en français sinon, et ce que le rôle de l’appelant permet', ok: 200 },
  },
  '/sessions/{sessionId}/pv': { get: { summary: 'Versions du PV de jury (empreinte, auteur, date, motif de modification)', ok: 200 } },
  '/sessions/{sessionId}/pv/{file}': { get: { summary: 'PV de jury en PDF ; file = numéro de version suivi de .pdf (ex. 2.pdf)', ok: 200 } },
  '/sessions/{sessionId}/candidates/{candidateId}/attestation.pdf': {
    get: { summary: 'Attestation de validation de blocs de compétences (PDF) ; 422 si aucun bloc validé', ok: 200 },
  },
  '/sessions/{sessionId}/summary.xlsx': { get: { summary: 'Synthèse de certification (xlsx : décisions, un onglet par bloc, statistiques)', ok: 200 } },
  '/sessions/{sessionId}/summary.csv': {
    get: { summary: 'Synthèse des décisions en CSV pour Excel français (UTF-8 avec BOM, « ; », virgule décimale)', ok: 200 },
  },
  '/sessions/{sessionId}/cdc.xml': {
    get: { summary: 'Fichier d’accrochage Caisse des Dépôts (titulaires certifiés) ; 422 avec erreurs localisées par candidat', ok: 200 },
  },
  '/sessions/{sessionId}/grades': {
    put: {
      summary: 'Enregistrer des notes et décisions du jury, tout ou rien (409 si une ligne a changé)',
      body: gradePushSchema,
      headers: [{ name: 'Idempotency-Key', description: 'rejouer la même requête renvoie la première réponse' }],
      ok: 200,
    },
  },
}

const errorEnvelope = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', enum: Object.values(ErrorCode) },
        message: { type: 'string', description: 'message en français' },
        details: {},
      },
    },
  },
}

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [path, operations] of Object.entries(documentedOperations)) {
    const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }))
    paths[path] = {}
    for (const [method, op] of Object.entries(operations) as Array<[Method, Operation]>) {
      paths[path][method] = {
        summary: op.summary,
        parameters: [
          ...pathParams,
          ...(op.query ?? []).map((q) => ({ name: q.name, in: 'query', required: q.required ?? false, description: q.description, schema: { type: 'string' } })),
          ...(op.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: false, description: h.description, schema: { type: 'string' } })),
        ],
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } } : {}),
        ...(op.rawBody
          ? { requestBody: { required: true, content: Object.fromEntries(op.rawBody.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) } }
          : {}),
        ...(op.public ? { security: [] } : {}),
        responses: {
          [op.ok]: { description: 'Succès' },
          default: { description: 'Erreur', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      }
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Certibloc API', version: '1.0.0', description: 'API de Certibloc : référentiels, sessions, candidats, notes.' },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: errorEnvelope },
    },
    paths,
  }
}
