import { Button, Caption1, Field, MessageBar, MessageBarBody, Select, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { listAuditEvents, type AuditEntry } from '../../api/audit'
import { listCandidates, type SessionCandidate } from '../../api/candidates'
import type { ApiClient } from '../../api/client'
import { fr } from '../../i18n/fr'
import { auditEventLines, candidateChoices } from '../auditLines'
import { toDisplayedError } from '../displayedError'

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  toolbar: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  // A native select is as wide as its longest option; long names must not widen the pane.
  field: { flexGrow: 1, minWidth: 0, gridTemplateColumns: 'minmax(0, 1fr)' },
  select: { minWidth: 0, textOverflow: 'ellipsis' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  event: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalXS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    wordBreak: 'break-word',
  },
  meta: { color: tokens.colorNeutralForeground3 },
})

interface AuditPanelProps {
  client: ApiClient
  sessionId: string
}

/**
 * The session's audit trail, newest first: what happened last is what the user opens the Journal
 * for. The Worker pages backwards (`before` = the last id seen), so « Afficher plus » appends the
 * older events below what is shown. Filter by candidate, refresh.
 */
export function AuditPanel({ client, sessionId }: AuditPanelProps) {
  const styles = useStyles()
  const [candidates, setCandidates] = useState<SessionCandidate[] | null>(null)
  const [candidatesFailed, setCandidatesFailed] = useState(false)
  const [candidateId, setCandidateId] = useState('')
  const [events, setEvents] = useState<AuditEntry[]>([])
  const [nextBefore, setNextBefore] = useState<number | null>(null)
  const [loading, setLoading] = useState(false)
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<string | null>(null)
  /** Bumped by « Actualiser »: reloads the candidates and the first page. */
  const [refreshes, setRefreshes] = useState(0)
  /** Only the latest request may update the list (the filter can change while a page loads). */
  const latest = useRef(0)

  // The filter's choices: the session's candidates (one request, the same list the grid uses).
  useEffect(() => {
    let current = true
    listCandidates(client, sessionId).then(
      (list) => {
        if (!current) return
        setCandidates(list)
        setCandidatesFailed(false)
      },
      () => {
        if (current) setCandidatesFailed(true)
      },
    )
    return () => {
      current = false
    }
  }, [client, sessionId, refreshes])

  const load = useCallback(
    async (before: number | null) => {
      const request = ++latest.current
      setLoading(true)
      setError(null)
      try {
        const page = await listAuditEvents(client, sessionId, { ...(candidateId ? { candidateId } : {}), ...(before === null ? {} : { before }) })
        if (request !== latest.current) return
        setEvents((shown) => (before === null ? page.events : [...shown, ...page.events]))
        setNextBefore(page.nextBefore)
        setLoaded(true)
      } catch (reason) {
        if (request === latest.current) setError(toDisplayedError(reason).message)
      } finally {
        if (request === latest.current) setLoading(false)
      }
    },
    [client, sessionId, candidateId],
  )

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- fetch on open: its state changes follow the request
    void load(null)
  }, [load, refreshes])

  const choices = useMemo(() => candidateChoices(candidates ?? []), [candidates])
  const labels = useMemo(() => new Map(choices.map((c) => [c.id, c.label])), [choices])
  const lines = useMemo(() => events.map((event) => auditEventLines(event, { candidates: labels })), [events, labels])

  return (
    <div className={styles.panel}>
      <div className={styles.toolbar}>
        <Field className={styles.field} label={fr.audit.filterLabel}>
          <Select
            select={{ className: styles.select }}
            value={candidateId}
            disabled={candidates === null || candidates.length === 0}
            onChange={(_, data) => {
              // A new filter starts a new list rather than showing the old one under it.
              setEvents([])
              setNextBefore(null)
              setLoaded(false)
              setCandidateId(data.value)
            }}
          >
            <option value="">{fr.audit.allCandidates}</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </Select>
        </Field>
        <Button disabled={loading} onClick={() => setRefreshes((n) => n + 1)}>
          {fr.audit.refresh}
        </Button>
      </div>
      {candidatesFailed && <Caption1>{fr.audit.candidatesUnavailable}</Caption1>}
      {error && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {loaded && lines.length === 0 && <Text>{candidateId ? fr.audit.emptyForCandidate : fr.audit.empty}</Text>}
      {lines.length > 0 && (
        <>
          <Caption1 className={styles.meta}>{fr.audit.order}</Caption1>
          <ol className={styles.list} aria-label={fr.sections.audit}>
            {lines.map((line) => (
              <li key={line.id} className={styles.event}>
                <Caption1 className={styles.meta}>{`${line.when} · ${line.actor}`}</Caption1>
                <Text weight="semibold">{line.action}</Text>
                {line.candidate && <Caption1>{line.candidate}</Caption1>}
                {line.details.map((detail, i) => (
                  <Caption1 key={i}>{detail}</Caption1>
                ))}
              </li>
            ))}
          </ol>
        </>
      )}
      {loading && <Spinner size="tiny" label={fr.audit.loading} />}
      {!loading && nextBefore !== null && <Button onClick={() => void load(nextBefore)}>{fr.audit.more}</Button>}
    </div>
  )
}
