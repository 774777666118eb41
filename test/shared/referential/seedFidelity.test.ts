/**
 * The JSON référentiel says exactly what the seed (text extracted from the PDF table) says.
 * See docs/referentiel.md for how the seed was read and every judgement made.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import data from '../../../shared/referential/data/expert-ingenierie-informatique-n7.v1.json'
import {
  allCriteres,
  blocsForOption,
  evaluableBlocs,
  findEvaluableBloc,
  parseReferential,
  referentialSchema,
  seedReferential,
  type GradedBloc,
} from '../../../shared/referential'

const seedRaw = readFileSync(
  new URL('./fixtures/referentiel-expert-ingenierie-informatique-niveau7.txt', import.meta.url),
  'utf8',
)

/**
 * Same treatment for the seed and for a label: leading bullet dashes dropped, a word hyphenated
 * at a line end glued back, every run of whitespace (line breaks, double spaces) made one space.
 */
function normalise(text: string): string {
  return text
    .normalize('NFC')
    .split('\n')
    .map((line) => line.replace(/^\s*-\s*/, '').trim())
    .join('\n')
    .replace(/(\p{L})-\n+(\p{Ll})/gu, '$1$2')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Labels that cross a page break of the PDF, so their two parts are not contiguous in the seed.
 * `tail` is the remnant printed at the top of the next page, on a line of its own.
 */
const PAGE_BREAK_JOINS = [
  {
    codes: ['CR1.5'],
    head: 'Qualité de la documentation et de la restitution orale et/ou écrite du',
    tail: 'diagnostic',
  },
  { codes: ['C5B.5', 'CR5B.5'], head: 'Piloter un projet de développement', tail: 'réseaux et systèmes' },
]
const joinOf = (code: string) => PAGE_BREAK_JOINS.find((join) => join.codes.includes(code))

/** One entry of the flattened table: a bullet, an activity, a heading, or a page-break remnant. */
type SeedItem = { line: number; text: string }

/**
 * Cuts the seed into items. An item starts at a bullet dash, at a line after a blank line that
 * begins with a capital (the PDF wraps inside a cell onto lowercase lines, sometimes after a blank
 * line), or at a documented page-break remnant; it runs until the next item starts.
 */
function seedItems(raw: string): SeedItem[] {
  const tails = new Set(PAGE_BREAK_JOINS.map((join) => join.tail))
  const items: { line: number; lines: string[] }[] = []
  let afterBlank = true
  raw.split('\n').forEach((line, i) => {
    if (line.trim() === '') {
      afterBlank = true
      return
    }
    const starts =
      /^\s*-/.test(line) || (afterBlank && (/^\s*\p{Lu}/u.test(line) || tails.has(normalise(line))))
    const current = items.at(-1)
    if (starts || current === undefined) items.push({ line: i + 1, lines: [line] })
    else current.lines.push(line)
    afterBlank = false
  })
  return items.map(({ line, lines }) => ({ line, text: normalise(lines.join('\n')) }))
}

const items = seedItems(seedRaw)
const itemAt = (line: number) => items.find((item) => item.line === line)?.text

/** Whether `label` is, after normalisation, exactly one item of the seed (or of `within`). */
function isSeedItem(label: string, within: SeedItem[] = items): boolean {
  const text = normalise(label)
  return within.some((item) => item.text === text)
}

/** The seed's items from a bloc's heading to the next bloc's heading. */
const headings = ['BLOC 1 - ', 'BLOC 2 – ', 'BLOC 3 - ', 'BLOC 4 - ', 'Bloc 5 : ']
function itemsOfBloc(blocNumber: number): SeedItem[] {
  const lineOf = (heading: string | undefined) =>
    heading === undefined ? Infinity : (items.find((item) => item.text.startsWith(heading))?.line ?? NaN)
  const [from, to] = [lineOf(headings[blocNumber - 1]), lineOf(headings[blocNumber])]
  return items.filter((item) => item.line >= from && item.line < to)
}

/**
 * Where each option's compétences and modalités start in the seed (line numbers of the seed file).
 * BLOC 5 interleaves its options, so this is the reading documented in docs/referentiel.md.
 */
const OPTION_SOURCES: Record<string, { competences: number[]; modalites: number[] }> = {
  'BC05-A': { competences: [468, 474, 477, 480, 484], modalites: [504, 507, 510] },
  // The fifth compétence ends on the next page ("réseaux et systèmes", line 573), and so does the
  // modalités cell: its third modalité is printed at line 604, in the same cell width as A's.
  'BC05-B': { competences: [490, 492, 494, 496, 498], modalites: [526, 529, 604] },
  // C has no modalités cell of its own: the one cell left on the C/D page serves both options.
  'BC05-C': { competences: [577, 579, 581, 583, 585, 587], modalites: [611, 614, 618] },
  'BC05-D': {
    competences: [593, 596, 599, 601, 623, 626, 629, 633, 635, 638, 642, 645, 647, 650],
    modalites: [611, 614, 618],
  },
}

type Item = { code: string; label: string }
const itemsOf = (bloc: GradedBloc): Item[] => [
  ...bloc.activities,
  ...bloc.competences,
  ...bloc.modalites,
  ...bloc.criteres,
]
const blocNumberOf = (bloc: GradedBloc) => Number(bloc.code.slice(2, 4))

const graded = evaluableBlocs(seedReferential)

describe('seed file', () => {
  it('is the expected PDF extraction, cut into items at bullets, activities and headings', () => {
    expect(items.map((item) => item.text)).toEqual(expect.arrayContaining(['BLOC 05 Option A « Cybersécurité »']))
    for (const heading of headings) expect(items.filter((item) => item.text.startsWith(heading))).toHaveLength(1)
    // A wrapped item stays whole even across a blank line, and a remnant stays on its own.
    expect(itemAt(62)).toBe('Déterminer les solutions d’évolution adaptées')
    expect(itemAt(105)).toBe('Pertinence des résultats du diagnostic')
    expect(itemAt(117)).toBe('Argumenter sur le choix de la solution')
    expect(itemAt(125)).toBe('diagnostic')
  })
})

describe('référentiel JSON', () => {
  it('parses with the référentiel schema and its cross-reference checks', () => {
    expect(referentialSchema.safeParse(data).success).toBe(true)
    const result = parseReferential(data)
    expect(result.ok ? [] : result.issues).toEqual([])
  })

  it('identifies the title and leaves the RNCP number unset (the seed does not give it)', () => {
    expect(seedReferential).toMatchObject({
      schemaVersion: 1,
      id: 'expert-ingenierie-informatique-n7-v1',
      version: 1,
      title: 'Expert en Ingénierie informatique et Innovation Numérique',
      level: 7,
      rncpCode: null,
    })
    expect(isSeedItem(`${seedReferential.title} de niveau 7`)).toBe(true)
    expect(seedRaw).not.toMatch(/RNCP\s*\d/)
  })

  it('has four mandatory blocs and one option group of four options', () => {
    expect(seedReferential.blocs.map((b) => `${b.kind}:${b.code}`)).toEqual([
      'mandatory:BC01',
      'mandatory:BC02',
      'mandatory:BC03',
      'mandatory:BC04',
      'optionGroup:BC05',
    ])
    const group = seedReferential.blocs[4]
    expect(group?.kind === 'optionGroup' && group.options.map((o) => `${o.code} ${o.title}`)).toEqual([
      'BC05-A Cybersécurité',
      'BC05-B Réseaux et architecture',
      'BC05-C Ingénierie des logiciels et systèmes',
      'BC05-D Intelligence artificielle et gestion des données',
    ])
  })

  it('takes every bloc and option title from the seed headings', () => {
    seedReferential.blocs.forEach((bloc, i) => {
      expect(isSeedItem(`${headings[i]}${bloc.title}`), bloc.code).toBe(true)
      if (bloc.kind === 'optionGroup') {
        for (const option of bloc.options) {
          expect(isSeedItem(`BLOC 05 Option ${option.letter} « ${option.title} »`), option.code).toBe(true)
        }
      }
    })
  })

  it('attaches activities A1 to A15, in order, to the bloc they are listed under', () => {
    expect(graded.flatMap((b) => b.activities.map((a) => a.code))).toEqual(
      Array.from({ length: 15 }, (_, i) => `A${i + 1}`),
    )
    expect(Object.fromEntries(graded.map((b) => [b.code, b.activities.map((a) => a.code).join(' ')]))).toEqual({
      BC01: 'A1 A2 A3',
      BC02: 'A4 A5 A6 A7 A8',
      BC03: 'A9 A10 A11 A12',
      BC04: 'A13 A14 A15',
      'BC05-A': '',
      'BC05-B': '',
      'BC05-C': '',
      'BC05-D': '',
    })
    // The seed numbers activities "A1 …", "A4 : …" or "A13 - …": the code must be the seed's own.
    for (const bloc of graded) {
      for (const { code, label } of bloc.activities) {
        const numbered = [`${code} ${label}`, `${code} : ${label}`, `${code} - ${label}`]
        expect(numbered.some((text) => isSeedItem(text, itemsOfBloc(blocNumberOf(bloc)))), code).toBe(true)
      }
    }
  })

  it('has the number of compétences, modalités and critères read from the seed for each bloc', () => {
    const counts = Object.fromEntries(
      graded.map((b) => [b.code, [b.competences.length, b.modalites.length, b.criteres.length]]),
    )
    expect(counts).toEqual({
      BC01: [6, 3, 5],
      BC02: [8, 3, 4],
      BC03: [5, 4, 4],
      BC04: [5, 3, 5],
      'BC05-A': [5, 3, 5],
      'BC05-B': [5, 3, 5],
      'BC05-C': [6, 3, 6],
      'BC05-D': [14, 3, 14],
    })
  })

  it('gives every code once, in the documented scheme, numbered from 1 without gaps', () => {
    const codes = graded.flatMap((bloc) => [bloc.code, ...itemsOf(bloc).map((item) => item.code)])
    expect(new Set(codes).size).toBe(codes.length)
    for (const bloc of graded) {
      const key = bloc.kind === 'mandatory' ? `${bloc.number}` : `5${bloc.letter}`
      expect(bloc.code).toBe(bloc.kind === 'mandatory' ? `BC0${bloc.number}` : `BC05-${bloc.letter}`)
      expect(bloc.competences.map((c) => c.code)).toEqual(bloc.competences.map((_, i) => `C${key}.${i + 1}`))
      expect(bloc.modalites.map((m) => m.code)).toEqual(bloc.modalites.map((_, i) => `M${key}.${i + 1}`))
      expect(bloc.criteres.map((c) => c.code)).toEqual(bloc.criteres.map((_, i) => `CR${key}.${i + 1}`))
    }
  })

  it('keeps every compétence, modalité and critère label verbatim: a whole seed item of its bloc', () => {
    const missing: string[] = []
    for (const bloc of graded) {
      const within = itemsOfBloc(blocNumberOf(bloc))
      for (const { code, label } of [...bloc.competences, ...bloc.modalites, ...bloc.criteres]) {
        if (joinOf(code) === undefined && !isSeedItem(label, within)) missing.push(`${code}: ${label}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('joins exactly the documented labels that cross a page break, from two items of the seed', () => {
    for (const { codes, head, tail } of PAGE_BREAK_JOINS) {
      expect(isSeedItem(head), head).toBe(true)
      expect(isSeedItem(tail), tail).toBe(true)
      // Still split in the seed: otherwise the join would be a needless exemption.
      expect(isSeedItem(`${head} ${tail}`)).toBe(false)
      for (const code of codes) {
        const item = graded.flatMap(itemsOf).find((it) => it.code === code)
        expect(item?.label, code).toBe(`${head} ${tail}`)
      }
    }
  })

  it('takes each option its compétences and modalités from the documented places of BLOC 5, in seed order', () => {
    for (const bloc of graded.filter((b) => b.kind === 'option')) {
      const sources = OPTION_SOURCES[bloc.code]
      const fromSeed = (lines: number[] | undefined) => (lines ?? []).map((line) => itemAt(line))
      const expected = (list: Item[]) => list.map(({ code, label }) => joinOf(code)?.head ?? label)
      expect(expected(bloc.competences), bloc.code).toEqual(fromSeed(sources?.competences))
      expect(expected(bloc.modalites), bloc.code).toEqual(fromSeed(sources?.modalites))
    }
  })

  it('evaluates each option compétence as a critère of its own, and only there', () => {
    for (const bloc of graded) {
      if (bloc.kind === 'mandatory') {
        expect(bloc.criteres.every((c) => c.fromCompetence === null)).toBe(true)
      } else {
        expect(bloc.criteres.map((c) => [c.label, c.fromCompetence])).toEqual(
          bloc.competences.map((c) => [c.label, c.code]),
        )
      }
    }
  })

  it('grades every critère ACQ/PACQ/NACQ and validates a bloc only when all its critères are ACQ', () => {
    for (const { critere } of allCriteres(seedReferential)) {
      expect(critere.assessment).toEqual({ scale: { kind: 'outcome' }, weight: 1, floor: null })
    }
    for (const bloc of graded) {
      expect(bloc.rule).toEqual({ kind: 'outcome', minAcqShare: 1, allowNacq: false, maxPacq: null })
    }
    expect(seedReferential.certificationRule).toEqual({
      mandatoryBlocCodes: ['BC01', 'BC02', 'BC03', 'BC04'],
      optionGroupCode: 'BC05',
    })
  })
})

describe('occurrence check', () => {
  const genuine = {
    competence: 'Auditer le SI existant et établir le rapport d’audit',
    modalite: 'Soutenance d’un mémoire de veille',
    critere: 'Pertinence des résultats du diagnostic',
  }

  it('accepts the genuine labels', () => {
    for (const label of Object.values(genuine)) expect(isSeedItem(label), label).toBe(true)
  })

  it('rejects a label with one word changed', () => {
    for (const label of Object.values(genuine)) {
      const words = label.split(' ')
      words[words.length - 2] = 'Zorglub'
      expect(isSeedItem(words.join(' ')), label).toBe(false)
    }
    expect(isSeedItem('Maîtriser l’intégration des nouvelles technologies dans l’organisation')).toBe(false)
  })

  it('rejects a lost accent, a straight apostrophe, a cut label or a label run on into the next', () => {
    expect(isSeedItem('Evaluer chaque solution en termes de coûts, de délai et de valeur apportée')).toBe(false)
    expect(isSeedItem("Auditer le SI existant et établir le rapport d'audit")).toBe(false)
    expect(isSeedItem('Soutenance d’un projet')).toBe(false)
    expect(isSeedItem('Exercer une veille réglementaire Assurer la mise en œuvre')).toBe(false)
  })

  it('rejects a genuine label placed in another bloc', () => {
    expect(isSeedItem('Auditer le SI existant et établir le rapport d’audit', itemsOfBloc(2))).toBe(false)
  })

  it('treats line breaks, bullets and double spaces the same on both sides', () => {
    expect(normalise('-   Assurer la mise en œuvre,  le \nsuivi,  le contrôle')).toBe(
      'Assurer la mise en œuvre, le suivi, le contrôle',
    )
    expect(normalise('organisa-\ntion')).toBe('organisation')
  })
})

describe('parseReferential', () => {
  const tampered = () => structuredClone(data) as { blocs: Record<string, unknown>[] } & Record<string, unknown>

  it('reports an empty critère label with its path and a French message', () => {
    const input = tampered()
    const options = input.blocs[4]!.options as { criteres: { label: string }[] }[]
    options[1]!.criteres[0]!.label = ''
    const result = parseReferential(input)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.issues.map((i) => i.path)).toEqual(['blocs[4].options[1].criteres[0].label'])
      expect(result.issues[0]?.message).toMatch(/trop petit|caractère/i)
    }
  })

  it('reports a duplicate code and a certification rule naming an unknown bloc', () => {
    const input = tampered()
    const competences = input.blocs[1]!.competences as { code: string }[]
    competences[1]!.code = 'C2.1'
    ;(input.certificationRule as { mandatoryBlocCodes: string[] }).mandatoryBlocCodes[3] = 'BC09'
    const result = parseReferential(input)
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual([
      'blocs[1].competences[1].code',
      'certificationRule.mandatoryBlocCodes[3]',
      'certificationRule.mandatoryBlocCodes',
    ])
  })

  it('reports a bloc or option code that does not match its number or letter', () => {
    const input = tampered()
    input.blocs[0]!.code = 'BC01-A'
    const options = input.blocs[4]!.options as { code: string }[]
    options[2]!.code = 'BC05-D'
    const result = parseReferential(input)
    // The certification rule then also names a missing BC01: only the code issues matter here.
    expect(result.ok ? [] : result.issues.map((i) => `${i.path} ${i.message}`)).toEqual(
      expect.arrayContaining([
        'blocs[0].code Le code du bloc 1 doit être « BC01 »',
        'blocs[4].options[2].code Le code de l’option doit être « BC05-C »',
        'blocs[4].options[3].code Code « BC05-D » en double (déjà utilisé en blocs[4].options[2].code)',
      ]),
    )
  })
})

describe('helpers', () => {
  it('lists the graded blocs: BC01 to BC04 then each option', () => {
    expect(graded.map((b) => b.code)).toEqual(['BC01', 'BC02', 'BC03', 'BC04', 'BC05-A', 'BC05-B', 'BC05-C', 'BC05-D'])
    expect(findEvaluableBloc(seedReferential, 'BC05')).toBeUndefined()
  })

  it('lists every critère with its bloc code', () => {
    const criteres = allCriteres(seedReferential)
    expect(criteres).toHaveLength(5 + 4 + 4 + 5 + 5 + 5 + 6 + 14)
    expect(criteres[0]).toMatchObject({ blocCode: 'BC01', critere: { code: 'CR1.1' } })
    expect(criteres.at(-1)).toMatchObject({ blocCode: 'BC05-D', critere: { code: 'CR5D.14' } })
  })

  it('gives the blocs a candidate must validate for a chosen option', () => {
    expect(blocsForOption(seedReferential, 'BC05-B')?.map((b) => b.code)).toEqual([
      'BC01',
      'BC02',
      'BC03',
      'BC04',
      'BC05-B',
    ])
    expect(blocsForOption(seedReferential, 'BC02')).toBeUndefined()
  })
})
