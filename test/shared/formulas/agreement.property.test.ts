/**
 * Proof that the workbook and the Worker agree: random rules and random grids are written to a
 * HyperFormula sheet with the generated formulas, and every formula cell must show exactly what
 * the engine computes. Seeded, so a failure is reproducible; fast-check shrinks it and the error
 * names the row, its cells, the engine's answer, the sheet's answer and the formula.
 */
import fc from 'fast-check'
import type { HyperFormula } from 'hyperformula'
import { describe, expect, it } from 'vitest'
import { certificationFormula } from '../../../shared/formulas/certificationFormula'
import { rowFormulas } from '../../../shared/formulas/index'
import { checkPublishable } from '../../../shared/referential/publication'
import { computeSessionResults, type StoredCandidateGrades } from '../../../shared/results/sessionResults'
import { NOT_CONCERNED } from '../../../shared/rules/codes'
import { CANDIDATE_ID_COLUMN, ROW_VERSION_COLUMN, type RowCells } from '../../../shared/workbook/gradeSheetData'
import { buildGradeSheetLayout, FIRST_DATA_ROW, type GradeSheetLayout } from '../../../shared/workbook/gradeSheetLayout'
import { verifyGradeSheet } from '../../../shared/workbook/verifyGradeSheet'
import { blocFormula } from '../../../shared/formulas/blocFormula'
import { sequentialLayout, type GridLayout } from '../../../shared/formulas/gridLayout'
import type { Referential } from '../../../shared/referential/schema'
import { compileBloc, compileCertification, type CompiledBloc, type CompiledRules, type CompiledScoreBloc } from '../../../shared/rules/compileRules'
import { evaluateBloc, type BlocGrade } from '../../../shared/rules/evaluateBloc'
import { evaluateCertification, isNotConcerned, readOption } from '../../../shared/rules/evaluateCertification'
import { readCapitalised, readMark, readOverride, readReasonCell, type CellInput } from '../../../shared/rules/marks'
import type { BlocRule, CritereAssessment } from '../../../shared/rules/ruleSchema'
import { createExcelLikeHyperFormula, toRawContent } from '../../support/hyperformula'

const SEED = 20_251_128
const RUNS = 2_000
const TIMEOUT_MS = 120_000
const SHEET_NAMES = ['Grille', 'Notes', "Jury d'avril", 'Résultats BC01'] as const

/* ------------------------------------------------------------------ cells */

const pad = fc.constantFrom('', '', ' ', '  ')
/** A code as a person may type it: any case, spaces around. */
const loosely = (code: string): fc.Arbitrary<string> =>
  fc
    .tuple(pad, fc.array(fc.boolean(), { minLength: code.length, maxLength: code.length }), pad)
    .map(([before, lower, after]) => before + [...code].map((char, i) => (lower[i] ? char.toLowerCase() : char)).join('') + after)
const codeCell = (...codes: string[]): fc.Arbitrary<CellInput> =>
  fc.oneof({ arbitrary: fc.constantFrom(...codes), weight: 2 }, { arbitrary: fc.constantFrom(...codes).chain(loosely), weight: 1 })
const blankCell: fc.Arbitrary<CellInput> = fc.constantFrom(null, null, '', ' ', '   ')
/** Texts that must be refused: near-misses, numbers as text, invisible or non-ASCII characters. */
const junkText: fc.Arbitrary<CellInput> = fc.oneof(
  fc.constantFrom(
    'XYZ', 'A CQ', 'ACQ.', 'ACQUIS', 'é', 'ÉXC', 'ACQ\t', '\u00A0ACQ', 'AC\u00ADQ', 'ABS\u00AD', 'ADMIS', '12',
    ' 12 ', '9,5', '10.5', 'TRUE', 'VRAI', 'abs abs', '-', "'", 'N/A', 'oui!', 'AJ ADM', 'A', 'BC05', 'ß', 'abſ', 'ouı', 'a  cq',
  ),
  fc.string({ unit: fc.constantFrom('a', 'C', 'q', 'P', 'n', 'x', 'é', ' ', '1', '.', '-'), maxLength: 5 }),
)
const junkCell: fc.Arbitrary<CellInput> = fc.oneof(junkText, fc.boolean(), fc.constantFrom(0, 1, 12, -3, 25.5))

const outcomeMark = (noise: number): fc.Arbitrary<CellInput> =>
  fc.oneof(
    { arbitrary: codeCell('ACQ'), weight: 12 },
    { arbitrary: codeCell('PACQ', 'NACQ'), weight: 4 },
    { arbitrary: codeCell('ABS', 'EXC'), weight: 2 },
    { arbitrary: fc.oneof(blankCell, codeCell('ATT')), weight: noise },
    { arbitrary: junkCell, weight: noise },
  )

/** Marks around every boundary: the rule's, the maximum's and the rounding's (9.995, 10.005…). */
const scoreValue = (max: number): fc.Arbitrary<number> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(0, -0, 9.99, 9.994, 9.995, 9.9949999, 9.994999999, 10, 10.004, 10.005, 10.0049, 8, 5, 12.5, 15.75), weight: 2 },
    { arbitrary: fc.constantFrom(max, max + 0.004, max + 0.005, max / 2, max * 0.4995, max * 0.5005, -0.001), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: Math.round(max * 4) }).map((n) => n / 4), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: Math.round(max * 1000) }).map((n) => n / 1000), weight: 3 },
    { arbitrary: fc.double({ min: 0, max, noNaN: true }), weight: 1 },
    { arbitrary: fc.double({ min: -1, max: max + 1, noNaN: true, noDefaultInfinity: true }), weight: 1 },
  )

/**
 * Marks right at the rule's own edges: the threshold brought to the critère's scale, its floor and
 * its required minimum, each minus half a rounding step (9.995 for 10 at 2 decimals), exactly on
 * it, and just beside.
 */
function edges(bloc: CompiledScoreBloc, index: number): number[] {
  const critere = bloc.criteres[index]!
  const half = 0.5 * 10 ** -bloc.roundingDecimals
  const points = [(bloc.threshold * critere.max) / 20, critere.floor ?? 0, critere.requiredMin ?? 0]
  return points.flatMap((point) => [point - half, point - half - 1e-7, point - half + 1e-12, point, point + half, point - 2 * half])
}

const scoreMark = (bloc: CompiledScoreBloc, index: number, noise: number): fc.Arbitrary<CellInput> =>
  fc.oneof(
    { arbitrary: scoreValue(bloc.criteres[index]!.max), weight: 14 },
    { arbitrary: fc.constantFrom(...edges(bloc, index)), weight: 6 },
    { arbitrary: codeCell('ABS', 'EXC'), weight: 2 },
    { arbitrary: fc.oneof(blankCell, codeCell('ATT')), weight: noise },
    { arbitrary: fc.oneof(junkText, fc.boolean(), codeCell('ACQ', 'NACQ')), weight: noise },
  )

/**
 * Every critère at the same point of its scale, so the weighted mean lands on the rounding edge of
 * the threshold (9.995 → 10.00, 9.994 → 9.99), whatever the weights.
 */
const meanOnEdge = (bloc: CompiledScoreBloc): fc.Arbitrary<CellInput[]> => {
  const half = 0.5 * 10 ** -bloc.roundingDecimals
  const t = bloc.threshold
  return fc
    .constantFrom(t - half, t - half - 1e-7, t - half + 1e-12, t - 2 * half, t, t + half, t - 1e-9)
    .map((mean) => bloc.criteres.map((critere) => (critere.max === 20 ? mean : (mean * critere.max) / 20)))
}

const overrideCells: fc.Arbitrary<Pick<BlocGrade, 'override' | 'overrideReason'>> = fc.record({
  override: fc.oneof(
    { arbitrary: blankCell, weight: 6 },
    { arbitrary: codeCell('ADM', 'ADJ', 'AJ'), weight: 3 },
    { arbitrary: fc.oneof(junkCell, codeCell('CAP', 'ATT')), weight: 1 },
  ),
  overrideReason: fc.oneof(
    { arbitrary: fc.constantFrom('Décision du jury du 3 juillet', 'vu', 0, false), weight: 4 },
    { arbitrary: blankCell, weight: 1 },
  ),
})
const capitalisedCell: fc.Arbitrary<CellInput> = fc.oneof(
  { arbitrary: blankCell, weight: 8 },
  { arbitrary: fc.oneof(fc.boolean(), codeCell('OUI', 'CAP', 'X', 'NON')), weight: 3 },
  { arbitrary: junkCell, weight: 1 },
)

/* ------------------------------------------------------------------ rules */

interface BlocCase {
  bloc: CompiledBloc
  layout: GridLayout
  rows: BlocGrade[]
}

const round4 = (value: number) => Number(value.toFixed(4))

const outcomeBloc = (code: string, maxCriteres: number): fc.Arbitrary<CompiledBloc> =>
  fc
    .record({
      count: fc.integer({ min: 1, max: maxCriteres }),
      minAcqShare: fc.oneof(fc.constantFrom(1, 1, 0, 0.25, 0.5, 0.6667, 0.75, 0.8), fc.integer({ min: 0, max: 10_000 }).map((n) => n / 10_000)),
      allowNacq: fc.boolean(),
      maxPacq: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    })
    .map(({ count, ...rule }) => compiled({
      code,
      criteres: Array.from({ length: count }, (_, i) => ({
        code: `CR${i + 1}`,
        assessment: { scale: { kind: 'outcome' }, weight: 1, floor: null },
      })),
      rule: { kind: 'outcome', ...rule },
    }))

const scoreCritere: fc.Arbitrary<CritereAssessment> = fc
  .record({
    max: fc.constantFrom(20, 20, 20, 10, 100, 12.5, 5),
    weight: fc.constantFrom(1, 1, 2, 0.5, 1.5, 3, 0.25, 0.3333),
    floorShare: fc.option(fc.constantFrom(0, 0.25, 0.4, 0.5, 0.4995, 0.5005), { nil: null }),
  })
  .map(({ max, weight, floorShare }) => ({
    scale: { kind: 'score', max },
    weight,
    floor: floorShare === null ? null : round4(max * floorShare),
  }))

const scoreBloc = (code: string, maxCriteres: number): fc.Arbitrary<CompiledBloc> =>
  fc
    .record({
      assessments: fc.array(scoreCritere, { minLength: 1, maxLength: maxCriteres }),
      threshold: fc.constantFrom(10, 10, 12, 9.5, 0, 20, 10.005, 8.25),
      roundingDecimals: fc.constantFrom(2, 2, 2, 0, 1, 3, 4),
      required: fc.array(fc.record({ index: fc.nat(), share: fc.constantFrom(0, 0.5, 0.4995, 0.6) }), { maxLength: 2 }),
    })
    .map(({ assessments, threshold, roundingDecimals, required }) => {
      const criteres = assessments.map((assessment, i) => ({ code: `CR${i + 1}`, assessment }))
      const requiredCriteres = required.map(({ index, share }) => {
        const critere = criteres[index % criteres.length]!
        const max = critere.assessment.scale.kind === 'score' ? critere.assessment.scale.max : 20
        return { critereCode: critere.code, min: round4(max * share) }
      })
      const rule: BlocRule = { kind: 'score', threshold, roundingDecimals, requiredCriteres }
      return compiled({ code, criteres, rule })
    })

function compiled(definition: Parameters<typeof compileBloc>[0]): CompiledBloc {
  const result = compileBloc(definition)
  if (!result.ok) throw new Error(result.issues.map((found) => found.message).join('\n'))
  return result.value
}

const gradeFor = (bloc: CompiledBloc, noise: number): fc.Arbitrary<BlocGrade> => {
  const independent = fc.tuple(
    ...bloc.criteres.map((_, index) => (bloc.kind === 'outcome' ? outcomeMark(noise) : scoreMark(bloc, index, noise))),
  )
  const marks = bloc.kind === 'score' && noise === 0 ? fc.oneof(independent, meanOnEdge(bloc)) : independent
  return fc
    .record({ marks, jury: overrideCells, capitalised: capitalisedCell })
    .map(({ marks: cells, jury, capitalised }) => ({ marks: cells, ...jury, capitalised }))
}

/** A row is clean (noise 0), realistic (1) or noisy (4). */
const rowsFor = (bloc: CompiledBloc, maxRows: number): fc.Arbitrary<BlocGrade[]> =>
  fc.array(fc.constantFrom(0, 0, 1, 4).chain((noise) => gradeFor(bloc, noise)), { minLength: 1, maxLength: maxRows })

const layoutFor = (bloc: CompiledBloc): fc.Arbitrary<GridLayout> =>
  fc
    .record({
      // Qualified references make formulas longer: only on small blocs, as in a real grid.
      sheetName: bloc.criteres.length <= 4 ? fc.constantFrom<string | null>(null, null, ...SHEET_NAMES.slice(1)) : fc.constant(null),
      firstColumn: fc.integer({ min: 0, max: 3 }),
      withOverride: fc.boolean(),
      withCapitalised: fc.boolean(),
    })
    .map((options) => sequentialLayout({ blocs: [bloc], certification: null }, options))

const blocCase = (kind: 'outcome' | 'score'): fc.Arbitrary<BlocCase> =>
  (kind === 'outcome' ? outcomeBloc('BC01', 10) : scoreBloc('BC01', 9)).chain((bloc) =>
    fc.record({ bloc: fc.constant(bloc), layout: layoutFor(bloc), rows: rowsFor(bloc, 3) }),
  )

/* ------------------------------------------------------------------ sheet */

function sheetFor(hf: HyperFormula, name: string | null): number {
  const sheetName = name ?? SHEET_NAMES[0]
  const existing = hf.getSheetId(sheetName)
  return existing ?? hf.getSheetId(hf.addSheet(sheetName))!
}

/** Writes the inputs of one bloc into a sheet row. */
function writeBloc(cells: unknown[], bloc: CompiledBloc, layout: GridLayout, grade: BlocGrade): void {
  const columns = layout.blocs.find((candidate) => candidate.blocCode === bloc.code)!
  const marks = grade.marks as readonly CellInput[]
  bloc.criteres.forEach((critere, i) => {
    cells[columns.critereColumns[critere.code]!] = toRawContent(marks[i])
  })
  // The engine sees only the cells the layout has; absent columns read as blank.
  if (columns.overrideColumn !== null) cells[columns.overrideColumn] = toRawContent(grade.override)
  if (columns.overrideReasonColumn !== null) cells[columns.overrideReasonColumn] = toRawContent(grade.overrideReason)
  if (columns.capitalisedColumn !== null) cells[columns.capitalisedColumn] = toRawContent(grade.capitalised)
}

function gradeAsLaidOut(bloc: CompiledBloc, layout: GridLayout, grade: BlocGrade): BlocGrade {
  const columns = layout.blocs.find((candidate) => candidate.blocCode === bloc.code)!
  return {
    marks: grade.marks,
    override: columns.overrideColumn === null ? null : grade.override,
    overrideReason: columns.overrideReasonColumn === null ? null : grade.overrideReason,
    capitalised: columns.capitalisedColumn === null ? null : grade.capitalised,
  }
}

function width(layout: GridLayout): number {
  const columns = layout.blocs.flatMap((bloc) => [
    ...Object.values(bloc.critereColumns),
    bloc.overrideColumn ?? 0,
    bloc.overrideReasonColumn ?? 0,
    bloc.capitalisedColumn ?? 0,
    bloc.resultColumn,
  ])
  return Math.max(...columns, layout.optionColumn ?? 0, layout.certificationColumn ?? 0) + 1
}

function mismatch(what: string, row: number, inputs: unknown, engine: unknown, sheet: unknown, formula: string): Error {
  return new Error(
    [
      `${what}, row ${row + 1}: engine ${JSON.stringify(engine)} but sheet ${JSON.stringify(sheet)}`,
      `inputs: ${JSON.stringify(inputs)}`,
      `formula: ${formula}`,
    ].join('\n'),
  )
}

/** Runs one bloc case; returns the codes seen, for the distribution check. */
function checkBlocCase(hf: HyperFormula, { bloc, layout, rows }: BlocCase): string[] {
  const sheet = sheetFor(hf, layout.sheetName)
  const columns = layout.blocs[0]!
  const formulas = rows.map((_, row) => {
    const formula = blocFormula(bloc, layout, row, { catchErrors: false })
    if (!formula.ok) throw new Error(formula.issues.map((found) => found.message).join('\n'))
    return formula.value
  })
  const data = rows.map((grade, row) => {
    const cells: unknown[] = Array.from({ length: width(layout) }, () => null)
    writeBloc(cells, bloc, layout, grade)
    cells[columns.resultColumn] = formulas[row]
    return cells
  })
  hf.setSheetContent(sheet, data as never)
  return rows.map((grade, row) => {
    const engine = evaluateBloc(bloc, gradeAsLaidOut(bloc, layout, grade))
    const shown = hf.getCellValue({ sheet, row, col: columns.resultColumn })
    if (shown !== engine.code) throw mismatch(`Bloc ${bloc.kind}`, row, gradeAsLaidOut(bloc, layout, grade), engine, shown, formulas[row]!)
    return engine.code
  })
}

function tally(codes: readonly string[], into: Map<string, number>): void {
  for (const code of codes) into.set(code, (into.get(code) ?? 0) + 1)
}

/* ------------------------------------------------------------------ certification */

interface CertificationCase {
  blocs: Referential['blocs']
  compiledBlocs: CompiledBloc[]
  mandatoryBlocCodes: string[]
  optionGroupCode: string | null
  rows: CertificationRow[]
}

/**
 * A candidate row: either the bloc cells hold codes (the certification formula alone is under
 * test, bloc formulas being proven above) or they hold bloc formulas over generated grades.
 */
type CertificationRow = { blocCodes: (string | null)[]; option: CellInput } | { grades: BlocGrade[]; option: CellInput }

function referentialBloc(bloc: CompiledBloc, rule: BlocRule) {
  return {
    code: bloc.code,
    title: bloc.code,
    activities: [],
    competences: [{ code: 'C1.1', label: 'Compétence' }],
    modalites: [],
    criteres: bloc.criteres.map((critere) => ({
      code: critere.code,
      label: critere.code,
      fromCompetence: null,
      assessment: { scale: critere.scale, weight: critere.weight, floor: critere.floor },
    })),
    rule,
  }
}

function ruleOf(bloc: CompiledBloc): BlocRule {
  return bloc.kind === 'outcome'
    ? { kind: 'outcome', minAcqShare: bloc.minAcqShare, allowNacq: bloc.allowNacq, maxPacq: bloc.maxPacq }
    : { kind: 'score', threshold: bloc.threshold, roundingDecimals: bloc.roundingDecimals, requiredCriteres: [] }
}

const smallBloc = (code: string): fc.Arbitrary<CompiledBloc> =>
  fc.oneof({ arbitrary: outcomeBloc(code, 3), weight: 3 }, { arbitrary: scoreBloc(code, 3).map(withoutRequired), weight: 1 })

function withoutRequired(bloc: CompiledBloc): CompiledBloc {
  return bloc.kind === 'score' ? { ...bloc, criteres: bloc.criteres.map((critere) => ({ ...critere, requiredMin: null })) } : bloc
}

/** Rows lean one way, so that every decision, AJOURNÉ included, comes up often. */
type Profile = 'validated' | 'failed' | 'mixed'
const profile: fc.Arbitrary<Profile> = fc.constantFrom('validated', 'validated', 'failed', 'mixed')

const certificationGrade = (bloc: CompiledBloc, lean: Profile): fc.Arbitrary<BlocGrade> => {
  const all = (mark: CellInput) => fc.constant({ marks: bloc.criteres.map(() => mark) })
  const validated = all(bloc.kind === 'outcome' ? 'ACQ' : 20)
  const failed = all(bloc.kind === 'outcome' ? 'NACQ' : 0)
  return fc.oneof(
    { arbitrary: validated, weight: lean === 'validated' ? 8 : 1 },
    { arbitrary: failed, weight: lean === 'failed' ? 8 : 1 },
    { arbitrary: fc.constant({ marks: bloc.criteres.map(() => null), capitalised: 'CAP' }), weight: 1 },
    { arbitrary: gradeFor(bloc, 0), weight: lean === 'mixed' ? 4 : 1 },
    { arbitrary: gradeFor(bloc, 1), weight: 1 },
  )
}

/** What a bloc result cell can show; null is a cell without result. */
const blocCodeCell = (lean: Profile): fc.Arbitrary<string | null> =>
  fc.oneof(
    { arbitrary: fc.constantFrom('ADM', 'ADJ', 'CAP'), weight: lean === 'validated' ? 32 : 4 },
    { arbitrary: fc.constant('AJ'), weight: lean === 'failed' ? 32 : 4 },
    { arbitrary: fc.constant('ATT'), weight: 2 },
    { arbitrary: fc.constantFrom('ERR', null), weight: lean === 'mixed' ? 4 : 1 },
  )

const certificationCase = (pipeline: 'codes' | 'grids'): fc.Arbitrary<CertificationCase> =>
  fc.record({ mandatory: fc.integer({ min: 1, max: 4 }), options: fc.constantFrom(0, 2, 3) }).chain(({ mandatory, options }) => {
    const mandatoryCodes = Array.from({ length: mandatory }, (_, i) => `BC0${i + 1}`)
    const groupCode = `BC0${mandatory + 1}`
    const letters = ['A', 'B', 'C'].slice(0, options)
    const optionCodes = letters.map((letter) => `${groupCode}-${letter}`)
    return fc.tuple(...[...mandatoryCodes, ...optionCodes].map(smallBloc)).chain((compiledBlocs) => {
      const mandatoryBlocs = compiledBlocs.slice(0, mandatory).map((bloc, i) => ({
        ...referentialBloc(bloc, ruleOf(bloc)),
        kind: 'mandatory' as const,
        number: i + 1,
      }))
      const optionBlocs = compiledBlocs.slice(mandatory).map((bloc, i) => ({
        ...referentialBloc(bloc, ruleOf(bloc)),
        kind: 'option' as const,
        letter: letters[i]!,
      }))
      const blocs: Referential['blocs'] =
        options === 0
          ? mandatoryBlocs
          : [...mandatoryBlocs, { kind: 'optionGroup', code: groupCode, number: mandatory + 1, title: 'Options', options: optionBlocs }]
      const optionCell: fc.Arbitrary<CellInput> =
        options === 0
          ? fc.constantFrom(null, 'A')
          : fc.oneof(
              { arbitrary: fc.constantFrom(...optionCodes, ...letters).chain(loosely), weight: 8 },
              { arbitrary: blankCell, weight: 1 },
              { arbitrary: fc.oneof(junkCell, fc.constantFrom(groupCode, `${groupCode}-Z`, 'Z', 'Option A')), weight: 1 },
            )
      const row: fc.Arbitrary<CertificationRow> =
        pipeline === 'codes'
          ? profile.chain((lean) => fc.record({ blocCodes: fc.tuple(...compiledBlocs.map(() => blocCodeCell(lean))), option: optionCell }))
          : profile.chain((lean) =>
              fc.record({ grades: fc.tuple(...compiledBlocs.map((bloc) => certificationGrade(bloc, lean))), option: optionCell }),
            )
      return fc.record({
        blocs: fc.constant(blocs),
        compiledBlocs: fc.constant(compiledBlocs),
        mandatoryBlocCodes: fc.constant(mandatoryCodes),
        optionGroupCode: fc.constant(options === 0 ? null : groupCode),
        rows: fc.array(row, { minLength: 1, maxLength: pipeline === 'codes' ? 8 : 3 }),
      })
    })
  })

function checkCertificationCase(hf: HyperFormula, testCase: CertificationCase): string[] {
  const compiledCertification = compileCertification(
    { mandatoryBlocCodes: testCase.mandatoryBlocCodes, optionGroupCode: testCase.optionGroupCode },
    testCase.blocs,
  )
  if (!compiledCertification.ok) throw new Error(compiledCertification.issues.map((found) => found.message).join('\n'))
  const certification = compiledCertification.value
  const layout = sequentialLayout({ blocs: testCase.compiledBlocs, certification })
  const sheet = sheetFor(hf, null)
  const formulaOf = (result: { ok: true; value: string } | { ok: false; issues: { message: string }[] }) => {
    if (!result.ok) throw new Error(result.issues.map((found) => found.message).join('\n'))
    return result.value
  }
  const data = testCase.rows.map((candidate, row) => {
    const cells: unknown[] = Array.from({ length: width(layout) }, () => null)
    testCase.compiledBlocs.forEach((bloc, i) => {
      const resultColumn = layout.blocs[i]!.resultColumn
      if ('grades' in candidate) {
        writeBloc(cells, bloc, layout, candidate.grades[i]!)
        cells[resultColumn] = formulaOf(blocFormula(bloc, layout, row, { catchErrors: false }))
      } else {
        cells[resultColumn] = toRawContent(candidate.blocCodes[i])
      }
    })
    if (layout.optionColumn !== null) cells[layout.optionColumn] = toRawContent(candidate.option)
    cells[layout.certificationColumn!] = formulaOf(certificationFormula(certification, layout, row, { catchErrors: false }))
    return cells
  })
  hf.setSheetContent(sheet, data as never)
  return testCase.rows.map((candidate, row) => {
    const blocCodes: Record<string, string | null> = {}
    testCase.compiledBlocs.forEach((bloc, i) => {
      if (!('grades' in candidate)) {
        blocCodes[bloc.code] = candidate.blocCodes[i]!
        return
      }
      const engine = evaluateBloc(bloc, candidate.grades[i]!)
      const shown = hf.getCellValue({ sheet, row, col: layout.blocs[i]!.resultColumn })
      if (shown !== engine.code) {
        throw mismatch(`Bloc ${bloc.code}`, row, candidate.grades[i], engine, shown, String(data[row]![layout.blocs[i]!.resultColumn]))
      }
      blocCodes[bloc.code] = engine.code
    })
    const engine = evaluateCertification(certification, { blocCodes, option: candidate.option })
    const shown = hf.getCellValue({ sheet, row, col: layout.certificationColumn! })
    if (shown !== engine.decision) {
      throw mismatch('Certification', row, { blocCodes, option: candidate.option }, engine, shown, String(data[row]![layout.certificationColumn!]))
    }
    return engine.decision
  })
}

/** Fails with the whole distribution when a code was too rarely produced to be really tested. */
function expectEachSeen(seen: Map<string, number>, codes: readonly string[], atLeast: number): void {
  const counts = Object.fromEntries(codes.map((code) => [code, seen.get(code) ?? 0]))
  for (const code of codes) expect(counts[code], JSON.stringify(counts)).toBeGreaterThanOrEqual(atLeast)
}

/* ------------------------------------------------------------------ published référentiels */

/**
 * A whole référentiel as a school publishes it: 1–4 mandatory blocs and an optional group of 2–3
 * options, each bloc outcome or scored with random parameters, checked by `checkPublishable` (the
 * publish route's own check) and laid out in the real « Grille » layout.
 */
interface PublishedCase {
  referential: Referential
  rules: CompiledRules
  layout: GradeSheetLayout
  rows: PublishedRow[]
}

interface PublishedRow {
  option: CellInput
  grades: BlocGrade[]
}

const rawOutcomeBloc = fc.record({
  count: fc.integer({ min: 1, max: 6 }),
  minAcqShare: fc.constantFrom(1, 1, 0.5, 0.75, 0.8, 0.6667),
  allowNacq: fc.boolean(),
  maxPacq: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
}).map(({ count, ...rule }) => ({
  assessments: Array.from({ length: count }, (): CritereAssessment => ({ scale: { kind: 'outcome' }, weight: 1, floor: null })),
  rule: (): BlocRule => ({ kind: 'outcome', ...rule }),
}))

const rawScoreBloc = fc.record({
  assessments: fc.array(scoreCritere, { minLength: 1, maxLength: 5 }),
  threshold: fc.constantFrom(10, 10, 12, 8.25, 9.5),
  roundingDecimals: fc.constantFrom(2, 2, 0, 1, 3),
  requiredShare: fc.constantFrom(null, null, 0.5, 0.4995),
}).map(({ assessments, threshold, roundingDecimals, requiredShare }) => ({
  assessments,
  rule: (codes: string[]): BlocRule => ({
    kind: 'score',
    threshold,
    roundingDecimals,
    // The first critère required (a mémoire at half its maximum), when drawn.
    requiredCriteres:
      requiredShare === null ? [] : [{ critereCode: codes[0]!, min: round4((assessments[0]!.scale.kind === 'score' ? assessments[0]!.scale.max : 20) * requiredShare) }],
  }),
}))

interface RawBloc {
  assessments: CritereAssessment[]
  rule: (critereCodes: string[]) => BlocRule
}

const rawBloc: fc.Arbitrary<RawBloc> = fc.oneof(rawOutcomeBloc, rawScoreBloc)

function documentBloc(code: string, prefix: string, raw: RawBloc) {
  const criteres = raw.assessments.map((assessment, i) => ({ code: `CR${prefix}.${i + 1}`, label: `Critère ${i + 1} du bloc ${code}`, fromCompetence: null, assessment }))
  return {
    code,
    title: `Bloc ${code}`,
    activities: [],
    competences: [{ code: `C${prefix}.1`, label: `Compétence du bloc ${code}` }],
    modalites: [],
    criteres,
    rule: raw.rule(criteres.map((critere) => critere.code)),
  }
}

const publishedCase: fc.Arbitrary<PublishedCase> = fc
  .record({ mandatory: fc.array(rawBloc, { minLength: 1, maxLength: 4 }), options: fc.oneof(fc.constant<RawBloc[]>([]), fc.array(rawBloc, { minLength: 2, maxLength: 3 })) })
  .map(({ mandatory, options }) => {
    const groupNumber = mandatory.length + 1
    const groupCode = `BC0${groupNumber}`
    const blocs: Referential['blocs'] = mandatory.map((raw, i) => ({ kind: 'mandatory' as const, number: i + 1, ...documentBloc(`BC0${i + 1}`, String(i + 1), raw) }))
    if (options.length > 0) {
      blocs.push({
        kind: 'optionGroup',
        code: groupCode,
        number: groupNumber,
        title: 'Options',
        options: options.map((raw, i) => {
          const letter = 'ABC'[i]!
          return { kind: 'option' as const, letter, ...documentBloc(`${groupCode}-${letter}`, `${groupNumber}${letter}`, raw) }
        }),
      })
    }
    const document = {
      schemaVersion: 1,
      id: 'titre-aleatoire-v1',
      version: 1,
      title: 'Titre tiré au hasard',
      level: 6,
      rncpCode: null,
      blocs,
      certificationRule: { mandatoryBlocCodes: mandatory.map((_, i) => `BC0${i + 1}`), optionGroupCode: options.length > 0 ? groupCode : null },
    }
    const checked = checkPublishable(document)
    if (!checked.ok) throw new Error(checked.issues.map((found) => `${found.path} ${found.message}`).join('\n'))
    const layout = buildGradeSheetLayout(checked.referential, checked.rules)
    if (!layout.ok) throw new Error(layout.issues.map((found) => found.message).join('\n'))
    return { referential: checked.referential, rules: checked.rules, layout: layout.value, rows: [] }
  })
  .chain((testCase) => {
    const options = testCase.rules.certification.options
    const optionCell: fc.Arbitrary<CellInput> =
      options.length === 0
        ? fc.constant(null)
        : fc.oneof(
            { arbitrary: fc.constantFrom(...options.flatMap((option) => [option.blocCode, option.letter])).chain(loosely), weight: 8 },
            { arbitrary: blankCell, weight: 1 },
            { arbitrary: fc.constantFrom('Z', 'BC09-A', 'Option A'), weight: 1 },
          )
    const row = profile.chain((lean) =>
      fc.record({
        option: optionCell,
        // Mostly whole grids (every decision comes up), some with blanks, ATT and typos.
        grades: fc.tuple(
          ...testCase.rules.blocs.map((bloc) =>
            fc.oneof({ arbitrary: certificationGrade(bloc, lean), weight: 6 }, { arbitrary: gradeFor(bloc, 1), weight: 1 }),
          ),
        ),
      }),
    )
    return fc.array(row, { minLength: 1, maxLength: 4 }).map((rows) => ({ ...testCase, rows }))
  })

/** What a row's blocs and decision are by the engine, « — » for an option not chosen. */
function engineRow(rules: CompiledRules, row: PublishedRow): { blocs: Record<string, string>; decision: string } {
  const blocs: Record<string, string> = {}
  rules.blocs.forEach((bloc, i) => {
    blocs[bloc.code] = isNotConcerned(rules.certification, bloc.code, row.option) ? NOT_CONCERNED : evaluateBloc(bloc, row.grades[i]!).code
  })
  return { blocs, decision: evaluateCertification(rules.certification, { blocCodes: blocs, option: row.option }).decision }
}

/** The row as the Worker stores it, when every input reads: marks, decisions and flags in canonical form. */
function storedRow(testCase: PublishedCase, row: PublishedRow, candidateId: string): StoredCandidateGrades | null {
  const { rules } = testCase
  const option = readOption(rules.certification, row.option)
  if (!option.ok) return null
  const marks: CellInput[] = []
  const decisions: Record<string, { code: 'ADM' | 'ADJ' | 'AJ'; reason: string | null }> = {}
  const capitalised: string[] = []
  for (const [i, bloc] of rules.blocs.entries()) {
    const grade = row.grades[i]!
    const notConcerned = isNotConcerned(rules.certification, bloc.code, row.option)
    for (const [k, critere] of bloc.criteres.entries()) {
      const read = readMark((grade.marks as CellInput[])[k], critere.scale, bloc.kind === 'score' ? bloc.roundingDecimals : 2)
      if (!read.ok) {
        if (notConcerned) {
          marks.push(null)
          continue
        }
        return null
      }
      // The Worker keeps nothing on an option the candidate did not choose.
      marks.push(notConcerned ? null : read.value)
    }
    const override = readOverride(grade.override)
    const reason = readReasonCell(grade.overrideReason)
    const flag = readCapitalised(grade.capitalised)
    if (notConcerned) continue
    if (!override.ok || !reason.ok || !flag.ok) return null
    if (override.value !== null) {
      if (reason.value === null) return null
      decisions[bloc.code] = { code: override.value, reason: reason.value }
    }
    if (flag.value) capitalised.push(bloc.code)
  }
  return { candidateId, optionCode: option.value?.blocCode ?? null, capitalisedBlocCodes: capitalised, marks, decisions }
}

/** Writes the rows into the real grid layout with the generated formulas; checks sheet, engine, Worker and « Vérifier ». */
function checkPublishedCase(hf: HyperFormula, testCase: PublishedCase): string[] {
  const { rules, layout } = testCase
  const sheet = sheetFor(hf, null)
  const placed = layout.formulaLayout
  const data: unknown[][] = Array.from({ length: FIRST_DATA_ROW }, () => [])
  const cells = testCase.rows.map((row, index) => {
    const sheetRow = FIRST_DATA_ROW + index
    const values: unknown[] = layout.columns.map(() => null)
    values[CANDIDATE_ID_COLUMN] = `c${index}`
    values[ROW_VERSION_COLUMN] = 1
    if (placed.optionColumn !== null) values[placed.optionColumn] = toRawContent(row.option)
    rules.blocs.forEach((bloc, i) => writeBloc(values, bloc, placed, row.grades[i]!))
    const formulas = rowFormulas(rules, placed, sheetRow, { catchErrors: false })
    if (!formulas.ok) throw new Error(formulas.issues.map((found) => found.message).join('\n'))
    for (const formula of formulas.value) values[formula.column] = formula.formula
    data.push(values)
    return values
  })
  hf.setSheetContent(sheet, data as never)

  const stored: StoredCandidateGrades[] = []
  const shownRows: RowCells[] = []
  const codes = testCase.rows.map((row, index) => {
    const sheetRow = FIRST_DATA_ROW + index
    const shown = (column: number) => hf.getCellValue({ sheet, row: sheetRow, col: column })
    const engine = engineRow(rules, row)
    for (const columns of placed.blocs) {
      const value = shown(columns.resultColumn)
      if (value !== engine.blocs[columns.blocCode]) {
        throw mismatch(`Bloc ${columns.blocCode} (référentiel publié)`, sheetRow, row, engine.blocs[columns.blocCode], value, String(cells[index]![columns.resultColumn]))
      }
    }
    const decision = shown(placed.certificationColumn!)
    if (decision !== engine.decision) throw mismatch('Certification (référentiel publié)', sheetRow, row, engine.decision, decision, String(cells[index]![placed.certificationColumn!]))
    // The sheet as the add-in reads it back: inputs as typed, formula cells as computed.
    shownRows.push(layout.columns.map((column, c) => (typeof cells[index]![c] === 'string' && String(cells[index]![c]).startsWith('=') ? (shown(c) as CellInput) : fromRaw(cells[index]![c]))))
    const candidate = storedRow(testCase, row, `c${index}`)
    if (candidate) stored.push(candidate)
    return [engine.decision, ...Object.values(engine.blocs).map((code) => `bloc ${code}`)]
  })

  // « Vérifier » finds no formula to blame: every result cell shows what the engine decides.
  const report = verifyGradeSheet(layout, rules, shownRows, shownRows)
  const blamed = report.problems.filter((problem) => problem.kind === 'mismatch' || problem.kind === 'formula')
  if (blamed.length > 0) throw new Error(`Vérifier: ${JSON.stringify(blamed)}`)

  // The Worker's results from the stored marks are the sheet's, bloc by bloc and decision.
  const critereCodes = rules.blocs.flatMap((bloc) => bloc.criteres.map((critere) => critere.code))
  workerRowsChecked += stored.length
  for (const result of computeSessionResults(rules, critereCodes, stored)) {
    const index = Number(result.candidateId.slice(1))
    const engine = engineRow(rules, testCase.rows[index]!)
    if (result.decision !== engine.decision) throw new Error(`Worker decision ${result.decision} vs sheet ${engine.decision} for row ${index}`)
    for (const [blocCode, outcome] of Object.entries(result.blocs)) {
      if (outcome.code !== engine.blocs[blocCode]) throw new Error(`Worker ${blocCode} ${outcome.code} vs sheet ${engine.blocs[blocCode]} for row ${index}`)
    }
  }
  return codes.flat()
}

/** Rows whose inputs the Worker could store, compared with its own results. */
let workerRowsChecked = 0

/** A raw HyperFormula content back to what Office.js would give for it. */
function fromRaw(raw: unknown): CellInput {
  if (raw === null || raw === undefined) return ''
  if (typeof raw === 'string') return raw.startsWith("'") ? raw.slice(1) : raw
  return raw as CellInput
}

/* ------------------------------------------------------------------ properties */

describe('les formules générées et le moteur donnent le même résultat, cellule par cellule', () => {
  const blocCodes = ['ADM', 'AJ', 'ATT', 'ADJ', 'CAP', 'ERR'] as const
  const decisions = ['CERTIFIÉ', 'PARTIELLE', 'AJOURNÉ', 'EN ATTENTE', 'ERR'] as const

  it(`bloc validé en ACQ / PACQ / NACQ : ${RUNS} règles tirées au hasard`, () => {
    const hf = createExcelLikeHyperFormula()
    const seen = new Map<string, number>()
    fc.assert(fc.property(blocCase('outcome'), (testCase) => tally(checkBlocCase(hf, testCase), seen)), { seed: SEED, numRuns: RUNS })
    expectEachSeen(seen, blocCodes, 50)
  }, TIMEOUT_MS)

  it(`bloc validé par moyenne : ${RUNS} règles tirées au hasard (notes limites, coefficients, notes éliminatoires)`, () => {
    const hf = createExcelLikeHyperFormula()
    const seen = new Map<string, number>()
    fc.assert(fc.property(blocCase('score'), (testCase) => tally(checkBlocCase(hf, testCase), seen)), { seed: SEED + 1, numRuns: RUNS })
    expectEachSeen(seen, blocCodes, 50)
  }, TIMEOUT_MS)

  it('bloc validé par moyenne, comparaisons exactes : les formules ne dépendent pas de la tolérance du tableur', () => {
    const hf = createExcelLikeHyperFormula({ exactComparisons: true })
    fc.assert(fc.property(blocCase('score'), (testCase) => void checkBlocCase(hf, testCase)), { seed: SEED + 2, numRuns: RUNS / 8 })
  }, TIMEOUT_MS)

  it(`décision de certification : ${RUNS} référentiels tirés au hasard, option comprise`, () => {
    const hf = createExcelLikeHyperFormula()
    const seen = new Map<string, number>()
    fc.assert(fc.property(certificationCase('codes'), (testCase) => tally(checkCertificationCase(hf, testCase), seen)), {
      seed: SEED + 3,
      numRuns: RUNS,
    })
    expectEachSeen(seen, decisions, 300)
  }, TIMEOUT_MS)

  it(`référentiels publiés : ${RUNS / 8} référentiels tirés au hasard dans la vraie « Grille », « — » compris ; le Worker et « Vérifier » d’accord`, () => {
    const hf = createExcelLikeHyperFormula()
    const seen = new Map<string, number>()
    fc.assert(fc.property(publishedCase, (testCase) => tally(checkPublishedCase(hf, testCase), seen)), { seed: SEED + 5, numRuns: RUNS / 8 })
    expectEachSeen(seen, decisions, 15)
    expectEachSeen(seen, [...blocCodes, NOT_CONCERNED].map((code) => `bloc ${code}`), 15)
    expect(workerRowsChecked).toBeGreaterThan(200)
  }, TIMEOUT_MS)

  it('ligne complète : notes, formules de bloc et décision de certification dans la même feuille', () => {
    const hf = createExcelLikeHyperFormula()
    const seen = new Map<string, number>()
    fc.assert(fc.property(certificationCase('grids'), (testCase) => tally(checkCertificationCase(hf, testCase), seen)), {
      seed: SEED + 4,
      numRuns: RUNS / 10,
    })
    expectEachSeen(seen, decisions, 20)
  }, TIMEOUT_MS)
})
