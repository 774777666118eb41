import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components'
import { useState } from 'react'
import { ApiError, type ApiClient } from '../../api/client'
import { amendSession, detailMessages, downloadCdc, downloadLatestPv, downloadSummary } from '../../api/documents'
import { saveFile, type ApiEndpoint } from '../../api/download'
import { fr } from '../../i18n/fr'

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, '& > *': { flexGrow: 1 } },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: '200px', overflowY: 'auto', wordBreak: 'break-word' },
})

interface DocumentsPanelProps {
  client: ApiClient
  endpoint: ApiEndpoint
  sessionId: string
  /** PV and summary (document.export). */
  canExport: boolean
  /** CDC file (document.issue). */
  canIssue: boolean
  /** Reopen a deliberated session (session.finalise). */
  canFinalise: boolean
  busy: boolean
  /** The session's state changed (reopened): the session list follows it. */
  onSessionChanged?: () => void
}

type Result = { intent: 'success' | 'error'; text: string; lines?: string[] }

function describe(reason: unknown): Result {
  if (reason instanceof ApiError) {
    const lines = [...detailMessages(reason.details, 'errors'), ...detailMessages(reason.details, 'issues')]
    return { intent: 'error', text: reason.message, ...(lines.length > 0 ? { lines } : {}) }
  }
  return { intent: 'error', text: reason instanceof Error ? reason.message : fr.errors.unexpected }
}

/**
 * Downloads of the session's documents, and reopening a deliberation (amendment). Finalising is
 * « Envoyer les résultats » with the final deliberation ticked: it sends what the workbook shows.
 */
export function DocumentsPanel({ client, endpoint, sessionId, canExport, canIssue, canFinalise, busy, onSessionChanged }: DocumentsPanelProps) {
  const styles = useStyles()
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<Result | null>(null)
  const [amending, setAmending] = useState(false)
  const [reason, setReason] = useState('')
  const disabled = busy || running

  async function run(action: () => Promise<string | null>) {
    setRunning(true)
    setResult(null)
    try {
      const text = await action()
      if (text) setResult({ intent: 'success', text })
    } catch (error) {
      setResult(describe(error))
    } finally {
      setRunning(false)
    }
  }

  return (
    <div className={styles.panel}>
      {canExport && (
        <>
          <Button
            disabled={disabled}
            onClick={() =>
              void run(async () => {
                const pv = await downloadLatestPv(endpoint, sessionId)
                saveFile(pv)
                return fr.documents.pvDownloaded(pv.version)
              })
            }
          >
            {fr.documents.pv}
          </Button>
          <div className={styles.row}>
            <Button disabled={disabled} onClick={() => void run(async () => (saveFile(await downloadSummary(endpoint, sessionId, 'xlsx')), null))}>
              {fr.documents.summaryXlsx}
            </Button>
            <Button disabled={disabled} onClick={() => void run(async () => (saveFile(await downloadSummary(endpoint, sessionId, 'csv')), null))}>
              {fr.documents.summaryCsv}
            </Button>
          </div>
        </>
      )}
      {canIssue && (
        <Button disabled={disabled} onClick={() => void run(async () => (saveFile(await downloadCdc(endpoint, sessionId)), null))}>
          {fr.documents.cdc}
        </Button>
      )}
      {canFinalise &&
        (amending ? (
          <>
            <Field label={fr.documents.amendReason} required>
              <Textarea value={reason} disabled={disabled} onChange={(_, data) => setReason(data.value)} />
            </Field>
            <div className={styles.row}>
              <Button onClick={() => setAmending(false)} disabled={disabled}>
                {fr.documents.cancel}
              </Button>
              <Button
                disabled={disabled || reason.trim() === ''}
                onClick={() =>
                  void run(async () => {
                    const answer = await amendSession(client, sessionId, reason.trim())
                    setAmending(false)
                    setReason('')
                    onSessionChanged?.()
                    return fr.documents.amended(answer.amendment.nextPvVersion)
                  })
                }
              >
                {fr.documents.amendSubmit}
              </Button>
            </div>
          </>
        ) : (
          <Button disabled={disabled} onClick={() => setAmending(true)}>
            {fr.documents.amend}
          </Button>
        ))}

      {result && (
        <MessageBar intent={result.intent} layout="multiline" role={result.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>
            {result.text}
            {result.lines && (
              <ul className={styles.list}>
                {result.lines.map((line, index) => (
                  <li key={index}>{line}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  )
}
