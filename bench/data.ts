/**
 * The data every data-plane and import figure is measured on, deterministic from run to run.
 *
 * The référentiel is the seed's (same titles, compétences, modalités, critère labels; BC01–BC04
 * mandatory, BC05 with options A–D) with 9 critères per bloc, so that a candidate is graded on
 * exactly 45 critères (4 mandatory blocs + their option), the issue's « 2,000 × 45 ». The seed
 * itself grades a candidate on 23 to 32 critères (18 mandatory + 5, 5, 6 or 14 for the option).
 * BC04 and option B are scored (/20, one /10), the rest ACQ/PACQ/NACQ, so both storage paths
 * (numbers and codes) are exercised. Options are spread evenly over A–D.
 */
import type { CandidateInput } from '../shared/candidates/schema'
import { parseReferential, seedReferential, type Referential } from '../shared/referential'
import { createPrng as random } from '../shared/random'

export const CRITERES_PER_BLOC = 9
/** 4 mandatory blocs + 1 option, 9 critères each. */
export const MARKS_PER_CANDIDATE = 5 * CRITERES_PER_BLOC
export const BENCH_REFERENTIAL_ID = 'bench-n7-45'
const SCORED_BLOCS = new Set(['BC04', 'BC05-B'])
export const OPTION_CODES = ['BC05-A', 'BC05-B', 'BC05-C', 'BC05-D'] as const


interface SeedCritere {
  code: string
  label: string
}

function critereList(blocCode: string, seed: readonly SeedCritere[]) {
  const scored = SCORED_BLOCS.has(blocCode)
  const prefix = seed[0]?.code.replace(/\.\d+$/, '') ?? `CR${blocCode}`
  return Array.from({ length: CRITERES_PER_BLOC }, (_, i) => {
    const from = seed[i % seed.length]!
    return {
      code: `${prefix}.${i + 1}`,
      label: i < seed.length ? from.label : `${from.label} (approfondissement ${Math.floor(i / seed.length)})`,
      fromCompetence: null,
      assessment: scored
        ? { scale: { kind: 'score' as const, max: i === 0 ? 10 : 20 }, weight: i === 8 ? 2 : 1, floor: null }
        : { scale: { kind: 'outcome' as const }, weight: 1, floor: null },
    }
  })
}

const scoreRule = { kind: 'score' as const, threshold: 10, roundingDecimals: 2 }

/** The seed référentiel, 9 critères per bloc and option. */
export function benchReferential(): Referential {
  const input = {
    ...seedReferential,
    id: BENCH_REFERENTIAL_ID,
    title: `${seedReferential.title} (banc d’essai, 9 critères par bloc)`,
    blocs: seedReferential.blocs.map((bloc) =>
      bloc.kind === 'mandatory'
        ? { ...bloc, criteres: critereList(bloc.code, bloc.criteres), rule: SCORED_BLOCS.has(bloc.code) ? scoreRule : bloc.rule }
        : {
            ...bloc,
            options: bloc.options.map((option) => ({
              ...option,
              criteres: critereList(option.code, option.criteres),
              rule: SCORED_BLOCS.has(option.code) ? scoreRule : option.rule,
            })),
          },
    ),
  }
  const parsed = parseReferential(input)
  if (!parsed.ok) throw new Error(parsed.issues.map((found) => `${found.path} : ${found.message}`).join('\n'))
  return parsed.referential
}

const BIRTH_NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'N’Diaye', 'Rousseau', 'Fontaine']
const FIRST_NAMES = ['Camille', 'Léa', 'Hugo', 'Chloé', 'Lucas', 'Inès', 'Nathan', 'Manon', 'Théo', 'Zoé', 'Yanis', 'Élodie', 'Karim', 'Sarah']

/** `count` candidates of a session at scale `count`; option i mod 4 (A–D). */
export function benchCandidates(count: number): CandidateInput[] {
  const next = random(count)
  return Array.from({ length: count }, (_, i) => {
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
    return {
      schoolId: `E${String(i + 1).padStart(6, '0')}`,
      birthName: `${pick(BIRTH_NAMES)}-${i + 1}`,
      usageName: i % 11 === 0 ? pick(BIRTH_NAMES) : null,
      firstNames: i % 3 === 0 ? [pick(FIRST_NAMES), pick(FIRST_NAMES)] : [pick(FIRST_NAMES)],
      sex: i % 2 === 0 ? 'F' : 'M',
      birthDate: `19${90 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`,
      birthCommuneCode: null,
      birthCommuneCodeKind: null,
      birthCommuneLabel: null,
      birthCountryCode: null,
      birthCountryLabel: null,
      email: `candidat${i + 1}@ecole.example`,
      optionCode: OPTION_CODES[i % OPTION_CODES.length]!,
      accessRoute: 'FORMATION_INITIALE_HORS_APPRENTISSAGE',
      capitalisedBlocs: [],
    }
  })
}

/** The critère codes a candidate with this option is graded on (45). */
export function gradedCritereCodes(referential: Referential, optionCode: string): string[] {
  const codes: string[] = []
  for (const bloc of referential.blocs) {
    if (bloc.kind === 'mandatory') codes.push(...bloc.criteres.map((critere) => critere.code))
    else for (const option of bloc.options) if (option.code === optionCode) codes.push(...option.criteres.map((critere) => critere.code))
  }
  return codes
}

export interface MarkCell {
  code: string
  /** As a jury or the workbook would type it: ACQ/PACQ/NACQ, or a score (number for the API). */
  value: string | number
}

/** The marks of one candidate for variant `variant` (each variant changes most cells). */
export function candidateMarks(referential: Referential, optionCode: string, candidateIndex: number, variant: number): MarkCell[] {
  const scored = new Set<string>()
  const maxOf = new Map<string, number>()
  for (const bloc of referential.blocs) {
    const graded = bloc.kind === 'mandatory' ? [bloc] : bloc.options
    for (const b of graded) {
      for (const critere of b.criteres) {
        if (critere.assessment.scale.kind === 'score') {
          scored.add(critere.code)
          maxOf.set(critere.code, critere.assessment.scale.max)
        }
      }
    }
  }
  const next = random(candidateIndex * 7919 + variant * 104_729 + 1)
  return gradedCritereCodes(referential, optionCode).map((code) => {
    const draw = next()
    if (scored.has(code)) return { code, value: Math.round(draw * (maxOf.get(code) ?? 20) * 4) / 4 }
    return { code, value: draw < 0.7 ? 'ACQ' : draw < 0.9 ? 'PACQ' : 'NACQ' }
  })
}
