/**
 * What may be published: the second title as written, and not one of forty broken drafts, each
 * refused with the path of its field and a French message naming the bloc, compétence or critère
 * and the field.
 */
import { describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { checkPublishable, describePath, lineageOf, versionId } from '../../../shared/referential/publication'
import { broken, brokenDrafts } from './brokenDrafts'
import { secondTitle, SECOND_TITLE_LINEAGE } from './secondTitle'

describe('checkPublishable', () => {
  it('accepts the second title and the seed, with their lineage and compiled rules', () => {
    const second = checkPublishable(secondTitle)
    expect(second).toMatchObject({ ok: true, lineage: SECOND_TITLE_LINEAGE })
    expect(second.ok && second.rules.blocs.map((bloc) => `${bloc.code}:${bloc.kind}`)).toEqual([
      'BC01:score',
      'BC02:score',
      'BC03:outcome',
      'BC04-A:outcome',
      'BC04-B:score',
    ])
    expect(checkPublishable(seedReferential)).toMatchObject({ ok: true, lineage: 'expert-ingenierie-informatique-n7' })
  })

  it(`refuses ${brokenDrafts.length} broken drafts, each with exactly its located problem`, () => {
    expect(brokenDrafts.length).toBeGreaterThanOrEqual(30)
    for (const testCase of brokenDrafts) {
      const checked = checkPublishable(broken(testCase))
      expect(checked.ok ? [] : checked.issues, testCase.name).toEqual([{ path: testCase.path.replace(/^body\.?/, ''), message: testCase.message }])
    }
  })

  it('never throws, whatever it is given', () => {
    for (const input of [null, 42, 'texte', [], {}, { blocs: 'x' }, { blocs: [null, 3] }]) {
      const checked = checkPublishable(input)
      expect(checked.ok).toBe(false)
    }
  })
})

describe('versions and lineages', () => {
  it('names a version <lignée>-v<version>, and reads the lineage back', () => {
    expect(versionId('bachelor-marketing', 3)).toBe('bachelor-marketing-v3')
    expect(lineageOf('bachelor-marketing-v3', 3)).toBe('bachelor-marketing')
    expect(lineageOf('bachelor-marketing-v3', 2)).toBeNull()
    expect(lineageOf('-v1', 1)).toBeNull()
  })

  it('says where a path points in words, from the codes of the document', () => {
    expect(describePath(secondTitle, 'blocs[1].criteres[2].assessment.floor')).toBe('Bloc BC02, critère CR2.3, note éliminatoire')
    expect(describePath(secondTitle, 'blocs[3].options[1].rule.threshold')).toBe('Bloc BC04-B, seuil de validation')
    expect(describePath(secondTitle, 'blocs[1].rule.requiredCriteres[0].min')).toBe('Bloc BC02, critère exigé CR2.2, minimum exigé')
    expect(describePath({ blocs: [{}] }, 'blocs[0].competences[3].label')).toBe('Bloc n° 1, compétence n° 4, libellé')
    expect(describePath(secondTitle, '')).toBe('Référentiel')
  })
})
