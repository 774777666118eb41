/**
 * Broken drafts of the second title, each with the refusal the publish route must give: the JSON
 * path of the field and a French message naming the bloc, the compétence or critère and the field.
 * Shared by the publish route's test (test/worker/routes/referentialPublish.test.ts) and the
 * domain check's (publication.test.ts), which give the same answer.
 */
import { parsePath } from '../../../shared/referential/publication'
import { secondTitle } from './secondTitle'

/** A draft as a client may send it: any JSON, changed freely by the cases. */
export type Draft = Record<string, unknown>

/** One change: the value at a path of the document (`blocs[0].criteres[2].code`). */
interface DraftChange {
  path: string
  value: unknown
}

export interface BrokenDraft {
  name: string
  changes: DraftChange[]
  /** The expected issue: path in the body and message. */
  path: string
  message: string
}

const set = (path: string, value: unknown): DraftChange => ({ path, value })

/** A fresh copy of the second title, as sent to the publish route. */
export function draft(): Draft {
  return structuredClone<Draft>(secondTitle)
}

/** The draft with one case's changes applied. */
export function broken(testCase: Pick<BrokenDraft, 'changes'>): Draft {
  const document = draft()
  for (const { path, value } of testCase.changes) {
    const keys = parsePath(path)
    let node: unknown = document
    for (const key of keys.slice(0, -1)) node = (node as Record<string | number, unknown>)[key]
    ;(node as Record<string | number, unknown>)[keys.at(-1)!] = structuredClone(value)
  }
  return document
}

export const brokenDrafts: BrokenDraft[] = [
  { name: 'intitulé vide', changes: [set('title', '')], path: 'body.title', message: 'Intitulé : obligatoire : ne peut pas être vide.' },
  { name: 'niveau 9', changes: [set('level', 9)], path: 'body.level', message: 'Niveau : trop grand : nombre doit être au plus 8.' },
  { name: 'niveau en texte', changes: [set('level', 'six')], path: 'body.level', message: 'Niveau : entrée invalide : nombre attendu, chaîne de caractères reçu.' },
  { name: 'code RNCP sans préfixe', changes: [set('rncpCode', '39999')], path: 'body.rncpCode', message: 'Code RNCP : RNCP suivi du numéro de la fiche attendu (RNCP34567).' },
  { name: 'identifiant avec majuscules et espaces', changes: [set('id', 'Responsable Commercial')], path: 'body.id', message: 'Identifiant : 3 à 81 caractères attendus, lettres minuscules sans accent, chiffres ou tirets.' },
  { name: 'identifiant sans numéro de version', changes: [set('id', 'responsable-developpement-commercial')], path: 'body.id', message: 'Identifiant : « responsable-developpement-commercial » ne suit pas la forme « <titre>-v<version> » : pour la version 1, « responsable-developpement-commercial-v1 » par exemple.' },
  { name: 'version 0', changes: [set('version', 0)], path: 'body.version', message: 'Version : trop petit : nombre doit être supérieur à 0.' },
  { name: 'format de document inconnu', changes: [set('schemaVersion', 2)], path: 'body.schemaVersion', message: 'Format du document : entrée invalide : 1 attendu.' },
  { name: 'aucun bloc', changes: [set('blocs', []), set('certificationRule', { mandatoryBlocCodes: ['BC01'], optionGroupCode: null })], path: 'body.blocs', message: 'Blocs : la liste est vide : au moins un élément attendu.' },
  { name: 'code de bloc mal formé', changes: [set('blocs[0].code', 'BC1')], path: 'body.blocs[0].code', message: 'Bloc BC1, code : code invalide : BC01 (BC05-A pour une option) attendu.' },
  { name: 'code de bloc qui n’est pas son numéro', changes: [set('blocs[1].number', 5)], path: 'body.blocs[1].code', message: 'Bloc BC02, code : le code du bloc 5 doit être « BC05 ».' },
  { name: 'bloc sans compétence', changes: [set('blocs[2].competences', [])], path: 'body.blocs[2].competences', message: 'Bloc BC03, compétences : la liste est vide : au moins un élément attendu.' },
  { name: 'bloc sans critère', changes: [set('blocs[2].criteres', [])], path: 'body.blocs[2].criteres', message: 'Bloc BC03, critères : la liste est vide : au moins un élément attendu.' },
  { name: 'libellé de compétence vide', changes: [set('blocs[0].competences[1].label', '')], path: 'body.blocs[0].competences[1].label', message: 'Bloc BC01, compétence C1.2, libellé : obligatoire : ne peut pas être vide.' },
  { name: 'code de critère mal formé', changes: [set('blocs[0].criteres[2].code', 'CRIT-3')], path: 'body.blocs[0].criteres[2].code', message: 'Bloc BC01, critère CRIT-3, code : code invalide : CR1.1 (CR5A.1 dans une option) attendu.' },
  { name: 'code de critère en double', changes: [set('blocs[1].criteres[0].code', 'CR1.1')], path: 'body.blocs[1].criteres[0].code', message: 'Bloc BC02, critère CR1.1, code : code « CR1.1 » en double (déjà utilisé dans le bloc BC01).' },
  { name: 'compétence évaluée absente du bloc', changes: [set('blocs[1].criteres[0].fromCompetence', 'C1.1')], path: 'body.blocs[1].criteres[0].fromCompetence', message: 'Bloc BC02, critère CR2.1, compétence évaluée : la compétence « C1.1 » n’existe pas dans le bloc BC02.' },
  { name: 'champ inconnu sur un critère', changes: [set('blocs[0].criteres[0].coefficient', 2)], path: 'body.blocs[0].criteres[0]', message: 'Bloc BC01, critère CR1.1 : clé non reconnue : "coefficient".' },
  { name: 'échelle inconnue', changes: [set('blocs[0].criteres[0].assessment.scale', { kind: 'lettre' })], path: 'body.blocs[0].criteres[0].assessment.scale.kind', message: 'Bloc BC01, critère CR1.1, échelle : échelle inconnue (« outcome » pour ACQ / PACQ / NACQ, ou « score » pour une note, attendu).' },
  { name: 'note maximale nulle', changes: [set('blocs[0].criteres[0].assessment.scale.max', 0)], path: 'body.blocs[0].criteres[0].assessment.scale.max', message: 'Bloc BC01, critère CR1.1, note maximale : trop petit : nombre doit être supérieur à 0.' },
  { name: 'coefficient négatif', changes: [set('blocs[0].criteres[1].assessment.weight', -2)], path: 'body.blocs[0].criteres[1].assessment.weight', message: 'Bloc BC01, critère CR1.2, coefficient : trop petit : nombre doit être supérieur à 0.' },
  { name: 'note éliminatoire au-dessus du maximum', changes: [set('blocs[0].criteres[0].assessment.floor', 25)], path: 'body.blocs[0].criteres[0].assessment.floor', message: 'Bloc BC01, critère CR1.1 : la note éliminatoire 25 dépasse le maximum 20.' },
  { name: 'note éliminatoire à 5 décimales', changes: [set('blocs[0].criteres[0].assessment.floor', 8.00001)], path: 'body.blocs[0].criteres[0].assessment.floor', message: 'Bloc BC01, critère CR1.1 : la note éliminatoire (8.00001) a plus de 4 décimales.' },
  { name: 'note maximale au-delà de 10 000', changes: [set('blocs[1].criteres[2].assessment.scale.max', 20_000)], path: 'body.blocs[1].criteres[2].assessment.scale.max', message: 'Bloc BC02, critère CR2.3 : la note maximale (20000) doit être un nombre entre 0 et 10000.' },
  { name: 'critère noté dans un bloc en ACQ / PACQ / NACQ', changes: [set('blocs[2].criteres[0].assessment', { scale: { kind: 'score', max: 20 }, weight: 1, floor: null })], path: 'body.blocs[2].criteres[0].assessment.scale', message: 'Bloc BC03, critère CR3.1 : le critère est noté alors que le bloc se valide en ACQ / PACQ / NACQ.' },
  { name: 'critère ACQ dans un bloc à moyenne', changes: [set('blocs[0].criteres[2].assessment', { scale: { kind: 'outcome' }, weight: 1, floor: null })], path: 'body.blocs[0].criteres[2].assessment.scale', message: 'Bloc BC01, critère CR1.3 : le critère est évalué en ACQ / PACQ / NACQ alors que le bloc se valide par une moyenne.' },
  { name: 'note éliminatoire sur un critère ACQ', changes: [set('blocs[2].criteres[1].assessment.floor', 5)], path: 'body.blocs[2].criteres[1].assessment.floor', message: 'Bloc BC03, critère CR3.2 : une note éliminatoire ne s’applique qu’à un critère noté.' },
  { name: 'coefficient sur un critère ACQ', changes: [set('blocs[2].criteres[1].assessment.weight', 2)], path: 'body.blocs[2].criteres[1].assessment.weight', message: 'Bloc BC03, critère CR3.2 : un coefficient ne s’applique qu’à un critère noté.' },
  { name: 'seuil au-dessus de 20', changes: [set('blocs[0].rule.threshold', 25)], path: 'body.blocs[0].rule.threshold', message: 'Bloc BC01 : le seuil de validation 25 dépasse 20.' },
  { name: 'arrondi à 6 décimales', changes: [set('blocs[0].rule.roundingDecimals', 6)], path: 'body.blocs[0].rule.roundingDecimals', message: 'Bloc BC01, arrondi : trop grand : nombre doit être au plus 4.' },
  { name: 'part d’ACQ au-dessus de 1', changes: [set('blocs[2].rule.minAcqShare', 1.5)], path: 'body.blocs[2].rule.minAcqShare', message: 'Bloc BC03, part minimale de critères ACQ : trop grand : nombre doit être au plus 1.' },
  { name: 'nombre de PACQ non entier', changes: [set('blocs[2].rule.maxPacq', 1.5)], path: 'body.blocs[2].rule.maxPacq', message: 'Bloc BC03, nombre maximal de PACQ : entrée invalide : entier attendu, nombre reçu.' },
  { name: 'type de règle inconnu', changes: [set('blocs[2].rule', { kind: 'moyenne' })], path: 'body.blocs[2].rule.kind', message: 'Bloc BC03, type de règle : règle inconnue (« outcome » pour des critères acquis, ou « score » pour une moyenne, attendu).' },
  { name: 'critère exigé absent du bloc', changes: [set('blocs[1].rule.requiredCriteres', [{ critereCode: 'CR9.9', min: 10 }])], path: 'body.blocs[1].rule.requiredCriteres[0].critereCode', message: 'Bloc BC02, critère CR9.9 : ce critère exigé n’existe pas dans le bloc.' },
  { name: 'minimum exigé au-dessus du maximum', changes: [set('blocs[1].rule.requiredCriteres', [{ critereCode: 'CR2.3', min: 12 }])], path: 'body.blocs[1].rule.requiredCriteres[0].min', message: 'Bloc BC02, critère CR2.3 : le minimum exigé 12 dépasse le maximum 10.' },
  { name: 'règle de certification sans un bloc obligatoire', changes: [set('certificationRule.mandatoryBlocCodes', ['BC01', 'BC02'])], path: 'body.certificationRule.mandatoryBlocCodes', message: 'Règle de certification, blocs obligatoires : le bloc obligatoire « BC03 » manque dans la règle de certification.' },
  { name: 'règle de certification avec un bloc inconnu', changes: [set('certificationRule.mandatoryBlocCodes[3]', 'BC07')], path: 'body.certificationRule.mandatoryBlocCodes[3]', message: 'Règle de certification, bloc obligatoire BC07 : « BC07 » n’est pas un bloc obligatoire du référentiel.' },
  { name: 'règle de certification sans le bloc à options', changes: [set('certificationRule.optionGroupCode', null)], path: 'body.certificationRule.optionGroupCode', message: 'Règle de certification, bloc à options : la règle de certification doit désigner l’unique bloc à options du référentiel.' },
  { name: 'code d’option qui ne porte pas sa lettre', changes: [set('blocs[3].options[1].code', 'BC04-C')], path: 'body.blocs[3].options[1].code', message: 'Bloc BC04-C, code : le code de l’option doit être « BC04-B ».' },
  { name: 'bloc à options avec une seule option', changes: [set('blocs[3].options', secondTitle.blocs[3]!.kind === 'optionGroup' ? secondTitle.blocs[3]!.options.slice(0, 1) : [])], path: 'body.blocs[3].options', message: 'Bloc BC04, options : trop petit : tableau doit avoir au moins 2 éléments.' },
  { name: 'critère d’option noté dans une option en ACQ', changes: [set('blocs[3].options[0].criteres[1].assessment', { scale: { kind: 'score', max: 20 }, weight: 1, floor: null })], path: 'body.blocs[3].options[0].criteres[1].assessment.scale', message: 'Bloc BC04-A, critère CR4A.2 : le critère est noté alors que le bloc se valide en ACQ / PACQ / NACQ.' },
  {
    name: 'bloc trop grand pour une formule Excel à la dernière ligne de la grille',
    changes: [
      set(
        'blocs[2].criteres',
        Array.from({ length: 30 }, (_, i) => ({ code: `CR3.${i + 1}`, label: `Critère ${i + 1}`, fromCompetence: null, assessment: { scale: { kind: 'outcome' }, weight: 1, floor: null } })),
      ),
    ],
    path: 'body.blocs[2].criteres',
    message: 'Bloc BC03 : avec ses 30 critères, la formule du bloc ferait 16 107 caractères à la ligne 20 002 de la grille, au-delà des 8 192 qu’Excel accepte : avec cette règle, 14 critères au plus tiennent dans ce bloc. Répartissez ses critères entre plusieurs blocs ou simplifiez la règle.',
  },
]
