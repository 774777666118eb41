import { describe, expect, it } from 'vitest'
import { accessRouteLabels, ACCESS_ROUTES, candidateInputSchema, type CandidateInput } from '../../../shared/candidates/schema'
import { buildDemoSession, type DemoMark } from '../../../shared/demo/demoSession'
import { candidateListTemplateCsv, parseCandidateList } from '../../../shared/formats/candidateList'
import { blocsForOption, seedReferential } from '../../../shared/referential'
import { sessionCreateSchema } from '../../../shared/sessions/schema'

const demo = buildDemoSession(seedReferential)
const { candidates, marks } = demo

const marksOf = (schoolId: string) => marks.filter((m) => m.schoolId === schoolId)

/**
 * Outcome of a bloc under the seed's rule (every critère ACQ; ABS counts as not acquired):
 * the demo never mixes a blank with a failing mark, so these three cases are unambiguous.
 */
function blocOutcome(critereCodes: readonly string[], byCode: ReadonlyMap<string, DemoMark['value']>): 'ADM' | 'AJ' | 'ATT' {
  const values = critereCodes.map((code) => byCode.get(code))
  if (values.some((v) => v === 'PACQ' || v === 'NACQ' || v === 'ABS')) return 'AJ'
  if (values.some((v) => v === undefined)) return 'ATT'
  return 'ADM'
}

function outcomes(candidate: CandidateInput): Map<string, 'ADM' | 'AJ' | 'ATT' | 'CAP'> {
  const byCode = new Map(marksOf(candidate.schoolId).map((m) => [m.critereCode, m.value]))
  const capitalised = new Set(candidate.capitalisedBlocs.map((c) => c.blocCode))
  const result = new Map<string, 'ADM' | 'AJ' | 'ATT' | 'CAP'>()
  for (const bloc of blocsForOption(seedReferential, candidate.optionCode!) ?? []) {
    result.set(bloc.code, capitalised.has(bloc.code) ? 'CAP' : blocOutcome(bloc.criteres.map((c) => c.code), byCode))
  }
  return result
}

describe('buildDemoSession', () => {
  it('is deterministic for a seed, and another seed gives another session', () => {
    expect(buildDemoSession(seedReferential)).toEqual(demo)
    expect(buildDemoSession(seedReferential, 2026)).toEqual(demo)
    const other = buildDemoSession(seedReferential, 7)
    expect(other.candidates.map((c) => c.birthName)).not.toEqual(candidates.map((c) => c.birthName))
    expect(other.marks).not.toEqual(marks)
  })

  it('describes a session the API accepts', () => {
    expect(demo.session).toEqual({
      name: 'Session de démonstration 2026',
      campus: 'Campus de démonstration',
      startsOn: '2025-09-15',
      endsOn: '2026-06-30',
      juryDate: '2026-07-09',
    })
    expect(sessionCreateSchema.safeParse({ referentialId: seedReferential.id, ...demo.session }).success).toBe(true)
  })

  it('has about thirty valid candidates with unique identifiers, names and e-mails', () => {
    expect(candidates).toHaveLength(30)
    for (const candidate of candidates) expect(candidateInputSchema.parse(candidate)).toEqual(candidate)
    for (const key of ['schoolId', 'email'] as const) expect(new Set(candidates.map((c) => c[key])).size).toBe(30)
    expect(new Set(candidates.map((c) => `${c.firstNames[0]} ${c.birthName}`)).size).toBe(30)
    for (const c of candidates) expect(c.email).toMatch(/^[a-z0-9-]+\.[a-z0-9-]+@exemple\.fr$/)
  })

  it('gives every candidate a sex, a birth date in 1995–2004 and a birthplace', () => {
    for (const c of candidates) {
      expect(c.sex).toMatch(/^[MF]$/)
      expect(c.birthDate! >= '1995-01-01' && c.birthDate! <= '2004-12-31').toBe(true)
      expect(c.birthCommuneLabel).not.toBeNull()
    }
    const abroad = candidates.filter((c) => c.birthCountryCode !== '99100')
    expect(abroad.length).toBeGreaterThanOrEqual(2)
    expect(abroad.length).toBeLessThanOrEqual(3)
    for (const c of abroad) expect(c).toMatchObject({ birthCommuneCode: null, birthCommuneCodeKind: null })
    expect(new Set(abroad.map((c) => `${c.birthCountryCode} ${c.birthCountryLabel}`))).toEqual(
      new Set(['99350 Maroc', '99341 Sénégal', '99243 Vietnam']),
    )
    for (const c of candidates.filter((c) => c.birthCountryCode === '99100')) {
      expect(c).toMatchObject({ birthCommuneCodeKind: 'insee', birthCountryLabel: 'France' })
      expect(c.birthCommuneCode).toMatch(/^\d{5}$/)
    }
  })

  it('uses the four options and the seven access routes', () => {
    expect(new Set(candidates.map((c) => c.optionCode))).toEqual(new Set(['BC05-A', 'BC05-B', 'BC05-C', 'BC05-D']))
    expect(new Set(candidates.map((c) => c.accessRoute))).toEqual(new Set(ACCESS_ROUTES))
  })

  it('capitalises a bloc for two or three candidates (VAE, earlier session), and marks none of those blocs', () => {
    const withCapitalised = candidates.filter((c) => c.capitalisedBlocs.length > 0)
    expect(withCapitalised.length).toBeGreaterThanOrEqual(2)
    expect(withCapitalised.length).toBeLessThanOrEqual(3)
    expect(new Set(withCapitalised.flatMap((c) => c.capitalisedBlocs.map((b) => b.source)))).toEqual(new Set(['vae', 'earlier_session']))
    for (const c of withCapitalised) {
      for (const bloc of c.capitalisedBlocs) {
        const critereCodes = new Set(blocsForOption(seedReferential, c.optionCode!)!.find((b) => b.code === bloc.blocCode)!.criteres.map((k) => k.code))
        expect(marksOf(c.schoolId).filter((m) => critereCodes.has(m.critereCode))).toEqual([])
        expect(bloc.acquiredOn < demo.session.juryDate).toBe(true)
      }
    }
  })

  it('marks only critères of the candidate’s mandatory blocs and chosen option, once each, with canonical codes', () => {
    const schoolIds = new Set(candidates.map((c) => c.schoolId))
    const seen = new Set<string>()
    for (const mark of marks) {
      expect(schoolIds.has(mark.schoolId)).toBe(true)
      expect(['ACQ', 'PACQ', 'NACQ', 'ABS']).toContain(mark.value)
      const key = `${mark.schoolId} ${mark.critereCode}`
      expect(seen.has(key)).toBe(false)
      seen.add(key)
    }
    for (const c of candidates) {
      const allowed = new Set(blocsForOption(seedReferential, c.optionCode!)!.flatMap((b) => b.criteres.map((k) => k.code)))
      for (const mark of marksOf(c.schoolId)) expect(allowed.has(mark.critereCode)).toBe(true)
    }
  })

  it('marks most critères, mostly ACQ, with some PACQ, NACQ and ABS', () => {
    const gradable = candidates.reduce((n, c) => {
      const capitalised = new Set(c.capitalisedBlocs.map((b) => b.blocCode))
      return n + blocsForOption(seedReferential, c.optionCode!)!.filter((b) => !capitalised.has(b.code)).reduce((m, b) => m + b.criteres.length, 0)
    }, 0)
    expect(marks.length / gradable).toBeGreaterThan(0.85)
    expect(marks.length).toBeLessThan(gradable)
    const count = (value: string) => marks.filter((m) => m.value === value).length
    expect(count('ACQ') / marks.length).toBeGreaterThan(0.9)
    expect(count('PACQ') + count('NACQ')).toBeGreaterThanOrEqual(4)
    expect(count('ABS')).toBeGreaterThanOrEqual(1)
  })

  it('shows every result: blocs ADM, AJ and ATT; candidates certified, partial and pending', () => {
    const all = candidates.map(outcomes)
    const blocCodes = all.flatMap((m) => [...m.values()])
    for (const code of ['ADM', 'AJ', 'ATT', 'CAP'] as const) expect(blocCodes).toContain(code)
    const certified = all.filter((m) => [...m.values()].every((v) => v === 'ADM' || v === 'CAP')).length
    const pending = all.filter((m) => [...m.values()].includes('ATT')).length
    const failedSomewhere = all.filter((m) => [...m.values()].includes('AJ')).length
    expect(certified).toBeGreaterThanOrEqual(12)
    expect(pending).toBeGreaterThanOrEqual(5)
    expect(failedSomewhere).toBeGreaterThanOrEqual(6)
  })

  it('round-trips through the candidate list format (capitalised blocs aside)', async () => {
    const cell = (text: string | null) => (text === null ? '' : /[;"\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)
    const frenchDate = (iso: string | null) => (iso === null ? '' : iso.split('-').reverse().join('/'))
    const lines = candidates.map((c) =>
      [
        c.schoolId, c.birthName, c.usageName, c.firstNames.join(', '), c.sex, frenchDate(c.birthDate), c.birthCommuneCode,
        c.birthCommuneLabel, c.birthCountryCode, c.birthCountryLabel, c.email, c.optionCode,
        c.accessRoute === null ? null : accessRouteLabels[c.accessRoute],
      ].map((v) => cell(v)).join(';'),
    )
    const csv = `${candidateListTemplateCsv()}${lines.join('\r\n')}\r\n`
    const result = await parseCandidateList(new TextEncoder().encode(csv), 'demo.csv', seedReferential)
    expect(result.errors).toEqual([])
    expect(result.warnings).toEqual([])
    expect(result.candidates.map((c) => c.candidate)).toEqual(candidates.map((c) => ({ ...c, capitalisedBlocs: [] })))
  })
})
