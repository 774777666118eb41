/**
 * The session form's values (what the inputs hold: strings, dates as AAAA-MM-JJ from
 * `<input type="date">`) and the request fields they give. The Worker validates again.
 */
import type { SessionFields } from '../api/sessionAdmin'
import { fr } from '../i18n/fr'

export interface SessionFormValues {
  referentialId: string
  name: string
  campus: string
  startsOn: string
  endsOn: string
  juryDate: string
  deliberationPlace: string
}

export type SessionFormField = keyof SessionFormValues

export const emptySessionForm = (referentialId = ''): SessionFormValues => ({
  referentialId,
  name: '',
  campus: '',
  startsOn: '',
  endsOn: '',
  juryDate: '',
  deliberationPlace: '',
})

interface StoredSessionFields {
  referentialId: string
  name: string
  campus: string | null
  startsOn: string | null
  endsOn: string | null
  juryDate: string | null
  deliberationPlace: string | null
}

export function sessionFormOf(session: StoredSessionFields): SessionFormValues {
  return {
    referentialId: session.referentialId,
    name: session.name,
    campus: session.campus ?? '',
    startsOn: session.startsOn ?? '',
    endsOn: session.endsOn ?? '',
    juryDate: session.juryDate ?? '',
    deliberationPlace: session.deliberationPlace ?? '',
  }
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim())

export type SessionFormResult =
  | { ok: true; referentialId: string; fields: SessionFields }
  | { ok: false; errors: Partial<Record<SessionFormField, string>> }

/** The fields to send, or the French message of each field to fix first. */
export function sessionFieldsOf(values: SessionFormValues): SessionFormResult {
  const errors: Partial<Record<SessionFormField, string>> = {}
  if (values.referentialId === '') errors.referentialId = fr.setup.noReferential
  if (values.name.trim() === '') errors.name = fr.setup.nameRequired
  if (values.startsOn !== '' && values.endsOn !== '' && values.endsOn < values.startsOn) errors.endsOn = fr.setup.endBeforeStart
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    referentialId: values.referentialId,
    fields: {
      name: values.name.trim(),
      campus: orNull(values.campus),
      startsOn: orNull(values.startsOn),
      endsOn: orNull(values.endsOn),
      juryDate: orNull(values.juryDate),
      deliberationPlace: orNull(values.deliberationPlace),
    },
  }
}

/** "2026-07-09" → "09/07/2026", for the session's summary. */
export function frenchDay(iso: string | null): string | null {
  if (iso === null) return null
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso
}
