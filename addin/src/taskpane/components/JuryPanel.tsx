import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components'
import { useEffect, useMemo, useState } from 'react'
import { JURY_CIVILITIES, type JuryMember } from '../../../../shared/documents/juryComposition'
import type { ApiClient } from '../../api/client'
import { getJury, saveJury } from '../../api/jury'
import { fr } from '../../i18n/fr'
import { checkDraft, draftChanged, draftOf, emptyMember, readDraft, startingDraft, togglePresident, type DraftMember } from '../juryDraft'
import { ActionFeedback, feedbackOf, useActionFeedback } from './ActionFeedback'

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  member: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
  nameRow: { display: 'flex', gap: tokens.spacingHorizontalS, '& > :last-child': { flexGrow: 1 } },
  civility: { width: '72px', flexShrink: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
})

interface JuryPanelProps {
  client: ApiClient
  sessionId: string
  /** jury.write: without it the jury is shown read-only. The Worker decides anyway. */
  canEdit: boolean
  /** The session is open: a deliberated or closed session's jury is for consultation. */
  sessionOpen: boolean
  busy: boolean
}

/**
 * The jury of the session: members with civility, name, quality, external or internal and the
 * president; the composition check runs on every keystroke, with the same rules as the Worker.
 */
export function JuryPanel({ client, sessionId, canEdit, sessionOpen, busy }: JuryPanelProps) {
  const styles = useStyles()
  const [saved, setSaved] = useState<readonly JuryMember[] | null>(null)
  const [draft, setDraft] = useState<DraftMember[]>([])
  const [problems, setProblems] = useState<string[]>([])
  const { running, feedback, setFeedback, run } = useActionFeedback()
  const editable = canEdit && sessionOpen
  const disabled = busy || running !== null || !editable

  useEffect(() => {
    let current = true
    getJury(client, sessionId).then(
      (answer) => {
        if (!current) return
        setSaved(answer.members)
        setDraft(startingDraft(answer.members))
      },
      (reason: unknown) => current && setFeedback(feedbackOf('load', reason)),
    )
    return () => {
      current = false
    }
  }, [client, sessionId, setFeedback])

  const check = useMemo(() => checkDraft(draft), [draft])
  const external = draft.filter((m) => m.external).length

  const update = (index: number, change: Partial<DraftMember>) => {
    setProblems([])
    setDraft((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)))
  }

  const save = () =>
    void run('save', async () => {
      const reading = readDraft(draft)
      if (!reading.ok) {
        setProblems(reading.problems)
        return null
      }
      if (saved && !draftChanged(draft, saved)) return { intent: 'info', text: fr.juryEditor.unchanged }
      const answer = await saveJury(client, sessionId, reading.members)
      setSaved(answer.members)
      setDraft(draftOf(answer.members))
      return fr.juryEditor.saved(answer.members.length)
    })

  if (saved === null) {
    return feedback ? <ActionFeedback action="load" running={null} feedback={feedback} /> : <Spinner size="tiny" label={fr.juryEditor.loading} />
  }

  return (
    <div className={styles.panel} data-testid="jury-editor">
      <Caption1>{fr.juryEditor.intro}</Caption1>
      {!sessionOpen && <Caption1>{fr.juryEditor.locked}</Caption1>}
      {sessionOpen && !canEdit && <Caption1>{fr.juryEditor.readOnly}</Caption1>}
      {draft.map((member, index) => (
        <fieldset key={index} className={styles.member} aria-label={fr.juryEditor.member(index)}>
          <div className={styles.head}>
            <strong>{fr.juryEditor.member(index)}</strong>
            {editable && (
              <Button
                size="small"
                appearance="subtle"
                disabled={disabled}
                onClick={() => {
                  setProblems([])
                  setDraft((rows) => rows.filter((_, i) => i !== index))
                }}
              >
                {fr.juryEditor.remove}
              </Button>
            )}
          </div>
          <div className={styles.nameRow}>
            <Field label={fr.juryEditor.civility} className={styles.civility}>
              <Select value={member.civility} disabled={disabled} onChange={(_, data) => update(index, { civility: data.value as DraftMember['civility'] })}>
                <option value="">{fr.juryEditor.noCivility}</option>
                {JURY_CIVILITIES.map((civility) => (
                  <option key={civility} value={civility}>
                    {civility}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={fr.juryEditor.name} required>
              <Input value={member.name} disabled={disabled} onChange={(_, data) => update(index, { name: data.value })} />
            </Field>
          </div>
          <Field label={fr.juryEditor.quality} required>
            <Input
              value={member.quality}
              disabled={disabled}
              placeholder={fr.juryEditor.qualityPlaceholder}
              onChange={(_, data) => update(index, { quality: data.value })}
            />
          </Field>
          <Checkbox
            checked={member.external}
            disabled={disabled}
            label={fr.juryEditor.external}
            onChange={(_, data) => update(index, { external: data.checked === true })}
          />
          <Checkbox
            checked={member.president}
            disabled={disabled}
            label={fr.juryEditor.president}
            onChange={() => {
              setProblems([])
              setDraft((rows) => togglePresident(rows, index))
            }}
          />
        </fieldset>
      ))}
      {editable && (
        <Button disabled={disabled || draft.length >= 30} onClick={() => setDraft((rows) => [...rows, emptyMember()])}>
          {fr.juryEditor.add}
        </Button>
      )}

      <MessageBar intent={check.ok ? 'success' : 'warning'} layout="multiline" data-testid="jury-check">
        <MessageBarBody>
          {fr.juryEditor.counts(draft.length, external)}
          {' · '}
          {check.ok ? fr.juryEditor.checkOk : fr.juryEditor.checkFails}
          {!check.ok && (
            <ul className={styles.list}>
              {check.failures.map((failure) => (
                <li key={failure.code}>{failure.message}</li>
              ))}
            </ul>
          )}
        </MessageBarBody>
      </MessageBar>

      {editable && (
        <Button appearance="primary" disabled={disabled} onClick={save}>
          {fr.juryEditor.save}
        </Button>
      )}
      {problems.length > 0 && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            {fr.juryEditor.fixRows}
            <ul className={styles.list}>
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <ActionFeedback action="save" running={running} feedback={feedback} progressLabel={fr.juryEditor.saving} />
    </div>
  )
}
