import { Body1Strong, Button, Caption1, Checkbox, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components'
import { useRef, useState, type DragEvent } from 'react'
import { ApiError } from '../../api/client'
import { saveFile, type ApiEndpoint } from '../../api/download'
import { commitJuryImport, downloadBlankJurySheets, previewJuryImport, type JuryImportAnswer } from '../../api/juryImports'
import { fr } from '../../i18n/fr'

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
  /** The user may import (grade.write); the download stays available to readers. */
  canImport: boolean
  /** Another action of the pane is running. */
  busy: boolean
}

type Result = { intent: 'success' | 'warning' | 'error'; text: string; lines?: string[] }

function describe(reason: unknown): Result {
  if (reason instanceof ApiError) {
    const details = reason.details as { issues?: Array<{ message: string }> } | null
    const lines = Array.isArray(details?.issues) ? details.issues.map((i) => i.message) : undefined
    return { intent: 'error', text: reason.message, ...(lines ? { lines } : {}) }
  }
  return { intent: 'error', text: reason instanceof Error ? reason.message : fr.errors.unexpected }
}

/** Blank jury sheets to download; filled ones to preview, then import as one batch. */
export function JuryImportPanel({ endpoint, sessionId, canImport, busy }: JuryImportPanelProps) {
  const styles = useStyles()
  const input = useRef<HTMLInputElement>(null)
  const [files, setFiles] = useState<File[]>([])
  const [dragging, setDragging] = useState(false)
  const [running, setRunning] = useState(false)
  const [preview, setPreview] = useState<JuryImportAnswer | null>(null)
  const [excluded, setExcluded] = useState<string[]>([])
  const [result, setResult] = useState<Result | null>(null)
  const disabled = busy || running

  async function run(action: () => Promise<void>) {
    setRunning(true)
    setResult(null)
    try {
      await action()
    } catch (reason) {
      setResult(describe(reason))
    } finally {
      setRunning(false)
    }
  }

  function choose(list: FileList | null) {
    const chosen = Array.from(list ?? []).filter((f) => f.name.toLowerCase().endsWith('.xlsx'))
    setFiles(chosen)
    setPreview(null)
    setExcluded([])
    setResult(null)
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault()
    setDragging(false)
    if (!disabled) choose(event.dataTransfer.files)
  }

  const previewedExclusions = preview?.plan.files.filter((f) => f.status === 'excluded').map((f) => f.file) ?? []
  const exclusionsChanged =
    preview !== null && (previewedExclusions.length !== excluded.length || excluded.some((x) => !previewedExclusions.includes(x)))
  const canCommit = preview !== null && !exclusionsChanged && preview.plan.committable && !preview.plan.nothingToDo

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
            <Button
              disabled={disabled || files.length === 0}
              onClick={() =>
                void run(async () => {
                  const answer = await previewJuryImport(endpoint, sessionId, files, excluded)
                  setPreview(answer)
                  setExcluded(answer.plan.files.filter((f) => f.status === 'excluded').map((f) => f.file))
                })
              }
            >
              {fr.juryImport.preview}
            </Button>
            <Button
              appearance="primary"
              disabled={disabled || !canCommit}
              onClick={() =>
                void run(async () => {
                  const answer = await commitJuryImport(endpoint, sessionId, files, excluded)
                  setPreview(null)
                  setFiles([])
                  setExcluded([])
                  if (input.current) input.current.value = ''
                  setResult({ intent: 'success', text: answer.message ?? fr.juryImport.nothingToImport })
                })
              }
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
                return (
                  <div key={file.file} className={styles.file}>
                    <Caption1>
                      <Body1Strong>{file.file}</Body1Strong>
                      {status ? ` (${status})` : ''}
                    </Caption1>
                    <Caption1>{fr.juryImport.counts(file.counts, file.errors.length)}</Caption1>
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
              {exclusionsChanged ? (
                <Caption1>{fr.juryImport.previewStale}</Caption1>
              ) : (
                !preview.plan.committable && <Caption1>{fr.juryImport.notCommittable}</Caption1>
              )}
              {preview.plan.committable && preview.plan.nothingToDo && <Caption1>{fr.juryImport.nothingToImport}</Caption1>}
            </div>
          )}
        </>
      )}

      {result && (
        <MessageBar intent={result.intent} layout="multiline" role={result.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>
            {result.text}
            {result.lines && result.lines.length > 0 && (
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
