/** Every message the API sends to people, in French, in one place. */
export const messages = {
  unauthorized: 'Authentification requise : envoyez l’en-tête « Authorization: Bearer <jeton> » avec un jeton valide.',
  adminTokenMissing: 'Le serveur n’a pas de jeton administrateur configuré (ADMIN_TOKEN).',
  routeNotFound: (method: string, path: string) => `Aucune ressource ne répond à ${method} ${path}.`,
  referentialNotFound: (id: string) => `Référentiel « ${id} » introuvable.`,
  referentialNotPublished: (id: string) => `Le référentiel « ${id} » n’est pas publié : une session ne peut s’y rattacher.`,
  sessionNotFound: (id: string) => `Session « ${id} » introuvable.`,
  sessionLocked: 'La session est délibérée ou close : ses données ne sont plus modifiables.',
  staleSession: 'La session a été modifiée entre-temps : rechargez-la puis recommencez.',
  candidateNotFound: (id: string) => `Candidat « ${id} » introuvable dans cette session.`,
  staleCandidate: 'Le candidat a été modifié entre-temps : rechargez-le puis recommencez.',
  duplicateSchoolId: (schoolId: string) => `Un candidat porte déjà l’identifiant « ${schoolId} » dans cette session.`,
  staleRows: (count: number) =>
    `${count} cellule(s) ont été modifiées par quelqu’un d’autre depuis votre dernière récupération : rien n’a été enregistré. Choisissez pour chacune votre valeur ou celle du serveur.`,
  importHasErrors: (fileName: string, count: number) =>
    `Le fichier « ${fileName} » contient ${count} erreur(s) : rien n’a été importé. Corrigez-les (voir le détail) puis recommencez.`,
  idempotencyKeyReused: 'Cette clé d’idempotence a déjà servi pour une requête différente.',
  invalidIdempotencyKey: 'En-tête Idempotency-Key invalide (1 à 128 caractères imprimables).',
  invalidRequest: (summary: string) => `Requête invalide : ${summary}`,
  malformedJson: 'Le corps de la requête n’est pas un JSON valide.',
  payloadTooLarge: (maxBytes: number) => `Requête trop volumineuse : ${Math.round(maxBytes / 1024 / 1024)} Mo au plus.`,
  unsupportedMediaType: (expected: string) => `Type de contenu non pris en charge : ${expected} attendu.`,
  internal: 'Erreur interne du serveur. Réessayez ; si le problème persiste, contactez le support.',
} as const
