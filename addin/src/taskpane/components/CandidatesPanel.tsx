import { Button, Caption1, Field, Input, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from '@fluentui/react-components'
import { useCallback, useEffect, useRef, useState } from 'react'
import { accessRouteLabels, ACCESS_ROUTES } from '../../../../shared/candidates/schema'
import { buildCandidateSheet } from '../../../../shared/workbook/candidateSheet'
import {
  importCandidateFile,
  importCandidateSheet,
  listCandidates,
  reinstateCandidate,
  updateCandidate,
  withdrawCandidate,
  type CandidateImportPreview,
  type SessionCandidate,
} from '../../api/candidates'
import { ApiError, type ApiClient } from '../../api/client'
import { detailMessages } from '../../api/documents'
import type { ApiEndpoint } from '../../api/download'
import { getReferential } from '../../api/referentials'
import type { SessionSummary } from '../../api/sessions'
import { hasCandidateSheet, readCandidateSheet, writeCandidateSheet, type CandidateSheetValues } from '../../excel/candidateSheet'
import { fr } from '../../i18n/fr'
import { candidateFormOf, candidateInputOf, candidateLabel, type CandidateFormValues } from '../candidateForm'
import { changingLines, importCounts, isCommittable, sameRows } from '../candidateImportView'
import { toDisplayedError } from '../displayedError'
import { ConfirmDialog } from './ConfirmDialog'
import { OutcomeMessage } from './OutcomeMessage'

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  hidden: { display: 'none' },
  block: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: '220px', overflowY: 'auto', wordBreak: 'break-word' },
  field: { gridTemplateColumns: 'minmax(0, 1fr)' },
  select: { minWidth: 0, textOverflow: 'ellipsis' },
})

/** Enough to read in a narrow pane; the counts give the rest. */
const LISTED = 60

interface CandidatesPanelProps {
  client: ApiClient
  endpoint: ApiEndpoint
  session: SessionSummary
  /** Import, edit, withdraw, reinstate (candidate.write). */
  canWrite: boolean
  busy: boolean
  /** The candidate list changed on the server: the session's counts are to be read again. */
  onChanged: () => Promise<void>
  /** A session just created: its « Candidats » sheet is written at once, unless the workbook has one. */
  prepareSheet?: boolean
}

type Result = { intent: 'success' | 'error' | 'info' | 'warning'; text: string; lines?: string[] }
type Preview = { answer: CandidateImportPreview } & ({ source: 'sheet'; sheet: CandidateSheetValues } | { source: 'file'; file: File })

function describe(reason: unknown): Result {
  if (reason instanceof ApiError) {
    const lines = detailMessages(reason.details, 'issues')
    return { intent: 'error', text: reason.message, ...(lines.length > 0 ? { lines: lines.slice(0, LISTED) } : {}) }
  }
  return { intent: 'error', text: toDisplayedError(reason).message }
}

/**
 * The session's candidates from the workbook: the « Candidats » sheet written from the server,
 * filled in Excel, checked (dry run: every row's fate and every error by cell), then imported in
 * one all-or-nothing commit; or a CSV/xlsx file through the same import. One candidate can be
 * corrected, withdrawn (« désinscrit ») or reinstated here.
 */
export function CandidatesPanel({ client, endpoint, session, canWrite, busy, onChanged, prepareSheet = false }: CandidatesPanelProps) {
  const styles = useStyles()
  const sessionId = session.id
  const open = session.status === 'open'
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<Result | null>(null)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [confirmReplace, setConfirmReplace] = useState(false)
  const [file, setFile] = useState<File | null>(null)
  const [candidates, setCandidates] = useState<SessionCandidate[] | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const disabled = busy || running

  const reloadCandidates = useCallback(async () => setCandidates(await listCandidates(client, sessionId)), [client, sessionId])
  useEffect(() => {
    let live = true
    listCandidates(client, sessionId).then(
      (list) => live && setCandidates(list),
      () => live && setCandidates([]),
    )
    return () => {
      live = false
    }
  }, [client, sessionId])

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

  const writeSheet = async (): Promise<Result> => {
    const [referential, list] = await Promise.all([getReferential(client, session.referentialId), listCandidates(client, sessionId)])
    setCandidates(list)
    await writeCandidateSheet(buildCandidateSheet(referential, list))
    setPreview(null)
    return { intent: 'success', text: fr.candidates.written(list.length) }
  }

  // A sheet already in the workbook may hold what the school typed: replacing it is confirmed.
  const askWriteSheet = () =>
    void run(async () => {
      if (!(await hasCandidateSheet())) return writeSheet()
      setConfirmReplace(true)
      return null
    })

  const dryRunSheet = async (sheet: CandidateSheetValues, notice: Result | null = null): Promise<Result | null> => {
    const { preview: answer } = await importCandidateSheet(client, sessionId, { fileName: 'Classeur', ...sheet, dryRun: true, absent: 'withdraw' })
    setPreview({ source: 'sheet', sheet, answer })
    return notice
  }

  const checkSheet = () =>
    void run(async () => {
      setPreview(null)
      const sheet = await readCandidateSheet()
      if (!sheet) return { intent: 'warning', text: fr.candidates.noSheet }
      return dryRunSheet(sheet)
    })

  const checkFile = (chosen: File) =>
    void run(async () => {
      setPreview(null)
      const { preview: answer } = await importCandidateFile(endpoint, sessionId, chosen, true)
      setPreview({ source: 'file', file: chosen, answer })
      return null
    })

  const commit = (current: Preview) =>
    void run(async () => {
      const version = current.answer.candidateListVersion
      let written: CandidateImportPreview
      if (current.source === 'sheet') {
        // What is imported is what the preview showed: a sheet edited since is previewed again.
        const sheet = await readCandidateSheet()
        if (!sheet) return { intent: 'warning', text: fr.candidates.noSheet }
        if (!sameRows(sheet.rows, current.sheet.rows)) return dryRunSheet(sheet, { intent: 'warning', text: fr.candidates.changedSincePreview })
        written = (await importCandidateSheet(client, sessionId, { fileName: 'Classeur', ...sheet, dryRun: false, absent: 'withdraw', candidateListVersion: version })).preview
      } else {
        written = (await importCandidateFile(endpoint, sessionId, current.file, false, version)).preview
      }
      setPreview(null)
      await Promise.all([onChanged(), reloadCandidates()])
      return { intent: 'success', text: fr.candidates.committed(importCounts(written)) }
    })

  // Once per panel (it is keyed by session): the next step after creating a session is this sheet.
  const prepared = useRef(false)
  useEffect(() => {
    if (!prepareSheet || prepared.current) return
    prepared.current = true
    void run(async () => ((await hasCandidateSheet()) ? null : writeSheet()))
  })

  const counts = preview ? importCounts(preview.answer) : null
  const lines = preview ? changingLines(preview.answer) : []

  return (
    <div className={styles.panel} data-testid="candidates-panel">
      <Caption1>{fr.candidates.sheetIntro}</Caption1>
      {!open && <Caption1>{fr.candidates.locked}</Caption1>}
      <div className={styles.row}>
        <Button disabled={disabled} onClick={askWriteSheet}>
          {fr.candidates.writeSheet}
        </Button>
        {/* The dry run already needs candidate.write: a reader only writes the sheet to read it. */}
        {canWrite && (
          <Button appearance="primary" disabled={disabled} onClick={checkSheet}>
            {fr.candidates.checkSheet}
          </Button>
        )}
      </div>

      {canWrite && <Caption1>{fr.candidates.fileTitle}</Caption1>}
      {canWrite && (
        <div className={styles.row}>
          <input
            ref={fileInput}
            className={styles.hidden}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label={fr.candidates.chooseFile}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          <Button size="small" disabled={disabled} onClick={() => fileInput.current?.click()}>
            {fr.candidates.chooseFile}
          </Button>
          <Button size="small" disabled={disabled || file === null} onClick={() => file && checkFile(file)}>
            {fr.candidates.checkFile}
          </Button>
        </div>
      )}
      {file && <Caption1>{fr.candidates.fileSource(file.name)}</Caption1>}

      {preview && counts && (
        <div className={styles.block} data-testid="candidate-preview">
          <Text weight="semibold">
            {fr.candidates.previewOf(preview.source === 'sheet' ? fr.candidates.sheetSource : fr.candidates.fileSource(preview.file.name))}
          </Text>
          <Text>{fr.candidates.counts(counts)}</Text>
          {preview.answer.errors.length > 0 && (
            <MessageBar intent="error" layout="multiline" role="alert">
              <MessageBarBody>
                <strong>{fr.candidates.errorsTitle(preview.answer.errors.length)}</strong>
                <ul className={styles.list} aria-label={fr.candidates.errorsTitle(preview.answer.errors.length)}>
                  {preview.answer.errors.slice(0, LISTED).map((error, index) => (
                    <li key={index}>{error.message}</li>
                  ))}
                </ul>
                {fr.candidates.fixThenCheck}
              </MessageBarBody>
            </MessageBar>
          )}
          {preview.answer.warnings.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <strong>{fr.candidates.warningsTitle}</strong>
                <ul className={styles.list}>
                  {preview.answer.warnings.slice(0, LISTED).map((warning, index) => (
                    <li key={index}>{warning.message}</li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
          {lines.length > 0 && (
            <ul className={styles.list} aria-label={fr.candidates.previewOf(fr.candidates.sheetSource)}>
              {lines.slice(0, LISTED).map((line, index) => (
                <li key={index}>
                  <Text weight="semibold">{fr.candidates.lineStatus[line.status] ?? line.status}</Text> {fr.candidates.line(line.row, line.schoolId, line.name)}
                  {line.changes.length > 0 && line.status === 'changed' && <Caption1> — {fr.candidates.changes(line.changes)}</Caption1>}
                </li>
              ))}
            </ul>
          )}
          {canWrite && open && isCommittable(preview.answer) && (
            <Button appearance="primary" disabled={disabled} onClick={() => commit(preview)}>
              {fr.candidates.commit}
            </Button>
          )}
          {preview.answer.errors.length === 0 && !isCommittable(preview.answer) && <Caption1>{fr.candidates.nothingToImport}</Caption1>}
        </div>
      )}

      {result && <OutcomeMessage outcome={result} />}

      {candidates && candidates.length > 0 && (
        <OneCandidate
          client={client}
          sessionId={sessionId}
          candidates={candidates}
          canWrite={canWrite && open}
          disabled={disabled}
          onChanged={async () => {
            await Promise.all([onChanged(), reloadCandidates()])
          }}
        />
      )}

      <ConfirmDialog
        open={confirmReplace}
        title={fr.candidates.replaceTitle}
        text={fr.candidates.replaceConfirm}
        confirm={fr.candidates.replace}
        onConfirm={() => {
          setConfirmReplace(false)
          void run(writeSheet)
        }}
        onCancel={() => setConfirmReplace(false)}
      />
    </div>
  )
}


interface OneCandidateProps {
  client: ApiClient
  sessionId: string
  candidates: SessionCandidate[]
  canWrite: boolean
  disabled: boolean
  onChanged: () => Promise<void>
}

/** One candidate: correct their names, e-mail, option or access route; withdraw or reinstate them. */
function OneCandidate({ client, sessionId, candidates, canWrite, disabled, onChanged }: OneCandidateProps) {
  const styles = useStyles()
  const [selectedId, setSelectedId] = useState('')
  const [form, setForm] = useState<CandidateFormValues | null>(null)
  const [reason, setReason] = useState('')
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<Result | null>(null)
  const selected = candidates.find((c) => c.id === selectedId) ?? null
  const busy = disabled || running

  const pick = (id: string) => {
    setSelectedId(id)
    const candidate = candidates.find((c) => c.id === id)
    setForm(candidate ? candidateFormOf(candidate) : null)
    setReason('')
    setResult(null)
  }

  async function run(action: () => Promise<Result>) {
    setRunning(true)
    setResult(null)
    try {
      setResult(await action())
      await onChanged()
    } catch (error) {
      setResult(describe(error))
    } finally {
      setRunning(false)
    }
  }

  const set = (field: keyof CandidateFormValues) => (_: unknown, data: { value: string }) => setForm((previous) => previous && { ...previous, [field]: data.value })

  return (
    <div className={styles.block}>
      <Field className={styles.field} label={fr.candidates.pick}>
        <Select select={{ className: styles.select }} value={selectedId} disabled={busy} onChange={(_, data) => pick(data.value)}>
          <option value="">{fr.candidates.pickNone}</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {fr.candidates.candidateOption(candidateLabel(c), c.status === 'withdrawn')}
            </option>
          ))}
        </Select>
      </Field>
      {selected && form && selected.status === 'withdrawn' && (
        <>
          <Caption1>{fr.candidates.withdrawnSince(selected.withdrawnAt?.slice(0, 10) ?? '', selected.withdrawalReason)}</Caption1>
          {canWrite && (
            <Button
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await reinstateCandidate(client, sessionId, selected.id, selected.rowVersion)
                  return { intent: 'success', text: fr.candidates.reinstated(candidateLabel(selected)) }
                })
              }
            >
              {fr.candidates.reinstate}
            </Button>
          )}
        </>
      )}
      {selected && form && selected.status === 'enrolled' && canWrite && (
        <>
          <Field label={fr.candidates.editFields.birthName} required>
            <Input value={form.birthName} disabled={busy} onChange={set('birthName')} />
          </Field>
          <Field label={fr.candidates.editFields.usageName}>
            <Input value={form.usageName} disabled={busy} onChange={set('usageName')} />
          </Field>
          <Field label={fr.candidates.editFields.firstNames} required>
            <Input value={form.firstNames} disabled={busy} onChange={set('firstNames')} />
          </Field>
          <Field label={fr.candidates.editFields.email}>
            <Input type="email" value={form.email} disabled={busy} onChange={set('email')} />
          </Field>
          <Field className={styles.field} label={fr.candidates.editFields.accessRoute}>
            <Select select={{ className: styles.select }} value={form.accessRoute} disabled={busy} onChange={set('accessRoute')}>
              <option value="">{fr.candidates.editFields.none}</option>
              {ACCESS_ROUTES.map((route) => (
                <option key={route} value={route}>
                  {accessRouteLabels[route]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={fr.candidates.editFields.option}>
            <Input value={form.optionCode} disabled={busy} onChange={set('optionCode')} placeholder="BC05-A" />
          </Field>
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const input = candidateInputOf(selected, form)
                if (!input.ok) return { intent: 'error', text: input.message }
                const saved = await updateCandidate(client, sessionId, selected.id, selected.rowVersion, input.input)
                return { intent: 'success', text: fr.candidates.saved(saved ? candidateLabel(saved) : candidateLabel(selected)) }
              })
            }
          >
            {fr.candidates.save}
          </Button>
          <Field label={fr.candidates.withdrawReason}>
            <Input value={reason} disabled={busy} onChange={(_, data) => setReason(data.value)} />
          </Field>
          <Button
            disabled={busy || reason.trim() === ''}
            onClick={() =>
              void run(async () => {
                await withdrawCandidate(client, sessionId, selected.id, selected.rowVersion, reason.trim())
                setReason('')
                return { intent: 'success', text: fr.candidates.withdrawn(candidateLabel(selected)) }
              })
            }
          >
            {fr.candidates.withdrawSubmit}
          </Button>
        </>
      )}
      {result && <OutcomeMessage outcome={result} />}
    </div>
  )
}
