import { Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components'
import { useState } from 'react'
import { ApiError, type ApiClient } from '../../api/client'
import { detailMessages } from '../../api/documents'
import { closeSession, createRattrapage, deleteSession, updateSession, type SessionFields } from '../../api/sessionAdmin'
import type { SessionSummary } from '../../api/sessions'
import { fr } from '../../i18n/fr'
import { frenchDay, sessionFormOf } from '../sessionForm'
import { ConfirmDialog } from './ConfirmDialog'
import { SessionForm } from './SessionForm'
import { OutcomeMessage } from './OutcomeMessage'

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  facts: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
})

interface SessionAdminPanelProps {
  client: ApiClient
  session: SessionSummary
  /** Edit while open (session.update). */
  canUpdate: boolean
  /** Delete, and create the rattrapage session (global session.create). */
  canCreate: boolean
  /** Close a deliberated session (session.finalise). */
  canClose: boolean
  busy: boolean
  /** The session list changed: reload it and select `selectId` (the rattrapage session), or keep the choice. */
  onChanged: (selectId?: string) => Promise<void>
}

type Result = { intent: 'success' | 'error' | 'info'; text: string; lines?: string[] }
type Editing = 'edit' | 'rattrapage' | 'close' | 'delete' | null

function describe(reason: unknown): Result {
  if (reason instanceof ApiError) {
    const lines = detailMessages(reason.details, 'issues')
    return { intent: 'error', text: reason.message, ...(lines.length > 0 ? { lines } : {}) }
  }
  return { intent: 'error', text: reason instanceof Error ? reason.message : fr.errors.unexpected }
}

/** The selected session: its state and dates, and what the user's role allows (edit, close, delete, rattrapage). */
export function SessionAdminPanel({ client, session, canUpdate, canCreate, canClose, busy, onChanged }: SessionAdminPanelProps) {
  const styles = useStyles()
  const [running, setRunning] = useState(false)
  const [editing, setEditing] = useState<Editing>(null)
  const [result, setResult] = useState<Result | null>(null)
  const disabled = busy || running
  const open = session.status === 'open'
  const state = fr.setup.states[session.status] ?? session.statusLabel

  async function run(action: () => Promise<Result | null>) {
    setRunning(true)
    setResult(null)
    try {
      setResult(await action())
    } catch (error) {
      setResult(describe(error))
    } finally {
      setRunning(false)
    }
  }

  const save = (fields: SessionFields) =>
    void run(async () => {
      const saved = await updateSession(client, session.id, session.version, fields)
      setEditing(null)
      await onChanged()
      return { intent: 'success', text: fr.setup.saved(saved?.name ?? fields.name) }
    })

  const rattrapage = (fields: SessionFields) =>
    void run(async () => {
      const answer = await createRattrapage(client, session.id, fields)
      setEditing(null)
      const created = answer.session
      await onChanged(created?.id)
      const lines = [...(answer.skipped.length > 0 ? [fr.setup.rattrapageSkipped(answer.skipped.length)] : []), ...answer.warnings]
      return {
        intent: 'success',
        text: fr.setup.rattrapageCreated(created?.name ?? fields.name, answer.carried.candidates, answer.carried.capitalisedBlocs),
        ...(lines.length > 0 ? { lines } : {}),
      }
    })

  const close = () =>
    void run(async () => {
      setEditing(null)
      const closed = await closeSession(client, session.id, session.version)
      await onChanged()
      return { intent: 'success', text: fr.setup.closed(closed?.name ?? session.name) }
    })

  const remove = () =>
    void run(async () => {
      setEditing(null)
      await deleteSession(client, session.id, session.version)
      await onChanged()
      return { intent: 'success', text: fr.setup.deleted(session.name) }
    })

  const dates = fr.setup.dates(frenchDay(session.startsOn), frenchDay(session.endsOn))
  const deliberation = fr.setup.deliberation(frenchDay(session.juryDate), session.deliberationPlace)

  return (
    <div className={styles.panel} data-testid="session-admin">
      <div className={styles.facts}>
        <Text weight="semibold">{fr.setup.summary(state, session.candidateCount, session.withdrawnCount)}</Text>
        {session.campus && <Caption1>{session.campus}</Caption1>}
        {dates && <Caption1>{dates}</Caption1>}
        {deliberation && <Caption1>{deliberation}</Caption1>}
        {session.rattrapageOf && <Caption1>{fr.setup.rattrapageOf(session.rattrapageOf.name)}</Caption1>}
      </div>

      {editing === 'edit' || editing === 'rattrapage' ? (
        <SessionForm
          client={client}
          mode={editing}
          initial={
            editing === 'edit'
              ? sessionFormOf(session)
              : { ...sessionFormOf(session), name: fr.setup.rattrapageName(session.name), startsOn: '', endsOn: '', juryDate: '' }
          }
          busy={disabled}
          submitLabel={editing === 'edit' ? fr.setup.submitSave : fr.setup.rattrapageSubmit}
          onSubmit={(_, fields) => (editing === 'edit' ? save(fields) : rattrapage(fields))}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <div className={styles.row}>
          {canUpdate && open && (
            <Button disabled={disabled} onClick={() => setEditing('edit')}>
              {fr.setup.edit}
            </Button>
          )}
          {canCreate && !open && (
            <Button appearance="primary" disabled={disabled} onClick={() => setEditing('rattrapage')}>
              {fr.setup.rattrapage}
            </Button>
          )}
          {canClose && session.status === 'deliberated' && (
            <Button disabled={disabled} onClick={() => setEditing('close')}>
              {fr.setup.close}
            </Button>
          )}
          {canCreate && open && (
            <Button disabled={disabled} onClick={() => setEditing('delete')}>
              {fr.setup.delete}
            </Button>
          )}
        </div>
      )}
      {editing === 'rattrapage' && <Caption1>{fr.setup.rattrapageHint}</Caption1>}
      {canCreate && open && !session.deletable && session.deletionBlockers.length > 0 && (
        <Caption1>{fr.setup.deleteBlocked(session.deletionBlockers.map((b) => b.message))}</Caption1>
      )}

      <ConfirmDialog
        open={editing === 'close'}
        title={fr.setup.closeTitle}
        text={fr.setup.closeConfirm(session.name)}
        confirm={fr.setup.closeSubmit}
        onConfirm={close}
        onCancel={() => setEditing(null)}
      />
      <ConfirmDialog
        open={editing === 'delete'}
        title={fr.setup.deleteTitle}
        text={fr.setup.deleteConfirm(session.name)}
        confirm={fr.setup.deleteSubmit}
        onConfirm={remove}
        onCancel={() => setEditing(null)}
      />

      {result && <OutcomeMessage outcome={result} />}
    </div>
  )
}
