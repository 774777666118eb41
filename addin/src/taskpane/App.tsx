import { Button, Caption1, MessageBar, MessageBarBody, Text, Title3, makeStyles, tokens } from '@fluentui/react-components'
import { lazy, useCallback, useEffect, useMemo, useState } from 'react'
import { frenchDateTimeOfIso } from '../../../shared/frenchDates'
import type { SyncMetadata } from '../../../shared/workbook/syncMetadata'
import { authorizationHeader, forgetToken, hasCredentials, loadAccount, saveAccount, type Account } from '../account/account'
import { can, fetchMe, type Me, type Permission } from '../account/permissions'
import { createApiClient } from '../api/client'
import type { ApiEndpoint } from '../api/download'
import { createSession, type SessionFields } from '../api/sessionAdmin'
import { listOpenableSessions, type SessionSummary } from '../api/sessions'
import { fr } from '../i18n/fr'
import { readWorkbookStatus } from '../sync/workbookStatus'
import { ActionProgressBar } from './components/ActionProgressBar'
import { ConflictResolver } from './components/ConflictResolver'
import { ConnectionForm } from './components/ConnectionForm'
import { ConnectionSummary } from './components/ConnectionSummary'
import { DifferencesList } from './components/DifferencesList'
import { ErrorMessage } from './components/ErrorMessage'
import { GridActions } from './components/GridActions'
import { LazyPanel } from './components/PanelBoundary'
import { SessionPicker } from './components/SessionPicker'
import { VerificationReportView } from './components/VerificationReportView'
import { isCredentialRefusal, toDisplayedError, type DisplayedError } from './displayedError'
import { emptySessionForm } from './sessionForm'
import { useGradingLoop } from './useGradingLoop'

const useStyles = makeStyles({
  // 20 px margins and a 4 px grid, for a 320–350 px wide pane.
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, padding: '20px' },
  // Right padding keeps the corner clear for Office's personality menu.
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingRight: '36px' },
  title: { margin: 0 },
  // Collapsible sections: native <details>, light on the bundle and keyboard-accessible.
  sections: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  section: {
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
    '& > div': { paddingTop: tokens.spacingVerticalS },
  },
  summary: { cursor: 'pointer', fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300 },
})

// Loaded when a section opens, to keep the pane's first load small.
const JuryImportPanel = lazy(() => import('./components/JuryImportPanel').then((m) => ({ default: m.JuryImportPanel })))
const DocumentsPanel = lazy(() => import('./components/DocumentsPanel').then((m) => ({ default: m.DocumentsPanel })))
const JuryPanel = lazy(() => import('./components/JuryPanel').then((m) => ({ default: m.JuryPanel })))
const PeoplePanel = lazy(() => import('./components/PeoplePanel').then((m) => ({ default: m.PeoplePanel })))
const CertifierSettingsPanel = lazy(() => import('./components/CertifierSettingsPanel').then((m) => ({ default: m.CertifierSettingsPanel })))
const AuditPanel = lazy(() => import('./components/AuditPanel').then((m) => ({ default: m.AuditPanel })))
// The référentiel tools (draft sheet, open-data import, diff) load only when their section opens.
const ReferentialPanel = lazy(() => import('./components/ReferentialPanel').then((m) => ({ default: m.ReferentialPanel })))
// Only when the user finalises: Fluent's Dialog alone would weigh on every start.
const FinaliseConfirmDialog = lazy(() => import('./components/FinaliseConfirmDialog').then((m) => ({ default: m.FinaliseConfirmDialog })))
// Session set-up (issue 15): the create form, the session's own actions and its candidates.
const SessionForm = lazy(() => import('./components/SessionForm').then((m) => ({ default: m.SessionForm })))
const SessionAdminPanel = lazy(() => import('./components/SessionAdminPanel').then((m) => ({ default: m.SessionAdminPanel })))
const CandidatesPanel = lazy(() => import('./components/CandidatesPanel').then((m) => ({ default: m.CandidatesPanel })))
const FinalisationDifferencesView = lazy(() =>
  import('./components/FinalisationDifferencesView').then((m) => ({ default: m.FinalisationDifferencesView })),
)

/** The session the workbook holds if the server still has it, else the first open one. */
function pickSession(list: SessionSummary[], previousId: string): string {
  if (list.some((session) => session.id === previousId)) return previousId
  return (list.find((session) => session.status === 'open') ?? list[0])?.id ?? ''
}

/** The pane: connect, pick a session, then pull, verify and send its grid. */
export function App() {
  const styles = useStyles()
  const [account, setAccount] = useState<Account>(loadAccount)
  const [editingConnection, setEditingConnection] = useState(true)
  const [connecting, setConnecting] = useState(false)
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null)
  const [selectedId, setSelectedId] = useState('')
  const [workbook, setWorkbook] = useState<SyncMetadata | null>(null)
  /** What the user may do; null when unknown (the Worker decides anyway). */
  const [me, setMe] = useState<Me | null>(null)
  /** The Journal is fetched only once opened: it costs two requests. */
  const [auditOpen, setAuditOpen] = useState(false)
  /** The référentiels section lists versions once opened. */
  const [referentialsOpen, setReferentialsOpen] = useState(false)
  // Sections that fetch when opened, and again when reopened (fresh data after a finalisation).
  const [juryOpen, setJuryOpen] = useState(false)
  const [documentsOpen, setDocumentsOpen] = useState(false)
  const [peopleOpen, setPeopleOpen] = useState(false)
  const [settingsOpen, setSettingsOpen] = useState(false)
  const [connectionError, setConnectionError] = useState<{ key: number; value: DisplayedError } | null>(null)
  /** The « Nouvelle session » form is open. */
  const [creating, setCreating] = useState(false)
  const [createNotice, setCreateNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null)
  /** The session just created from the pane: its « Candidats » sheet is written at once. */
  const [createdId, setCreatedId] = useState('')
  /** « Gérer la session » and « Candidats » open by themselves for a new session (set-up comes first). */
  const [setupOpen, setSetupOpen] = useState(false)
  const [candidatesOpen, setCandidatesOpen] = useState(false)
  const openSetup = (open: boolean) => {
    setSetupOpen(open)
    setCandidatesOpen(open)
  }

  const client = useMemo(() => createApiClient(account.apiBaseUrl, () => authorizationHeader(account)), [account])
  const endpoint = useMemo<ApiEndpoint>(() => ({ baseUrl: account.apiBaseUrl, authorization: () => authorizationHeader(account) }), [account])
  /** Reads the session list again (states, counts) and selects `selectId`, or keeps the choice. */
  const refreshSessions = useCallback(
    async (selectId?: string) => {
      const list = await listOpenableSessions(client, Promise.resolve(me && me.sessions.map((session) => session.id)))
      // The « session créée » notice has done its job once anything else changes the list.
      if (selectId === undefined) setCreateNotice(null)
      setSessions(list)
      setSelectedId((previous) => pickSession(list, selectId ?? previous))
    },
    [client, me],
  )
  // A pull or a finalisation may follow a change of state (délibérée, rouverte): the list follows it.
  const onWorkbookChanged = useCallback(
    (metadata: SyncMetadata) => {
      setWorkbook(metadata)
      refreshSessions().catch(() => undefined)
    },
    [refreshSessions],
  )
  const loop = useGradingLoop(client, onWorkbookChanged)
  const { state } = loop
  const busy = connecting || state.running !== null

  const connect = useCallback(async (next: Account) => {
    setConnecting(true)
    setConnectionError(null)
    try {
      saveAccount(next)
      setAccount(next)
      // The permissions are a convenience: unknown, every action shows and the Worker decides.
      const me = fetchMe(next).catch(() => null)
      const [list, metadata, identity] = await Promise.all([
        listOpenableSessions(
          createApiClient(next.apiBaseUrl, () => authorizationHeader(next)),
          me.then((known) => known && known.sessions.map((session) => session.id)),
        ),
        // So is the workbook's status: the pane still works without it.
        readWorkbookStatus().catch(() => null),
        me,
      ])
      setMe(identity)
      setSessions(list)
      setWorkbook(metadata)
      setSelectedId((previous) => pickSession(list, metadata?.sessionId ?? previous))
      setEditingConnection(false)
    } catch (reason) {
      setSessions(null)
      if (isCredentialRefusal(reason) && next.method !== 'microsoft') {
        // A refused token is worth nothing: forgotten here, so that it is not sent again on next opening.
        setAccount(forgetToken(next))
        setConnectionError({ key: Date.now(), value: { ...toDisplayedError(reason), message: fr.tokenRejected } })
      } else {
        setConnectionError({ key: Date.now(), value: toDisplayedError(reason) })
      }
    } finally {
      setConnecting(false)
    }
  }, [])

  // A remembered token signs in on its own; the server still decides whether it is valid.
  useEffect(() => {
    const remembered = loadAccount()
    // eslint-disable-next-line react-hooks/set-state-in-effect -- fetch on open: its state changes follow the request
    if (hasCredentials(remembered)) void connect(remembered)
  }, [connect])

  /** Token or Microsoft sign-in alike: forget the credentials, keep the address, show the form. */
  const signOut = () => {
    setAccount(forgetToken(account))
    setSessions(null)
    setMe(null)
    setConnectionError(null)
    setEditingConnection(true)
  }

  const connected = sessions !== null
  const hasGrid = workbook !== null
  const allowed = (permission: Permission) => me === null || can(me, permission, selectedId)
  const selected = sessions?.find((session) => session.id === selectedId) ?? null
  const dismissError = () => {
    setConnectionError(null)
    loop.dismissError()
  }
  const canCreateSession = me === null || can(me, 'session.create')

  const submitNewSession = (referentialId: string, fields: SessionFields) => {
    setCreateNotice(null)
    createSession(client, { ...fields, referentialId })
      .then(async (session) => {
        setCreating(false)
        setCreatedId(session.id)
        openSetup(true)
        await refreshSessions(session.id)
        setCreateNotice({ intent: 'success', text: fr.setup.created(session.name) })
      })
      .catch((reason: unknown) => setCreateNotice({ intent: 'error', text: toDisplayedError(reason).message }))
  }

  return (
    <main className={styles.pane}>
      <header className={styles.header}>
        <Title3 as="h1" className={styles.title}>
          {fr.appName}
        </Title3>
        <Caption1>{fr.tagline}</Caption1>
      </header>

      {connected && !editingConnection ? (
        <ConnectionSummary
          apiBaseUrl={account.apiBaseUrl}
          me={me}
          sessionId={selectedId}
          busy={busy}
          onEdit={() => setEditingConnection(true)}
          onSignOut={signOut}
        />
      ) : (
        // Keyed on the credentials: a refused token, forgotten, also leaves the field.
        <ConnectionForm key={account.token === '' ? 'no-token' : 'token'} account={account} busy={busy} onConnect={(next) => void connect(next)} onForgetToken={signOut} />
      )}
      {/* Under the form that started it, not below every section. */}
      {connectionError && <ErrorMessage key={connectionError.key} error={connectionError.value} onDismiss={dismissError} />}

      {connected && sessions.length > 0 && (
        <SessionPicker
          sessions={sessions}
          selectedId={selectedId}
          disabled={busy}
          onSelect={(id) => {
            setSelectedId(id)
            openSetup(sessions.find((session) => session.id === id)?.candidateCount === 0)
          }}
        />
      )}

      {connected && sessions.length === 0 && !creating && (
        <div className={styles.sections} data-testid="no-session">
          <Text>{fr.setup.empty}</Text>
          <Caption1>{canCreateSession ? fr.setup.emptyCreate : fr.setup.emptyNoRight}</Caption1>
          {canCreateSession && (
            <Button appearance="primary" disabled={busy} onClick={() => setCreating(true)}>
              {fr.setup.create}
            </Button>
          )}
        </div>
      )}
      {connected && sessions.length > 0 && canCreateSession && !creating && (
        <Button size="small" disabled={busy} onClick={() => setCreating(true)}>
          {fr.setup.newSession}
        </Button>
      )}
      {connected && creating && (
        <LazyPanel>
          <SessionForm
            client={client}
            mode="create"
            initial={emptySessionForm()}
            busy={busy}
            submitLabel={fr.setup.submitCreate}
            onSubmit={submitNewSession}
            onCancel={() => setCreating(false)}
          />
        </LazyPanel>
      )}
      {/* Under the form that created the session. */}
      {createNotice && (
        <MessageBar intent={createNotice.intent} layout="multiline" role={createNotice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{createNotice.text}</MessageBarBody>
        </MessageBar>
      )}

      {connected && (
        <Caption1 data-testid="workbook-status">
          {workbook === null ? fr.workbook.none : fr.workbook.linked(workbook.sessionName, frenchDateTimeOfIso(workbook.pulledAt))}
          {workbook !== null && selectedId !== '' && workbook.sessionId !== selectedId ? ` ${fr.workbook.otherSession}` : ''}
        </Caption1>
      )}

      {connected && sessions.length > 0 && (
        <GridActions
          busy={busy}
          canPull={selectedId !== ''}
          hasGrid={hasGrid}
          sendBlocked={state.sendBlocked}
          canSend={allowed('grade.write')}
          canFinalise={allowed('session.finalise')}
          finalDeliberation={state.finalDeliberation}
          onFinalDeliberationChange={loop.setFinalDeliberation}
          onPull={() => void loop.pull(selectedId)}
          onVerify={() => void loop.verify()}
          onSend={() => (state.finalDeliberation && workbook ? loop.askFinalise(workbook.sessionId, workbook.sessionName) : void loop.send())}
        />
      )}

      {/* The grid actions' progress and outcome, right under their buttons. */}
      {state.progress && <ActionProgressBar progress={state.progress} />}

      {state.notices.map((notice) => (
        <MessageBar key={notice.text} intent={notice.intent} layout="multiline" role="status">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      ))}

      {state.error && <ErrorMessage key={state.error.key} error={state.error.value} onDismiss={dismissError} />}

      {state.conflicts && workbook && (
        <ConflictResolver
          conflicts={state.conflicts.cells}
          pushRefused={state.conflicts.pushRefused}
          busy={busy}
          onApply={(resolutions) => void loop.pull(workbook.sessionId, resolutions)}
          onCancel={loop.dismissConflicts}
        />
      )}

      {state.report && <VerificationReportView report={state.report.value} pendingInputs={state.report.pendingInputs} />}

      {state.finalisationDifferences && (
        <LazyPanel quiet>
          <FinalisationDifferencesView differences={state.finalisationDifferences} />
        </LazyPanel>
      )}

      {state.kept.length > 0 && <DifferencesList differences={state.kept} />}

      {state.finaliseConfirmation && (
        <LazyPanel quiet>
          <FinaliseConfirmDialog
            sessionName={state.finaliseConfirmation.sessionName}
            nextPvVersion={state.finaliseConfirmation.nextPvVersion}
            juryFailures={state.finaliseConfirmation.juryFailures}
            onConfirm={loop.confirmFinalise}
            onCancel={loop.cancelFinalise}
          />
        </LazyPanel>
      )}

      {connected && allowed('referential.write') && (
        <div className={styles.sections}>
          <details className={styles.section} open={referentialsOpen} onToggle={(event) => setReferentialsOpen(event.currentTarget.open)}>
            <summary className={styles.summary}>{fr.referentials.section}</summary>
            {referentialsOpen && (
              <LazyPanel>
                <ReferentialPanel client={client} busy={busy} />
              </LazyPanel>
            )}
          </details>
        </div>
      )}

      {connected && selected && (
        <div className={styles.sections}>
          <details className={styles.section} open={setupOpen} onToggle={(event) => setSetupOpen(event.currentTarget.open)}>
            <summary className={styles.summary}>{fr.setup.section}</summary>
            <LazyPanel>
              <SessionAdminPanel
                client={client}
                session={selected}
                canUpdate={allowed('session.update')}
                canCreate={canCreateSession}
                canClose={allowed('session.finalise')}
                busy={busy}
                onChanged={refreshSessions}
              />
            </LazyPanel>
          </details>
          <details className={styles.section} open={candidatesOpen} onToggle={(event) => setCandidatesOpen(event.currentTarget.open)}>
            <summary className={styles.summary}>{fr.candidates.section}</summary>
            <LazyPanel>
              <CandidatesPanel
                key={selected.id}
                client={client}
                endpoint={endpoint}
                session={selected}
                canWrite={allowed('candidate.write')}
                busy={busy}
                onChanged={() => refreshSessions()}
                prepareSheet={createdId === selected.id}
              />
            </LazyPanel>
          </details>
        </div>
      )}

      {connected && selectedId !== '' && (
        <div className={styles.sections}>
          <details className={styles.section} open={juryOpen} onToggle={(event) => setJuryOpen(event.currentTarget.open)}>
            <summary className={styles.summary}>{fr.juryEditor.title}</summary>
            {juryOpen && (
              <LazyPanel>
                <JuryPanel key={selectedId} client={client} sessionId={selectedId} canEdit={allowed('jury.write')} sessionOpen={selected?.status === 'open'} busy={busy} />
              </LazyPanel>
            )}
          </details>
          <details className={styles.section}>
            <summary className={styles.summary}>{fr.sections.jury}</summary>
            <LazyPanel>
              <JuryImportPanel key={selectedId} endpoint={endpoint} sessionId={selectedId} canImport={allowed('grade.write')} busy={busy} />
            </LazyPanel>
          </details>
          {(allowed('document.export') || allowed('document.issue') || allowed('session.finalise')) && (
            <details className={styles.section} open={documentsOpen} onToggle={(event) => setDocumentsOpen(event.currentTarget.open)}>
              <summary className={styles.summary}>{fr.sections.documents}</summary>
              {documentsOpen && (
                <LazyPanel>
                  <DocumentsPanel
                    key={selectedId}
                    client={client}
                    endpoint={endpoint}
                    sessionId={selectedId}
                    canExport={allowed('document.export')}
                    canIssue={allowed('document.issue')}
                    canFinalise={allowed('session.finalise')}
                    busy={busy}
                    onSessionChanged={() => void refreshSessions().catch(() => undefined)}
                  />
                </LazyPanel>
              )}
            </details>
          )}
          {(allowed('user.manage') || allowed('token.manage')) && (
            <details className={styles.section} open={peopleOpen} onToggle={(event) => setPeopleOpen(event.currentTarget.open)}>
              <summary className={styles.summary}>{fr.people.title}</summary>
              {peopleOpen && (
                <LazyPanel>
                  <PeoplePanel
                    key={selectedId}
                    client={client}
                    sessionId={selectedId}
                    sessionName={selected?.name ?? selectedId}
                    canManageUsers={allowed('user.manage')}
                    canManageTokens={allowed('token.manage')}
                    busy={busy}
                  />
                </LazyPanel>
              )}
            </details>
          )}
          {allowed('audit.read') && (
            <details className={styles.section} open={auditOpen} onToggle={(event) => setAuditOpen(event.currentTarget.open)}>
              <summary className={styles.summary}>{fr.sections.audit}</summary>
              {auditOpen && (
                <LazyPanel>
                  <AuditPanel key={selectedId} client={client} sessionId={selectedId} />
                </LazyPanel>
              )}
            </details>
          )}
        </div>
      )}

      {connected && allowed('settings.manage') && (
        <div className={styles.sections}>
          <details className={styles.section} open={settingsOpen} onToggle={(event) => setSettingsOpen(event.currentTarget.open)}>
            <summary className={styles.summary}>{fr.certifier.title}</summary>
            {settingsOpen && (
              <LazyPanel>
                <CertifierSettingsPanel client={client} busy={busy} />
              </LazyPanel>
            )}
          </details>
        </div>
      )}
    </main>
  )
}
