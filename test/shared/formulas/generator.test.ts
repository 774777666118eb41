/**
 * What the generated formulas are made of: whitelisted classic functions only, fill-down anchors,
 * codes as text results, Excel's length limit, and French errors for an unusable layout.
 */
import { describe, expect, it } from 'vitest'
import { blocFormula } from '../../../shared/formulas/blocFormula'
import { certificationFormula } from '../../../shared/formulas/certificationFormula'
import { gridBlocFormulaLength, LAST_GRID_ROW_INDEX, MAX_FORMULA_LENGTH, rowFormulas, sequentialLayout, type GridLayout } from '../../../shared/formulas/index'
import { seedReferential } from '../../../shared/referential'
import {
  BLOC_OUTCOME_CODES,
  CAPITALISED_NO_TEXTS,
  CAPITALISED_YES_TEXTS,
  CERTIFICATION_DECISIONS,
  ERROR_CODE,
  NOT_CONCERNED,
} from '../../../shared/rules/codes'
import { compileBloc, compileReferentialRules, type CompiledBloc, type CompiledRules } from '../../../shared/rules/compileRules'
import { evaluateBloc, type BlocGrade } from '../../../shared/rules/evaluateBloc'
import { OUTCOME_CODES, SPECIAL_MARK_CODES, type CritereAssessment } from '../../../shared/rules/ruleSchema'
import { createExcelLikeHyperFormula, toRawContent } from '../../support/hyperformula'

/** Classic functions, in Excel 2016 and HyperFormula; TRUE() and FALSE() are functions in HyperFormula. */
const ALLOWED_FUNCTIONS = new Set([
  'IF', 'AND', 'OR', 'NOT', 'COUNTIF', 'COUNTIFS', 'COUNTBLANK', 'COUNTA', 'SUMPRODUCT', 'SUM', 'ROUND', 'ABS', 'INDEX',
  'MATCH', 'IFERROR', 'ISNUMBER', 'ISBLANK', 'TRIM', 'UPPER', 'LEN', 'VALUE', 'TRUE', 'FALSE',
])

/** Removes text literals and quoted sheet names, so only the formula's own tokens remain. */
function withoutLiterals(formula: string): string {
  return formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'!/g, 'Sheet!')
}

function functionNames(formula: string): Set<string> {
  return new Set([...withoutLiterals(formula).matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\(/g)].map((match) => match[1]!.toUpperCase()))
}

function textLiterals(formula: string): Set<string> {
  return new Set([...formula.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1]!.replaceAll('""', '"')))
}

function seedRules(): CompiledRules {
  const rules = compileReferentialRules(seedReferential)
  if (!rules.ok) throw new Error(rules.issues.map((found) => found.message).join('\n'))
  return rules.value
}

function compiled(criteres: { code: string; assessment: CritereAssessment }[], required: { critereCode: string; min: number }[]): CompiledBloc {
  const result = compileBloc({
    code: 'BC09',
    criteres,
    rule: { kind: 'score', threshold: 10, roundingDecimals: 2, requiredCriteres: required },
  })
  if (!result.ok) throw new Error(result.issues.map((found) => found.message).join('\n'))
  return result.value
}

/** A score bloc using every feature: weights, other maxima, floors, a required critère. */
const scoreBloc = (count: number) =>
  compiled(
    Array.from({ length: count }, (_, i) => ({
      code: `CR9.${i + 1}`,
      assessment: { scale: { kind: 'score' as const, max: i % 3 === 0 ? 10 : 20 }, weight: 1 + (i % 4) * 0.5, floor: i % 2 === 0 ? 4 : null },
    })),
    [{ critereCode: 'CR9.2', min: 10 }],
  )

function allFormulas(rules: CompiledRules, layout: GridLayout): string[] {
  const cells = rowFormulas(rules, layout, 1)
  if (!cells.ok) throw new Error(cells.issues.map((found) => found.message).join('\n'))
  return cells.value.map((cell) => cell.formula)
}

describe('formules générées pour le référentiel de référence', () => {
  const rules = seedRules()
  const layout = sequentialLayout(rules, { firstColumn: 2 })
  const formulas = allFormulas(rules, layout)

  it('une formule par bloc évaluable et une pour la certification, par ligne de candidat', () => {
    expect(formulas).toHaveLength(rules.blocs.length + 1)
  })

  it('n’utilisent que des fonctions classiques de la liste, rien de volatil ni de récent', () => {
    const score = blocFormula(scoreBloc(9), sequentialLayout({ blocs: [scoreBloc(9)], certification: null }), 0)
    if (!score.ok) throw new Error('formule')
    for (const formula of [...formulas, score.value]) {
      const names = [...functionNames(formula)]
      expect(names.filter((name) => !ALLOWED_FUNCTIONS.has(name))).toEqual([])
      expect(withoutLiterals(formula)).not.toMatch(/INDIRECT|OFFSET|TODAY|NOW|LET|LAMBDA|XLOOKUP|FILTER|TEXTJOIN|IFS|SWITCH/)
      // No ranges, array constants, structured references or spill operators.
      expect(withoutLiterals(formula)).not.toMatch(/[:{}[\]@#]/)
      expect(formula.startsWith('=')).toBe(true)
    }
  })

  it('écrivent dans la cellule les codes du moteur, et rien d’autre', () => {
    const codes = new Set<string>([
      ...BLOC_OUTCOME_CODES,
      ERROR_CODE,
      NOT_CONCERNED,
      ...CERTIFICATION_DECISIONS,
      ...OUTCOME_CODES,
      ...SPECIAL_MARK_CODES,
      ...CAPITALISED_YES_TEXTS,
      ...CAPITALISED_NO_TEXTS,
      ...rules.certification.options.flatMap((option) => [option.blocCode, option.letter]),
    ])
    for (const formula of formulas) expect([...textLiterals(formula)].filter((literal) => !codes.has(literal))).toEqual([])
    expect(textLiterals(formulas.at(-1)!)).toContain('CERTIFIÉ')
  })

  it('ancrent les colonnes et laissent les lignes relatives : la formule de la ligne 7 est celle de la ligne 2 recopiée', () => {
    const second = rowFormulas(rules, layout, 1)
    const seventh = rowFormulas(rules, layout, 6)
    if (!second.ok || !seventh.ok) throw new Error('formules')
    const filledDown = (formula: string) => formula.replace(/(\$[A-Z]{1,3})(\d+)/g, (_all, column: string, row: string) => `${column}${Number(row) + 5}`)
    expect(seventh.value.map((cell) => cell.formula)).toEqual(second.value.map((cell) => filledDown(cell.formula)))
    for (const formula of formulas) expect(withoutLiterals(formula)).not.toMatch(/(?<![$A-Z])[A-Z]{1,3}\d+|\$\d/)
  })

  it('restent sous la limite de 8 192 caractères d’Excel, même pour BC05-D et ses 14 critères à la dernière ligne de la plus grande grille', () => {
    // Measured on the « Grille » layout itself (docs/rules.md quotes these figures).
    expect(gridBlocFormulaLength(rules, 'BC05-D', 2)).toBe(6_062)
    expect(gridBlocFormulaLength(rules, 'BC05-D', LAST_GRID_ROW_INDEX)).toBe(6_978)
    for (const bloc of rules.blocs) expect(gridBlocFormulaLength(rules, bloc.code)).toBeLessThanOrEqual(6_978)
  })

  it('calculent dans un tableur les résultats du moteur pour une ligne type', () => {
    const hf = createExcelLikeHyperFormula()
    const sheet = hf.getSheetId(hf.addSheet('Notes'))!
    const cells: unknown[] = []
    const row = 1
    for (const bloc of rules.blocs) {
      const columns = layout.blocs.find((candidate) => candidate.blocCode === bloc.code)!
      for (const critere of bloc.criteres) cells[columns.critereColumns[critere.code]!] = toRawContent(bloc.code === 'BC03' ? ' pacq' : 'ACQ')
    }
    cells[layout.optionColumn!] = toRawContent('b')
    const bc03 = layout.blocs.find((columns) => columns.blocCode === 'BC03')!
    cells[bc03.overrideColumn!] = toRawContent('ADJ')
    cells[bc03.overrideReasonColumn!] = toRawContent('Projet remarquable')
    const generated = rowFormulas(rules, layout, row)
    if (!generated.ok) throw new Error('formules')
    for (const cell of generated.value) cells[cell.column] = cell.formula
    hf.setSheetContent(sheet, [[], Array.from(cells, (value) => value ?? null)] as never)
    const shown = (column: number) => hf.getCellValue({ sheet, row, col: column })
    expect(shown(bc03.resultColumn)).toBe('ADJ')
    expect(shown(layout.certificationColumn!)).toBe('CERTIFIÉ')
  })
})

describe('formule d’un bloc à moyenne', () => {
  it('reste sous la limite d’Excel avec 12 critères notés, coefficients, notes éliminatoires et critère exigé', () => {
    const bloc = scoreBloc(12)
    const formula = blocFormula(bloc, sequentialLayout({ blocs: [bloc], certification: null }), 0)
    expect(formula.ok && formula.value.length).toBeLessThan(MAX_FORMULA_LENGTH)
  })

  it('signale en français une formule trop longue pour Excel au lieu de l’écrire', () => {
    const bloc = scoreBloc(40)
    const formula = blocFormula(bloc, sequentialLayout({ blocs: [bloc], certification: null }, { sheetName: 'Notes du jury' }), 0)
    expect(formula.ok).toBe(false)
    if (formula.ok) return
    expect(formula.issues[0]!.message).toMatch(/^Bloc BC09 : La formule du bloc ferait \d+ caractères, au-delà des 8192 qu’Excel accepte\.$/)
  })

  it('montre ERR quand une cellule lue contient une valeur d’erreur (#N/A)', () => {
    const bloc = scoreBloc(2)
    const layout = sequentialLayout({ blocs: [bloc], certification: null }, { withOverride: false, withCapitalised: false })
    const formula = blocFormula(bloc, layout, 0)
    if (!formula.ok) throw new Error('formule')
    const hf = createExcelLikeHyperFormula()
    const sheet = hf.getSheetId(hf.addSheet('Notes'))!
    hf.setSheetContent(sheet, [['=NA()', 12, formula.value]])
    expect(hf.getCellValue({ sheet, row: 0, col: 2 })).toBe('ERR')
  })
})

describe('une grille inutilisable est refusée avec un message en français', () => {
  const rules = seedRules()
  const bloc = rules.blocs[0]!
  const layout = sequentialLayout(rules)
  const messages = (result: { ok: boolean; issues?: { message: string }[] }) => (result.ok ? [] : result.issues!.map((found) => found.message))

  it('un critère sans colonne', () => {
    const columns = layout.blocs[0]!
    const { 'CR1.1': _dropped, ...critereColumns } = columns.critereColumns
    const broken = { ...layout, blocs: [{ ...columns, critereColumns }, ...layout.blocs.slice(1)] }
    expect(messages(blocFormula(bloc, broken, 1))).toEqual(["Bloc BC01, critère CR1.1 : le critère n’a pas de colonne dans la grille."])
  })

  it('un résultat écrit sur la colonne d’une note (référence circulaire)', () => {
    const columns = layout.blocs[0]!
    const broken = { ...layout, blocs: [{ ...columns, resultColumn: columns.critereColumns['CR1.2']! }] }
    expect(messages(blocFormula(bloc, broken, 1))).toEqual([
      'Bloc BC01 : le résultat du bloc BC01 : la colonne est déjà prise par la note du critère CR1.2.',
    ])
  })

  it('une décision du jury sans colonne de motif', () => {
    const broken = { ...layout, blocs: [{ ...layout.blocs[0]!, overrideReasonColumn: null }] }
    expect(messages(blocFormula(bloc, broken, 1))).toEqual(['Bloc BC01 : la décision du jury a une colonne mais pas son motif.'])
  })

  it('un nom de feuille refusé par Excel, une ligne hors de la feuille', () => {
    expect(messages(blocFormula(bloc, { ...layout, sheetName: 'Notes?' }, 1))).toEqual([
      'Le nom de feuille « Notes? » contient un caractère interdit (: \\ / ? * [ ]).',
    ])
    expect(messages(blocFormula(bloc, layout, 1_048_576))).toEqual(['Bloc BC01 : ligne 1048576 hors de la feuille.'])
  })

  it('une certification sans colonne d’option, ou qui lit un bloc absent de la grille', () => {
    expect(messages(certificationFormula(rules.certification, { ...layout, optionColumn: null }, 1))).toEqual([
      "Bloc BC05 : le choix d’option n’a pas de colonne dans la grille.",
    ])
    const withoutBc02 = { ...layout, blocs: layout.blocs.filter((columns) => columns.blocCode !== 'BC02') }
    expect(messages(rowFormulas(rules, withoutBc02, 1))).toEqual(['Bloc BC02 : la certification lit ce bloc, absent de la grille.'])
  })
})

describe('bloc d’une option que le candidat n’a pas choisie', () => {
  const rules = seedRules()
  const layout = sequentialLayout(rules, { firstColumn: 1 })
  const optionA = layout.blocs.find((columns) => columns.blocCode === 'BC05-A')!

  /** What BC05-A's cell shows, its critères all ACQ, for an option cell holding `option`. */
  function shownFor(option: unknown): unknown {
    const hf = createExcelLikeHyperFormula()
    const sheet = hf.getSheetId(hf.addSheet('Grille'))!
    const cells: unknown[] = []
    for (const column of Object.values(optionA.critereColumns)) cells[column] = 'ACQ'
    cells[layout.optionColumn!] = option
    const generated = rowFormulas(rules, layout, 0)
    if (!generated.ok) throw new Error('formules')
    for (const cell of generated.value) cells[cell.column] = cell.formula
    hf.setSheetContent(sheet, [Array.from(cells, (value) => value ?? null)] as never)
    return hf.getCellValue({ sheet, row: 0, col: optionA.resultColumn })
  }

  it('affiche « — » quand une autre option est choisie, par son code ou sa lettre, en majuscules ou non', () => {
    expect(shownFor('BC05-B')).toBe(NOT_CONCERNED)
    expect(shownFor(' d ')).toBe(NOT_CONCERNED)
  })

  it('calcule le bloc pour l’option choisie, une option vide, inconnue ou en erreur (#N/A)', () => {
    expect(shownFor('A')).toBe('ADM')
    expect(shownFor(null)).toBe('ADM')
    expect(shownFor('E')).toBe('ADM')
    expect(shownFor('=NA()')).toBe('ADM')
  })

  it('ne dépend que du bloc quand la formule est générée sans la règle de certification', () => {
    const alone = blocFormula(rules.blocs.find((bloc) => bloc.code === 'BC05-A')!, layout, 0)
    expect(alone.ok && alone.value).not.toContain(NOT_CONCERNED)
  })
})

describe('une valeur d’erreur (#N/A) dans une cellule lue : le moteur et la formule disent la même chose', () => {
  const rules = seedRules()
  const layout = sequentialLayout(rules, { firstColumn: 1 })
  const bc01 = layout.blocs.find((columns) => columns.blocCode === 'BC01')!
  const bloc = rules.blocs.find((candidate) => candidate.code === 'BC01')!

  /** BC01 all ACQ, one cell holding an error value: what the sheet and the engine show. */
  function both(place: 'mark' | 'override' | 'reason' | 'capitalised', withDecision: boolean) {
    const hf = createExcelLikeHyperFormula()
    const sheet = hf.getSheetId(hf.addSheet('Grille'))!
    const cells: unknown[] = []
    const engineCells: { marks: unknown[]; override: unknown; overrideReason: unknown; capitalised: unknown } = { marks: [], override: null, overrideReason: null, capitalised: null }
    bloc.criteres.forEach((critere, i) => {
      cells[bc01.critereColumns[critere.code]!] = "'ACQ"
      engineCells.marks[i] = 'ACQ'
    })
    if (withDecision) {
      cells[bc01.overrideColumn!] = "'ADJ"
      cells[bc01.overrideReasonColumn!] = "'Projet remarquable"
      engineCells.override = 'ADJ'
      engineCells.overrideReason = 'Projet remarquable'
    }
    const column = { mark: bc01.critereColumns['CR1.2']!, override: bc01.overrideColumn!, reason: bc01.overrideReasonColumn!, capitalised: bc01.capitalisedColumn! }[place]
    cells[column] = '=NA()'
    // Office.js gives an error cell's value as its text.
    if (place === 'mark') engineCells.marks[1] = '#N/A'
    else if (place === 'override') engineCells.override = '#N/A'
    else if (place === 'reason') engineCells.overrideReason = '#N/A'
    else engineCells.capitalised = '#N/A'
    cells[layout.optionColumn!] = "'A"
    const generated = rowFormulas(rules, layout, 0)
    if (!generated.ok) throw new Error('formules')
    for (const cell of generated.value) cells[cell.column] = cell.formula
    hf.setSheetContent(sheet, [Array.from(cells, (value) => value ?? null)] as never)
    const engine = evaluateBloc(bloc, engineCells as BlocGrade)
    return { sheet: hf.getCellValue({ sheet, row: 0, col: bc01.resultColumn }), engine: engine.code }
  }

  it.each([
    ['une note', 'mark', false, 'ERR'],
    ['la décision du jury', 'override', false, 'ERR'],
    ['le motif d’une décision du jury', 'reason', true, 'ERR'],
    ['le motif, sans décision du jury', 'reason', false, 'ADM'],
    ['la capitalisation', 'capitalised', false, 'ERR'],
  ] as const)('dans %s', (_, place, withDecision, expected) => {
    expect(both(place, withDecision)).toEqual({ sheet: expected, engine: expected })
  })
})
