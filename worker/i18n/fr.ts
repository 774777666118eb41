/** Every message the API sends to people, in French, in one place. */
export const messages = {
  unauthorized: 'Authentification requise : envoyez l’en-tête « Authorization: Bearer <jeton> » avec un jeton valide.',
  adminTokenMissing: 'Le serveur n’a pas de jeton administrateur configuré (ADMIN_TOKEN).',
  routeNotFound: (method: string, path: string) => `Aucune ressource ne répond à ${method} ${path}.`,
  referentialNotFound: (id: string) => `Référentiel « ${id} » introuvable.`,
  internal: 'Erreur interne du serveur. Réessayez ; si le problème persiste, contactez le support.',
} as const
