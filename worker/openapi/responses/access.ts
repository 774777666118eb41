/** Answers of the service, sign-in, identity, users and API tokens routes. */
import * as z from '../../../shared/zod'
import { SESSION_STATUSES } from '../../../shared/sessions/schema'
import { PERMISSIONS, ROLES, SESSION_ROLES } from '../../auth/permissions'
import { dateTime, id } from './common'

export const healthResponse = z.strictObject({ status: z.literal('ok') })

export const authConfigResponse = z.union([
  z.strictObject({ enabled: z.literal(false) }),
  z.strictObject({
    enabled: z.literal(true),
    clientId: z.string(),
    authority: z.url(),
    tenantIds: z.array(z.string()),
    scopes: z.array(z.string()),
  }),
])

const role = z.enum(ROLES)
const permission = z.enum(PERMISSIONS)

export const meResponse = z.strictObject({
  identity: z.strictObject({
    kind: z.enum(['breakGlass', 'user', 'apiToken']),
    id: z.string(),
    email: z.string().nullable(),
    displayName: z.string().nullable(),
    globalRole: role.nullable(),
  }),
  permissions: z.array(permission).meta({ description: 'ce que le rôle global permet, sur toutes les sessions' }),
  sessions: z
    .array(
      z.strictObject({
        id,
        name: z.string(),
        status: z.enum(SESSION_STATUSES),
        role: z.enum(SESSION_ROLES).nullable(),
        permissions: z.array(permission).meta({ description: 'rôle global et rôle sur la session réunis' }),
      }),
    )
    .meta({ description: 'les sessions où l’appelant a un rôle' }),
})

const user = z
  .strictObject({
    id,
    email: z.string(),
    displayName: z.string().nullable(),
    globalRole: role.nullable(),
    tenantId: z.string().nullable().meta({ description: 'locataire Entra, connu à la première connexion' }),
    objectId: z.string().nullable(),
    disabledAt: dateTime.nullable(),
    version: z.int().positive(),
    createdBy: z.string(),
    createdAt: dateTime,
    updatedAt: dateTime,
    sessionRoles: z.record(z.string(), z.enum(SESSION_ROLES)).meta({ description: 'rôle par identifiant de session' }),
  })
  .meta({ id: 'User' })

export const usersResponse = z.strictObject({ users: z.array(user) })
export const userResponse = z.strictObject({ user })

const token = z
  .strictObject({
    id,
    name: z.string(),
    hint: z.string().meta({ description: 'les quatre derniers caractères du secret' }),
    role,
    sessionId: z.string().nullable().meta({ description: 'la seule session du jeton, ou null pour toutes' }),
    expiresAt: dateTime,
    createdBy: z.string(),
    createdAt: dateTime,
    revokedAt: dateTime.nullable(),
    revokedBy: z.string().nullable(),
    lastUsedAt: dateTime.nullable(),
    status: z.enum(['active', 'expired', 'revoked']),
  })
  .meta({ id: 'ApiToken' })

export const tokensResponse = z.strictObject({ tokens: z.array(token) })

export const sessionPeopleResponse = z.strictObject({
  people: z.array(
    z.strictObject({
      userId: id,
      email: z.string(),
      displayName: z.string().nullable(),
      globalRole: role.nullable(),
      sessionRole: z.enum(SESSION_ROLES).nullable().meta({ description: 'le rôle sur cette session ; null pour qui y accède par son rôle global' }),
      disabled: z.boolean(),
      linked: z.boolean().meta({ description: 's’est déjà connecté (compte Microsoft lié)' }),
    }),
  ),
  tokens: z.array(token).meta({ description: 'les jetons d’API limités à cette session' }),
})
export const sessionPersonResponse = z.strictObject({ user, created: z.boolean().meta({ description: 'true : personne invitée ; false : utilisateur existant' }) })
export const tokenCreatedResponse = z.strictObject({
  token,
  secret: z.string().startsWith('cbt_').meta({ description: 'le secret, renvoyé cette seule fois' }),
})
export const tokenRevokedResponse = z.strictObject({ token: token.nullable() })
