import { Button, Caption1, Field, Spinner, Subtitle2, Textarea, makeStyles, tokens } from '@fluentui/react-components'
import { useCallback, useEffect, useState } from 'react'
import type { ApiClient } from '../../api/client'
import { amendSession, documentAvailability, downloadDocument, type SessionDocuments } from '../../api/documents'
import { saveFile, type ApiEndpoint } from '../../api/download'
import { fr } from '../../i18n/fr'
import { ActionFeedback, feedbackOf, useActionFeedback } from './ActionFeedback'

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  document: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, '& > *': { flexGrow: 1 } },
  candidates: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    maxHeight: '320px',
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  candidate: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, wordBreak: 'break-word' },
})

const FALLBACK_NAMES: Record<string, string> = {
  pv: 'PV.pdf',
  attestations: 'attestations.pdf',
  summaryXlsx: 'synthese.xlsx',
  summaryCsv: 'synthese.csv',
  cdc: 'cdc-accrochage.xml',
}

interface DocumentsPanelProps {
  client: ApiClient
  endpoint: ApiEndpoint
  sessionId: string
  /** PV and summary (document.export). */
  canExport: boolean
  /** Attestations and CDC file (document.issue). */
  canIssue: boolean
  /** Reopen a deliberated session (session.finalise). */
  canFinalise: boolean
  busy: boolean
  /** The session's state changed (reopened): the session list follows it. */
  onSessionChanged?: () => void
}

/**
 * The session's documents as the Worker says they can be produced now: a document that cannot is
 * a disabled button with the reason beside it; each download is confirmed under its button. And
 * reopening a deliberation (amendment). Finalising is « Envoyer les résultats » with the final
 * deliberation ticked: it sends what the workbook shows.
 */
export function DocumentsPanel({ client, endpoint, sessionId, canExport, canIssue, canFinalise, busy, onSessionChanged }: DocumentsPanelProps) {
  const styles = useStyles()
  const [documents, setDocuments] = useState<SessionDocuments | null>(null)
  const [amending, setAmending] = useState(false)
  const [reason, setReason] = useState('')
  const { running, feedback, setFeedback, run } = useActionFeedback()
  const disabled = busy || running !== null

  const reload = useCallback(
    () =>
      documentAvailability(client, sessionId).then(
        (answer) => {
          setDocuments(answer)
          setFeedback((previous) => (previous?.action === 'load' ? null : previous))
        },
        (reason: unknown) => setFeedback(feedbackOf('load', reason)),
      ),
    [client, sessionId, setFeedback],
  )

  useEffect(() => {
    void reload()
  }, [reload])

  const download = (action: string, href: string, fallbackName: string) =>
    void run(action, async () => {
      const file = await downloadDocument(endpoint, href, fallbackName)
      saveFile(file)
      return fr.documentsAvailability.downloaded(file.fileName)
    })

  // The role decides what shows (the Worker checks again); without the answer, the permissions do.
  const shown = (documents?.documents ?? []).filter((d) => d.allowed && (d.kind === 'attestations' || d.kind === 'cdc' ? canIssue : canExport))
  const attestationsAllowed = documents?.documents.some((d) => d.kind === 'attestations' && d.allowed) === true && canIssue
  const deliberated = documents !== null && documents.status !== 'open' && documents.pvVersion !== null

  return (
    <div className={styles.panel} data-testid="documents-panel">
      {documents === null && feedback?.action !== 'load' && <Spinner size="tiny" label={fr.documentsAvailability.loading} />}
      <ActionFeedback action="load" running={null} feedback={feedback} />
      {documents === null && feedback?.action === 'load' && (
        <Button size="small" onClick={() => void reload()}>
          {fr.documentsAvailability.refresh}
        </Button>
      )}

      {shown.map((document) => (
        <div key={document.kind} className={styles.document} data-testid={`document-${document.kind}`}>
          <Button
            disabled={disabled || !document.available || document.href === null}
            onClick={() => document.href && download(document.kind, document.href, FALLBACK_NAMES[document.kind] ?? 'document')}
          >
            {document.label}
          </Button>
          {!document.available && document.reason && <Caption1>{document.reason}</Caption1>}
          <ActionFeedback action={document.kind} running={running} feedback={feedback} progressLabel={fr.documentsAvailability.downloading} />
        </div>
      ))}

      {attestationsAllowed && deliberated && documents.attestations.length > 0 && (
        <>
          <Subtitle2 as="h3">{fr.documentsAvailability.attestationsTitle}</Subtitle2>
          <ul className={styles.candidates} data-testid="attestation-list">
            {documents.attestations.map((attestation) => (
              <li key={attestation.candidateId} className={styles.document}>
                <div className={styles.candidate}>
                  <span>
                    {attestation.name} <Caption1>({attestation.schoolId})</Caption1>
                  </span>
                  <Button
                    size="small"
                    disabled={disabled || !attestation.available || attestation.href === null}
                    aria-label={`${fr.documentsAvailability.attestation} ${attestation.name}`}
                    onClick={() => attestation.href && download(`attestation-${attestation.candidateId}`, attestation.href, `attestation-${attestation.schoolId}.pdf`)}
                  >
                    {fr.documentsAvailability.attestation}
                  </Button>
                </div>
                {!attestation.available && attestation.reason && <Caption1>{attestation.reason}</Caption1>}
                <ActionFeedback
                  action={`attestation-${attestation.candidateId}`}
                  running={running}
                  feedback={feedback}
                  progressLabel={fr.documentsAvailability.downloading}
                />
              </li>
            ))}
          </ul>
        </>
      )}

      {canFinalise &&
        deliberated &&
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
                  void run('amend', async () => {
                    const answer = await amendSession(client, sessionId, reason.trim())
                    setAmending(false)
                    setReason('')
                    await reload()
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
      <ActionFeedback action="amend" running={running} feedback={feedback} />
    </div>
  )
}
