/**
 * The pane's state for the grading loop (pull → grade → verify → send, or send and finalise) and
 * its actions. Every action runs the sync layer (one `Excel.run` each) and turns its outcome into
 * what the pane shows; no `Excel.*` here.
 */
import { useCallback, useState } from 'react'
import type { LocatedDifference } from '../../../shared/workbook/finaliseRequest'
import type { CellDifference, Resolution } from '../../../shared/workbook/localEdits'
import type { SyncMetadata } from '../../../shared/workbook/syncMetadata'
import type { VerificationReport } from '../../../shared/workbook/verifyGradeSheet'
import type { ApiClient } from '../api/client'
import { nextPvVersion } from '../api/documents'
import { getJury } from '../api/jury'
import { fr } from '../i18n/fr'
import { finaliseFromWorkbook, type PushSummary } from '../sync/finaliseFromWorkbook'
import type { ActionProgress } from '../sync/progress'
import { pullGrid } from '../sync/pullGrid'
import { sendResults } from '../sync/sendResults'
import { verifyWorkbook } from '../sync/verifyWorkbook'
import { toDisplayedError, type DisplayedError } from './displayedError'

export type GridAction = 'pull' | 'verify' | 'send' | 'finalise'

export interface Notice {
  intent: 'success' | 'info' | 'warning'
  text: string
}

export interface GradingLoopState {
  running: GridAction | null
  progress: ActionProgress | null
  notices: Notice[]
  error: { key: number; value: DisplayedError } | null
  report: { value: VerificationReport; pendingInputs: number | null } | null
  /** Unsent edits kept by the last pull. */
  kept: CellDifference[]
  /** Cells to settle: from a pull, or from a refused push (nothing was saved then). */
  conflicts: { cells: CellDifference[]; pushRefused: boolean } | null
  /** The last check found problems: sending waits for a clean check. */
  sendBlocked: boolean
  /** « Délibération définitive » is ticked: « Envoyer » finalises. */
  finalDeliberation: boolean
  /**
   * A finalisation waits for the user's confirmation. `juryFailures`: the composition rules the
   * jury fails (empty: none), null while checked, undefined when the check could not be read.
   */
  finaliseConfirmation: { sessionId: string; sessionName: string; nextPvVersion: number | null; juryFailures: string[] | null | undefined } | null
  /** The Worker refused the last finalisation for these differences: nothing was finalised. */
  finalisationDifferences: LocatedDifference[] | null
}

const initial: GradingLoopState = {
  running: null,
  progress: null,
  notices: [],
  error: null,
  report: null,
  kept: [],
  conflicts: null,
  sendBlocked: false,
  finalDeliberation: false,
  finaliseConfirmation: null,
  finalisationDifferences: null,
}

/** What a push before a finalisation saved, as a notice. */
function pushedNotices(pushed: PushSummary | null): Notice[] {
  return pushed ? [{ intent: 'success', text: fr.send.sent(pushed.rows, pushed.inputs) }] : []
}

export function useGradingLoop(client: ApiClient, onWorkbookChanged: (metadata: SyncMetadata) => void) {
  const [state, setState] = useState<GradingLoopState>(initial)

  const run = useCallback(async (action: GridAction, work: (onProgress: (progress: ActionProgress) => void) => Promise<Partial<GradingLoopState>>) => {
    setState((previous) => ({ ...previous, running: action, progress: null, error: null, notices: [], finalisationDifferences: null }))
    try {
      const next = await work((progress) => setState((previous) => ({ ...previous, progress })))
      setState((previous) => ({ ...previous, ...next, running: null, progress: null }))
    } catch (reason) {
      setState((previous) => ({ ...previous, running: null, progress: null, error: { key: Date.now(), value: toDisplayedError(reason) } }))
    }
  }, [])

  const pull = useCallback(
    (sessionId: string, resolutions?: Map<string, Resolution>) =>
      run('pull', async (onProgress) => {
        const outcome = await pullGrid(client, sessionId, { onProgress, ...(resolutions ? { resolutions } : {}) })
        onWorkbookChanged(outcome.metadata)
        const notices: Notice[] = [{ intent: 'success', text: fr.pull.done(outcome.sessionName, outcome.rowCount) }]
        if (resolutions) notices.push({ intent: 'info', text: fr.pull.conflictsApplied })
        if (outcome.readOnly) notices.push({ intent: 'warning', text: fr.pull.readOnly })
        for (const dropped of outcome.droppedEdits) notices.push({ intent: 'warning', text: fr.pull.dropped(dropped.candidateLabel, dropped.count) })
        const conflicts = outcome.differences.filter((difference) => difference.conflict)
        return {
          notices,
          report: null,
          sendBlocked: false,
          kept: outcome.differences.filter((difference) => !difference.conflict),
          conflicts: conflicts.length > 0 ? { cells: conflicts, pushRefused: false } : null,
        }
      }),
    [client, onWorkbookChanged, run],
  )

  const verify = useCallback(
    () =>
      run('verify', async (onProgress) => {
        const outcome = await verifyWorkbook(client, { onProgress })
        return {
          report: { value: outcome.report, pendingInputs: outcome.pendingInputs },
          sendBlocked: outcome.report.problems.length > 0,
        }
      }),
    [client, run],
  )

  const send = useCallback(
    () =>
      run('send', async (onProgress) => {
        const outcome = await sendResults(client, { onProgress })
        switch (outcome.kind) {
          case 'blocked':
            return { report: { value: outcome.report, pendingInputs: null }, sendBlocked: true }
          case 'nothing':
            return { report: null, notices: [{ intent: 'info', text: fr.send.nothing }] }
          case 'sent':
            return { report: null, kept: [], conflicts: null, notices: [{ intent: 'success', text: fr.send.sent(outcome.rows, outcome.inputs) }] }
          case 'conflicts':
            return { report: null, conflicts: { cells: outcome.conflicts, pushRefused: true } }
        }
      }),
    [client, run],
  )

  const finalise = useCallback(
    (juryOverride?: { reason: string }) =>
      run('finalise', async (onProgress): Promise<Partial<GradingLoopState>> => {
        const outcome = await finaliseFromWorkbook(client, { onProgress, ...(juryOverride ? { juryOverride } : {}) })
        // Once a push went through, the unsent edits and conflicts listed before are settled.
        const settled = (pushed: PushSummary | null) => (pushed ? { kept: [], conflicts: null } : {})
        switch (outcome.kind) {
          case 'blocked':
            return { report: { value: outcome.report, pendingInputs: null }, sendBlocked: true }
          case 'conflicts':
            return { report: null, conflicts: { cells: outcome.conflicts, pushRefused: true } }
          case 'differences':
            return { report: null, ...settled(outcome.pushed), notices: pushedNotices(outcome.pushed), finalisationDifferences: outcome.differences }
          case 'refused':
            return {
              report: null,
              ...settled(outcome.pushed),
              notices: pushedNotices(outcome.pushed),
              error: { key: Date.now(), value: toDisplayedError(outcome.error) },
            }
          case 'finalised': {
            const notices: Notice[] = [...pushedNotices(outcome.pushed), { intent: 'success', text: fr.finalise.done(outcome.pvVersion) }]
            for (const warning of outcome.warnings) notices.push({ intent: 'warning', text: warning })
            if (outcome.refresh.ok) {
              onWorkbookChanged(outcome.refresh.outcome.metadata)
              if (outcome.refresh.outcome.readOnly) notices.push({ intent: 'info', text: fr.pull.readOnly })
            } else {
              notices.push({ intent: 'warning', text: fr.finalise.refreshFailed })
            }
            return { report: null, kept: [], conflicts: null, sendBlocked: false, finalDeliberation: false, notices }
          }
        }
      }),
    [client, onWorkbookChanged, run],
  )

  /**
   * Opens the confirmation; the next PV version and the jury's composition are asked for meanwhile:
   * the dialog says what the jury fails before anything is sent or locked.
   */
  const askFinalise = useCallback(
    (sessionId: string, sessionName: string) => {
      setState((previous) => ({ ...previous, finaliseConfirmation: { sessionId, sessionName, nextPvVersion: null, juryFailures: null } }))
      const setJury = (juryFailures: string[] | undefined) =>
        setState((previous) =>
          previous.finaliseConfirmation?.sessionId === sessionId ? { ...previous, finaliseConfirmation: { ...previous.finaliseConfirmation, juryFailures } } : previous,
        )
      getJury(client, sessionId).then(
        (jury) => setJury(jury.check.failures.map((failure) => failure.message)),
        // Unknown: the dialog says so; the Worker still refuses an irregular jury without a reason.
        () => setJury(undefined),
      )
      nextPvVersion(client, sessionId).then(
        (version) =>
          setState((previous) =>
            previous.finaliseConfirmation?.sessionId === sessionId
              ? { ...previous, finaliseConfirmation: { ...previous.finaliseConfirmation, nextPvVersion: version } }
              : previous,
          ),
        // Without it the dialog speaks of "a new PV version"; the finalisation still names it.
        () => undefined,
      )
    },
    [client],
  )

  const confirmFinalise = useCallback(
    (juryOverrideReason?: string) => {
      setState((previous) => ({ ...previous, finaliseConfirmation: null }))
      void finalise(juryOverrideReason ? { reason: juryOverrideReason } : undefined)
    },
    [finalise],
  )

  const cancelFinalise = useCallback(() => setState((previous) => ({ ...previous, finaliseConfirmation: null })), [])
  const setFinalDeliberation = useCallback((checked: boolean) => setState((previous) => ({ ...previous, finalDeliberation: checked })), [])

  const dismissConflicts = useCallback(() => setState((previous) => ({ ...previous, conflicts: null })), [])
  const dismissError = useCallback(() => setState((previous) => ({ ...previous, error: null })), [])

  return { state, pull, verify, send, askFinalise, confirmFinalise, cancelFinalise, setFinalDeliberation, dismissConflicts, dismissError }
}
