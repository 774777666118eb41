/**
 * Public: how the add-in signs in. With Microsoft sign-in configured (wrangler vars, see
 * docs/security.md) the MSAL settings; otherwise `{ enabled: false }` and the add-in offers the
 * API-token login only. Holds no secret: client and tenant ids are public identifiers.
 */
import { Hono } from 'hono'
import { entraConfig, LOGIN_HOST } from '../auth/entra'
import type { AppEnv } from '../env'
import { describeRoute, json } from '../openapi/describe'
import { authConfigResponse } from '../openapi/responses/access'

export type AuthConfig =
  | { enabled: false }
  | { enabled: true; clientId: string; authority: string; tenantIds: string[]; scopes: string[] }

const configDoc = describeRoute({
  summary: 'Paramètres de connexion Microsoft du complément ({ enabled: false } sans Entra ID)',
  tags: ['Accès'],
  responses: { 200: json('La configuration MSAL, ou { enabled: false } : connexion par jeton d’API seulement.', authConfigResponse) },
})

export const authConfigRoutes = new Hono<AppEnv>().get('/', configDoc, (c) => {
  const config = entraConfig(c.env)
  c.header('Cache-Control', 'no-store')
  if (!config || !config.clientId) return c.json<AuthConfig>({ enabled: false }, 200)
  const [only] = config.tenantIds
  return c.json<AuthConfig>(
    {
      enabled: true,
      clientId: config.clientId,
      // One school, one tenant: sign in there; several tenants: let Microsoft find the account's.
      authority: `${LOGIN_HOST}/${config.tenantIds.length === 1 && only ? only : 'organizations'}`,
      tenantIds: config.tenantIds,
      scopes: [config.scope],
    },
    200,
  )
})
