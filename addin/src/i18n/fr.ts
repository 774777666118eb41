/** Every text the add-in shows to people, in French, in one place. */
import type { UnitReading } from '../../../shared/workbook/gradeSheetData'
import type { SheetProblem } from '../../../shared/workbook/verifyGradeSheet'

const restore = '« Récupérer la grille » la rétablit sans perdre vos saisies.'

/** Numbers as French readers write them: « 1 250 » (narrow no-break space), « 12,5 ». */
const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 })
const n = (value: number): string => numberFormat.format(value)

export const fr = {
  appName: 'Certibloc',
  tagline: 'Évaluation des blocs de compétences RNCP',

  host: {
    loading: 'Chargement d’Office…',
    sideloadIntro:
      'Certibloc est un complément d’Excel\u00a0: ce volet s’ouvre dans un classeur, pas seul dans le navigateur. Pour l’ajouter à Excel\u00a0:',
    sideloadSteps: [
      'Procurez-vous le fichier manifeste de Certibloc (manifest.xml)\u00a0: l’administrateur de votre école le reçoit au déploiement. Si ce serveur le propose, il est téléchargeable ci-dessous.',
      'Excel sur le web\u00a0: ouvrez un classeur, puis Accueil › Compléments › Plus de paramètres › Charger mon complément, et choisissez le fichier manifest.xml.',
      'Excel sur Windows ou Mac\u00a0: Insérer › Compléments › Mes compléments › Charger mon complément, puis choisissez le fichier manifest.xml.',
      'Dans une organisation Microsoft\u00a0365, l’administrateur peut aussi déployer Certibloc pour tous depuis le centre d’administration (Applications intégrées)\u00a0: il apparaît alors de lui-même dans Excel.',
      'Ensuite, cliquez sur Accueil › Certibloc pour ouvrir ce volet à droite du classeur.',
    ],
    manifestLink: 'Télécharger le manifeste (manifest.xml)',
    helpLink: 'Aide de Certibloc',
    reasonNoOffice:
      'La bibliothèque Office (office.js) n’a pas pu être chargée : vérifiez la connexion à Internet ou un éventuel blocage réseau.',
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
    invalidUrl: 'Adresse invalide : saisissez une URL complète commençant par https:// ou http://.',
    tokenRequired: 'Saisissez le jeton d’accès.',
    microsoft: 'Se connecter avec Microsoft',
    microsoftSigningIn: 'Connexion avec Microsoft…',
    orToken: 'Ou avec un jeton d’accès (CLI, administrateur de secours) :',
    microsoftFailed: 'La connexion avec Microsoft a échoué. Réessayez ; si le problème persiste, utilisez un jeton d’accès.',
    signOut: 'Se déconnecter',
    /** Who is signed in: "Marie Dupont · responsable de certification". */
    signedInAs: (name: string, role: string | null) => (role ? `${name} · ${role}` : name),
  },

  roles: {
    admin: 'administrateur',
    manager: 'responsable de certification',
    assessor: 'évaluateur',
    reader: 'lecteur',
  } as Record<string, string>,

  sessions: {
    pickerLabel: 'Session',
    loading: 'Chargement des sessions…',
    empty: 'Aucune session sur ce serveur : créez-en une et importez ses candidats, puis revenez ici.',
    option: (name: string, candidateCount: number, status: string) =>
      `${name} — ${n(candidateCount)} candidat${candidateCount > 1 ? 's' : ''}${status === 'open' ? '' : status === 'deliberated' ? ' (délibérée)' : ' (close)'}`,
  },

  workbook: {
    none: 'Ce classeur ne contient pas encore de grille.',
    linked: (sessionName: string, pulledAt: string) => `Grille « ${sessionName} » récupérée le ${pulledAt}.`,
    otherSession: 'La session choisie n’est pas celle de ce classeur : la récupérer remplacera la grille.',
  },

  // Setting a session up from the pane (issue 15): sessions, the « Candidats » sheet, rattrapage.
  setup: {
    states: { open: 'ouverte', deliberated: 'délibérée', closed: 'close' } as Record<string, string>,
    /** "Promo 2026 — 25 candidats · ouverte". */
    option: (name: string, candidateCount: number, status: string) =>
      `${name} — ${n(candidateCount)} candidat${candidateCount > 1 ? 's' : ''} · ${({ open: 'ouverte', deliberated: 'délibérée', closed: 'close' } as Record<string, string>)[status] ?? status}`,
    empty: 'Aucune session sur ce serveur pour l’instant.',
    emptyCreate: 'Créez la première : choisissez le référentiel, nommez la session, puis remplissez sa feuille « Candidats ».',
    emptyNoRight: 'Aucune session ne vous est ouverte : demandez à un responsable de certification de vous en attribuer une.',
    create: 'Créer une session',
    newSession: 'Nouvelle session',
    formTitleCreate: 'Nouvelle session',
    formTitleEdit: 'Modifier la session',
    fields: {
      referential: 'Référentiel (version publiée)',
      name: 'Nom de la session',
      campus: 'Campus ou lieu',
      startsOn: 'Début',
      endsOn: 'Fin',
      juryDate: 'Date de la délibération',
      deliberationPlace: 'Lieu de la délibération',
    },
    loadingReferentials: 'Chargement des référentiels…',
    noReferential: 'Aucun référentiel publié : publiez-en un dans « Référentiels » avant de créer une session.',
    nameRequired: 'Saisissez le nom de la session.',
    endBeforeStart: 'La date de fin précède la date de début.',
    submitCreate: 'Créer la session',
    submitSave: 'Enregistrer',
    cancel: 'Annuler',
    created: (name: string) => `Session « ${name} » créée et choisie. Remplissez maintenant ses candidats ci-dessous.`,
    saved: (name: string) => `Session « ${name} » enregistrée.`,
    section: 'Gérer la session',
    summary: (state: string, candidates: number, withdrawn: number) =>
      `État : ${state} · ${n(candidates)} candidat${candidates > 1 ? 's' : ''} inscrit${candidates > 1 ? 's' : ''}` +
      (withdrawn > 0 ? ` · ${n(withdrawn)} désinscrit${withdrawn > 1 ? 's' : ''}` : ''),
    dates: (startsOn: string | null, endsOn: string | null) =>
      startsOn && endsOn ? `Du ${startsOn} au ${endsOn}` : startsOn ? `À partir du ${startsOn}` : endsOn ? `Jusqu’au ${endsOn}` : null,
    deliberation: (date: string | null, place: string | null) =>
      date || place ? `Délibération${date ? ` du ${date}` : ''}${place ? `, ${place}` : ''}` : null,
    rattrapageOf: (name: string) => `Session de rattrapage de « ${name} »`,
    edit: 'Modifier',
    lockedEdit: 'La session n’est plus ouverte : ses informations ne peuvent plus être modifiées.',
    close: 'Clore la session (archiver)',
    closeTitle: 'Clore la session ?',
    closeConfirm: (name: string) =>
      `« ${name} » passera en lecture seule pour de bon : plus aucun amendement ne sera possible. Ses documents restent téléchargeables.`,
    closeSubmit: 'Clore définitivement',
    closed: (name: string) => `Session « ${name} » close (archivée).`,
    delete: 'Supprimer la session',
    deleteTitle: 'Supprimer la session ?',
    deleteConfirm: (name: string) =>
      `« ${name} », ses candidats, son jury et ses rôles seront supprimés. Le journal garde la trace de la suppression.`,
    deleteSubmit: 'Supprimer',
    deleted: (name: string) => `Session « ${name} » supprimée.`,
    deleteBlocked: (reasons: readonly string[]) => `Suppression impossible : ${reasons.join(', ')}.`,
    rattrapage: 'Créer la session de rattrapage',
    rattrapageHint: 'Les candidats non certifiés y sont repris ; chaque bloc qu’ils ont validé est reporté comme capitalisé (CAP) et seuls les autres sont à évaluer.',
    rattrapageName: (name: string) => `${name} — rattrapage`,
    rattrapageSubmit: 'Créer le rattrapage',
    rattrapageCreated: (name: string, candidates: number, blocs: number) =>
      `Session de rattrapage « ${name} » créée et choisie : ${n(candidates)} candidat${candidates > 1 ? 's' : ''}, ` +
      `${n(blocs)} bloc${blocs > 1 ? 's' : ''} reporté${blocs > 1 ? 's' : ''} comme capitalisé${blocs > 1 ? 's' : ''}. Récupérez sa grille.`,
    rattrapageSkipped: (count: number) => `${n(count)} candidat${count > 1 ? 's' : ''} non repris (désinscrit ou anonymisé).`,
  },

  candidates: {
    section: 'Candidats',
    sheetIntro: 'La liste se remplit dans la feuille « Candidats » du classeur : une ligne par candidat, les options et voies d’accès en listes déroulantes.',
    writeSheet: 'Écrire la feuille « Candidats »',
    replaceTitle: 'Remplacer la feuille « Candidats » ?',
    replaceConfirm: 'La feuille sera réécrite avec la liste du serveur : ce que vous y avez saisi sans l’importer sera perdu.',
    replace: 'Remplacer la feuille',
    cancel: 'Annuler',
    written: (count: number) =>
      count === 0
        ? 'Feuille « Candidats » écrite avec ses en-têtes : saisissez ou collez une ligne par candidat, puis « Vérifier la feuille ».'
        : `Feuille « Candidats » écrite : ${n(count)} candidat${count > 1 ? 's' : ''}. Modifiez-la, puis « Vérifier la feuille ».`,
    checkSheet: 'Vérifier la feuille',
    noSheet: 'Ce classeur n’a pas de feuille « Candidats » : cliquez d’abord sur « Écrire la feuille « Candidats » ».',
    fileTitle: 'Ou depuis un fichier CSV ou xlsx',
    chooseFile: 'Choisir le fichier',
    checkFile: 'Aperçu du fichier',
    previewOf: (source: string) => `Aperçu de ${source}`,
    sheetSource: 'la feuille « Candidats »',
    fileSource: (name: string) => `« ${name} »`,
    counts: (c: { created: number; updated: number; unchanged: number; withdrawn: number; reinstated: number; errors: number }) =>
      [
        `${c.created} nouveau${c.created > 1 ? 'x' : ''}`,
        `${c.updated} modifié${c.updated > 1 ? 's' : ''}`,
        `${c.unchanged} inchangé${c.unchanged > 1 ? 's' : ''}`,
        `${c.withdrawn} désinscrit${c.withdrawn > 1 ? 's' : ''}`,
        ...(c.reinstated > 0 ? [`${c.reinstated} réinscrit${c.reinstated > 1 ? 's' : ''}`] : []),
        `${c.errors} erreur${c.errors > 1 ? 's' : ''}`,
      ].join(' · '),
    lineStatus: {
      new: 'Nouveau',
      changed: 'Modifié',
      unchanged: 'Inchangé',
      withdrawn: 'Désinscrit',
      reinstated: 'Réinscrit',
      error: 'Erreur',
    } as Record<string, string>,
    /** "Ligne 7 · E007 Martin Léa". */
    line: (row: number | null, schoolId: string, name: string) => `${row === null ? 'Absent de la liste' : `Ligne ${row}`} · ${[schoolId, name].filter(Boolean).join(' ')}`,
    changes: (fields: readonly string[]) => `Modifié : ${fields.join(', ')}`,
    errorsTitle: (count: number) => `${n(count)} erreur${count > 1 ? 's' : ''} à corriger`,
    fixThenCheck: 'Corrigez les cellules signalées, puis vérifiez de nouveau : rien n’est importé tant qu’il reste une erreur.',
    warningsTitle: 'Remarques',
    commit: 'Importer',
    nothingToImport: 'Rien à importer : la liste est identique à celle de la session.',
    changedSincePreview: 'La feuille a changé depuis l’aperçu : voici le nouvel aperçu. Rien n’a été importé.',
    committed: (c: { created: number; updated: number; withdrawn: number; reinstated: number }) =>
      `Liste importée : ${c.created} nouveau${c.created > 1 ? 'x' : ''}, ${c.updated} modifié${c.updated > 1 ? 's' : ''}, ` +
      `${c.withdrawn} désinscrit${c.withdrawn > 1 ? 's' : ''}${c.reinstated > 0 ? `, ${c.reinstated} réinscrit${c.reinstated > 1 ? 's' : ''}` : ''}. ` +
      'Cliquez sur « Récupérer la grille » pour les évaluer.',
    locked: 'La session n’est plus ouverte : l’aperçu reste possible, l’import et les modifications non.',
    listTitle: 'Un candidat',
    pick: 'Candidat',
    pickNone: 'Choisissez un candidat',
    candidateOption: (label: string, withdrawn: boolean) => (withdrawn ? `${label} (désinscrit)` : label),
    editFields: {
      birthName: 'Nom de naissance',
      usageName: 'Nom d’usage',
      firstNames: 'Prénoms (séparés par des virgules)',
      email: 'Courriel',
      option: 'Option',
      accessRoute: 'Voie d’accès',
      none: '(aucune)',
    },
    save: 'Enregistrer',
    saved: (name: string) => `Candidat ${name} enregistré.`,
    firstNamesRequired: 'Saisissez au moins un prénom.',
    birthNameRequired: 'Saisissez le nom de naissance.',
    withdraw: 'Désinscrire',
    withdrawReason: 'Motif de la désinscription',
    withdrawSubmit: 'Désinscrire le candidat',
    withdrawn: (name: string) => `${name} est désinscrit : il n’apparaît plus dans la grille, les résultats ni les documents.`,
    withdrawnSince: (at: string, reason: string | null) => `Désinscrit le ${at}${reason ? ` — ${reason}` : ''}`,
    reinstate: 'Réinscrire',
    reinstated: (name: string) => `${name} est réinscrit, avec ses notes d’avant.`,
    gridBehind: 'La liste des candidats a changé : cliquez sur « Récupérer la grille » pour mettre le classeur à jour.',
  },

  actions: {
    pull: 'Récupérer la grille',
    verify: 'Vérifier',
    send: 'Envoyer les résultats',
    sendBlocked: 'Corrigez les anomalies, puis vérifiez de nouveau.',
    finalDeliberation: 'Délibération définitive : finaliser la session',
    finalDeliberationHint: 'L’envoi émet le PV et verrouille la session.',
  },

  progress: {
    download: 'Téléchargement depuis le serveur…',
    read: 'Lecture du classeur…',
    write: 'Écriture dans le classeur…',
    send: 'Envoi au serveur…',
    requests: (done: number, total: number) => `Étape ${n(done)} sur ${n(total)}`,
  },

  pull: {
    done: (sessionName: string, rowCount: number) =>
      `Grille « ${sessionName} » écrite : ${n(rowCount)} candidat${rowCount > 1 ? 's' : ''}. Saisissez les critères, la décision du jury et son motif ; les résultats se calculent dans Excel.`,
    readOnly: 'Cette session est délibérée ou close : la grille est en consultation, l’envoi sera refusé.',
    kept: (count: number) =>
      `${n(count)} saisie${count > 1 ? 's' : ''} non envoyée${count > 1 ? 's' : ''} conservée${count > 1 ? 's' : ''} : elle${count > 1 ? 's' : ''} diffère${count > 1 ? 'nt' : ''} du serveur.`,
    dropped: (label: string, count: number) =>
      `${label} n’est plus dans la session : ${n(count)} saisie${count > 1 ? 's' : ''} non envoyée${count > 1 ? 's' : ''} perdue${count > 1 ? 's' : ''}.`,
    conflictsApplied: 'Vos choix sont appliqués. Vérifiez, puis envoyez de nouveau.',
  },

  verify: {
    ok: (rowCount: number, pending: number) =>
      `Aucune anomalie sur ${n(rowCount)} candidat${rowCount > 1 ? 's' : ''}. ` +
      (pending === 0 ? 'Rien à envoyer.' : `${n(pending)} saisie${pending > 1 ? 's' : ''} prête${pending > 1 ? 's' : ''} à envoyer.`),
    problems: (count: number) => `${n(count)} anomalie${count > 1 ? 's' : ''} à corriger avant l’envoi`,
    more: (count: number) => `… et ${n(count)} autre${count > 1 ? 's' : ''}.`,
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
          return `${problem.shown === '' ? 'La cellule est vide' : `La cellule affiche « ${problem.shown} »`} au lieu de « ${problem.expected} » : sa formule a été modifiée ou effacée. ${restore}`
        case 'formula':
          return `Une valeur a été saisie à la place de la formule. ${restore}`
        case 'unchosenOption':
          return `Le candidat a choisi l’option ${problem.chosenOption} : les saisies du bloc ${problem.blocCode} ne peuvent pas être envoyées. Effacez-les.`
      }
    },
  },

  values: {
    /** How an input reads in a list: "ACQ", "12.5", "ADJ — Soutenance remarquable", "(vide)". */
    describe: (reading: UnitReading): string => {
      if (!reading.valid) return `« ${reading.raw} »`
      const value = reading.value
      if (value === null) return '(vide)'
      if (typeof value === 'object') return value.reason === null ? value.code : `${value.code} — ${value.reason}`
      return String(value)
    },
  },

  send: {
    sent: (rows: number, inputs: number) =>
      `${n(inputs)} saisie${inputs > 1 ? 's' : ''} envoyée${inputs > 1 ? 's' : ''} pour ${n(rows)} candidat${rows > 1 ? 's' : ''}.`,
    nothing: 'Rien à envoyer : aucune saisie n’a changé depuis la dernière récupération.',
  },

  finalise: {
    confirmTitle: 'Finaliser la délibération ?',
    confirm: (sessionName: string, pvVersion: number | null) =>
      `Les saisies du classeur seront envoyées, puis les résultats qu’il affiche seront finalisés pour la session « ${sessionName} » : ` +
      `le serveur les recalcule, émet ${pvVersion === null ? 'une nouvelle version du PV' : `le PV version ${pvVersion}`} et verrouille la session. ` +
      'Elle ne pourra plus être modifiée sans amendement.',
    submit: 'Finaliser',
    cancel: 'Annuler',
    done: (pvVersion: number) =>
      `Délibération finalisée : PV version ${pvVersion} émis. La session est verrouillée ; pour la corriger, rouvrez-la (amendement) dans « Documents ».`,
    refreshFailed: 'Le classeur n’a pas pu être mis à jour après la finalisation : cliquez sur « Récupérer la grille ».',
    differences: (count: number) =>
      `Rien n’a été finalisé : ${n(count)} écart${count > 1 ? 's' : ''} entre le classeur et le calcul du serveur`,
    certification: 'Certification',
    /** "Classeur : CAP · Calcul : AJ"; a side the server does not give shows "—". */
    line: (pushed: string | null, computed: string | null) => `Classeur : ${pushed ?? '—'} · Calcul : ${computed ?? '—'}`,
  },

  differences: {
    title: 'Saisies non envoyées',
    line: (local: string, server: string) => `Vous : ${local} · Serveur : ${server}`,
  },

  conflicts: {
    title: 'Conflits avec le serveur',
    intro: 'Ces cellules ont aussi changé sur le serveur depuis votre récupération. Choisissez la valeur à garder pour chacune.',
    nothingSaved: 'Rien n’a été enregistré.',
    noCellToChoose:
      'D’autres cellules de ces lignes ont changé sur le serveur. Appliquez pour les reprendre (vos saisies sont conservées), puis renvoyez.',
    mine: (value: string) => `Vous : ${value}`,
    server: (value: string) => `Serveur : ${value}`,
    keepMine: 'Garder la mienne',
    takeServer: 'Prendre celle du serveur',
    allMine: 'Tout garder',
    allServer: 'Tout prendre du serveur',
    apply: 'Appliquer mes choix',
    cancel: 'Annuler',
    othersFollow: (count: number) => `… et ${n(count)} autre${count > 1 ? 's' : ''}, selon le dernier choix global.`,
  },

  sync: {
    noGrid: 'Ce classeur ne contient pas de grille Certibloc : cliquez d’abord sur « Récupérer la grille ».',
    unsentEditsElsewhere: (sessionName: string, count: number) =>
      `Ce classeur contient ${n(count)} saisie${count > 1 ? 's' : ''} non envoyée${count > 1 ? 's' : ''} de la session « ${sessionName} ». ` +
      'Envoyez-les d’abord, ou ouvrez un nouveau classeur pour l’autre session.',
    layoutChanged: 'La grille de ce classeur a été créée par une autre version de Certibloc : récupérez-la de nouveau.',
    rulesInvalid: (referentialId: string) =>
      `Les règles du référentiel « ${referentialId} » ne peuvent pas être traduites en formules Excel.`,
    gridMismatch: 'La grille du serveur contient des critères absents de son référentiel : signalez-le à l’administrateur.',
  },

  juryImport: {
    title: 'Fiches du jury',
    downloadBlank: 'Télécharger les fiches vierges',
    dropZone: 'Déposez ici les fiches remplies (.xlsx), ou choisissez-les :',
    chooseFiles: 'Choisir les fichiers',
    selected: (count: number) => `${n(count)} fichier${count > 1 ? 's' : ''} choisi${count > 1 ? 's' : ''}`,
    preview: 'Aperçu',
    import: 'Importer',
    clear: 'Effacer',
    total: 'Total',
    counts: (c: { new: number; changed: number; unchanged: number; conflicts: number }, errors: number) =>
      `${c.new} nouvelle${c.new > 1 ? 's' : ''} · ${c.changed} modifiée${c.changed > 1 ? 's' : ''} · ${c.unchanged} inchangée${c.unchanged > 1 ? 's' : ''} · ` +
      `${c.conflicts} conflit${c.conflicts > 1 ? 's' : ''} · ${n(errors)} erreur${errors > 1 ? 's' : ''}`,
    status: {
      ok: '',
      error: 'erreurs',
      already_imported: 'déjà importé',
      duplicate_file: 'en double',
      excluded: 'exclu',
    } as Record<string, string>,
    exclude: 'Exclure ce fichier',
    /** Issue 14: blank sheets grouped per file; what became of each sheet of a file. */
    blankSheets: (file: string, count: number) =>
      count > 1 ? `${file} : ${n(count)} fiches vierges ignorées.` : `${file} : 1 fiche vierge ignorée.`,
    sheetSummary: (s: { valid: number; marks: number; inError: readonly string[]; ignored: number }) =>
      [
        `${s.valid} fiche${s.valid > 1 ? 's' : ''} valide${s.valid > 1 ? 's' : ''} (${s.marks} note${s.marks > 1 ? 's' : ''} lue${s.marks > 1 ? 's' : ''})`,
        ...(s.inError.length > 0
          ? [`${s.inError.length} en erreur : ${s.inError.slice(0, 5).map((n) => `« ${n} »`).join(', ')}${s.inError.length > 5 ? '…' : ''}`]
          : []),
        ...(s.ignored > 0 ? [`${s.ignored} ignorée${s.ignored > 1 ? 's' : ''} (vierge${s.ignored > 1 ? 's' : ''} ou sans note)`] : []),
      ].join(' · '),
    fileInError: 'à corriger ou exclure ; rien de ce fichier n’est importé tant qu’une fiche est en erreur',
    errorsTitle: 'Erreurs à corriger',
    notCommittable: 'Corrigez les erreurs ou excluez les fichiers concernés avant d’importer.',
    previewStale: 'Les exclusions ont changé : relancez l’aperçu.',
    nothingToImport: 'Aucune note à importer.',
    sessionNotOpen: 'La session est délibérée ou close : l’aperçu reste possible, l’import non.',
    /** A mark as stored: "12,5", "ACQ", "(vide)", with its comment when there is one. */
    value: (value: string | number | null, comment: string | null = null) =>
      `${value === null ? '(vide)' : typeof value === 'number' ? n(value) : value}${comment ? ` — « ${comment} »` : ''}`,
    decisionsTitle: 'Décisions du jury déjà prises',
    decisionsIntro: 'L’import ne modifie pas ces décisions : vérifiez-les après l’import.',
    warningsTitle: 'Remarques',
    conflicts: {
      title: (count: number) => `${n(count)} note${count > 1 ? 's' : ''} de la grille en conflit avec les fiches`,
      firstListed: (listed: number) => `Les ${n(listed)} premières sont listées ci-dessous ; votre choix vaut pour toutes.`,
      intro:
        'Ces notes ont été saisies dans la grille et les fiches disent autre chose. Rien ne sera importé tant que vous n’aurez pas choisi, pour tout l’import :',
      choiceLabel: 'Notes en conflit',
      keep: 'Garder les notes de la grille',
      replace: 'Remplacer par les fiches',
      where: (file: string, sheet: string) => `${file}, feuille « ${sheet} »`,
      heading: (schoolId: string, blocCode: string, critereCode: string) => `${schoolId} · ${blocCode} · ${critereCode}`,
      grid: (value: string, author: string | null, at: string | null) =>
        `Grille : ${value}${author ? ` (saisie par ${author}${at ? ` le ${at}` : ''})` : ''}`,
      sheet: (value: string) => `Fiche : ${value}`,
      resolution: {
        blocks: 'À choisir.',
        kept: 'La note de la grille sera gardée.',
        replaced: 'La note de la fiche la remplacera.',
      } as Record<string, string>,
      choose: 'Choisissez que faire des notes en conflit avant d’importer.',
      updating: 'Relancez l’aperçu avec votre choix avant d’importer.',
    },
    undoLast: 'Annuler cet import',
    undoConfirmTitle: 'Annuler cet import ?',
    undoConfirm: (marks: number, files: string, createdAt: string | null) =>
      `${n(marks)} note${marks > 1 ? 's' : ''} écrite${marks > 1 ? 's' : ''} par cet import${createdAt ? ` du ${createdAt}` : ''} (${files}) ` +
      `${marks > 1 ? 'seront remises' : 'sera remise'} comme avant l’import : vide${marks > 1 ? 's' : ''} si ${marks > 1 ? 'elles l’étaient' : 'elle l’était'}, ` +
      'sinon avec la valeur précédente. Si l’une de ces notes a été modifiée depuis, le serveur refusera l’annulation et rien ne changera.',
    undoConfirmButton: 'Annuler l’import',
    undoKeep: 'Garder l’import',
    changedSince: (schoolId: string, critereCode: string, imported: string, current: string, author: string, at: string) =>
      `${schoolId} ${critereCode} : importée ${imported}, maintenant ${current} (par ${author} le ${at})`,
    gridBehind:
      'Les notes du serveur ont changé : la grille du classeur n’est plus à jour. Cliquez sur « Récupérer la grille » pour la mettre à jour (vos saisies non envoyées sont conservées).',
    batches: {
      title: 'Imports récents',
      empty: 'Aucun import de fiches dans cette session.',
      loadFailed: (message: string) => `Imports récents indisponibles : ${message}`,
      files: (names: readonly string[], more: number) => `${names.join(', ')}${more > 0 ? ` et ${n(more)} autre${more > 1 ? 's' : ''}` : ''}`,
      marks: (written: number, live: number, undone: boolean) =>
        `${n(written)} note${written > 1 ? 's' : ''} écrite${written > 1 ? 's' : ''}` +
        (undone || live === written ? '' : `, ${n(live)} encore en place`),
      by: (createdAt: string, author: string) => `Import du ${createdAt} par ${author}`,
      undone: (at: string) => `Annulé le ${at}`,
      active: 'En place',
      undo: 'Annuler l’import',
      more: (count: number) => `… et ${n(count)} import${count > 1 ? 's' : ''} plus ancien${count > 1 ? 's' : ''}.`,
    },
  },

  documents: {
    title: 'Documents et délibération',
    pv: 'Télécharger le PV',
    pvDownloaded: (version: number) => `PV version ${version} téléchargé.`,
    summaryXlsx: 'Synthèse (.xlsx)',
    summaryCsv: 'Synthèse (.csv)',
    cdc: 'Fichier Caisse des Dépôts (.xml)',
    cancel: 'Annuler',
    amend: 'Rouvrir (amendement)',
    amendReason: 'Motif de la réouverture (figurera sur le prochain PV)',
    amendSubmit: 'Rouvrir la session',
    amended: (next: number) => `Session rouverte : le prochain PV sera la version ${next}. Récupérez la grille avant de la corriger.`,
    problems: 'Détail',
  },

  // Issue 15, administration in the pane: jury composition, people and tokens, certifier settings,
  // document availability. Non-breaking spaces (U+00A0) before « ; : ! ? » and inside « ».
  juryEditor: {
    title: 'Composition du jury',
    intro: 'Membres dans l’ordre du PV. Un jury est collégial, extérieur pour moitié au moins, et présidé.',
    member: (index: number) => `Membre ${index + 1}`,
    civility: 'Civilité',
    noCivility: '—',
    name: 'Prénom et nom',
    quality: 'Qualité et organisme',
    qualityPlaceholder: 'ex. Directrice des systèmes d’information, Société X',
    external: 'Professionnel extérieur (ni certificateur ni organisme de formation)',
    internal: 'interne',
    externalShort: 'extérieur',
    president: 'Président du jury',
    remove: 'Retirer',
    add: 'Ajouter un membre',
    save: 'Enregistrer le jury',
    saving: 'Enregistrement du jury…',
    saved: (count: number) => `Jury enregistré : ${n(count)} membre${count > 1 ? 's' : ''}.`,
    unchanged: 'Aucune modification à enregistrer.',
    checkOk: 'Composition conforme : jury collégial, extérieur pour moitié au moins, président désigné.',
    checkFails: 'Composition à revoir (la finalisation demandera une dérogation motivée) :',
    counts: (members: number, external: number) =>
      `${members} membre${members > 1 ? 's' : ''}, dont ${external} extérieur${external > 1 ? 's' : ''}`,
    fixRows: 'Complétez ces lignes avant d’enregistrer :',
    locked: 'La session est délibérée ou close : le jury est en consultation.',
    readOnly: 'Votre rôle ne permet pas de modifier le jury.',
    loading: 'Chargement du jury…',
  },

  juryOverride: {
    checking: 'Vérification de la composition du jury…',
    failsTitle: 'La composition du jury ne respecte pas les règles :',
    explain: 'Rien n’a encore été envoyé ni verrouillé. Vous pouvez corriger le jury dans « Composition du jury », ou finaliser quand même par une dérogation motivée, portée au PV et au journal.',
    reasonLabel: 'Motif de la dérogation (figurera sur le PV)',
    confirm: 'Finaliser avec dérogation',
    unknown: 'La composition du jury n’a pas pu être vérifiée : le serveur la contrôlera à la finalisation.',
  },

  people: {
    title: 'Personnes et accès',
    sessionPeople: 'Personnes de la session',
    none: 'Personne n’a encore de rôle sur cette session (hors administrateurs).',
    roleOnSession: (role: string) => `${role} sur la session`,
    globalRole: (role: string) => `${role} (toutes les sessions)`,
    disabled: 'compte désactivé',
    notLinked: 'pas encore connecté',
    removeRole: 'Retirer',
    removed: (who: string) => `Rôle de ${who} sur la session retiré.`,
    inviteTitle: 'Inviter une personne',
    email: 'Adresse e-mail',
    displayName: 'Nom affiché (facultatif)',
    scope: 'Portée',
    scopeSession: 'Cette session',
    scopeGlobal: 'Toutes les sessions (rôle global)',
    role: 'Rôle',
    invite: 'Inviter',
    invited: (email: string, role: string) => `${email} invité(e) : ${role}. La personne se connecte avec son compte Microsoft.`,
    assigned: (email: string, role: string) => `${email} a désormais le rôle ${role} sur la session.`,
    invalidEmail: 'Adresse e-mail invalide : saisissez une adresse comme prenom.nom@ecole.fr.',
    tokensTitle: 'Jetons d’API',
    tokensIntro: 'Pour la ligne de commande et les automatisations. Le secret n’est montré qu’une fois.',
    tokenName: 'Nom du jeton',
    tokenNamePlaceholder: 'ex. Import nocturne',
    tokenRole: 'Rôle du jeton',
    tokenScope: 'Sessions',
    tokenScopeSession: 'Cette session seulement',
    tokenScopeAll: 'Toutes les sessions',
    tokenDays: 'Validité (jours, 366 au plus)',
    invalidDays: 'Une durée de 1 à 366 jours.',
    nameRequired: 'Donnez un nom au jeton.',
    create: 'Créer le jeton',
    created: (name: string) => `Jeton « ${name} » créé. Copiez-le maintenant : il ne sera plus affiché.`,
    secretLabel: 'Secret du jeton',
    copy: 'Copier',
    copied: 'Jeton copié dans le presse-papiers.',
    copyFailed: 'La copie a échoué : sélectionnez le jeton et copiez-le avec Ctrl+C.',
    hideSecret: 'J’ai copié le jeton',
    noTokens: 'Aucun jeton d’API.',
    tokenLine: (name: string, role: string, hint: string) => `${name} · ${role} · …${hint}`,
    tokenScopeLine: (session: string | null, expires: string) => `${session === null ? 'toutes les sessions' : `session « ${session} »`} · expire le ${expires}`,
    status: { active: 'actif', expired: 'expiré', revoked: 'révoqué' } as Record<string, string>,
    revoke: 'Révoquer',
    revoked: (name: string) => `Jeton « ${name} » révoqué : il est refusé dès la prochaine requête.`,
    loading: 'Chargement…',
  },

  certifier: {
    title: 'Paramètres du certificateur',
    intro: 'Imprimés sur le PV, les attestations et le fichier Caisse des Dépôts. Un champ vide reprend la valeur par défaut du déploiement, indiquée en dessous.',
    usedBy: (documents: string) => `Utilisé par : ${documents}`,
    fallback: (value: string) => `Par défaut : ${value}`,
    noValue: 'Non renseigné : les documents qui l’impriment seront refusés.',
    save: 'Enregistrer les paramètres',
    saved: 'Paramètres du certificateur enregistrés.',
    unchanged: 'Aucune modification à enregistrer.',
    stale: 'Ces paramètres ont été modifiés entre-temps : les valeurs actuelles sont rechargées, vérifiez-les puis enregistrez de nouveau.',
    fix: 'Corrigez les champs signalés.',
    updatedBy: (who: string, at: string) => `Dernière modification par ${who} le ${at}.`,
    deploymentIssue: (message: string) => `Variable du déploiement ignorée : ${message}`,
  },

  documentsAvailability: {
    loading: 'Vérification des documents disponibles…',
    unavailable: 'Disponibilité des documents inconnue : le serveur dira à chaque téléchargement si le document peut être produit.',
    notAllowed: 'Votre rôle ne permet pas de télécharger ce document.',
    attestationsTitle: 'Attestations par candidat',
    attestation: 'Attestation',
    downloaded: (fileName: string) => `Fichier « ${fileName} » téléchargé.`,
    downloading: 'Préparation du document…',
    refresh: 'Actualiser',
  },

  tokenRefused: 'Jeton refusé : il est invalide, expiré ou révoqué. Reconnectez-vous avec un jeton valide.',
  tokenRejected: 'Jeton refusé : il est invalide, expiré ou révoqué. Il a été oublié sur ce poste ; saisissez un nouveau jeton.',

  // Référentiels the school owns (issue 16): « Modifier le référentiel », the draft sheet, « Publier ».
  referentials: {
    section: 'Référentiels',
    pickerLabel: 'Référentiel publié',
    option: (title: string, version: number) => `${title} — version ${version}`,
    none: 'Aucun référentiel publié sur ce serveur : créez-en un depuis les données ouvertes ci-dessous.',
    edit: 'Modifier le référentiel',
    editHint: 'Écrit la version suivante dans la feuille « Brouillon référentiel » : modifiez-la dans Excel, puis vérifiez et publiez.',
    drafted: (sheetName: string, version: number, rows: number) =>
      `Feuille « ${sheetName} » écrite : version ${version}, ${n(rows)} ligne${rows > 1 ? 's' : ''}. Modifiez-la, puis « Vérifier le brouillon ».`,
    openDataTitle: 'Nouveau titre depuis les données ouvertes de France Compétences',
    openDataHint: 'Le fichier « Standard » et un ou plusieurs fichiers « Blocs_De_Competences » de l’export RNCP (CSV).',
    chooseFiles: 'Choisir les fichiers de l’export',
    selected: (names: readonly string[]) => `${names.length} fichier${names.length > 1 ? 's' : ''} : ${names.join(', ')}`,
    ficheLabel: 'N° de fiche RNCP',
    openDataSubmit: 'Créer le brouillon',
    openDataDrafted: (title: string, rows: number) =>
      `Brouillon « ${title} » écrit (${n(rows)} bloc${rows > 1 ? 's' : ''}) : complétez compétences, critères et règles, puis « Vérifier le brouillon ».`,
    openDataRefused: (count: number) => `Import impossible : ${n(count)} problème${count > 1 ? 's' : ''} dans les fichiers.`,
    verify: 'Vérifier le brouillon',
    publish: 'Publier',
    noDraft: 'Aucun brouillon dans ce classeur : cliquez d’abord sur « Modifier le référentiel » ou « Créer le brouillon ».',
    unknown: (id: string) => `Référentiel « ${id} » introuvable sur le serveur : actualisez la liste.`,
    draftOk: (id: string, blocs: number, criteres: number) =>
      `Brouillon valide : « ${id} », ${n(blocs)} bloc${blocs > 1 ? 's' : ''} et ${n(criteres)} critère${criteres > 1 ? 's' : ''}. Vous pouvez le publier.`,
    draftProblems: (count: number) => `${n(count)} problème${count > 1 ? 's' : ''} dans le brouillon : corrigez les cellules signalées, puis vérifiez à nouveau.`,
    sheetLabel: 'Brouillon référentiel',
    confirmTitle: (id: string) => `Publier « ${id} » ?`,
    confirmNew: (blocs: number, criteres: number) =>
      `Nouveau référentiel : ${n(blocs)} bloc${blocs > 1 ? 's' : ''}, ${n(criteres)} critère${criteres > 1 ? 's' : ''}. Une version publiée ne change plus : une correction sera une nouvelle version.`,
    confirmChanges: (count: number, previousId: string) =>
      `${n(count)} changement${count > 1 ? 's' : ''} par rapport à « ${previousId} ». Une version publiée ne change plus ; les sessions existantes gardent leur version.`,
    confirm: 'Publier cette version',
    cancel: 'Annuler',
    published: (id: string) => `Version « ${id} » publiée : elle peut désormais servir à créer une session.`,
    refused: 'Publication refusée par le serveur :',
  },

  sections: {
    jury: 'Fiches du jury',
    documents: 'Documents',
    audit: 'Journal',
    loading: 'Chargement…',
    failed: 'Cette partie du volet n’a pas pu s’afficher. Rechargez le volet : le classeur garde tout ce qu’il contient.',
    reload: 'Recharger le volet',
  },

  audit: {
    filterLabel: 'Candidat',
    allCandidates: 'Tous les candidats',
    candidatesUnavailable: 'Liste des candidats indisponible : le journal est affiché pour toute la session.',
    refresh: 'Actualiser',
    more: 'Afficher plus',
    loading: 'Chargement du journal…',
    order: 'Du plus récent au plus ancien.',
    empty: 'Aucun événement dans cette session.',
    emptyForCandidate: 'Aucun événement pour ce candidat.',
    candidate: (label: string) => `Candidat : ${label}`,
    /** The audit codes the Worker writes (worker/db, worker/routes/documents.ts); others are shown as is. */
    actions: {
      'session.create': 'Session créée',
      'referential.publish': 'Référentiel publié',
      'session.update': 'Session modifiée',
      'session.finalise': 'Délibération finalisée',
      'session.close': 'Session close (archivée)',
      'session.delete': 'Session supprimée',
      'session.rattrapage': 'Session de rattrapage créée',
      'candidate.withdraw': 'Candidat désinscrit',
      'candidate.reinstate': 'Candidat réinscrit',
      'jury.compositionOverride': 'Composition du jury acceptée par dérogation motivée',
      'certifier.settings.update': 'Paramètres du certificateur modifiés',
      'session.amend': 'Délibération rouverte (amendement)',
      'candidate.create': 'Candidat ajouté',
      'candidate.update': 'Candidat modifié',
      'candidate.delete': 'Candidat supprimé',
      'candidate.import': 'Liste de candidats importée',
      'candidate.bulkUpsert': 'Candidats ajoutés ou modifiés en masse',
      'candidate.export': 'Données du candidat exportées (RGPD)',
      'candidate.erase': 'Candidat effacé (RGPD)',
      'grades.update': 'Notes et décisions enregistrées',
      'bloc.override': 'Décision du jury sur un bloc',
      'jury.update': 'Jury modifié',
      'jury_import.commit': 'Fiches du jury importées',
      'jury_import.undo': 'Import de fiches annulé',
      'document.attestation': 'Attestation délivrée',
      'document.cdc': 'Fichier Caisse des Dépôts généré',
      'document.attestations': 'Attestations de la session délivrées (un seul PDF)',
      'user.create': 'Utilisateur invité',
      'user.update': 'Utilisateur modifié',
      'user.link': 'Compte Microsoft lié',
      'user.sessionRole.set': 'Rôle attribué sur la session',
      'user.sessionRole.remove': 'Rôle retiré sur la session',
      'token.create': 'Jeton d’API créé',
      'token.revoke': 'Jeton d’API révoqué',
    } as Record<string, string>,
    sessionFields: {
      name: 'nom',
      campus: 'campus',
      startsOn: 'date de début',
      endsOn: 'date de fin',
      juryDate: 'date du jury',
    } as Record<string, string>,
    details: {
      name: (name: string) => `Nom : ${name}`,
      referential: (id: string) => `Référentiel : ${id}`,
      changed: (fields: readonly string[]) => `Modifié : ${fields.join(', ')}`,
      schoolId: (id: string) => `Identifiant école : ${id}`,
      upsert: (created: number, updated: number, unchanged: number) =>
        `${n(created)} créé${created > 1 ? 's' : ''} · ${n(updated)} modifié${updated > 1 ? 's' : ''} · ${n(unchanged)} inchangé${unchanged > 1 ? 's' : ''}`,
      value: (value: string | number | null) => (value === null ? '(vide)' : typeof value === 'number' ? n(value) : value),
      mark: (code: string, value: string) => `${code} = ${value}`,
      markChange: (code: string, before: string, after: string) => `${code} : ${before} → ${after}`,
      marks: (list: readonly string[], more: number) =>
        `Notes : ${list.join(', ')}${more > 0 ? ` et ${n(more)} autre${more > 1 ? 's' : ''}` : ''}`,
      decision: (blocCode: string, code: string | null, reason: string | null) =>
        code === null ? `Décision ${blocCode} retirée` : `Décision ${blocCode} : ${code}${reason ? ` — ${reason}` : ''}`,
      reason: (reason: string) => `Motif : ${reason}`,
      members: (names: readonly string[]) => (names.length === 0 ? 'Aucun membre' : `Membres : ${names.join(', ')}`),
      pvVersion: (version: number) => `PV version ${version}`,
      amended: (version: number) => `PV version ${version} rouvert`,
      imported: (files: number, marks: number) =>
        `${n(files)} fichier${files > 1 ? 's' : ''}, ${n(marks)} note${marks > 1 ? 's' : ''}`,
      restored: (count: number) => `${n(count)} note${count > 1 ? 's' : ''} rétablie${count > 1 ? 's' : ''}`,
      blocs: (codes: readonly string[]) => `Blocs : ${codes.join(', ')}`,
      holders: (count: number) => `${n(count)} titulaire${count > 1 ? 's' : ''}`,
      erased: { deleted: 'Supprimé', anonymised: 'Anonymisé' } as Record<string, string>,
      roleSet: (who: string, role: string, previous: string | null) => `${who} : ${role}${previous ? ` (avant : ${previous})` : ''}`,
      roleRemoved: (who: string, previous: string | null) => `${who} : rôle${previous ? ` ${previous}` : ''} retiré`,
      token: (name: string, role: string | null, expiresOn: string | null) =>
        `Jeton « ${name} »${role ? ` · ${role}` : ''}${expiresOn ? ` · expire le ${expiresOn}` : ''}`,
    },
  },

  errors: {
    title: 'Erreur',
    /** First line of the details: the code to quote to support. */
    reference: (code: string, status: number | null) =>
      status === null ? `Code : ${code}` : `Code : ${code} — HTTP ${status}`,
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
      cellEditMode: 'Excel est en train de modifier une cellule : validez ou annulez la saisie, puis réessayez.',
      accessDenied: 'Excel a refusé la modification : la feuille ou le classeur est peut-être protégé.',
      payloadTooLarge: 'Trop de données envoyées d’un coup à Excel. Réessayez ; si le problème persiste, contactez le support.',
      apiNotSupported: 'Cette version d’Excel ne prend pas en charge une fonction nécessaire. Mettez Excel à jour.',
      busy: 'Excel est occupé. Patientez quelques secondes, puis réessayez.',
      generic: (code: string) => `Excel n’a pas pu écrire dans le classeur (code ${code}).`,
    },
  },
} as const
