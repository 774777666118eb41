/**
 * A title's skeleton from France Compétences' RNCP open data, read from fixture files in the
 * export's shape: any column order, `;` or `,`, UTF-8 with or without BOM, several blocs files;
 * every refusal names the file, the row and the column.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFicheSkeleton, normaliseFicheNumber, readLevel, type OpenDataFile } from '../../../shared/referential/openData'
import { secondTitle } from './secondTitle'

const DIRECTORY = join(import.meta.dirname, 'fixtures', 'openData')
const STANDARD = 'export_fiches_CSV_Standard_2026_06_01.csv'
const BLOCS = 'export_fiches_CSV_Blocs_De_Competences_2026_06_01.csv'
const BLOCS_MORE = 'export_fiches_CSV_Blocs_De_Competences_2026_06_01_suite.csv'

function file(name: string): OpenDataFile {
  return { name, bytes: new Uint8Array(readFileSync(join(DIRECTORY, name))) }
}

function text(name: string, content: string): OpenDataFile {
  return { name, bytes: new TextEncoder().encode(content) }
}

const fixtureText = (name: string) => readFileSync(join(DIRECTORY, name), 'utf8')

describe('importFicheSkeleton', () => {
  it('gives the title, RNCP code, level and blocs of a fiche, from the Standard file and two blocs files in any order', () => {
    const imported = importFicheSkeleton([file(BLOCS_MORE), file(STANDARD), file(BLOCS)], 'RNCP39999')
    expect(imported).toEqual({
      ok: true,
      warnings: [],
      skeleton: {
        rncpCode: 'RNCP39999',
        title: 'Responsable du développement commercial',
        level: 6,
        active: true,
        blocs: secondTitle.blocs.map((bloc) => ({ code: bloc.code, number: bloc.number, sourceCode: `RNCP39999${bloc.code}`, title: bloc.title })),
      },
    })
  })

  it('reads a quoted title holding the separator, and takes the fiche number as people type it', () => {
    const imported = importFicheSkeleton([file(STANDARD), file(BLOCS)], ' rncp 39998 ')
    expect(imported.ok && imported.skeleton).toMatchObject({
      title: 'Chargé de communication ; marketing digital',
      blocs: [{ code: 'BC01' }, { code: 'BC02', title: 'Produire des contenus ; animer les réseaux' }],
    })
    expect(importFicheSkeleton([file(STANDARD), file(BLOCS)], '39998').ok).toBe(true)
  })

  it('warns about an inactive fiche, without refusing it', () => {
    const imported = importFicheSkeleton([file(STANDARD), file(BLOCS)], 'RNCP31000')
    expect(imported.ok && imported.warnings).toEqual([
      'La fiche RNCP31000 est inactive dans l’export : vérifiez qu’elle n’a pas été remplacée par une nouvelle fiche.',
    ])
  })

  it('says which column is missing, in which file', () => {
    const withoutLevel = fixtureText(STANDARD).replace('Nomenclature_Europe_Niveau;', 'Niveau;')
    expect(importFicheSkeleton([text('standard.csv', withoutLevel), file(BLOCS)], 'RNCP39999')).toEqual({
      ok: false,
      issues: [
        'standard.csv : colonne « Nomenclature_Europe_Niveau » absente du fichier « Standard » (colonnes trouvées : Id_Fiche, Numero_Fiche, Intitule, Abrege_Libelle, Abrege_Intitule, Niveau, Nomenclature_Europe_Intitule, Accessible_Nouvelle_Caledonie, Accessible_Polynesie_Francaise, Date_dernier_jo, Date_Decision, Date_Fin_Enregistrement, Date_Effet, Type_Enregistrement, Validation_Partielle, Actif).',
      ],
    })
    const withoutLabel = 'Numero_Fiche;Bloc_Competences_Code\nRNCP39999;RNCP39999BC01\n'
    expect(importFicheSkeleton([file(STANDARD), text('blocs.csv', withoutLabel)], 'RNCP39999')).toEqual({
      ok: false,
      issues: ['blocs.csv : colonne « Bloc_Competences_Libelle » absente du fichier « Blocs_De_Competences » (colonnes trouvées : Numero_Fiche, Bloc_Competences_Code).'],
    })
  })

  it('refuses an unknown fiche, naming the Standard file it looked in', () => {
    expect(importFicheSkeleton([file(STANDARD), file(BLOCS)], 'RNCP12345')).toEqual({
      ok: false,
      issues: [`La fiche RNCP12345 n’est pas dans le fichier « Standard » ${STANDARD} (3 fiches lues).`],
    })
  })

  it('refuses two blocs files that disagree on a bloc, naming both rows', () => {
    const other = 'Numero_Fiche,Bloc_Competences_Code,Bloc_Competences_Libelle\nRNCP39999,RNCP39999BC02,Piloter la performance des ventes\n'
    expect(importFicheSkeleton([file(STANDARD), file(BLOCS), text('autre.csv', other)], 'RNCP39999')).toEqual({
      ok: false,
      issues: [`autre.csv, ligne 2 : le bloc RNCP39999BC02 est déjà défini (${BLOCS}, ligne 3) avec un autre libellé (« Piloter la performance commerciale »).`],
    })
  })

  it('asks for the missing file: no Standard, no blocs file, or no bloc for the fiche', () => {
    expect(importFicheSkeleton([file(BLOCS)], 'RNCP39999')).toMatchObject({ ok: false, issues: [expect.stringMatching(/^Fichier « Standard » manquant/)] })
    expect(importFicheSkeleton([file(STANDARD)], 'RNCP39999')).toMatchObject({ ok: false, issues: [expect.stringMatching(/^Fichier « Blocs_De_Competences » manquant/)] })
    const elsewhere = 'Numero_Fiche;Bloc_Competences_Code;Bloc_Competences_Libelle\nRNCP1;RNCP1BC01;Autre\n'
    expect(importFicheSkeleton([file(STANDARD), text('b.csv', elsewhere)], 'RNCP39999')).toEqual({
      ok: false,
      issues: ['Aucun bloc de compétences pour la fiche RNCP39999 dans b.csv : ajoutez le fichier « Blocs_De_Competences » de la même date d’export.'],
    })
  })

  it('refuses a bloc code it cannot read, a file that is not UTF-8, and a fiche number that is none', () => {
    const badCode = 'Numero_Fiche;Bloc_Competences_Code;Bloc_Competences_Libelle\nRNCP39999;RNCP39999-B;Bloc\n'
    expect(importFicheSkeleton([file(STANDARD), text('b.csv', badCode)], 'RNCP39999')).toEqual({
      ok: false,
      issues: ['b.csv, ligne 2, colonne « Bloc_Competences_Code » : « RNCP39999-B » n’est pas un code de bloc (RNCP…BC01 attendu).'],
    })
    const latin1 = { name: 'latin1.csv', bytes: new Uint8Array([...new TextEncoder().encode('Numero_Fiche;Intitule;Nomenclature_Europe_Niveau\nRNCP1;Ing'), 0xe9, 0x0a]) }
    expect(importFicheSkeleton([latin1, file(BLOCS)], 'RNCP1')).toMatchObject({ ok: false, issues: [expect.stringMatching(/^latin1\.csv : le fichier n’est pas encodé en UTF-8/)] })
    expect(importFicheSkeleton([file(STANDARD), file(BLOCS)], 'fiche douze')).toMatchObject({
      ok: false,
      issues: ['« fiche douze » n’est pas un numéro de fiche RNCP (par exemple RNCP34567 ou 34567).'],
    })
  })
})

describe('fiche numbers and levels', () => {
  it.each([
    ['RNCP34567', 'RNCP34567'],
    ['34567', 'RNCP34567'],
    ['rncp 034567', 'RNCP34567'],
    ['RNCP', null],
    ['RS1234X', null],
  ])('%s → %s', (input, expected) => expect(normaliseFicheNumber(input)).toBe(expected))

  it.each([
    ['NIV7', 7],
    ['niv 6', 6],
    ['7', 7],
    ['Niveau 5', 5],
    ['', null],
    ['NIV9', null],
  ])('niveau %s → %s', (input, expected) => expect(readLevel(input)).toBe(expected))
})
