import { describe, expect, it } from 'vitest'
import { blocTabName, cutAtWord, jurySheetFileName, MAX_TAB_NAME, panelTabName, TabNames } from '../../../shared/jury/sheetNames'
import { METADATA_SHEET_NAME } from '../../../shared/jury/templateVersion'

const person = (birthName: string, firstNames: string[], schoolId: string, usageName: string | null = null) => ({ birthName, usageName, firstNames, schoolId })
const FORBIDDEN = /[\\/?*[\]:]/

describe('tab names of jury sheets', () => {
  it('cut a long bloc title at a word boundary within 31 characters, never mid-word, never on « et »', () => {
    const tabs = new TabNames()
    const name = blocTabName(tabs, 'BC01', 'Analyser le SI et conseiller la direction')
    expect(name).toBe('BC01 Analyser le SI')
    expect(name.length).toBeLessThanOrEqual(MAX_TAB_NAME)
    expect(cutAtWord('Analyser le système d’information', 24)).toBe('Analyser le système')
    expect(cutAtWord('Anticonstitutionnellement-long', 10)).toBe('Anticonsti')
  })

  it('keep the candidate recognisable in a panel: name and first name, else the initial, else the name cut at a word', () => {
    const tabs = new TabNames()
    expect(panelTabName(tabs, 'BC02', person('Martin', ['Léa'], 'E001'))).toBe('BC02 MARTIN Léa')
    expect(panelTabName(tabs, 'BC02', person('Wójcik-Sklodowska', ['Maria-Magdalena'], 'E002'))).toBe('BC02 WÓJCIK-SKLODOWSKA M.')
    const long = panelTabName(tabs, 'BC02', person('de La Rochefoucauld Montmorency', ['Anne'], 'E003'))
    expect(long).toBe('BC02 DE LA ROCHEFOUCAULD')
    // The usage name is the name shown first.
    expect(panelTabName(tabs, 'BC02', person('Zidane', ['Inès'], 'E004', 'Abadie'))).toBe('BC02 ABADIE Inès')
  })

  it('stay unique (whatever the case) by naming the school id, and never take the metadata sheet’s name', () => {
    const tabs = new TabNames()
    const names = [
      panelTabName(tabs, 'BC02', person('Martin', ['Camille'], 'E001')),
      panelTabName(tabs, 'BC02', person('MARTIN', ['camille'], 'E002')),
      panelTabName(tabs, 'BC02', person('Martin', ['Camille'], 'E001')),
    ]
    expect(names).toEqual(['BC02 MARTIN Camille', 'BC02 E002 MARTIN', 'BC02 E001 MARTIN'])
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(3)
    expect(new TabNames().claim(METADATA_SHEET_NAME)).not.toBe(METADATA_SHEET_NAME)
    expect(new TabNames().claim('History')).toBe('History (2)')
  })

  it('hold no character Excel refuses and no apostrophe at either end', () => {
    const tabs = new TabNames()
    for (const name of [
      panelTabName(tabs, 'BC02', person('Lefèvre-[Test]:*?', ['Zoé'], 'E1')),
      panelTabName(tabs, 'BC02', person("O'Brien/Smith", ['Seán'], 'E2')),
      blocTabName(tabs, 'BC03', '’Sécurité : réseaux\\systèmes’'),
    ]) {
      expect(name).not.toMatch(FORBIDDEN)
      expect(name).not.toMatch(/^['’]|['’]$/)
      expect(name.length).toBeLessThanOrEqual(MAX_TAB_NAME)
    }
  })
})

describe('download names of jury sheets', () => {
  const generatedAt = new Date('2026-06-12T22:30:00Z') // 13 June in Paris
  it('say the session, the candidate, the bloc and the day (in France)', () => {
    expect(
      jurySheetFileName({ sessionName: 'Session juin 2026', candidate: person('Dupont', ['Marie'], 'E001'), panelSize: null, blocCode: 'BC02', generatedAt }),
    ).toBe('fiches-jury_Session-juin-2026_DUPONT-Marie-E001_BC02_2026-06-13.xlsx')
  })

  it('say « tous les candidats » or how many for a panel', () => {
    expect(jurySheetFileName({ sessionName: 'Promo 2026 / Lyon', candidate: null, panelSize: null, blocCode: null, generatedAt })).toBe(
      'fiches-jury_Promo-2026-Lyon_tous-les-candidats_2026-06-13.xlsx',
    )
    expect(jurySheetFileName({ sessionName: 'Promo', candidate: null, panelSize: 3, blocCode: 'BC01', generatedAt })).toBe('fiches-jury_Promo_3-candidats_BC01_2026-06-13.xlsx')
  })
})
