import { describe, expect, it } from 'vitest'
import { effectiveRncpCode, missingSettings, readCertifierSettings } from '../../../shared/documents/certifierSettings'

describe('readCertifierSettings', () => {
  it('reads the wrangler variables, trimmed; a blank one is absent', () => {
    const { settings, issues } = readCertifierSettings({
      CERTIFIER_NAME: '  École Test ',
      CERTIFIER_CITY: '',
      RNCP_CODE: 'RNCP12345',
      CDC_ID_CLIENT: 'AB12CD34',
      CDC_ID_CONTRAT: 'MCFCER000123',
    })
    expect(issues).toEqual([])
    expect(settings).toMatchObject({ certifierName: 'École Test', city: null, rncpCode: 'RNCP12345', cdcIdClient: 'AB12CD34' })
  })

  it('takes the certifier’s own idClient as the sender’s unless CDC_ID_EMETTEUR is set', () => {
    expect(readCertifierSettings({ CDC_ID_CLIENT: 'AB12CD34' }).settings.cdcIdEmetteur).toBe('AB12CD34')
    expect(readCertifierSettings({ CDC_ID_CLIENT: 'AB12CD34', CDC_ID_EMETTEUR: 'ZZ99YY88' }).settings.cdcIdEmetteur).toBe('ZZ99YY88')
  })

  it('reports a malformed value by its variable and does not use it', () => {
    const { settings, issues } = readCertifierSettings({ RNCP_CODE: '12345', CDC_ID_CLIENT: 'TROP-LONG-ID', RNCP_REGISTRATION_DATE: '28/03/2024' })
    expect(settings.rncpCode).toBeNull()
    expect(settings.cdcIdClient).toBeNull()
    expect(issues.map((i) => i.variable)).toEqual(['RNCP_CODE', 'RNCP_REGISTRATION_DATE', 'CDC_ID_CLIENT'])
    expect(issues[0]?.message).toBe('RNCP_CODE = « 12345 » : RNCP suivi de chiffres, ex. RNCP12345 attendu.')
  })
})

describe('missingSettings and effectiveRncpCode', () => {
  it('names the variables a document needs and lacks', () => {
    const { settings } = readCertifierSettings({ CERTIFIER_NAME: 'École Test' })
    expect(missingSettings(settings, ['certifierName', 'cdcIdClient', 'cdcIdContrat'])).toEqual([
      { variable: 'CDC_ID_CLIENT', message: 'CDC_ID_CLIENT n’est pas renseigné.' },
      { variable: 'CDC_ID_CONTRAT', message: 'CDC_ID_CONTRAT n’est pas renseigné.' },
    ])
  })

  it('prefers the référentiel’s RNCP code to the deployment’s', () => {
    const { settings } = readCertifierSettings({ RNCP_CODE: 'RNCP11111' })
    expect(effectiveRncpCode('RNCP22222', settings)).toBe('RNCP22222')
    expect(effectiveRncpCode(null, settings)).toBe('RNCP11111')
  })
})
