/** Every message the API sends to people, in French, in one place. */

/** A size exactly as documented: « 50 Mo », « 16 Ko », never rounded (« 5,06 Mo » when not whole). */
export function formatByteSize(bytes: number): string {
  const MiB = 1024 * 1024
  if (bytes >= MiB) return `${(Math.round((bytes / MiB) * 100) / 100).toString().replace('.', ',')}\u00a0Mo`
  if (bytes >= 1024) return `${(Math.round((bytes / 1024) * 100) / 100).toString().replace('.', ',')}\u00a0Ko`
  return `${bytes}\u00a0octets`
}

export const messages = {
  unauthorized: 'Authentification requise : envoyez l’en-tête « Authorization: Bearer <jeton> » avec un jeton valide.',
  adminTokenMissing: 'Le serveur n’a pas de jeton administrateur configuré (ADMIN_TOKEN).',
  routeNotFound: (method: string, path: string) => `Aucune ressource ne répond à ${method} ${path}.`,
  referentialNotFound: (id: string) => `Référentiel « ${id} » introuvable.`,
  referentialNotPublished: (id: string) => `Le référentiel « ${id} » n’est pas publié : une session ne peut s’y rattacher.`,
  sessionNotFound: (id: string) => `Session « ${id} » introuvable.`,
  sessionLocked: 'La session est délibérée ou close : ses données ne sont plus modifiables.',
  staleSession: 'La session a été modifiée entre-temps : rechargez-la puis recommencez.',
  candidateNotFound: (id: string) => `Candidat « ${id} » introuvable dans cette session.`,
  staleCandidate: 'Le candidat a été modifié entre-temps : rechargez-le puis recommencez.',
  duplicateSchoolId: (schoolId: string) => `Un candidat porte déjà l’identifiant « ${schoolId} » dans cette session.`,
  staleRows: (count: number) =>
    `${count} cellule(s) ont été modifiées par quelqu’un d’autre depuis votre dernière récupération : rien n’a été enregistré. Choisissez pour chacune votre valeur ou celle du serveur.`,
  importHasErrors: (fileName: string, count: number) =>
    `Le fichier « ${fileName} » contient ${count} erreur(s) : rien n’a été importé. Corrigez-les (voir le détail) puis recommencez.`,
  idempotencyKeyReused: 'Cette clé d’idempotence a déjà servi pour une requête différente.',
  invalidIdempotencyKey: 'En-tête Idempotency-Key invalide (1 à 128 caractères imprimables).',
  invalidRequest: (summary: string) => `Requête invalide : ${summary}`,
  malformedJson: 'Le corps de la requête n’est pas un JSON valide.',
  payloadTooLarge: (maxBytes: number) => `Requête trop volumineuse : ${formatByteSize(maxBytes)} au plus.`,
  unsupportedMediaType: (expected: string) => `Type de contenu non pris en charge : ${expected} attendu.`,
  internal: 'Erreur interne du serveur. Réessayez ; si le problème persiste, contactez le support.',
  finaliseDifferences: (count: number) =>
    `${count} écart(s) entre les résultats envoyés et le calcul à partir des notes enregistrées : rien n’a été finalisé. Corrigez chaque écart (voir le détail) ou motivez la décision du jury.`,
  staleGridForFinalise: 'Les notes ont changé pendant la finalisation : rien n’a été finalisé. Rechargez la grille puis recommencez.',
  gridVersionMismatch: (client: number, server: number) =>
    `Vous avez délibéré sur la version ${client} de la grille, le serveur est à la version ${server} : rechargez la grille puis recommencez.`,
  sessionNotDeliberated: 'La session n’est pas délibérée : finalisez d’abord la délibération.',
  sessionNotAmendable: 'Seule une session délibérée peut faire l’objet d’une modification : celle-ci est ouverte ou close.',
  pvNotFound: (version: number) => `Le PV version ${version} n’existe pas pour cette session.`,
  candidateNotInPv: (id: string) => `Le candidat « ${id} » ne figure pas sur le dernier PV de la session.`,
  noValidatedBloc: 'Le candidat n’a validé aucun bloc lors de cette délibération : il n’y a pas d’attestation de blocs à délivrer.',
  noAttestationInSession: 'Aucun candidat n’a validé de bloc lors de cette délibération : il n’y a pas d’attestation à délivrer.',
  cdcNoHolder: 'Aucun candidat certifié dans cette session : aucun titulaire à déclarer à la Caisse des Dépôts.',
  cdcIncomplete: (count: number) =>
    `${count} donnée(s) obligatoire(s) manquent pour la Caisse des Dépôts : aucun fichier n’a été produit. Complétez les candidats signalés (voir le détail).`,
  // Users, roles, API tokens, RGPD (worker/auth, worker/routes/users|tokens|privacy).
  credentialsExpired: 'Jeton expiré : reconnectez-vous, ou demandez un nouveau jeton d’API à un administrateur.',
  userUnknown: (email: string | null) =>
    `Votre compte Microsoft${email ? ` (${email})` : ''} n’a pas accès à Certibloc : demandez à un administrateur de vous inviter.`,
  userDisabled: 'Votre compte Certibloc est désactivé : contactez un administrateur.',
  tooManyFailedAuthentications: (seconds: number) =>
    `Trop de tentatives d’authentification échouées depuis votre adresse : réessayez dans ${seconds} secondes.`,
  forbidden: (what: string, permission: string, onSession: boolean) =>
    `Accès refusé : votre rôle ne vous permet pas de ${what}${onSession ? ' sur cette session' : ''} (droit « ${permission} »).`,
  routeNotInPolicy: 'Accès refusé : cette opération n’est ouverte à aucun rôle.',
  userNotFound: (id: string) => `Utilisateur « ${id} » introuvable.`,
  duplicateEmail: (email: string) => `Un utilisateur a déjà l’adresse « ${email} ».`,
  staleUser: 'L’utilisateur a été modifié entre-temps : rechargez-le puis recommencez.',
  lastAdmin: 'Impossible : ce serait retirer le dernier administrateur actif. Nommez-en un autre d’abord.',
  sessionRoleNotFound: (email: string, sessionId: string) => `${email} n’a pas de rôle sur la session « ${sessionId} ».`,
  tokenNotFound: (id: string) => `Jeton d’API « ${id} » introuvable.`,
  candidateAlreadyAnonymised: 'Ce candidat est déjà anonymisé.',
  // Issue 13: the generated OpenAPI document, and HTTP errors raised by Hono itself (app.onError).
  openApiMissing: 'Le document OpenAPI manque aux fichiers statiques du serveur : construisez-les (npm run build) puis redéployez.',
  httpBadRequest: 'Requête invalide.',
  httpUnauthorized: 'Authentification requise.',
  httpForbidden: 'Accès refusé.',
  httpNotFound: 'Ressource introuvable.',
  httpMethodNotAllowed: (method: string) => `La méthode ${method} n’est pas acceptée par cette ressource.`,
  httpConflict: 'La requête est en conflit avec l’état du serveur.',
  httpPayloadTooLarge: 'Requête trop volumineuse.',
  httpUnsupportedMediaType: 'Type de contenu non pris en charge.',
  httpTooManyRequests: 'Trop de requêtes : réessayez plus tard.',
  httpRefused: (status: number) => `Requête refusée par le serveur (HTTP ${status}).`,

  // Référentiels the school publishes (issue 16: worker/routes/referentials.ts).
  referentialRefused: (count: number, first: readonly string[]) =>
    `Le référentiel n’est pas publiable : ${count} problème(s), rien n’a été publié. ${first.join(' ')}${count > first.length ? ' (voir le détail pour les autres)' : ''}`,
  referentialImmutable: (id: string) =>
    `La version « ${id} » est déjà publiée avec un autre contenu : une version publiée ne change plus. Publiez la version suivante.`,
  referentialVersionNotNext: (lineage: string, version: number, expected: number, latestId: string | null) =>
    latestId === null
      ? `« ${lineage} » n’a encore aucune version publiée : la première est la version 1, pas la version ${version}.`
      : `La version suivante de « ${lineage} » est la version ${expected} (la dernière publiée est « ${latestId} »), pas la version ${version}.`,
  referentialNothingChanged: (version: number, previousId: string) =>
    `La version ${version} serait identique à « ${previousId} » : rien à publier.`,
  referentialPublishedMeanwhile: (lineage: string) =>
    `Une autre version de « ${lineage} » vient d’être publiée : rien n’a été publié. Rechargez le référentiel puis recommencez.`,
  referentialNoPrevious: (id: string) =>
    `« ${id} » est une première version : elle ne suit aucune version. Précisez la version à comparer avec ?from=.`,

  // Issue 15: administration of sessions, candidates, jury, people, certifier settings, documents.
  sessionNotDeletable: (name: string, reasons: string) => `Impossible de supprimer la session « ${name} » : ${reasons}.`,
  sessionNotClosable: (status: string) =>
    status === 'closed'
      ? 'La session est déjà close.'
      : 'Seule une session délibérée peut être close : finalisez d’abord la délibération.',
  sessionVersionRequired: 'Indiquez la version de la session lue (paramètre version).',
  rattrapageNeedsDeliberation: 'La session n’est pas délibérée : une session de rattrapage se crée à partir d’une session délibérée.',
  rattrapageNobody: 'Tous les candidats de la session sont certifiés (ou désinscrits) : aucune session de rattrapage à créer.',
  candidateAlreadyWithdrawn: 'Ce candidat est déjà désinscrit.',
  candidateNotWithdrawn: 'Ce candidat n’est pas désinscrit.',
  candidateWithdrawnNoGrades: 'Ce candidat est désinscrit : ses notes et décisions ne se saisissent plus. Réinscrivez-le d’abord.',
  staleCandidateList: (client: number, server: number) =>
    `La liste des candidats a changé depuis l’aperçu (version ${client}, le serveur est à la version ${server}) : rien n’a été importé. Relancez l’aperçu puis importez.`,
  juryCompositionInvalid: (failures: string) =>
    `La composition du jury ne respecte pas les règles : ${failures} Rien n’a été finalisé. Corrigez le jury, ou confirmez une dérogation motivée (le motif sera porté au PV).`,
  certifierSettingsIncomplete: (fields: string) =>
    `Paramètres du certificateur manquants ou invalides : ${fields}. Un administrateur les renseigne dans « Paramètres du certificateur ».`,
  staleCertifierSettings: 'Les paramètres du certificateur ont été modifiés entre-temps : rechargez-les puis recommencez.',
  userDisabledCannotBeAssigned: (email: string) => `Le compte ${email} est désactivé : réactivez-le avant de lui donner un rôle.`,
  // Issue 14: hostile input (worker/middleware/validate.ts). U+00A0 before « : ; ! ? » and inside « ».
  jsonTooDeep: (maxDepth: number) => `JSON trop imbriqué\u00a0: ${maxDepth}\u00a0niveaux au plus`,
  moreIssues: (count: number) => `\u00a0; et ${count}\u00a0autre(s) problème(s)`,
  staleRowsSameValues:
    'Des lignes ont été modifiées par quelqu’un d’autre depuis votre dernière récupération, mais aucune des valeurs envoyées ne diffère de celles du serveur\u00a0: rien n’a été enregistré. Récupérez la grille puis renvoyez.',
  juryPreviewStale:
    'Des notes de la grille ont changé depuis l’aperçu\u00a0: rien n’a été importé. Relancez l’aperçu pour voir ce que l’import fera, puis importez.',
  // Issue 17 (PDF documents, verification page)
  pdfFontMissing: (path: string) =>
    `La police des documents PDF est introuvable dans les fichiers statiques du Worker (${path})\u00a0: reconstruisez le volet (npm run build) puis redéployez.`,
  noAttestationToIssue:
    'Aucun candidat n’a validé de bloc lors de cette délibération\u00a0: il n’y a pas d’attestation de blocs à délivrer.',
} as const

/** Issue 17: the public verification page of a document (/verifier/<code>). */
export const verificationPageFr = {
  title: 'Vérification d’un document de certification',
  current: (version: number) =>
    `Document authentique et en vigueur\u00a0: il a été établi d’après la version ${version} du procès-verbal du jury, qui est la dernière.`,
  superseded: (version: number, latest: number, date: string) =>
    `Document authentique mais remplacé\u00a0: il a été établi d’après la version ${version} du procès-verbal du jury, remplacée par la version ${latest} du ${date}. Demandez au certificateur le document à jour.`,
  beingAmended: (version: number) =>
    `Document authentique, établi d’après la version ${version} du procès-verbal du jury\u00a0; la délibération est en cours de modification et une nouvelle version est attendue.`,
  unknown: 'Aucun document ne correspond à ce code de vérification.',
  unknownHelp:
    'Vérifiez l’adresse (24\u00a0caractères après «\u00a0/verifier/\u00a0») ou scannez à nouveau le code QR. Un document dont le code est inconnu ne provient pas de ce certificateur.',
  tooMany: 'Trop de vérifications depuis votre adresse\u00a0: réessayez dans une minute.',
  unavailable: 'La vérification est momentanément indisponible\u00a0: réessayez dans quelques instants.',
  footer: 'Cette page reprend uniquement ce que le document imprime. Elle ne demande aucune connexion.',
  kinds: { pv: 'Procès-verbal du jury de certification', attestation: 'Attestation de validation de blocs de compétences' },
  labels: {
    document: 'Document',
    holder: 'Titulaire',
    title: 'Certification professionnelle',
    blocs: 'Blocs de compétences validés',
    issuedOn: 'Date de délivrance',
    deliberatedOn: 'Date de la délibération',
    pvVersion: 'Version du procès-verbal',
    reference: 'Référence du document',
  },
} as const
