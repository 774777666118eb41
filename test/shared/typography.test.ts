/**
 * French typography of every text Certibloc writes for users: the rules themselves, and a scan of
 * the user-facing string literals of worker/, shared/ and addin/src/i18n (SQL, URLs, module names
 * and code without letters left out; scripts/typography/literals.ts says exactly what is read).
 * `npm run typography` rewrites what this scan finds.
 */
import { describe, expect, it } from 'vitest'
import { frenchInteger, typographyIssues } from '../../shared/typography'
import { frenchRaw } from '../../scripts/typography/fix'
import { literalsOf, userFacingLiterals } from '../../scripts/typography/literals'

const NBSP = '\u00A0'

describe('typographyIssues', () => {
  it('finds a straight apostrophe between letters', () => {
    expect(typographyIssues("le bloc n'a pas de critère")).toHaveLength(1)
    expect(typographyIssues('le bloc n’a pas de critère')).toEqual([])
    // A leading apostrophe (CSV formula neutralisation) is no apostrophe between letters.
    expect(typographyIssues("'=1+1")).toEqual([])
  })

  it('finds a plain space before ; : ! ? and inside « »', () => {
    expect(typographyIssues('Motif : erreur')).toHaveLength(1)
    expect(typographyIssues('Vraiment ?')).toHaveLength(1)
    expect(typographyIssues('la session « Juin »')).toHaveLength(1)
    expect(typographyIssues(`Motif${NBSP}: erreur${NBSP}; la session «${NBSP}Juin${NBSP}»${NBSP}!`)).toEqual([])
  })
})

describe('frenchInteger', () => {
  it('separates thousands with a narrow non-breaking space', () => {
    expect(frenchInteger(12_500)).toBe('12\u202F500')
    expect(frenchInteger(1_234_567)).toBe('1\u202F234\u202F567')
    expect(frenchInteger(999)).toBe('999')
    expect(frenchInteger(-2_000)).toBe('-2\u202F000')
  })
})

describe('frenchRaw', () => {
  it('rewrites a literal’s raw text, escapes included', () => {
    expect(frenchRaw("n\\'a pas : « x » ; oui ? non !")).toBe(`n’a pas${NBSP}: «${NBSP}x${NBSP}»${NBSP}; oui${NBSP}? non${NBSP}!`)
    expect(frenchRaw('Motif : ${reason}')).toBe(`Motif${NBSP}: \${reason}`)
  })

  it('leaves code alone: a ternary-like text without a following space, a time, a URL’s query', () => {
    expect(frenchRaw('a ?b')).toBe('a ?b')
    expect(frenchRaw('12:05')).toBe('12:05')
  })
})

describe('the scan of user-facing literals', () => {
  it('reads strings and template parts, and leaves SQL, URLs and module names out', () => {
    const source = [
      "import { x } from './module d'essai'",
      "const sql = `SELECT a FROM t WHERE b = ?1 AND c = 'd'`",
      "const url = 'https://exemple.fr/a ?b'",
      "const message = `Le bloc « ${code} » n'existe pas : vérifiez.`",
    ].join('\n')
    const texts = literalsOf('sample.ts', source).map((l) => l.text)
    expect(texts).toEqual(['Le bloc « ', " » n'existe pas : vérifiez."])
  })

  it('finds no straight apostrophe between letters and no plain space before ; : ! ? or inside « » in worker/, shared/ and the pane’s texts', () => {
    const faults = userFacingLiterals().flatMap((literal) => typographyIssues(literal.text).map((issue) => `${literal.file}:${literal.line} ${issue} : ${JSON.stringify(literal.text)}`))
    expect(faults).toEqual([])
  })
})
