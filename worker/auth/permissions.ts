/**
 * Roles and what they may do: the one table of the authorization layer. A route needs one
 * permission (worker/auth/policy.ts); a caller holds a global role and, per session, a session
 * role; in a session the caller holds the union of both roles' permissions.
 */

export const ROLES = ['admin', 'manager', 'assessor', 'reader'] as const
export type Role = (typeof ROLES)[number]

/** Roles that can be held on one session (administration is global only). */
export const SESSION_ROLES = ['manager', 'assessor', 'reader'] as const satisfies readonly Role[]
export type SessionRole = (typeof SESSION_ROLES)[number]

export const PERMISSIONS = [
  'referential.read',
  'referential.write',
  'session.read',
  'session.create',
  'session.update',
  'candidate.write',
  'grade.write',
  'jury.write',
  'session.finalise',
  'document.export',
  'document.issue',
  'audit.read',
  'candidate.export',
  'candidate.erase',
  'user.manage',
  'token.manage',
  'settings.manage',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const READER: readonly Permission[] = ['referential.read', 'session.read', 'document.export']
const ASSESSOR: readonly Permission[] = ['referential.read', 'session.read', 'grade.write']
const MANAGER: readonly Permission[] = [
  'referential.read',
  // The règlement de certification is the responsable's: publishing a référentiel or its next version.
  'referential.write',
  'session.read',
  'session.create',
  'session.update',
  'candidate.write',
  'grade.write',
  'jury.write',
  'session.finalise',
  'document.export',
  'document.issue',
  'audit.read',
  'candidate.export',
]

/**
 * admin: users, tokens, référentiels, certifier settings, everything. manager (responsable de
 * certification): référentiels and their rules, sessions, candidates, grading, finalisation,
 * documents, audit, RGPD export. assessor
 * (évaluateur): reads and grades the sessions he is assigned to, cannot finalise. reader
 * (lecteur): reads and exports.
 */
export const rolePermissions: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  manager: new Set(MANAGER),
  assessor: new Set(ASSESSOR),
  reader: new Set(READER),
}

export function roleGrants(role: Role | null | undefined, permission: Permission): boolean {
  return role ? rolePermissions[role].has(permission) : false
}

export const permissionLabels: Record<Permission, string> = {
  'referential.read': 'consulter les référentiels',
  'referential.write': 'modifier les référentiels',
  'session.read': 'consulter la session',
  'session.create': 'créer une session',
  'session.update': 'modifier la session',
  'candidate.write': 'modifier les candidats',
  'grade.write': 'saisir les notes',
  'jury.write': 'modifier le jury',
  'session.finalise': 'finaliser ou rouvrir la délibération',
  'document.export': 'exporter la synthèse et les PV',
  'document.issue': 'délivrer les attestations et le fichier Caisse des Dépôts',
  'audit.read': 'consulter le journal d’audit',
  'candidate.export': 'exporter les données d’un candidat (RGPD)',
  'candidate.erase': 'effacer un candidat (RGPD)',
  'user.manage': 'gérer les utilisateurs',
  'token.manage': 'gérer les jetons d’API',
  'settings.manage': 'modifier les paramètres du certificateur',
}
