/** Every text the add-in shows to people, in French, in one place. */
import type { UnitReading } from '../../../shared/workbook/gradeSheetData'
import type { SheetProblem } from '../../../shared/workbook/verifyGradeSheet'

const restore = '« Récupérer la grille » la rétablit sans perdre vos saisies.'

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

  sessions: {
    pickerLabel: 'Session',
    loading: 'Chargement des sessions…',
    empty: 'Aucune session sur ce serveur : créez-en une et importez ses candidats, puis revenez ici.',
    option: (name: string, candidateCount: number, status: string) =>
      `${name} — ${candidateCount} candidat${candidateCount > 1 ? 's' : ''}${status === 'open' ? '' : status === 'deliberated' ? ' (délibérée)' : ' (close)'}`,
  },

  workbook: {
    none: 'Ce classeur ne contient pas encore de grille.',
    linked: (sessionName: string, pulledAt: string) => `Grille « ${sessionName} » récupérée le ${pulledAt}.`,
    otherSession: 'La session choisie n’est pas celle de ce classeur : la récupérer remplacera la grille.',
  },

  actions: {
    pull: 'Récupérer la grille',
    verify: 'Vérifier',
    send: 'Envoyer les résultats',
    sendBlocked: 'Corrigez les anomalies, puis vérifiez de nouveau.',
  },

  progress: {
    download: 'Téléchargement depuis le serveur…',
    read: 'Lecture du classeur…',
    write: 'Écriture dans le classeur…',
    send: 'Envoi au serveur…',
    requests: (done: number, total: number) => `Étape ${done} sur ${total}`,
  },

  pull: {
    done: (sessionName: string, rowCount: number) =>
      `Grille « ${sessionName} » écrite : ${rowCount} candidat${rowCount > 1 ? 's' : ''}. Saisissez les critères, la décision du jury et son motif ; les résultats se calculent dans Excel.`,
    readOnly: 'Cette session est délibérée ou close : la grille est en consultation, l’envoi sera refusé.',
    kept: (count: number) =>
      `${count} saisie${count > 1 ? 's' : ''} non envoyée${count > 1 ? 's' : ''} conservée${count > 1 ? 's' : ''} : elle${count > 1 ? 's' : ''} diffère${count > 1 ? 'nt' : ''} du serveur.`,
    dropped: (label: string, count: number) =>
      `${label} n’est plus dans la session : ${count} saisie${count > 1 ? 's' : ''} non envoyée${count > 1 ? 's' : ''} perdue${count > 1 ? 's' : ''}.`,
    conflictsApplied: 'Vos choix sont appliqués. Vérifiez, puis envoyez de nouveau.',
  },

  verify: {
    ok: (rowCount: number, pending: number) =>
      `Aucune anomalie sur ${rowCount} candidat${rowCount > 1 ? 's' : ''}. ` +
      (pending === 0 ? 'Rien à envoyer.' : `${pending} saisie${pending > 1 ? 's' : ''} prête${pending > 1 ? 's' : ''} à envoyer.`),
    problems: (count: number) => `${count} anomalie${count > 1 ? 's' : ''} à corriger avant l’envoi`,
    more: (count: number) => `… et ${count} autre${count > 1 ? 's' : ''}.`,
    kind: {
      input: 'Saisie invalide',
      unchosenOption: 'Option non choisie',
      mismatch: 'Formule modifiée',
      formula: 'Formule remplacée',
    },
    /** The rules engine words invalid inputs itself (bloc, critère, expected codes). */
    message: (problem: SheetProblem): string => {
      switch (problem.kind) {
        case 'input':
          return problem.message
        case 'mismatch':
          return `${problem.shown === '' ? 'La cellule est vide' : `La cellule affiche « ${problem.shown} »`} au lieu de « ${problem.expected} » : sa formule a été modifiée ou effacée. ${restore}`
        case 'formula':
          return `Une valeur a été saisie à la place de la formule. ${restore}`
        case 'unchosenOption':
          return `Le candidat a choisi l’option ${problem.chosenOption} : les saisies du bloc ${problem.blocCode} ne peuvent pas être envoyées. Effacez-les.`
      }
    },
  },

  values: {
    /** How an input reads in a list: "ACQ", "12.5", "ADJ — Soutenance remarquable", "(vide)". */
    describe: (reading: UnitReading): string => {
      if (!reading.valid) return `« ${reading.raw} »`
      const value = reading.value
      if (value === null) return '(vide)'
      if (typeof value === 'object') return value.reason === null ? value.code : `${value.code} — ${value.reason}`
      return String(value)
    },
  },

  send: {
    sent: (rows: number, inputs: number) =>
      `${inputs} saisie${inputs > 1 ? 's' : ''} envoyée${inputs > 1 ? 's' : ''} pour ${rows} candidat${rows > 1 ? 's' : ''}.`,
    nothing: 'Rien à envoyer : aucune saisie n’a changé depuis la dernière récupération.',
  },

  differences: {
    title: 'Saisies non envoyées',
    line: (local: string, server: string) => `Vous : ${local} · Serveur : ${server}`,
  },

  conflicts: {
    title: 'Conflits avec le serveur',
    intro: 'Ces cellules ont aussi changé sur le serveur depuis votre récupération. Choisissez la valeur à garder pour chacune.',
    nothingSaved: 'Rien n’a été enregistré.',
    noCellToChoose:
      'D’autres cellules de ces lignes ont changé sur le serveur. Appliquez pour les reprendre (vos saisies sont conservées), puis renvoyez.',
    mine: (value: string) => `Vous : ${value}`,
    server: (value: string) => `Serveur : ${value}`,
    keepMine: 'Garder la mienne',
    takeServer: 'Prendre celle du serveur',
    allMine: 'Tout garder',
    allServer: 'Tout prendre du serveur',
    apply: 'Appliquer mes choix',
    cancel: 'Annuler',
    othersFollow: (count: number) => `… et ${count} autre${count > 1 ? 's' : ''}, selon le dernier choix global.`,
  },

  sync: {
    noGrid: 'Ce classeur ne contient pas de grille Certibloc : cliquez d’abord sur « Récupérer la grille ».',
    unsentEditsElsewhere: (sessionName: string, count: number) =>
      `Ce classeur contient ${count} saisie${count > 1 ? 's' : ''} non envoyée${count > 1 ? 's' : ''} de la session « ${sessionName} ». ` +
      'Envoyez-les d’abord, ou ouvrez un nouveau classeur pour l’autre session.',
    layoutChanged: 'La grille de ce classeur a été créée par une autre version de Certibloc : récupérez-la de nouveau.',
    rulesInvalid: (referentialId: string) =>
      `Les règles du référentiel « ${referentialId} » ne peuvent pas être traduites en formules Excel.`,
    gridMismatch: 'La grille du serveur contient des critères absents de son référentiel : signalez-le à l’administrateur.',
  },

  juryImport: {
    title: 'Fiches du jury',
    downloadBlank: 'Télécharger les fiches vierges',
    dropZone: 'Déposez ici les fiches remplies (.xlsx), ou choisissez-les :',
    chooseFiles: 'Choisir les fichiers',
    selected: (count: number) => `${count} fichier${count > 1 ? 's' : ''} choisi${count > 1 ? 's' : ''}`,
    preview: 'Aperçu',
    import: 'Importer',
    clear: 'Effacer',
    total: 'Total',
    counts: (c: { new: number; changed: number; unchanged: number; conflicts: number }, errors: number) =>
      `${c.new} nouvelle${c.new > 1 ? 's' : ''} · ${c.changed} modifiée${c.changed > 1 ? 's' : ''} · ${c.unchanged} inchangée${c.unchanged > 1 ? 's' : ''} · ` +
      `${c.conflicts} conflit${c.conflicts > 1 ? 's' : ''} · ${errors} erreur${errors > 1 ? 's' : ''}`,
    status: {
      ok: '',
      error: 'erreurs',
      already_imported: 'déjà importé',
      duplicate_file: 'en double',
      excluded: 'exclu',
    } as Record<string, string>,
    exclude: 'Exclure ce fichier',
    errorsTitle: 'Erreurs à corriger',
    notCommittable: 'Corrigez les erreurs ou excluez les fichiers concernés, et réglez les conflits dans la grille, avant d’importer.',
    previewStale: 'Les exclusions ont changé : relancez l’aperçu.',
    nothingToImport: 'Aucune note à importer.',
  },

  documents: {
    title: 'Documents et délibération',
    pv: 'Télécharger le PV',
    pvDownloaded: (version: number) => `PV version ${version} téléchargé.`,
    summaryXlsx: 'Synthèse (.xlsx)',
    summaryCsv: 'Synthèse (.csv)',
    cdc: 'Fichier Caisse des Dépôts (.xml)',
    finalise: 'Finaliser la délibération',
    finaliseConfirmTitle: 'Finaliser la délibération ?',
    finaliseConfirm:
      'Les résultats seront recalculés à partir des notes enregistrées sur le serveur, la session sera verrouillée et un PV sera émis. Envoyez d’abord les saisies du classeur.',
    confirm: 'Finaliser',
    cancel: 'Annuler',
    finalised: (version: number) => `Délibération finalisée : PV version ${version} émis.`,
    amend: 'Rouvrir (amendement)',
    amendReason: 'Motif de la réouverture (figurera sur le prochain PV)',
    amendSubmit: 'Rouvrir la session',
    amended: (next: number) => `Session rouverte : le prochain PV sera la version ${next}.`,
    problems: 'Détail',
  },

  sections: {
    jury: 'Fiches du jury',
    documents: 'Documents',
    loading: 'Chargement…',
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
