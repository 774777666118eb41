import { describe, expect, it } from 'vitest'
import {
  applySettingsUpdate,
  certifierSettingsUpdateSchema,
  effectiveRncpCode,
  missingCertifierSettings,
  readCertifierSettings,
  resolveCertifierSettings,
} from '../../../shared/documents/certifierSettings'

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
    expect(issues[0]?.message).toBe('RNCP_CODE = « 12345 » : RNCP suivi de chiffres, ex. RNCP12345 attendu.')
  })
})

describe('resolveCertifierSettings', () => {
  it('prints the stored value, else the deployment’s, and says where each comes from', () => {
    const resolved = resolveCertifierSettings(
      { certifierName: 'École enregistrée', siret: '73282932000074' },
      { CERTIFIER_NAME: 'École du déploiement', CERTIFIER_CITY: 'Lyon' },
    )
    expect(resolved.effective).toMatchObject({ certifierName: 'École enregistrée', siret: '73282932000074', city: 'Lyon', signatory: null })
    expect(resolved.defaults.certifierName).toBe('École du déploiement')
    expect(resolved.sources).toMatchObject({ certifierName: 'database', siret: 'database', city: 'deployment', signatory: null })
  })

  it('takes the certifier’s own idClient (stored or not) as the sender’s unless one is given', () => {
    expect(resolveCertifierSettings({ cdcIdClient: 'AB12CD34' }, { CDC_ID_CLIENT: 'ZZ99YY88' }).effective.cdcIdEmetteur).toBe('AB12CD34')
    expect(resolveCertifierSettings({ cdcIdClient: 'AB12CD34' }, { CDC_ID_EMETTEUR: 'ZZ99YY88' }).effective.cdcIdEmetteur).toBe('ZZ99YY88')
  })

  it('names what a document lacks by its French label and its variable', () => {
    const resolved = resolveCertifierSettings({ certifierName: 'École Test' }, { RNCP_CODE: '12345' })
    expect(missingCertifierSettings(resolved, ['certifierName', 'cdcIdClient', 'rncpCode'])).toEqual([
      {
        key: 'cdcIdClient',
        label: 'Identifiant client Caisse des Dépôts (idClient)',
        variable: 'CDC_ID_CLIENT',
        message: 'Identifiant client Caisse des Dépôts (idClient) n’est pas renseigné.',
      },
      { key: 'rncpCode', label: 'Code RNCP (si le référentiel n’en porte pas)', variable: 'RNCP_CODE', message: 'RNCP_CODE = « 12345 » : RNCP suivi de chiffres, ex. RNCP12345 attendu.' },
    ])
  })
})

describe('certifierSettingsUpdateSchema and applySettingsUpdate', () => {
  it('checks each format in French, and clears a key sent empty or null', () => {
    const bad = certifierSettingsUpdateSchema.safeParse({ version: 0, settings: { siret: '12345678901234', rncpRegistrationDate: '28/03/2024' } })
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['settings.siret', '14 chiffres d’un SIRET valide attendu'],
      ['settings.rncpRegistrationDate', 'date AAAA-MM-JJ attendu'],
    ])
    expect(certifierSettingsUpdateSchema.safeParse({ version: 0, settings: { unknown: 'x' } }).success).toBe(false)
    const ok = certifierSettingsUpdateSchema.parse({ version: 2, settings: { certifierName: ' École ', city: '', signatory: null } })
    expect(applySettingsUpdate({ city: 'Lyon', signatory: 'J. Martin', nsfCodes: '326' }, ok.settings)).toEqual({ certifierName: 'École', nsfCodes: '326' })
  })
})

describe('effectiveRncpCode', () => {
  it('prefers the référentiel’s RNCP code to the settings’', () => {
    const { settings } = readCertifierSettings({ RNCP_CODE: 'RNCP11111' })
    expect(effectiveRncpCode('RNCP22222', settings)).toBe('RNCP22222')
    expect(effectiveRncpCode(null, settings)).toBe('RNCP11111')
  })
})
