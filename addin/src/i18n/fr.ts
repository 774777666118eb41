/** Every text the add-in shows to people, in French, in one place. */
export const fr = {
  appName: 'Certibloc',
  tagline: 'Évaluation des blocs de compétences RNCP',

  host: {
    loading: 'Chargement d’Office…',
    sideloadIntro: 'Ouvrez Certibloc depuis Excel : ce volet ne fonctionne qu’à l’intérieur d’un classeur. Pour charger le complément :',
    sideloadSteps: [
      'Excel sur le web : Accueil › Compléments › Plus de paramètres › Charger mon complément, puis choisissez le fichier manifest.xml.',
      'Excel sur Windows ou Mac : depuis le dossier du projet, lancez « npm run sideload ».',
    ],
    reasonNoOffice:
      'La bibliothèque Office (office.js) n’a pas pu être chargée : vérifiez la connexion à Internet ou un éventuel blocage réseau.',
    reasonTimeout: 'Office n’a pas répondu à temps.',
    reasonOtherHost: (host: string | null) =>
      host ? `Cette page est ouverte dans ${host}, pas dans Excel.` : 'Cette page est ouverte hors d’Office.',
  },

  connection: {
    title: 'Connexion au serveur',
    apiBaseUrlLabel: 'Adresse de l’API',
    apiBaseUrlHint: 'Par défaut, le serveur qui héberge ce volet.',
    tokenLabel: 'Jeton d’accès',
    submit: 'Se connecter',
    connecting: 'Connexion…',
    connectedTo: (url: string) => `Connecté à ${url}`,
    change: 'Modifier',
    forget: 'Oublier ce jeton',
    invalidUrl: 'Adresse invalide : saisissez une URL complète commençant par https:// ou http://.',
    tokenRequired: 'Saisissez le jeton d’accès.',
  },

  referentials: {
    pickerLabel: 'Référentiel',
    empty: 'Aucun référentiel n’est disponible sur ce serveur.',
    // Version first: long titles are cut at the pane's edge.
    option: (title: string, version: number, published: boolean) =>
      `v${version}${published ? '' : ' (brouillon)'} — ${title}`,
    writeButton: 'Écrire le référentiel dans le classeur',
    fetching: 'Téléchargement du référentiel…',
    writing: 'Écriture dans le classeur…',
    written: (sheetName: string, rowCount: number) =>
      `Feuille « ${sheetName} » écrite : ${rowCount} lignes.`,
  },

  errors: {
    title: 'Erreur',
    /** First line of the details: the code to quote to support. */
    reference: (code: string, status: number | null) =>
      status === null ? `Code : ${code}` : `Code : ${code} — HTTP ${status}`,
    showDetails: 'Afficher les détails',
    hideDetails: 'Masquer les détails',
    dismiss: 'Fermer',
    unexpected: 'Une erreur inattendue s’est produite.',
    api: {
      network:
        'Impossible de joindre le serveur Certibloc. Vérifiez l’adresse de l’API et votre connexion, puis réessayez.',
      http: (status: number) => `Le serveur a répondu par une erreur inattendue (HTTP ${status}).`,
      invalidResponse: 'La réponse du serveur est illisible.',
    },
    excel: {
      cellEditMode: 'Excel est en train de modifier une cellule : validez ou annulez la saisie, puis réessayez.',
      accessDenied: 'Excel a refusé la modification : la feuille ou le classeur est peut-être protégé.',
      payloadTooLarge: 'Trop de données envoyées d’un coup à Excel. Réessayez ; si le problème persiste, contactez le support.',
      apiNotSupported: 'Cette version d’Excel ne prend pas en charge une fonction nécessaire. Mettez Excel à jour.',
      busy: 'Excel est occupé. Patientez quelques secondes, puis réessayez.',
      generic: (code: string) => `Excel n’a pas pu écrire dans le classeur (code ${code}).`,
    },
  },
} as const
