/**
 * A demo session for trying Certibloc without real data: about thirty fictional candidates with
 * the identity the CDC file needs, and marks that give every kind of result (bloc validated,
 * failed, pending; capitalised blocs). Deterministic: the same seed gives the same session, so
 * screenshots, tests and a jury rehearsal all show the same people.
 */
import { candidateInputSchema, type AccessRoute, type CandidateInput, type CapitalisedBloc } from '../candidates/schema'
import { blocsForOption, type GradedBloc, type OptionBloc, type Referential } from '../referential'
import type { JuryMember } from '../documents/juryComposition'
import { createPrng } from '../random'

export type DemoMarkValue = 'ACQ' | 'PACQ' | 'NACQ' | 'ABS'

export interface DemoMark {
  schoolId: string
  critereCode: string
  value: DemoMarkValue
}

export interface DemoSession {
  session: { name: string; campus: string; startsOn: string; endsOn: string; juryDate: string }
  candidates: CandidateInput[]
  marks: DemoMark[]
  /** A regular jury (collegial, two thirds external, a president), so the demo can be finalised. */
  jury: JuryMember[]
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!

/** Expands counts into a list, e.g. { a: 2, b: 1 } → [a, a, b]. */
function repeat<T extends string>(counts: Readonly<Record<T, number>>): T[] {
  return (Object.entries(counts) as [T, number][]).flatMap(([value, n]) => Array<T>(n).fill(value))
}

/**
 * Invented people: common French first names and surnames of varied origins, paired so that no
 * one recognisable is named. Only the order and the other attributes depend on the seed.
 */
const PEOPLE: readonly { birthName: string; usageName?: string; firstNames: string[]; sex: 'M' | 'F'; abroad?: number }[] = [
  { birthName: 'Lemoine', firstNames: ['Camille', 'Anne'], sex: 'F' },
  { birthName: 'Benali', firstNames: ['Yanis'], sex: 'M' },
  { birthName: 'Nguyen', firstNames: ['Mai', 'Linh'], sex: 'F', abroad: 2 },
  { birthName: 'Rousseau', firstNames: ['Hugo', 'Pierre'], sex: 'M' },
  { birthName: 'Diallo', firstNames: ['Aminata'], sex: 'F', abroad: 1 },
  { birthName: 'Fontaine', firstNames: ['Léo'], sex: 'M' },
  { birthName: 'Moreau', firstNames: ['Chloé', 'Marie'], sex: 'F' },
  { birthName: 'Haddad', firstNames: ['Sami'], sex: 'M' },
  { birthName: 'Petitjean', firstNames: ['Inès'], sex: 'F' },
  { birthName: 'Kowalski', firstNames: ['Julien', 'Marek'], sex: 'M' },
  { birthName: 'Garnier', firstNames: ['Zoé'], sex: 'F' },
  { birthName: 'Traoré', firstNames: ['Moussa'], sex: 'M' },
  { birthName: 'Lefèvre', usageName: 'Marchal', firstNames: ['Élodie'], sex: 'F' },
  { birthName: 'Da Silva', firstNames: ['Lucas'], sex: 'M' },
  { birthName: 'Bernardi', firstNames: ['Giulia'], sex: 'F' },
  { birthName: 'Mercier', firstNames: ['Nathan', 'Louis'], sex: 'M' },
  { birthName: 'Ben Youssef', firstNames: ['Nour'], sex: 'F' },
  { birthName: 'Perrin', firstNames: ['Maël'], sex: 'M' },
  { birthName: 'Tran', firstNames: ['Linh'], sex: 'F' },
  { birthName: 'Chevalier', firstNames: ['Baptiste'], sex: 'M' },
  { birthName: 'Okafor', firstNames: ['Adaeze'], sex: 'F' },
  { birthName: 'Girard', firstNames: ['Théo'], sex: 'M' },
  { birthName: 'Roux', firstNames: ['Manon', 'Claire', 'Sophie'], sex: 'F' },
  { birthName: 'El Amrani', firstNames: ['Karim'], sex: 'M', abroad: 0 },
  { birthName: 'Dubois-Lambert', firstNames: ['Anaïs'], sex: 'F' },
  { birthName: 'Marchetti', firstNames: ['Enzo'], sex: 'M' },
  { birthName: 'Keller', firstNames: ['Lucie'], sex: 'F' },
  { birthName: 'Kouassi', firstNames: ['Yao'], sex: 'M' },
  { birthName: 'Aubert', firstNames: ['Clara'], sex: 'F' },
  { birthName: 'Salaün', firstNames: ['Gwenaël'], sex: 'M' },
]

/** Real INSEE codes (code officiel géographique) of large French communes. */
const FRENCH_COMMUNES: readonly { code: string; label: string }[] = [
  { code: '75056', label: 'Paris' },
  { code: '69123', label: 'Lyon' },
  { code: '13055', label: 'Marseille' },
  { code: '31555', label: 'Toulouse' },
  { code: '33063', label: 'Bordeaux' },
  { code: '59350', label: 'Lille' },
  { code: '44109', label: 'Nantes' },
  { code: '67482', label: 'Strasbourg' },
  { code: '35238', label: 'Rennes' },
  { code: '34172', label: 'Montpellier' },
]

/** Births abroad: INSEE country codes (99xxx) and a city, as the CDC file takes them. */
const BIRTHS_ABROAD: readonly { countryCode: string; country: string; city: string }[] = [
  { countryCode: '99350', country: 'Maroc', city: 'Casablanca' },
  { countryCode: '99341', country: 'Sénégal', city: 'Dakar' },
  { countryCode: '99243', country: 'Vietnam', city: 'Hô Chi Minh-Ville' },
]

/** 30 candidates over the 7 routes, apprenticeship first as in most schools. */
const ROUTE_COUNTS: Readonly<Record<AccessRoute, number>> = {
  FORMATION_INITIALE_APPRENTISSAGE: 9,
  FORMATION_INITIALE_HORS_APPRENTISSAGE: 6,
  FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION: 5,
  FORMATION_CONTINUE_HORS_CONTRAT_DE_PROFESSIONNALISATION: 4,
  VAE: 2,
  EQUIVALENCE: 2,
  CANDIDAT_LIBRE: 2,
}

/**
 * What the marks of a candidate show. `passed`: every critère ACQ. `failed`: one or two blocs
 * with PACQ/NACQ. `absent`: an ABS in one bloc. `pending`: critères not marked yet in one bloc.
 * A bloc is never both incomplete and failed, so its expected result is unambiguous.
 */
type Profile = 'passed' | 'failed' | 'absent' | 'pending'
const PROFILE_COUNTS: Readonly<Record<Profile, number>> = { passed: 15, failed: 6, absent: 2, pending: 7 }

const SESSION = {
  name: 'Session de démonstration 2026',
  campus: 'Campus de démonstration',
  startsOn: '2025-09-15',
  endsOn: '2026-06-30',
  juryDate: '2026-07-09',
} as const

/** Capitalised blocs date from the previous session's jury, or from a VAE jury during the year. */
const EARLIER_SESSION_JURY = '2025-07-04'

const JURY: readonly JuryMember[] = [
  { civility: 'Mme', name: 'Claire Dumas', quality: 'Directrice des systèmes d’information, Société Alpha (fictive)', external: true, president: true },
  { civility: 'M.', name: 'Paul Nguyen', quality: 'Architecte logiciel, Société Bêta (fictive)', external: true, president: false },
  { civility: 'Mme', name: 'Inès Morel', quality: 'Responsable pédagogique, École de démonstration', external: false, president: false },
]
const VAE_JURY = '2025-12-11'

function emailLocalPart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

function birthDate(random: () => number): string {
  const from = Date.UTC(1995, 0, 1)
  const to = Date.UTC(2004, 11, 31)
  const day = Math.floor(random() * ((to - from) / 86_400_000 + 1))
  return new Date(from + day * 86_400_000).toISOString().slice(0, 10)
}

function optionBlocs(referential: Referential): OptionBloc[] {
  const groupCode = referential.certificationRule.optionGroupCode
  return referential.blocs.flatMap((b) => (b.kind === 'optionGroup' && b.code === groupCode ? b.options : []))
}

/**
 * Builds the demo session on `referential` (the seed référentiel or any other with an option
 * group): candidates valid per `candidateInputSchema`, marks as canonical codes on the critères
 * of each candidate's blocs only, capitalised blocs left unmarked.
 */
export function buildDemoSession(referential: Referential, seed = 2026): DemoSession {
  const random = createPrng(seed)
  const options = optionBlocs(referential)
  if (options.length === 0) throw new Error('Le référentiel n’a pas de bloc à options : pas de session de démonstration.')

  const people = shuffled(PEOPLE, random)
  const routes = shuffled(repeat(ROUTE_COUNTS), random)
  const profiles = shuffled(repeat(PROFILE_COUNTS), random)
  // Round-robin over a shuffled order: every option is chosen, none by more than one extra candidate.
  const optionOrder = shuffled(options, random)

  // Capitalised blocs: the VAE candidates got one bloc through VAE, one free candidate resits
  // after an earlier session; 3 candidates, as in a real session.
  let freeResits = 0

  const candidates: CandidateInput[] = []
  const marks: DemoMark[] = []
  people.forEach((person, i) => {
    const schoolId = `DEMO-${String(i + 1).padStart(3, '0')}`
    const route = routes[i]!
    const option = optionOrder[i % optionOrder.length]!
    const abroad = person.abroad === undefined ? undefined : BIRTHS_ABROAD[person.abroad]
    const commune = pick(FRENCH_COMMUNES, random)
    const mandatory = referential.blocs.filter((b) => b.kind === 'mandatory')

    const capitalisedBlocs: CapitalisedBloc[] = []
    if (route === 'VAE') {
      capitalisedBlocs.push({ blocCode: pick(mandatory, random).code, acquiredOn: VAE_JURY, source: 'vae' })
    } else if (route === 'CANDIDAT_LIBRE' && freeResits === 0) {
      freeResits++
      for (const bloc of shuffled(mandatory, random).slice(0, 2)) {
        capitalisedBlocs.push({ blocCode: bloc.code, acquiredOn: EARLIER_SESSION_JURY, source: 'earlier_session' })
      }
    }
    capitalisedBlocs.sort((a, b) => a.blocCode.localeCompare(b.blocCode))

    const candidate = candidateInputSchema.parse({
      schoolId,
      birthName: person.birthName,
      usageName: person.usageName ?? null,
      firstNames: person.firstNames,
      sex: person.sex,
      birthDate: birthDate(random),
      birthCommuneCode: abroad ? null : commune.code,
      birthCommuneCodeKind: abroad ? null : 'insee',
      birthCommuneLabel: abroad ? abroad.city : commune.label,
      birthCountryCode: abroad ? abroad.countryCode : '99100',
      birthCountryLabel: abroad ? abroad.country : 'France',
      email: `${emailLocalPart(person.firstNames[0]!)}.${emailLocalPart(person.usageName ?? person.birthName)}@exemple.fr`,
      optionCode: option.code,
      accessRoute: route,
      capitalisedBlocs,
    })
    candidates.push(candidate)

    const capitalised = new Set(capitalisedBlocs.map((c) => c.blocCode))
    const graded = (blocsForOption(referential, option.code) ?? []).filter((b) => !capitalised.has(b.code))
    marks.push(...marksFor(schoolId, graded, profiles[i]!, random))
  })

  return { session: { ...SESSION }, candidates, marks, jury: JURY.map((m) => ({ ...m })) }
}

function marksFor(schoolId: string, blocs: readonly GradedBloc[], profile: Profile, random: () => number): DemoMark[] {
  const values = new Map<string, DemoMarkValue | null>()
  for (const bloc of blocs) for (const c of bloc.criteres) values.set(c.code, 'ACQ')
  const [first, second] = shuffled(blocs, random)
  const critereOf = (bloc: GradedBloc) => pick(bloc.criteres, random).code

  if (profile === 'failed' && first) {
    values.set(critereOf(first), random() < 0.6 ? 'PACQ' : 'NACQ')
    // A third of the failed candidates miss a second bloc too.
    if (second && random() < 0.35) values.set(critereOf(second), 'NACQ')
  } else if (profile === 'absent' && first) {
    values.set(critereOf(first), 'ABS')
  } else if (profile === 'pending' && first) {
    // Either the whole bloc is still to be marked, or a few of its critères.
    const blank = random() < 0.4 ? first.criteres : shuffled(first.criteres, random).slice(0, 1 + Math.floor(random() * 2))
    for (const c of blank) values.set(c.code, null)
  }

  const marks: DemoMark[] = []
  for (const [critereCode, value] of values) if (value !== null) marks.push({ schoolId, critereCode, value })
  return marks
}
