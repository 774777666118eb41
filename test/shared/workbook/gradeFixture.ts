/**
 * A small référentiel with every shape the grade sheet handles (an outcome bloc, a score bloc with
 * two maxima and a weight, an option group of two options) and a grid of three candidates as the
 * Worker sends it. Columns of its sheet, for reading the tests:
 *   A id · B version · C N° · D Nom · E Prénoms · F Option ·
 *   BC01: G CR1.1 · H CR1.2 · I décision · J motif · K capitalisé · L résultat ·
 *   BC02: M CR2.1 · N CR2.2 · O décision · P motif · Q capitalisé · R résultat ·
 *   BC03-A: S CR3A.1 · T · U · V · W résultat · BC03-B: X CR3B.1 · Y · Z · AA · AB résultat ·
 *   AC certification. Candidates on rows 3 to 5.
 */
import { referentialSchema, type Referential } from '../../../shared/referential/schema'
import { compileReferentialRules, type CompiledRules } from '../../../shared/rules/compileRules'
import type { PulledGrid } from '../../../shared/workbook/gradeSheetData'
import { buildGradeSheetLayout, type GradeSheetLayout } from '../../../shared/workbook/gradeSheetLayout'

const outcome = { scale: { kind: 'outcome' } } as const
const bloc = (code: string, criteres: Array<{ code: string; label: string; assessment: object }>, rule: object = { kind: 'outcome' }) => ({
  code,
  title: `Bloc ${code}`,
  activities: [],
  competences: [{ code: `C${code.slice(3).replace('-', '')}.1`.replace('C0', 'C'), label: 'Compétence' }],
  modalites: [],
  criteres,
  rule,
})

export const gradeReferential: Referential = referentialSchema.parse({
  schemaVersion: 1,
  id: 'mini-grille-v1',
  version: 3,
  title: 'Mini référentiel pour la grille',
  level: 7,
  rncpCode: null,
  blocs: [
    {
      kind: 'mandatory',
      number: 1,
      ...bloc('BC01', [
        { code: 'CR1.1', label: 'Analyse du besoin', assessment: outcome },
        { code: 'CR1.2', label: '=Piège : ce libellé ressemble à une formule', assessment: outcome },
      ]),
    },
    {
      kind: 'mandatory',
      number: 2,
      ...bloc(
        'BC02',
        [
          { code: 'CR2.1', label: 'Mémoire', assessment: { scale: { kind: 'score', max: 20 }, weight: 1 } },
          { code: 'CR2.2', label: 'Soutenance', assessment: { scale: { kind: 'score', max: 10 }, weight: 2, floor: 2 } },
        ],
        { kind: 'score', threshold: 10, roundingDecimals: 2 },
      ),
    },
    {
      kind: 'optionGroup',
      number: 3,
      code: 'BC03',
      title: 'Spécialisation',
      options: [
        { kind: 'option', letter: 'A', ...bloc('BC03-A', [{ code: 'CR3A.1', label: 'Menaces identifiées', assessment: outcome }]) },
        { kind: 'option', letter: 'B', ...bloc('BC03-B', [{ code: 'CR3B.1', label: 'Modèle cohérent', assessment: outcome }]) },
      ],
    },
  ],
  certificationRule: { mandatoryBlocCodes: ['BC01', 'BC02'], optionGroupCode: 'BC03' },
})

function compiled(): { rules: CompiledRules; layout: GradeSheetLayout } {
  const rules = compileReferentialRules(gradeReferential)
  if (!rules.ok) throw new Error(rules.issues.map((found) => found.message).join('\n'))
  const layout = buildGradeSheetLayout(gradeReferential, rules.value)
  if (!layout.ok) throw new Error(layout.issues.map((found) => found.message).join('\n'))
  return { rules: rules.value, layout: layout.value }
}

export const { rules: gradeRules, layout: gradeLayout } = compiled()

/**
 * Three candidates: Martin (option A, BC01 complete, a jury decision on BC02), Durand (option B,
 * known by a usage name, BC01 capitalised, nothing graded), and "=Robert" (no option yet).
 */
export function gradeGrid(): PulledGrid {
  return {
    session: { id: 'session-1', name: 'Session de juin', referentialId: gradeReferential.id, status: 'open', gridVersion: 7 },
    criteres: [
      { code: 'CR1.1', blocCode: 'BC01' },
      { code: 'CR1.2', blocCode: 'BC01' },
      { code: 'CR2.1', blocCode: 'BC02' },
      { code: 'CR2.2', blocCode: 'BC02' },
      { code: 'CR3A.1', blocCode: 'BC03-A' },
      { code: 'CR3B.1', blocCode: 'BC03-B' },
    ],
    candidates: {
      ids: ['cand-1', 'cand-2', 'cand-3'],
      schoolIds: ['E001', 'E002', '+33'],
      birthNames: ['Martin', 'Durand', '=Robert'],
      usageNames: [null, 'Lefort', null],
      firstNames: [['Léa', 'Anne'], ['Hugo'], ['-Alex']],
      optionCodes: ['BC03-A', 'BC03-B', null],
      capitalisedBlocs: [[], [{ blocCode: 'BC01' }], []],
      rowVersions: [4, 2, 1],
    },
    marks: [
      ['ACQ', 'ACQ', 12.5, 6, 'ACQ', null],
      [null, null, null, null, null, null],
      ['PACQ', null, null, null, null, null],
    ],
    decisions: [[0, [{ blocCode: 'BC02', code: 'ADJ', reason: 'Soutenance remarquable' }]]],
  }
}
