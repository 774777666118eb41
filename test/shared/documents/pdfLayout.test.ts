import { describe, expect, it } from 'vitest'
import { createPdf, pdfSafeText, wrapText } from '../../../shared/documents/pdfLayout'
import { flatText, pdfText } from './fixtures'

describe('pdfSafeText', () => {
  it('keeps French text as is: accents, ligatures, guillemets, apostrophes, dashes', () => {
    const french = 'Élodie Lefèvre « cœur » l’œuvre — Noël, Ça, où, À'
    expect(pdfSafeText(french)).toBe(french)
  })

  it('transliterates what the standard fonts cannot draw instead of failing', () => {
    expect(pdfSafeText('Łukasz Nguyễn')).toBe('Lukasz Nguyen')
    expect(pdfSafeText('12\u202f000')).toBe('12 000')
    expect(pdfSafeText('漢字')).toBe('??')
  })
})

describe('wrapText', async () => {
  const { fonts } = await createPdf({ title: 't', author: 'a', subject: 's', date: new Date('2026-01-01T00:00:00Z') })

  it('splits on spaces within the width and cuts a word longer than a line', () => {
    const lines = wrapText('un deux trois quatre cinq six sept huit neuf dix', fonts.regular, 10, 80)
    expect(lines.length).toBeGreaterThan(1)
    for (const line of lines) expect(fonts.regular.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(80)
    expect(lines.join(' ')).toBe('un deux trois quatre cinq six sept huit neuf dix')
    const long = wrapText('x'.repeat(200), fonts.regular, 10, 50)
    expect(long.join('')).toBe('x'.repeat(200))
    for (const line of long) expect(fonts.regular.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(50)
  })

  it('keeps explicit line breaks', () => {
    expect(wrapText('a\nb', fonts.regular, 10, 500)).toEqual(['a', 'b'])
  })
})

describe('createPdf', () => {
  it('draws transliterated names that an extractor reads back', async () => {
    const { doc, fonts } = await createPdf({ title: 'Łódź', author: 'a', subject: 's', date: new Date('2026-01-01T00:00:00Z') })
    const page = doc.addPage()
    page.drawText(pdfSafeText('Candidat : Łukasz Wójcik'), { x: 50, y: 700, size: 12, font: fonts.regular })
    expect(flatText(pdfText(await doc.save()))).toContain('Candidat : Lukasz Wójcik')
  })
})
