import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import ts from 'typescript'
import { fr } from '../../../addin/src/i18n/fr'

describe('fr', () => {
  it('words each verification problem, with the way to fix it', () => {
    const at = { address: 'L3', candidateLabel: 'Martin Léa' }
    expect(fr.verify.message({ ...at, kind: 'input', message: 'Bloc BC01, critère CR1.1 : « XYZ » invalide.' })).toBe(
      'Bloc BC01, critère CR1.1 : « XYZ » invalide.',
    )
    expect(fr.verify.message({ ...at, kind: 'mismatch', shown: 'AJ', expected: 'ADM' })).toBe(
      'La cellule affiche « AJ » au lieu de « ADM » : sa formule a été modifiée ou effacée. « Récupérer la grille » la rétablit sans perdre vos saisies.',
    )
    expect(fr.verify.message({ ...at, kind: 'mismatch', shown: '', expected: 'ATT' })).toMatch(/^La cellule est vide au lieu de «\u00a0ATT\u00a0»/)
    expect(fr.verify.message({ ...at, kind: 'formula' })).toMatch(/^Une valeur a été saisie à la place de la formule/)
    expect(fr.verify.message({ ...at, kind: 'unchosenOption', blocCode: 'BC05-B', chosenOption: 'BC05-A' })).toBe(
      'Le candidat a choisi l’option BC05-A : les saisies du bloc BC05-B ne peuvent pas être envoyées. Effacez-les.',
    )
  })

  it('shows inputs as the user typed them or as the server stores them', () => {
    expect(fr.values.describe({ valid: true, value: null })).toBe('(vide)')
    expect(fr.values.describe({ valid: true, value: 12.5 })).toBe('12.5')
    expect(fr.values.describe({ valid: true, value: { code: 'ADJ', reason: 'Oral remarquable' } })).toBe('ADJ — Oral remarquable')
    expect(fr.values.describe({ valid: true, value: { code: 'AJ', reason: null } })).toBe('AJ')
    expect(fr.values.describe({ valid: false, raw: 'XYZ' })).toBe('« XYZ »')
  })

  it('agrees in number', () => {
    expect([fr.send.sent(1, 1), fr.send.sent(7, 30)]).toEqual(['1 saisie envoyée pour 1 candidat.', '30 saisies envoyées pour 7 candidats.'])
    expect(fr.pull.kept(2)).toBe('2 saisies non envoyées conservées : elles diffèrent du serveur.')
    expect(fr.sessions.option('Session de juin', 1, 'deliberated')).toBe('Session de juin — 1 candidat (délibérée)')
  })
})

describe('French typography of the pane’s texts', () => {
  // Every text literal of fr.ts: the rule holds for the whole file, whoever adds a line.
  const source = readFileSync('addin/src/i18n/fr.ts', 'utf8')
  const file = ts.createSourceFile('fr.ts', source, ts.ScriptTarget.Latest, true)
  const texts: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      if (!ts.isImportDeclaration(node.parent)) texts.push(node.getText(file))
    }
    ts.forEachChild(node, visit)
  }
  visit(file)

  it('puts a non-breaking space before « ; : ! ? » and inside « »', () => {
    expect(texts.length).toBeGreaterThan(300)
    expect(texts.filter((text) => / [;:!?»]|« /.test(text))).toEqual([])
  })

  it('speaks of a refused token in plain French, without the HTTP header', () => {
    expect(fr.tokenRejected).toMatch(/^Jeton refusé\u00a0:/)
    expect(fr.tokenRefused).toMatch(/^Jeton refusé\u00a0:/)
    expect(fr.tokenRejected + fr.tokenRefused).not.toMatch(/Authorization|Bearer/)
  })
})
