import {
  Body1Strong,
  Button,
  Caption1,
  Checkbox,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components'
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react'
import { ApiError } from '../../api/client'
import { saveFile, type ApiEndpoint } from '../../api/download'
import {
  commitJuryImport,
  downloadBlankJurySheets,
  listJuryImportBatches,
  previewJuryImport,
  undoJuryImportBatch,
  type ConflictPolicy,
  type JuryImportAnswer,
  type JuryImportBatch,
} from '../../api/juryImports'
import { fr } from '../../i18n/fr'
import {
  answerOfRefusal,
  batchLines,
  commitGate,
  conflictHeading,
  conflictRows,
  importWarnings,
  previewedExclusions,
  refusalLines,
  sheetSummary,
  undoTargetOfCommit,
  type CommitBlock,
  type ConflictChoice,
  type UndoTarget,
} from '../juryImportView'
import { JuryImportBatches } from './JuryImportBatches'
import { JuryImportConflicts } from './JuryImportConflicts'
import { UndoBatchDialog } from './UndoBatchDialog'
import { OutcomeMessage } from './OutcomeMessage'

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  drop: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  dropActive: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorNeutralBackground2 },
  hidden: { display: 'none' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, '& > *': { flexGrow: 1 } },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: '200px', overflowY: 'auto', wordBreak: 'break-word' },
  file: { display: 'flex', flexDirection: 'column', wordBreak: 'break-word' },
})

interface JuryImportPanelProps {
  endpoint: ApiEndpoint
  sessionId: string
  /** The user may import and undo imports (grade.write, as the Worker's policy); the download and the list stay available to readers. */
  canImport: boolean
  /** Another action of the pane is running. */
  busy: boolean
}

type Result = { intent: 'success' | 'warning' | 'error'; text: string; lines?: string[] }

function describe(reason: unknown): Result {
  if (reason instanceof ApiError) {
    const lines = refusalLines(reason.details)
    return { intent: 'error', text: reason.message, ...(lines.length > 0 ? { lines } : {}) }
  }
  return { intent: 'error', text: reason instanceof Error ? reason.message : fr.errors.unexpected }
}

/** Why « Importer » is not available yet, when the user can do something about it. */
const blockText: Record<CommitBlock, string | null> = {
  no_preview: null,
  exclusions_changed: fr.juryImport.previewStale,
  session_not_open: fr.juryImport.sessionNotOpen,
  errors: fr.juryImport.notCommittable,
  choose_conflicts: fr.juryImport.conflicts.choose,
  preview_outdated: fr.juryImport.conflicts.updating,
  nothing_to_do: fr.juryImport.nothingToImport,
}

/**
 * Blank jury sheets to download; filled ones to preview, then import as one batch. Conflicts with
 * marks typed in the grid need an explicit choice for the batch; a batch can be undone as a whole.
 */
export function JuryImportPanel({ endpoint, sessionId, canImport, busy }: JuryImportPanelProps) {
  const styles = useStyles()
  const input = useRef<HTMLInputElement>(null)
  const [files, setFiles] = useState<File[]>([])
  const [dragging, setDragging] = useState(false)
  const [running, setRunning] = useState(false)
  const [preview, setPreview] = useState<JuryImportAnswer | null>(null)
  const [excluded, setExcluded] = useState<string[]>([])
  const [choice, setChoice] = useState<ConflictChoice>(null)
  const [result, setResult] = useState<Result | null>(null)
  /** The last commit that wrote a batch, for « Annuler cet import ». */
  const [lastCommit, setLastCommit] = useState<JuryImportAnswer | null>(null)
  const [batches, setBatches] = useState<JuryImportBatch[]>([])
  const [batchesError, setBatchesError] = useState<string | null>(null)
  const [undoTarget, setUndoTarget] = useState<UndoTarget | null>(null)
  /** The server's marks changed under the workbook: the user pulls when ready, never automatically. */
  const [gridBehind, setGridBehind] = useState(false)
  const disabled = busy || running

  const loadBatches = useCallback(async () => {
    try {
      setBatches(await listJuryImportBatches(endpoint, sessionId))
      setBatchesError(null)
    } catch (reason) {
      setBatchesError(describe(reason).text)
    }
  }, [endpoint, sessionId])

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- fetch on open: its state changes follow the request
    void loadBatches()
  }, [loadBatches])

  async function run(action: () => Promise<void>) {
    setRunning(true)
    setResult(null)
    try {
      await action()
    } catch (reason) {
      setResult(describe(reason))
      // A refused commit answers the plan as it stands now: it replaces the stale preview.
      const refused = reason instanceof ApiError ? answerOfRefusal(reason.details) : null
      if (refused) {
        setPreview(refused)
        setExcluded(previewedExclusions(refused))
      }
    } finally {
      setRunning(false)
    }
  }

  function choose(list: FileList | null) {
    const chosen = Array.from(list ?? []).filter((f) => f.name.toLowerCase().endsWith('.xlsx'))
    setFiles(chosen)
    setPreview(null)
    setExcluded([])
    setChoice(null)
    setResult(null)
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault()
    setDragging(false)
    if (!disabled) choose(event.dataTransfer.files)
  }

  async function runPreview(policy: ConflictPolicy) {
    const answer = await previewJuryImport(endpoint, sessionId, files, excluded, policy)
    setPreview(answer)
    setExcluded(previewedExclusions(answer))
  }

  function chooseConflictPolicy(next: Exclude<ConflictChoice, null>) {
    setChoice(next)
    // The dry run under the chosen policy shows what the commit will do with each conflict.
    void run(() => runPreview(next))
  }

  function undo(target: UndoTarget) {
    setUndoTarget(null)
    void run(async () => {
      try {
        const answer = await undoJuryImportBatch(endpoint, sessionId, target.batchId)
        setResult({ intent: 'success', text: answer.message })
        setGridBehind(true)
        if (lastCommit?.batch?.id === target.batchId) setLastCommit(null)
      } finally {
        // Refused or not, the list shows the batch as the server has it now.
        await loadBatches()
      }
    })
  }

  const gate = commitGate(preview, excluded, choice)
  const rows = preview ? conflictRows(preview.plan) : []
  const warnings = preview ? importWarnings(preview.plan) : { decisions: [], others: [] }
  const listed = batchLines(batches, { canUndo: canImport })
  const lastLine = lastCommit?.batch ? listed.lines.find((line) => line.batchId === lastCommit.batch?.id) : undefined
  const lastTarget = lastCommit && !lastLine?.undone ? undoTargetOfCommit(lastCommit, lastLine) : null
  const blocked = gate.allowed ? null : blockText[gate.reason]

  return (
    <div className={styles.panel}>
      <Button
        disabled={disabled}
        onClick={() =>
          void run(async () => {
            saveFile(await downloadBlankJurySheets(endpoint, sessionId))
          })
        }
      >
        {fr.juryImport.downloadBlank}
      </Button>

      {canImport && (
        <>
          <div
            className={dragging ? `${styles.drop} ${styles.dropActive}` : styles.drop}
            data-testid="jury-drop-zone"
            onDragOver={(event) => {
              event.preventDefault()
              setDragging(true)
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <Caption1>{fr.juryImport.dropZone}</Caption1>
            <input
              ref={input}
              className={styles.hidden}
              type="file"
              multiple
              accept=".xlsx"
              aria-label={fr.juryImport.chooseFiles}
              onChange={(event) => choose(event.target.files)}
            />
            <Button size="small" disabled={disabled} onClick={() => input.current?.click()}>
              {fr.juryImport.chooseFiles}
            </Button>
            {files.length > 0 && <Caption1>{fr.juryImport.selected(files.length)}</Caption1>}
          </div>

          <div className={styles.row}>
            <Button disabled={disabled || files.length === 0} onClick={() => void run(() => runPreview(choice ?? 'fail'))}>
              {fr.juryImport.preview}
            </Button>
            <Button
              appearance="primary"
              disabled={disabled || !gate.allowed}
              onClick={() => {
                if (!gate.allowed) return
                void run(async () => {
                  const answer = await commitJuryImport(endpoint, sessionId, files, excluded, gate.policy, preview?.previewToken)
                  setPreview(null)
                  setFiles([])
                  setExcluded([])
                  setChoice(null)
                  if (input.current) input.current.value = ''
                  setResult({ intent: 'success', text: answer.message ?? fr.juryImport.nothingToImport })
                  if (answer.batch) {
                    setLastCommit(answer)
                    setGridBehind(true)
                    await loadBatches()
                  }
                })
              }}
            >
              {fr.juryImport.import}
            </Button>
          </div>

          {preview && (
            <div className={styles.panel} data-testid="jury-preview">
              <Caption1>
                <Body1Strong>{fr.juryImport.total} : </Body1Strong>
                {fr.juryImport.counts(preview.plan.totals, preview.plan.totals.errors)}
              </Caption1>
              {preview.plan.files.map((file) => {
                const status = fr.juryImport.status[file.status] ?? ''
                const bad = file.status === 'error' || excluded.includes(file.file)
                const summary = sheetSummary(file)
                return (
                  <div key={file.file} className={styles.file}>
                    <Caption1>
                      <Body1Strong>{file.file}</Body1Strong>
                      {status ? ` (${status})` : ''}
                    </Caption1>
                    {file.status === 'error' && summary ? (
                      // The counts of a file in error are all 0 (nothing of it is imported): show its sheets instead.
                      <Caption1 data-testid="jury-file-sheets">
                        {fr.juryImport.sheetSummary(summary)} — {fr.juryImport.fileInError}
                      </Caption1>
                    ) : (
                      <Caption1>{fr.juryImport.counts(file.counts, file.errors.length)}</Caption1>
                    )}
                    {file.status !== 'error' && summary && (summary.ignored > 0 || summary.inError.length > 0) && (
                      <Caption1 data-testid="jury-file-sheets">{fr.juryImport.sheetSummary(summary)}</Caption1>
                    )}
                    {bad && (
                      <Checkbox
                        label={fr.juryImport.exclude}
                        disabled={disabled}
                        checked={excluded.includes(file.file)}
                        onChange={(_, data) =>
                          setExcluded((previous) =>
                            data.checked === true ? [...previous, file.file] : previous.filter((name) => name !== file.file),
                          )
                        }
                      />
                    )}
                  </div>
                )
              })}
              {preview.plan.errors.length > 0 && (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>
                    <Body1Strong>{fr.juryImport.errorsTitle}</Body1Strong>
                    <ul className={styles.list}>
                      {preview.plan.errors.map((issue, index) => (
                        <li key={index}>{issue.message}</li>
                      ))}
                    </ul>
                  </MessageBarBody>
                </MessageBar>
              )}
              {rows.length > 0 && <JuryImportConflicts rows={rows} heading={conflictHeading(preview.plan, rows.length)} choice={choice} disabled={disabled} onChoose={chooseConflictPolicy} />}
              {warnings.decisions.length > 0 && (
                <MessageBar intent="warning" layout="multiline" data-testid="jury-decisions">
                  <MessageBarBody>
                    <MessageBarTitle>{fr.juryImport.decisionsTitle}</MessageBarTitle>
                    {fr.juryImport.decisionsIntro}
                    <ul className={styles.list}>
                      {warnings.decisions.map((message, index) => (
                        <li key={index}>{message}</li>
                      ))}
                    </ul>
                  </MessageBarBody>
                </MessageBar>
              )}
              {warnings.others.length > 0 && (
                <div className={styles.file}>
                  <Body1Strong>{fr.juryImport.warningsTitle}</Body1Strong>
                  <ul className={styles.list}>
                    {warnings.others.map((message, index) => (
                      <li key={index}>
                        <Caption1>{message}</Caption1>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {blocked && <Caption1>{blocked}</Caption1>}
            </div>
          )}
        </>
      )}

      {result && <OutcomeMessage outcome={result} />}

      {canImport && lastTarget && (
        <Button disabled={disabled} onClick={() => setUndoTarget(lastTarget)}>
          {fr.juryImport.undoLast}
        </Button>
      )}

      {gridBehind && (
        <MessageBar intent="info" layout="multiline" role="status" data-testid="jury-grid-behind">
          <MessageBarBody>{fr.juryImport.gridBehind}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="subtle" onClick={() => setGridBehind(false)}>
              {fr.errors.dismiss}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      <JuryImportBatches lines={listed.lines} hidden={listed.hidden} loadError={batchesError} disabled={disabled} onUndo={setUndoTarget} />

      <UndoBatchDialog target={undoTarget} disabled={disabled} onConfirm={undo} onDismiss={() => setUndoTarget(null)} />
    </div>
  )
}
