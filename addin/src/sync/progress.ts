/** What a grid action reports while it runs, for the task pane's progress bar. */
export type ActionStage = 'download' | 'read' | 'write' | 'send'

export interface ActionProgress {
  stage: ActionStage
  /** Requests done and expected; `total` 0 while the amount is not known (network). */
  done: number
  total: number
}

export type OnProgress = (progress: ActionProgress) => void
