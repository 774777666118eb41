import { Field, ProgressBar } from '@fluentui/react-components'
import { fr } from '../../i18n/fr'
import type { ActionProgress } from '../../sync/progress'

/**
 * Determinate while Excel works (requests done / expected): with screen updating suspended, Excel
 * itself looks idle. Indeterminate while waiting for the server.
 */
export function ActionProgressBar({ progress }: { progress: ActionProgress }) {
  const known = progress.total > 0
  const label = fr.progress[progress.stage]
  return (
    <Field validationMessage={known ? `${label} ${fr.progress.requests(progress.done, progress.total)}` : label} validationState="none">
      <ProgressBar value={known ? progress.done : undefined} max={known ? progress.total : undefined} aria-label={label} />
    </Field>
  )
}
