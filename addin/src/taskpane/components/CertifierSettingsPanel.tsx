import { Button, Caption1, Field, Input, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components'
import { useCallback, useEffect, useState } from 'react'
import type { CertifierSettingKey } from '../../../../shared/documents/certifierSettings'
import { getCertifierSettings, saveCertifierSettings, type CertifierSettingsAnswer } from '../../api/admin'
import { ApiError, type ApiClient } from '../../api/client'
import { fr } from '../../i18n/fr'
import { formValuesOf, readSettingsForm, type FormValues } from '../certifierForm'
import { ActionFeedback, feedbackOf, useActionFeedback } from './ActionFeedback'

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
})

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' })

/** Administrators: the certifier's identity and identifiers printed on the PV, attestations and CDC file. */
export function CertifierSettingsPanel({ client, busy }: { client: ApiClient; busy: boolean }) {
  const styles = useStyles()
  const [answer, setAnswer] = useState<CertifierSettingsAnswer | null>(null)
  const [values, setValues] = useState<FormValues>({})
  const [problems, setProblems] = useState<Partial<Record<CertifierSettingKey, string>>>({})
  const { running, feedback, setFeedback, run } = useActionFeedback()
  const disabled = busy || running !== null

  const show = useCallback((next: CertifierSettingsAnswer) => {
    setAnswer(next)
    setValues(formValuesOf(next.stored))
    setProblems({})
  }, [])

  useEffect(() => {
    getCertifierSettings(client).then(show, (reason: unknown) => setFeedback(feedbackOf('load', reason)))
  }, [client, show, setFeedback])

  if (answer === null) {
    return feedback ? <ActionFeedback action="load" running={null} feedback={feedback} /> : <Spinner size="tiny" label={fr.sections.loading} />
  }

  const save = () =>
    void run('save', async () => {
      const reading = readSettingsForm(values, answer.stored, answer.version)
      if (!reading.ok) {
        setProblems(reading.problems)
        return { intent: 'error', text: fr.certifier.fix }
      }
      if (reading.changed.length === 0) return { intent: 'info', text: fr.certifier.unchanged }
      try {
        show(await saveCertifierSettings(client, reading.update))
        return fr.certifier.saved
      } catch (reason) {
        if (reason instanceof ApiError && reason.code === 'CONFLICT') {
          show(await getCertifierSettings(client))
          return { intent: 'error', text: fr.certifier.stale }
        }
        throw reason
      }
    })

  return (
    <div className={styles.panel} data-testid="certifier-settings">
      <Caption1>{fr.certifier.intro}</Caption1>
      {answer.updatedBy && answer.updatedAt && <Caption1>{fr.certifier.updatedBy(answer.updatedBy, dateTime.format(new Date(answer.updatedAt)))}</Caption1>}
      {answer.issues.map((issue) => (
        <MessageBar key={issue.variable} intent="warning" layout="multiline">
          <MessageBarBody>{fr.certifier.deploymentIssue(issue.message)}</MessageBarBody>
        </MessageBar>
      ))}
      {answer.fields.map((field) => {
        const key = field.key
        const fallback = answer.defaults[key]
        const problem = problems[key]
        const hint = [fr.certifier.usedBy(field.usedBy), fallback ? fr.certifier.fallback(fallback) : (values[key] ?? '') === '' ? fr.certifier.noValue : null]
          .filter((part) => part !== null)
          .join(' — ')
        return (
          <Field key={key} label={field.label} hint={problem ? undefined : hint} validationMessage={problem} validationState={problem ? 'error' : 'none'}>
            <Input
              type={key === 'rncpRegistrationDate' ? 'date' : 'text'}
              inputMode={key === 'siret' ? 'numeric' : undefined}
              value={values[key] ?? ''}
              placeholder={fallback ?? undefined}
              disabled={disabled}
              onChange={(_, data) => {
                setValues((previous) => ({ ...previous, [key]: data.value }))
                setProblems((previous) => ({ ...previous, [key]: undefined }))
              }}
            />
          </Field>
        )
      })}
      <Button appearance="primary" disabled={disabled} onClick={save}>
        {fr.certifier.save}
      </Button>
      <ActionFeedback action="save" running={running} feedback={feedback} />
    </div>
  )
}
