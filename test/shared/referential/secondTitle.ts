/**
 * A second RNCP title, not the seed's, as a school would write it from its own règlement: scored
 * blocs (/20, mean ≥ 10, notes éliminatoires, coefficients, a mémoire required at 10), an outcome
 * bloc that tolerates one PACQ, and an option group. Fictional (RNCP39999 is not a real fiche);
 * the open-data fixtures of test/shared/referential/fixtures/ describe the same fiche.
 */
import type { ReferentialInput } from '../../../shared/referential/schema'
import type { CritereAssessment } from '../../../shared/rules/ruleSchema'

/** What the draft made from the open-data fiche names it (`lineageFromTitle`). */
export const SECOND_TITLE_LINEAGE = 'rncp39999-responsable-du-developpement-commercial'

/** Fresh objects: a draft mutated by a test must not change another critère through a shared one. */
const outcome = (): CritereAssessment => ({ scale: { kind: 'outcome' }, weight: 1, floor: null })
const score = (max: number, weight = 1, floor: number | null = null): CritereAssessment => ({ scale: { kind: 'score', max }, weight, floor })

export const secondTitle = {
  schemaVersion: 1,
  id: `${SECOND_TITLE_LINEAGE}-v1`,
  version: 1,
  title: 'Responsable du développement commercial',
  level: 6,
  rncpCode: 'RNCP39999',
  blocs: [
    {
      kind: 'mandatory',
      code: 'BC01',
      number: 1,
      title: 'Élaborer la stratégie commerciale de l’entreprise',
      activities: [],
      competences: [
        { code: 'C1.1', label: 'Analyser le marché et la concurrence' },
        { code: 'C1.2', label: 'Construire un plan d’action commercial' },
      ],
      modalites: [{ code: 'M1.1', label: 'Étude de cas écrite et soutenance orale' }],
      criteres: [
        { code: 'CR1.1', label: 'Pertinence de l’étude de marché', fromCompetence: 'C1.1', assessment: score(20, 1, 8) },
        { code: 'CR1.2', label: 'Cohérence du plan d’action commercial', fromCompetence: 'C1.2', assessment: score(20, 2, 8) },
        { code: 'CR1.3', label: 'Qualité de la soutenance orale', fromCompetence: null, assessment: score(20) },
      ],
      rule: { kind: 'score', threshold: 10, roundingDecimals: 2, requiredCriteres: [] },
    },
    {
      kind: 'mandatory',
      code: 'BC02',
      number: 2,
      title: 'Piloter la performance commerciale',
      activities: [],
      competences: [
        { code: 'C2.1', label: 'Construire et suivre des tableaux de bord' },
        { code: 'C2.2', label: 'Conduire une démarche d’amélioration de la performance' },
      ],
      modalites: [{ code: 'M2.1', label: 'Mémoire professionnel' }],
      criteres: [
        { code: 'CR2.1', label: 'Tableau de bord commercial', fromCompetence: 'C2.1', assessment: score(20) },
        { code: 'CR2.2', label: 'Mémoire professionnel', fromCompetence: 'C2.2', assessment: score(20, 3) },
        { code: 'CR2.3', label: 'Étude de cas chiffrée', fromCompetence: null, assessment: score(10, 1, 4) },
      ],
      rule: { kind: 'score', threshold: 10, roundingDecimals: 2, requiredCriteres: [{ critereCode: 'CR2.2', min: 10 }] },
    },
    {
      kind: 'mandatory',
      code: 'BC03',
      number: 3,
      title: 'Manager une équipe commerciale',
      activities: [],
      competences: [{ code: 'C3.1', label: 'Animer et faire progresser une équipe' }],
      modalites: [{ code: 'M3.1', label: 'Mise en situation professionnelle' }],
      criteres: [
        { code: 'CR3.1', label: 'Conduite d’un entretien individuel', fromCompetence: null, assessment: outcome() },
        { code: 'CR3.2', label: 'Animation d’une réunion d’équipe', fromCompetence: null, assessment: outcome() },
        { code: 'CR3.3', label: 'Fixation d’objectifs', fromCompetence: null, assessment: outcome() },
        { code: 'CR3.4', label: 'Gestion d’une situation conflictuelle', fromCompetence: null, assessment: outcome() },
      ],
      rule: { kind: 'outcome', minAcqShare: 0.75, allowNacq: false, maxPacq: 1 },
    },
    {
      kind: 'optionGroup',
      code: 'BC04',
      number: 4,
      title: 'Développer un portefeuille spécialisé',
      options: [
        {
          kind: 'option',
          code: 'BC04-A',
          letter: 'A',
          title: 'Commerce international',
          activities: [],
          competences: [{ code: 'C4A.1', label: 'Prospecter à l’international' }],
          modalites: [],
          criteres: [
            { code: 'CR4A.1', label: 'Plan de prospection export', fromCompetence: 'C4A.1', assessment: outcome() },
            { code: 'CR4A.2', label: 'Négociation en anglais', fromCompetence: null, assessment: outcome() },
          ],
          rule: { kind: 'outcome', minAcqShare: 1, allowNacq: false, maxPacq: null },
        },
        {
          kind: 'option',
          code: 'BC04-B',
          letter: 'B',
          title: 'Grands comptes',
          activities: [],
          competences: [{ code: 'C4B.1', label: 'Piloter un compte stratégique' }],
          modalites: [],
          criteres: [
            { code: 'CR4B.1', label: 'Plan de compte', fromCompetence: 'C4B.1', assessment: score(20) },
            { code: 'CR4B.2', label: 'Soutenance devant un client', fromCompetence: null, assessment: score(20, 1, 8) },
          ],
          rule: { kind: 'score', threshold: 10, roundingDecimals: 2, requiredCriteres: [] },
        },
      ],
    },
  ],
  certificationRule: { mandatoryBlocCodes: ['BC01', 'BC02', 'BC03'], optionGroupCode: 'BC04' },
} satisfies ReferentialInput
