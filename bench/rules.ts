/**
 * Rules section: how fast the Worker re-decides a session, and how many formula cells a candidate
 * row costs in the workbook.
 *
 * Data: a référentiel shaped like the seed's (BC01–BC04 mandatory, BC05 with options A and B),
 * 9 critères per bloc, a mix of outcome and score rules; 2,000 candidates, each graded on their
 * 4 mandatory blocs and their option, so 10,000 bloc evaluations per pass.
 */
import { gridBlocFormulaLength, LAST_GRID_ROW_INDEX, rowFormulas, sequentialLayout } from '../shared/formulas/index'
import { parseReferential, seedReferential, type ReferentialInput } from '../shared/referential'
import { compileBloc, compileReferentialRules, type CompiledRules } from '../shared/rules/compileRules'
import { evaluateBloc, type BlocGrade } from '../shared/rules/evaluateBloc'
import type { CellInput } from '../shared/rules/marks'
import { blocRuleSchema, critereAssessmentSchema, type BlocRule } from '../shared/rules/ruleSchema'
import { operationsPerSecond, type BenchSection, type Figure } from './report'
import { createPrng as random } from '../shared/random'

const CANDIDATES = 2_000
const CRITERES_PER_BLOC = 9
const EVALUATIONS_GOAL = 1_000_000

const outcome = (minAcqShare = 1, maxPacq: number | null = null): BlocRule => ({ kind: 'outcome', minAcqShare, allowNacq: false, maxPacq })

function blocInput(number: number, letter: string | null, rule: BlocRule) {
  const tag = `${number}${letter ?? ''}`
  const scored = rule.kind === 'score'
  return {
    code: letter === null ? `BC0${number}` : `BC0${number}-${letter}`,
    title: `Bloc ${tag}`,
    activities: [],
    competences: [{ code: `C${tag}.1`, label: 'Compétence' }],
    modalites: [],
    criteres: Array.from({ length: CRITERES_PER_BLOC }, (_, i) => ({
      code: `CR${tag}.${i + 1}`,
      label: `Critère ${i + 1}`,
      assessment: scored
        ? { scale: { kind: 'score' as const, max: i === 0 ? 10 : 20 }, weight: i === 8 ? 2 : 1, floor: i % 3 === 0 ? 5 : null }
        : { scale: { kind: 'outcome' as const } },
    })),
    rule,
  }
}

function benchReferential(): CompiledRules {
  const score: BlocRule = { kind: 'score', threshold: 10, roundingDecimals: 2, requiredCriteres: [{ critereCode: 'CR4.9', min: 10 }] }
  const input: ReferentialInput = {
    schemaVersion: 1,
    id: 'bench-rules',
    version: 1,
    title: 'Bench',
    level: 7,
    rncpCode: null,
    blocs: [
      { kind: 'mandatory', number: 1, ...blocInput(1, null, outcome()) },
      { kind: 'mandatory', number: 2, ...blocInput(2, null, outcome()) },
      { kind: 'mandatory', number: 3, ...blocInput(3, null, outcome(0.75, 2)) },
      { kind: 'mandatory', number: 4, ...blocInput(4, null, score) },
      {
        kind: 'optionGroup',
        code: 'BC05',
        number: 5,
        title: 'Options',
        options: [
          { kind: 'option', letter: 'A', ...blocInput(5, 'A', outcome()) },
          {
            kind: 'option',
            letter: 'B',
            ...blocInput(5, 'B', { kind: 'score', threshold: 10, roundingDecimals: 2, requiredCriteres: [{ critereCode: 'CR5B.9', min: 10 }] }),
          },
        ],
      },
    ],
    certificationRule: { mandatoryBlocCodes: ['BC01', 'BC02', 'BC03', 'BC04'], optionGroupCode: 'BC05' },
  }
  const parsed = parseReferential(input)
  if (!parsed.ok) throw new Error(parsed.issues.map((found) => `${found.path} : ${found.message}`).join('\n'))
  const rules = compileReferentialRules(parsed.referential)
  if (!rules.ok) throw new Error(rules.issues.map((found) => found.message).join('\n'))
  return rules.value
}

/** Mostly clean grids, with the loose input a school really types. */
function gradeFor(next: () => number, scored: boolean): BlocGrade {
  const marks: CellInput[] = Array.from({ length: CRITERES_PER_BLOC }, () => {
    const draw = next()
    if (scored) return draw < 0.03 ? 'ABS' : draw < 0.05 ? 'exc' : Math.round(next() * 2000) / 100
    if (draw < 0.75) return 'ACQ'
    if (draw < 0.85) return ' acq '
    if (draw < 0.92) return 'PACQ'
    if (draw < 0.96) return 'nacq'
    if (draw < 0.98) return 'EXC'
    return draw < 0.99 ? 'ABS' : null
  })
  const draw = next()
  if (draw < 0.02) return { marks, override: 'ADJ', overrideReason: 'Délibération du jury' }
  if (draw < 0.05) return { marks, capitalised: 'OUI' }
  return { marks }
}

interface Evaluation {
  blocIndex: number
  grade: BlocGrade
}

function candidates(rules: CompiledRules): Evaluation[] {
  const next = random(20_251_128)
  const mandatory = rules.blocs.filter((bloc) => rules.certification.mandatoryBlocCodes.includes(bloc.code))
  const evaluations: Evaluation[] = []
  for (let candidate = 0; candidate < CANDIDATES; candidate++) {
    const option = rules.certification.options[next() < 0.5 ? 0 : 1]!.blocCode
    for (const bloc of [...mandatory, rules.blocs.find((candidateBloc) => candidateBloc.code === option)!]) {
      evaluations.push({ blocIndex: rules.blocs.indexOf(bloc), grade: gradeFor(next, bloc.kind === 'score') })
    }
  }
  return evaluations
}

/** The naive way: validate the rule with zod, normalise marks with regexes and rebuild the plan, every time. */
function naiveEvaluate(rules: CompiledRules, evaluation: Evaluation) {
  const bloc = rules.blocs[evaluation.blocIndex]!
  const rule = blocRuleSchema.parse(
    bloc.kind === 'outcome'
      ? { kind: 'outcome', minAcqShare: bloc.minAcqShare, allowNacq: bloc.allowNacq, maxPacq: bloc.maxPacq }
      : {
          kind: 'score',
          threshold: bloc.threshold,
          roundingDecimals: bloc.roundingDecimals,
          requiredCriteres: bloc.criteres.flatMap((critere) =>
            critere.requiredMin === null ? [] : [{ critereCode: critere.code, min: critere.requiredMin }],
          ),
        },
  )
  const criteres = bloc.criteres.map((critere) => ({
    code: critere.code,
    assessment: critereAssessmentSchema.parse({ scale: critere.scale, weight: critere.weight, floor: critere.floor }),
  }))
  const marks = (evaluation.grade.marks as readonly CellInput[]).map((mark) =>
    typeof mark === 'string' && /^\s*(acq|pacq|nacq|abs|exc|att)\s*$/i.test(mark) ? mark.replace(/^\s+|\s+$/g, '').toUpperCase() : mark,
  )
  const compiled = compileBloc({ code: bloc.code, criteres, rule })
  if (!compiled.ok) throw new Error('règle')
  return evaluateBloc(compiled.value, { ...evaluation.grade, marks })
}

export const rulesSection: BenchSection = {
  name: 'rules',
  run(): Figure[] {
    const rules = benchReferential()
    const evaluations = candidates(rules)
    const blocs = rules.blocs

    // Both implementations must agree before their speeds mean anything.
    for (const evaluation of evaluations) {
      const fast = evaluateBloc(blocs[evaluation.blocIndex]!, evaluation.grade)
      if (fast.code !== naiveEvaluate(rules, evaluation).code) throw new Error(`Désaccord sur ${fast.blocCode}`)
    }

    let checksum = 0
    const engine = operationsPerSecond(() => {
      for (const evaluation of evaluations) checksum += evaluateBloc(blocs[evaluation.blocIndex]!, evaluation.grade).code.length
    }, evaluations.length)
    const naive = operationsPerSecond(
      () => {
        for (const evaluation of evaluations) checksum += naiveEvaluate(rules, evaluation).code.length
      },
      evaluations.length,
      5,
      100,
    )
    if (checksum === 0) throw new Error('rien mesuré')

    const layout = sequentialLayout(rules, { firstColumn: 2 })
    const cells = rowFormulas(rules, layout, 1)
    if (!cells.ok) throw new Error(cells.issues.map((found) => found.message).join('\n'))
    const critereCount = blocs.reduce((total, bloc) => total + bloc.criteres.length, 0)
    // A helper-column design normalises each critère in a cell of its own before deciding the bloc.
    const helperCells = critereCount + blocs.length + 1
    const formulaGoal = blocs.length + 1

    const seed = compileReferentialRules(seedReferential)
    if (!seed.ok) throw new Error('référentiel de référence')
    const seedCells = rowFormulas(seed.value, sequentialLayout(seed.value), 1)
    if (!seedCells.ok) throw new Error('formules du référentiel de référence')
    // Measured where formulas are longest: the real « Grille » layout, at the last row of the largest grid.
    const longest = Math.max(
      ...[seed.value, rules].flatMap((compiled) => compiled.blocs.map((bloc) => gridBlocFormulaLength(compiled, bloc.code) ?? Number.POSITIVE_INFINITY)),
    )

    return [
      {
        figure: `bloc evaluations/s (${CANDIDATES.toLocaleString('en-US')} candidates × 5 blocs × ${CRITERES_PER_BLOC} critères)`,
        value: engine,
        baseline: naive,
        better: 'higher',
        goal: `≥ ${EVALUATIONS_GOAL.toLocaleString('en-US')}/s`,
        holds: engine >= EVALUATIONS_GOAL,
        unit: '/s',
      },
      {
        figure: `formula cells per candidate (${blocs.length} bloc columns: 4 mandatory + 2 options)`,
        value: cells.value.length,
        baseline: helperCells,
        better: 'lower',
        goal: `one per bloc + one for the certification = ${formulaGoal}`,
        holds: cells.value.length === formulaGoal,
      },
      {
        figure: `formula cells per candidate, seed référentiel (${seed.value.blocs.length} bloc columns)`,
        value: seedCells.value.length,
        baseline: seed.value.blocs.reduce((total, bloc) => total + bloc.criteres.length, 0) + seed.value.blocs.length + 1,
        better: 'lower',
        goal: `one per bloc + one for the certification = ${seed.value.blocs.length + 1}`,
        holds: seedCells.value.length === seed.value.blocs.length + 1,
      },
      {
        figure: `longest generated formula (characters, « Grille » row ${(LAST_GRID_ROW_INDEX + 1).toLocaleString('en-US')})`,
        value: longest,
        baseline: null,
        better: 'lower',
        goal: '≤ 8,192 (Excel limit)',
        holds: longest <= 8_192,
      },
    ]
  },
}
