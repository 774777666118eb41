import { describe, expect, it } from 'vitest'
import { createPdf, wrapText } from '../../../shared/documents/pdfLayout'
import { documentFonts, flatText, pdfText } from './fixtures'

const meta = { title: 'Łódź', author: 'a', subject: 's', date: new Date('2026-01-01T00:00:00Z') }

describe('wrapText', () => {
  const { fonts } = createPdf(meta, documentFonts())

  it('splits on spaces within the width, every word kept', () => {
    const lines = wrapText('un deux trois quatre cinq six sept huit neuf dix', fonts.regular, 10, 80)
    expect(lines.length).toBeGreaterThan(1)
    for (const line of lines) expect(fonts.regular.widthOf(line, 10)).toBeLessThanOrEqual(80)
    expect(lines.join(' ')).toBe('un deux trois quatre cinq six sept huit neuf dix')
  })

  it('breaks a word wider than the line after a hyphen, else between letters, and loses no character', () => {
    const name = 'De-La-Rochefoucauld-Montmorency-Wolfeschlegelsteinhausenbergerdorff'
    const lines = wrapText(name, fonts.regular, 10, 90)
    expect(lines.join('')).toBe(name)
    for (const line of lines) expect(fonts.regular.widthOf(line, 10)).toBeLessThanOrEqual(90)
    expect(lines[0]?.endsWith('-')).toBe(true)
    const long = wrapText('x'.repeat(200), fonts.regular, 10, 50)
    expect(long.join('')).toBe('x'.repeat(200))
  })

  it('never breaks at a no-break space (« : », « 12 500 ») and keeps explicit line breaks', () => {
    expect(wrapText('a\nb', fonts.regular, 10, 500)).toEqual(['a', 'b'])
    const unit = '12\u202f500\u00a0€'
    expect(wrapText(`Total ${unit}`, fonts.regular, 10, fonts.regular.widthOf(unit, 10) + 1)).toEqual(['Total', unit])
    const colon = 'montant\u00a0:'
    expect(wrapText(`Le ${colon}`, fonts.regular, 10, fonts.regular.widthOf(colon, 10) + 1)).toEqual(['Le', colon])
  })

  it('measures with the font’s own advance widths (Noto Sans: « i » narrower than « m »)', () => {
    expect(fonts.regular.widthOf('iiii', 10)).toBeLessThan(fonts.regular.widthOf('mmmm', 10))
    expect(fonts.bold.widthOf('Łukasiewicz', 10)).toBeGreaterThan(fonts.regular.widthOf('Łukasiewicz', 10))
  })
})

describe('createPdf', () => {
  it('embeds Noto Sans as a CID font so names outside Windows-1252 print and extract exactly', async () => {
    const { doc, fonts } = createPdf(meta, documentFonts())
    const page = doc.addPage(595, 842)
    page.text('Candidat\u00a0: Łukasz Wójcik, Gheorghiță Țăranu, Nguyễn Thị, Œdipe Ørsted', 50, 700, fonts.regular, 12)
    expect(flatText(pdfText(await doc.save()))).toContain('Candidat : Łukasz Wójcik, Gheorghiță Țăranu, Nguyễn Thị, Œdipe Ørsted')
  })
})
