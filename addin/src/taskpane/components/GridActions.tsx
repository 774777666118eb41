import { Button, Caption1, Checkbox, makeStyles, tokens } from '@fluentui/react-components'
import { fr } from '../../i18n/fr'

const useStyles = makeStyles({
  actions: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, '& > *': { flexGrow: 1 } },
})

interface GridActionsProps {
  /** An Excel batch or a request is running: every action waits. */
  busy: boolean
  canPull: boolean
  /** The workbook holds a grid. */
  hasGrid: boolean
  /** The last verification found problems: sending waits for a clean one. */
  sendBlocked: boolean
  /** The user may send grades (grade.write); without it « Envoyer » is hidden. The Worker decides anyway. */
  canSend: boolean
  /** The user may finalise (session.finalise); without it the final-deliberation box is hidden. */
  canFinalise: boolean
  /** The next « Envoyer » finalises the deliberation. */
  finalDeliberation: boolean
  onFinalDeliberationChange: (checked: boolean) => void
  onPull: () => void
  onVerify: () => void
  onSend: () => void
}

/** The loop's three actions; the next natural step is the primary button. */
export function GridActions(props: GridActionsProps) {
  const { busy, canPull, hasGrid, sendBlocked, canSend, canFinalise, finalDeliberation } = props
  const styles = useStyles()
  return (
    <div className={styles.actions}>
      <Button appearance={hasGrid ? 'secondary' : 'primary'} disabled={busy || !canPull} onClick={props.onPull}>
        {fr.actions.pull}
      </Button>
      <div className={styles.row}>
        <Button disabled={busy || !hasGrid} onClick={props.onVerify}>
          {fr.actions.verify}
        </Button>
        {canSend && (
          <Button appearance={hasGrid ? 'primary' : 'secondary'} disabled={busy || !hasGrid || sendBlocked} onClick={props.onSend}>
            {fr.actions.send}
          </Button>
        )}
      </div>
      {canSend && canFinalise && (
        <Checkbox
          checked={finalDeliberation}
          disabled={busy || !hasGrid}
          label={fr.actions.finalDeliberation}
          onChange={(_, data) => props.onFinalDeliberationChange(data.checked === true)}
        />
      )}
      {canSend && canFinalise && finalDeliberation && <Caption1>{fr.actions.finalDeliberationHint}</Caption1>}
      {canSend && sendBlocked && <Caption1>{fr.actions.sendBlocked}</Caption1>}
    </div>
  )
}
