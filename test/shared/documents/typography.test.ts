import { describe, expect, it } from 'vitest'
import { fr, frenchSpacing, groupDigits } from '../../../shared/documents/typography'

describe('French typography of the documents’ wording', () => {
  it('puts a no-break space before « : ; ! ? » and inside « », and a typographic apostrophe', () => {
    expect(frenchSpacing("Session : l'été ; vraiment ! non ? « oui »")).toBe('Session\u00a0: l’été\u00a0; vraiment\u00a0! non\u00a0? «\u00a0oui\u00a0»')
  })

  it('spaces the template only, never what users typed', () => {
    const reason = "Motif : l'entreprise « X »"
    expect(fr`Motif de la dérogation : ${reason}`).toBe(`Motif de la dérogation\u00a0: ${reason}`)
    expect(fr`session « ${'Juin 2026'} »`).toBe('session «\u00a0Juin 2026\u00a0»')
  })

  it('groups thousands with a narrow no-break space (12 500 €)', () => {
    expect(groupDigits(12500)).toBe('12\u202f500')
    expect(groupDigits(999)).toBe('999')
    expect(groupDigits(1234567)).toBe('1\u202f234\u202f567')
    expect(fr`${2000} candidats`).toBe('2\u202f000 candidats')
  })
})
