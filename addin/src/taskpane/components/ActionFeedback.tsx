import { Spinner } from '@fluentui/react-components'
import { useCallback, useState } from 'react'
import { ApiError } from '../../api/client'
import { detailMessages } from '../../api/documents'
import { fr } from '../../i18n/fr'
import { OutcomeMessage, type Outcome } from './OutcomeMessage'

export interface Feedback extends Outcome {
  /** Which action of the panel it belongs to: it shows right under that action's button. */
  action: string
  intent: 'success' | 'error' | 'info'
}

/** A failure as the panel shows it: the Worker's French message and its located problems. */
export function feedbackOf(action: string, reason: unknown): Feedback {
  if (reason instanceof ApiError) {
    const lines = [...detailMessages(reason.details, 'issues'), ...detailMessages(reason.details, 'errors'), ...detailMessages(reason.details, 'failures')]
    return { action, intent: 'error', text: reason.message, ...(lines.length > 0 ? { lines } : {}) }
  }
  return { action, intent: 'error', text: reason instanceof Error && reason.message !== '' ? reason.message : fr.errors.unexpected }
}

/**
 * One action at a time per panel, and its outcome kept beside the button that started it (not at
 * the bottom of the pane, where nobody looks).
 */
export function useActionFeedback() {
  const [running, setRunning] = useState<string | null>(null)
  const [feedback, setFeedback] = useState<Feedback | null>(null)
  const run = useCallback(async (action: string, work: () => Promise<string | Omit<Feedback, 'action'> | null>) => {
    setRunning(action)
    setFeedback(null)
    try {
      const outcome = await work()
      if (typeof outcome === 'string') setFeedback({ action, intent: 'success', text: outcome })
      else if (outcome) setFeedback({ action, ...outcome })
    } catch (reason) {
      setFeedback(feedbackOf(action, reason))
    } finally {
      setRunning(null)
    }
  }, [])
  return { running, feedback, setFeedback, run }
}

/** The progress and outcome of `action`, for placing right under its button. */
export function ActionFeedback({ action, running, feedback, progressLabel }: { action: string; running: string | null; feedback: Feedback | null; progressLabel?: string }) {
  if (running === action) return <Spinner size="tiny" labelPosition="after" label={progressLabel ?? fr.sections.loading} />
  if (feedback?.action !== action) return null
  return <OutcomeMessage outcome={feedback} testId={`feedback-${action}`} />
}
