import {
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { authorizationHeader, forgetToken, hasCredentials, loadAccount, saveAccount, type Account } from '../account/account'
import { createApiClient } from '../api/client'
import { getReferential, listReferentials, type ReferentialSummary } from '../api/referentials'
import { writeReferentialSheet } from '../excel/writeReferentialSheet'
import { fr } from '../i18n/fr'
import { ConnectionForm } from './components/ConnectionForm'
import { ConnectionSummary } from './components/ConnectionSummary'
import { ErrorMessage } from './components/ErrorMessage'
import { ReferentialPicker } from './components/ReferentialPicker'
import { toDisplayedError, type DisplayedError } from './displayedError'

const useStyles = makeStyles({
  // 20 px margins and a 4 px grid, for a 320–350 px wide pane.
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, padding: '20px' },
  // Right padding keeps the corner clear for Office's personality menu.
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingRight: '36px' },
  title: { margin: 0 },
})

type Phase = 'idle' | 'connecting' | 'fetching' | 'writing'

interface Progress {
  done: number
  total: number
}

/** Picks the previous choice if still offered, else the first published version, else the first. */
function pickReferential(list: ReferentialSummary[], previousId: string): string {
  if (list.some((item) => item.id === previousId)) return previousId
  return (list.find((item) => item.status === 'published') ?? list[0])?.id ?? ''
}

/** The pane: connect to the API, pick a référentiel, write it into the workbook. */
export function App() {
  const styles = useStyles()
  const [account, setAccount] = useState<Account>(loadAccount)
  const [editingConnection, setEditingConnection] = useState(true)
  const [referentials, setReferentials] = useState<ReferentialSummary[] | null>(null)
  const [selectedId, setSelectedId] = useState('')
  const [phase, setPhase] = useState<Phase>('idle')
  const [progress, setProgress] = useState<Progress | null>(null)
  const [error, setError] = useState<{ key: number; value: DisplayedError } | null>(null)
  const [success, setSuccess] = useState<string | null>(null)

  const busy = phase !== 'idle'
  const client = useMemo(() => createApiClient(account.apiBaseUrl, () => authorizationHeader(account)), [account])

  const connect = useCallback(async (next: Account) => {
    setPhase('connecting')
    setError(null)
    setSuccess(null)
    try {
      saveAccount(next)
      setAccount(next)
      const list = await listReferentials(createApiClient(next.apiBaseUrl, () => authorizationHeader(next)))
      setReferentials(list)
      setSelectedId((previous) => pickReferential(list, previous))
      setEditingConnection(false)
    } catch (reason) {
      setReferentials(null)
      setError({ key: Date.now(), value: toDisplayedError(reason) })
    } finally {
      setPhase('idle')
    }
  }, [])

  // A remembered token signs in on its own; the server still decides whether it is valid.
  useEffect(() => {
    const remembered = loadAccount()
    if (hasCredentials(remembered)) void connect(remembered)
  }, [connect])

  const writeSelected = async () => {
    setError(null)
    setSuccess(null)
    setPhase('fetching')
    setProgress(null)
    try {
      const referential = await getReferential(client, selectedId)
      setPhase('writing')
      setProgress({ done: 0, total: 1 })
      const result = await writeReferentialSheet(referential, (done, total) => setProgress({ done, total }))
      setSuccess(fr.referentials.written(result.sheetName, result.rowCount))
    } catch (reason) {
      setError({ key: Date.now(), value: toDisplayedError(reason) })
    } finally {
      setPhase('idle')
      setProgress(null)
    }
  }

  const connected = referentials !== null

  return (
    <main className={styles.pane}>
      <header className={styles.header}>
        <Title3 as="h1" className={styles.title}>
          {fr.appName}
        </Title3>
        <Caption1>{fr.tagline}</Caption1>
      </header>

      {connected && !editingConnection ? (
        <ConnectionSummary apiBaseUrl={account.apiBaseUrl} busy={busy} onEdit={() => setEditingConnection(true)} />
      ) : (
        <ConnectionForm
          account={account}
          busy={busy}
          onConnect={(next) => void connect(next)}
          onForgetToken={() => {
            setAccount(forgetToken(account))
            setReferentials(null)
          }}
        />
      )}

      {connected && (
        <ReferentialPicker referentials={referentials} selectedId={selectedId} disabled={busy} onSelect={setSelectedId} />
      )}

      {connected && referentials.length > 0 && (
        <Button appearance="primary" disabled={busy || selectedId === ''} onClick={() => void writeSelected()}>
          {fr.referentials.writeButton}
        </Button>
      )}

      {(phase === 'fetching' || phase === 'writing') && (
        <Field
          validationMessage={phase === 'fetching' ? fr.referentials.fetching : fr.referentials.writing}
          validationState="none"
        >
          {/* Indeterminate while downloading; chunks synced / total while Excel works. */}
          <ProgressBar value={progress ? progress.done : undefined} max={progress ? progress.total : undefined} />
        </Field>
      )}

      {success && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{success}</MessageBarBody>
        </MessageBar>
      )}

      {error && <ErrorMessage key={error.key} error={error.value} onDismiss={() => setError(null)} />}
    </main>
  )
}
