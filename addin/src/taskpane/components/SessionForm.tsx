import { Button, Field, Input, Select, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components'
import { useEffect, useState } from 'react'
import type { ApiClient } from '../../api/client'
import { listReferentials, type ReferentialSummary } from '../../api/referentials'
import { fr } from '../../i18n/fr'
import { sessionFieldsOf, type SessionFormField, type SessionFormValues } from '../sessionForm'
import type { SessionFields } from '../../api/sessionAdmin'

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  field: { gridTemplateColumns: 'minmax(0, 1fr)' },
  select: { minWidth: 0, textOverflow: 'ellipsis' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, '& > *': { flexGrow: 1, flexBasis: 0, minWidth: 0 } },
})

interface SessionFormProps {
  client: ApiClient
  /** create: the référentiel is chosen here; edit: it is fixed (a session keeps its version). */
  mode: 'create' | 'edit' | 'rattrapage'
  initial: SessionFormValues
  busy: boolean
  submitLabel: string
  onSubmit: (referentialId: string, fields: SessionFields) => void
  onCancel: () => void
}

/** Name, place, dates and deliberation of a session; on creation, its référentiel version too. */
export function SessionForm({ client, mode, initial, busy, submitLabel, onSubmit, onCancel }: SessionFormProps) {
  const styles = useStyles()
  const [values, setValues] = useState(initial)
  const [errors, setErrors] = useState<Partial<Record<SessionFormField, string>>>({})
  const [referentials, setReferentials] = useState<ReferentialSummary[] | null>(mode === 'create' ? null : [])

  useEffect(() => {
    if (mode !== 'create') return
    let live = true
    listReferentials(client).then(
      (list) => {
        if (!live) return
        const published = list.filter((r) => r.status === 'published')
        setReferentials(published)
        // The latest published version is the usual choice.
        setValues((previous) => (previous.referentialId !== '' || published.length === 0 ? previous : { ...previous, referentialId: published.at(-1)!.id }))
      },
      () => live && setReferentials([]),
    )
    return () => {
      live = false
    }
  }, [client, mode])

  const set = (field: SessionFormField) => (_: unknown, data: { value: string }) => setValues((previous) => ({ ...previous, [field]: data.value }))
  const message = (field: SessionFormField) => (errors[field] ? { validationMessage: errors[field], validationState: 'error' as const } : {})

  const submit = () => {
    const result = sessionFieldsOf(values)
    if (!result.ok) return setErrors(result.errors)
    setErrors({})
    onSubmit(result.referentialId, result.fields)
  }

  if (referentials === null) return <Spinner size="tiny" label={fr.setup.loadingReferentials} />
  return (
    <form
      className={styles.form}
      aria-label={mode === 'edit' ? fr.setup.formTitleEdit : mode === 'create' ? fr.setup.formTitleCreate : fr.setup.rattrapage}
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <Text weight="semibold">{mode === 'edit' ? fr.setup.formTitleEdit : mode === 'create' ? fr.setup.formTitleCreate : fr.setup.rattrapage}</Text>
      {mode === 'create' &&
        (referentials.length === 0 ? (
          <Text>{fr.setup.noReferential}</Text>
        ) : (
          <Field className={styles.field} label={fr.setup.fields.referential} required {...message('referentialId')}>
            <Select select={{ className: styles.select }} value={values.referentialId} disabled={busy} onChange={set('referentialId')}>
              {referentials.map((r) => (
                <option key={r.id} value={r.id}>
                  {fr.referentials.option(r.title, r.version)}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      <Field label={fr.setup.fields.name} required {...message('name')}>
        <Input value={values.name} disabled={busy} onChange={set('name')} />
      </Field>
      <Field label={fr.setup.fields.campus}>
        <Input value={values.campus} disabled={busy} onChange={set('campus')} />
      </Field>
      <div className={styles.row}>
        <Field label={fr.setup.fields.startsOn}>
          <Input type="date" value={values.startsOn} disabled={busy} onChange={set('startsOn')} />
        </Field>
        <Field label={fr.setup.fields.endsOn} {...message('endsOn')}>
          <Input type="date" value={values.endsOn} disabled={busy} onChange={set('endsOn')} />
        </Field>
      </div>
      <Field label={fr.setup.fields.juryDate}>
        <Input type="date" value={values.juryDate} disabled={busy} onChange={set('juryDate')} />
      </Field>
      <Field label={fr.setup.fields.deliberationPlace}>
        <Input value={values.deliberationPlace} disabled={busy} onChange={set('deliberationPlace')} />
      </Field>
      <div className={styles.row}>
        <Button disabled={busy} onClick={onCancel}>
          {fr.setup.cancel}
        </Button>
        <Button appearance="primary" type="submit" disabled={busy || (mode === 'create' && referentials.length === 0)}>
          {submitLabel}
        </Button>
      </div>
    </form>
  )
}
