/**
 * What the administration of a session (issue 15) adds to the PV: a jury that failed the
 * composition rules but deliberated by a motivated override (the failed rules and the reason,
 * under « Composition du jury »), the place of the deliberation, the certifier's SIRET.
 */
import { describe, expect, it } from 'vitest'
import { renderPvPdf } from '../../../shared/documents/pvPdf'
import { pvContentHash, type PvSnapshot } from '../../../shared/documents/pvSnapshot'
import { deliberate, documentFonts, flatText, pdfText, verificationMark } from './fixtures'

async function printed(snapshot: PvSnapshot): Promise<string> {
  return flatText(pdfText(await renderPvPdf(snapshot, await pvContentHash(snapshot), verificationMark(), documentFonts())))
}

describe('the PV of a jury that deliberated by override', () => {
  it('prints the failed rules and the reason of the override', async () => {
    const { snapshot } = deliberate()
    const text = await printed({
      ...snapshot,
      juryComposition: {
        failures: ['Aucun président du jury n’est désigné.'],
        overrideReason: 'Présidente empêchée le jour du jury, remplacement acté par la direction.',
      },
    })
    expect(text).toContain('Composition dérogatoire : Aucun président du jury n’est désigné.')
    expect(text).toContain('Motif de la dérogation : Présidente empêchée le jour du jury, remplacement acté par la direction.')
  })

  it('prints nothing of the kind for a regular jury, nor for a snapshot frozen before the rules', async () => {
    const { snapshot } = deliberate()
    expect(snapshot.juryComposition).toBeUndefined()
    expect(await printed(snapshot)).not.toContain('dérogat')
  })

  it('prints the place of the deliberation beside its date', async () => {
    const { snapshot } = deliberate()
    const text = await printed({ ...snapshot, session: { ...snapshot.session, deliberationPlace: 'Lyon, salle du conseil' } })
    expect(text).toContain('Délibération du 9 juillet 2026, Lyon, salle du conseil.')
  })

  it('prints the certifier’s SIRET beside its name when the settings give one', async () => {
    const { snapshot } = deliberate()
    const text = await printed({ ...snapshot, certifier: { ...snapshot.certifier, siret: '73282932000074' } })
    expect(text).toContain('École Supérieure d’Ingénierie Numérique — SIRET 73282932000074')
  })
})
