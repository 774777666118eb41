import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components'
import { useCallback, useEffect, useRef, useState } from 'react'
import { allCriteres, evaluableBlocs } from '../../../../shared/referential/tree'
import type { DraftIssue, DraftReading } from '../../../../shared/workbook/referentialDraftSheet'
import { ApiError, type ApiClient } from '../../api/client'
import { listReferentials, type ReferentialSummary } from '../../api/referentials'
import { fr } from '../../i18n/fr'
import {
  checkWorkbookDraft,
  draftFromOpenData,
  draftNextVersion,
  latestVersions,
  locateRefusal,
  OpenDataError,
  previewPublication,
  publishDraft,
  type PublicationPreview,
} from '../../sync/referentialDraft'
import { toDisplayedError } from '../displayedError'
import { CellList } from './CellList'
import { OutcomeMessage } from './OutcomeMessage'

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, '& > *': { flexGrow: 1 } },
  hidden: { display: 'none' },
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: '240px', overflowY: 'auto', wordBreak: 'break-word' },
  files: { wordBreak: 'break-word' },
  // A native select is as wide as its longest option; long titles must not widen the pane.
  field: { gridTemplateColumns: 'minmax(0, 1fr)' },
  select: { minWidth: 0, textOverflow: 'ellipsis' },
})

interface ReferentialPanelProps {
  client: ApiClient
  /** Another action of the pane is running. */
  busy: boolean
}

type Result = { intent: 'success' | 'warning' | 'error'; text: string; lines?: string[] }

function counts(referential: PublicationPreview['referential']) {
  return { blocs: evaluableBlocs(referential).length, criteres: allCriteres(referential).length }
}

/**
 * The school's référentiels: write the next version of a published one, or a new title from
 * France Compétences' open data, into the « Brouillon référentiel » sheet; check it by cell; publish
 * it after a confirmation that lists what changes.
 */
export function ReferentialPanel({ client, busy }: ReferentialPanelProps) {
  const styles = useStyles()
  const [summaries, setSummaries] = useState<ReferentialSummary[] | null>(null)
  const [selectedId, setSelectedId] = useState('')
  const [files, setFiles] = useState<File[]>([])
  const [fiche, setFiche] = useState('')
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<Result | null>(null)
  const [problems, setProblems] = useState<DraftIssue[] | null>(null)
  const [preview, setPreview] = useState<(PublicationPreview & { reading: DraftReading }) | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const disabled = busy || running

  /** Shows the latest version of each lineage, keeping the selection when it is still listed. */
  const showList = useCallback((list: ReferentialSummary[]) => {
    const listed = latestVersions(list)
    setSummaries(listed)
    setSelectedId((previous) => (listed.some((summary) => summary.id === previous) ? previous : (listed[0]?.id ?? '')))
  }, [])

  useEffect(() => {
    let current = true
    // A failure is shown; the panel still drafts from open data.
    listReferentials(client).then(
      (list) => current && showList(list),
      (error: unknown) => current && setResult({ intent: 'error', text: toDisplayedError(error).message }),
    )
    return () => {
      current = false
    }
  }, [client, showList])

  async function run(action: () => Promise<void>) {
    setRunning(true)
    setResult(null)
    setProblems(null)
    try {
      await action()
    } catch (error) {
      if (error instanceof OpenDataError) setResult({ intent: 'error', text: error.message, lines: [...error.issues] })
      else setResult({ intent: 'error', text: toDisplayedError(error).message })
    } finally {
      setRunning(false)
    }
  }

  /** The draft as judged here; problems listed by cell, or null when it can be published. */
  async function verified() {
    const check = await checkWorkbookDraft()
    if (!check.ok) {
      // The list says how many and where: no second message above it.
      setProblems(check.issues)
      return null
    }
    return check
  }

  const editVersion = () =>
    run(async () => {
      const written = await draftNextVersion(client, selectedId)
      setResult({ intent: 'success', text: fr.referentials.drafted(written.sheetName, written.version, written.rowCount) })
    })

  const createFromOpenData = () =>
    run(async () => {
      const read = await Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })))
      const written = await draftFromOpenData(read, fiche)
      setResult({
        intent: written.warnings.length > 0 ? 'warning' : 'success',
        text: fr.referentials.openDataDrafted(written.title, written.rowCount),
        ...(written.warnings.length > 0 ? { lines: written.warnings } : {}),
      })
    })

  const verify = () =>
    run(async () => {
      const check = await verified()
      if (!check) return
      const { blocs, criteres } = counts(check.referential)
      setResult({ intent: 'success', text: fr.referentials.draftOk(check.referential.id, blocs, criteres) })
    })

  const askPublish = () =>
    run(async () => {
      const check = await verified()
      if (!check) return
      setPreview({ ...(await previewPublication(client, check.referential, check.publication.lineage)), reading: check.reading })
    })

  const confirmPublish = () => {
    const current = preview
    if (!current) return
    setPreview(null)
    void run(async () => {
      try {
        const answer = await publishDraft(client, current.referential)
        setResult({ intent: 'success', text: fr.referentials.published(answer.referential.id) })
        showList(await listReferentials(client))
      } catch (error) {
        const located = error instanceof ApiError ? locateRefusal(error.details, current.reading) : []
        if (located.length === 0) throw error
        setProblems(located)
        setResult({ intent: 'error', text: `${fr.referentials.refused} ${(error as ApiError).message}` })
      }
    })
  }

  return (
    <div className={styles.panel}>
      {summaries !== null && summaries.length === 0 && <Caption1>{fr.referentials.none}</Caption1>}
      {summaries !== null && summaries.length > 0 && (
        <>
          <Field className={styles.field} label={fr.referentials.pickerLabel}>
            <Select select={{ className: styles.select }} value={selectedId} disabled={disabled} onChange={(_, data) => setSelectedId(data.value)}>
              {summaries.map((summary) => (
                <option key={summary.id} value={summary.id}>
                  {fr.referentials.option(summary.title, summary.version)}
                </option>
              ))}
            </Select>
          </Field>
          <Button disabled={disabled || selectedId === ''} onClick={() => void editVersion()}>
            {fr.referentials.edit}
          </Button>
          <Caption1>{fr.referentials.editHint}</Caption1>
        </>
      )}

      <div className={styles.group}>
        <Caption1>
          <strong>{fr.referentials.openDataTitle}</strong>
        </Caption1>
        <Caption1>{fr.referentials.openDataHint}</Caption1>
        <input
          ref={input}
          className={styles.hidden}
          type="file"
          multiple
          accept=".csv,text/csv"
          aria-label={fr.referentials.chooseFiles}
          onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
        />
        <Button size="small" disabled={disabled} onClick={() => input.current?.click()}>
          {fr.referentials.chooseFiles}
        </Button>
        {files.length > 0 && <Caption1 className={styles.files}>{fr.referentials.selected(files.map((file) => file.name))}</Caption1>}
        <Field label={fr.referentials.ficheLabel}>
          <Input value={fiche} disabled={disabled} placeholder="RNCP34567" onChange={(_, data) => setFiche(data.value)} />
        </Field>
        <Button disabled={disabled || files.length === 0 || fiche.trim() === ''} onClick={() => void createFromOpenData()}>
          {fr.referentials.openDataSubmit}
        </Button>
      </div>

      <div className={styles.group}>
        <div className={styles.row}>
          <Button disabled={disabled} onClick={() => void verify()}>
            {fr.referentials.verify}
          </Button>
          <Button appearance="primary" disabled={disabled} onClick={() => void askPublish()}>
            {fr.referentials.publish}
          </Button>
        </div>
      </div>

      {result && <OutcomeMessage outcome={result} />}

      {problems && problems.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="draft-problems">
          <MessageBarBody>
            <MessageBarTitle>{fr.referentials.draftProblems(problems.length)}</MessageBarTitle>
            <CellList
              items={problems.map((problem, index) => ({
                key: `${problem.address}-${index}`,
                address: problem.address,
                title: fr.referentials.sheetLabel,
                body: problem.message,
              }))}
            />
          </MessageBarBody>
        </MessageBar>
      )}

      {preview && (
        <Dialog open modalType="alert" onOpenChange={(_, data) => !data.open && setPreview(null)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{fr.referentials.confirmTitle(preview.referential.id)}</DialogTitle>
              <DialogContent>
                {preview.previous === null
                  ? fr.referentials.confirmNew(counts(preview.referential).blocs, counts(preview.referential).criteres)
                  : fr.referentials.confirmChanges(preview.changes.length, preview.previous.id)}
                {preview.changes.length > 0 && (
                  <ul className={styles.list} data-testid="publication-changes">
                    {preview.changes.map((change, index) => (
                      <li key={index}>{change.message}</li>
                    ))}
                  </ul>
                )}
              </DialogContent>
              <DialogActions>
                <Button onClick={() => setPreview(null)}>{fr.referentials.cancel}</Button>
                <Button appearance="primary" onClick={confirmPublish}>
                  {fr.referentials.confirm}
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </div>
  )
}
