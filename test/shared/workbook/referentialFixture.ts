/**
 * A small référentiel with the shapes that matter to the sheet: two mandatory blocs (one with no
 * activity), an option group of two options, and labels that Excel would take for formulas.
 */
import { referentialSchema, type Referential } from '../../../shared/referential/schema'

const outcome = { scale: { kind: 'outcome' } } as const
const outcomeRule = { kind: 'outcome' } as const

export const tinyReferential: Referential = referentialSchema.parse({
  schemaVersion: 1,
  id: 'mini-referentiel-v1',
  version: 1,
  title: 'Mini référentiel',
  level: 7,
  rncpCode: null,
  blocs: [
    {
      kind: 'mandatory',
      number: 1,
      code: 'BC01',
      title: 'Analyser le SI',
      activities: [{ code: 'A1', label: 'Audit du SI' }],
      competences: [
        { code: 'C1.1', label: '=SOMME(A1:A3) ressemble à une formule' },
        { code: 'C1.2', label: '- Conseiller la direction' },
      ],
      modalites: [{ code: 'M1.1', label: '+ Étude de cas' }],
      criteres: [
        { code: 'CR1.1', label: 'Qualité de l’analyse', assessment: outcome },
        { code: 'CR1.2', label: '-1', assessment: outcome },
      ],
      rule: outcomeRule,
    },
    {
      kind: 'mandatory',
      number: 2,
      code: 'BC02',
      title: 'Piloter un projet',
      activities: [],
      competences: [{ code: 'C2.1', label: 'Planifier' }],
      modalites: [],
      criteres: [{ code: 'CR2.1', label: '0042', assessment: outcome }],
      rule: outcomeRule,
    },
    {
      kind: 'optionGroup',
      number: 3,
      code: 'BC03',
      title: 'Spécialisation',
      options: [
        {
          kind: 'option',
          letter: 'A',
          code: 'BC03-A',
          title: 'Cybersécurité',
          activities: [],
          competences: [{ code: 'C3A.1', label: 'Sécuriser' }],
          modalites: [{ code: 'M3A.1', label: 'Mise en situation' }],
          criteres: [{ code: 'CR3A.1', label: 'Menaces identifiées', assessment: outcome }],
          rule: outcomeRule,
        },
        {
          kind: 'option',
          letter: 'B',
          code: 'BC03-B',
          title: 'Données',
          activities: [],
          competences: [{ code: 'C3B.1', label: 'Modéliser' }],
          modalites: [],
          criteres: [{ code: 'CR3B.1', label: 'Modèle cohérent', assessment: outcome }],
          rule: outcomeRule,
        },
      ],
    },
  ],
  certificationRule: { mandatoryBlocCodes: ['BC01', 'BC02'], optionGroupCode: 'BC03' },
})
