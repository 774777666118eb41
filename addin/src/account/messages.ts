/** French texts of the account module (sign-in errors), ready to show. */
export const accountMessages = {
  signInDisabled: 'La connexion avec Microsoft n’est pas configurée sur ce serveur : utilisez un jeton d’API.',
  signInRequired: 'Votre session Microsoft a expiré : reconnectez-vous avec Microsoft.',
  signInCancelled: 'Connexion annulée.',
  signInFailed: (detail: string) => `La connexion avec Microsoft a échoué : ${detail}`,
  configUnreadable: (status: number | string) =>
    `Impossible de lire la configuration de connexion du serveur (${status}) : vérifiez l’adresse du serveur.`,
  dialogUnavailable: 'La fenêtre de connexion n’a pas pu s’ouvrir : autorisez les fenêtres de Certibloc puis recommencez.',
  meUnreadable: (status: number) => `Impossible de lire vos droits (${status}).`,
} as const
