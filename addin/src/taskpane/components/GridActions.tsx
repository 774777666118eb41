import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components'
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
  onPull: () => void
  onVerify: () => void
  onSend: () => void
}

/** The loop's three actions; the next natural step is the primary button. */
export function GridActions({ busy, canPull, hasGrid, sendBlocked, onPull, onVerify, onSend }: GridActionsProps) {
  const styles = useStyles()
  return (
    <div className={styles.actions}>
      <Button appearance={hasGrid ? 'secondary' : 'primary'} disabled={busy || !canPull} onClick={onPull}>
        {fr.actions.pull}
      </Button>
      <div className={styles.row}>
        <Button disabled={busy || !hasGrid} onClick={onVerify}>
          {fr.actions.verify}
        </Button>
        <Button appearance={hasGrid ? 'primary' : 'secondary'} disabled={busy || !hasGrid || sendBlocked} onClick={onSend}>
          {fr.actions.send}
        </Button>
      </div>
      {sendBlocked && <Caption1>{fr.actions.sendBlocked}</Caption1>}
    </div>
  )
}
