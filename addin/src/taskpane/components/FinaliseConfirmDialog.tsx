import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components'
import { useState } from 'react'
import { fr } from '../../i18n/fr'

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
})

interface FinaliseConfirmDialogProps {
  sessionName: string
  /** The PV version the finalisation will write; null while unknown. */
  nextPvVersion: number | null
  /** The composition rules the jury fails (empty: none); null while checked; undefined: unknown. */
  juryFailures: string[] | null | undefined
  /** Called with the override's reason when the jury fails the rules. */
  onConfirm: (juryOverrideReason?: string) => void
  onCancel: () => void
}

/**
 * Finalising locks the session and issues a PV: the user says so before anything is sent. A jury
 * that fails the composition rules is named here, and finalising then needs a motivated override.
 */
export function FinaliseConfirmDialog({ sessionName, nextPvVersion, juryFailures, onConfirm, onCancel }: FinaliseConfirmDialogProps) {
  const styles = useStyles()
  const [reason, setReason] = useState('')
  const failing = Array.isArray(juryFailures) && juryFailures.length > 0
  return (
    <Dialog open modalType="alert" onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{fr.finalise.confirmTitle}</DialogTitle>
          <DialogContent className={styles.content}>
            {juryFailures === null && <Spinner size="tiny" label={fr.juryOverride.checking} />}
            {juryFailures === undefined && <MessageBar intent="info">{fr.juryOverride.unknown}</MessageBar>}
            {failing && (
              <MessageBar intent="warning" layout="multiline" data-testid="jury-override-failures">
                <MessageBarBody>
                  {fr.juryOverride.failsTitle}
                  <ul className={styles.list}>
                    {juryFailures.map((failure) => (
                      <li key={failure}>{failure}</li>
                    ))}
                  </ul>
                  {fr.juryOverride.explain}
                </MessageBarBody>
              </MessageBar>
            )}
            {failing && (
              <Field label={fr.juryOverride.reasonLabel} required>
                <Textarea value={reason} onChange={(_, data) => setReason(data.value)} maxLength={1000} />
              </Field>
            )}
            <span>{fr.finalise.confirm(sessionName, nextPvVersion)}</span>
          </DialogContent>
          <DialogActions>
            <Button onClick={onCancel}>{fr.finalise.cancel}</Button>
            <Button
              appearance="primary"
              disabled={juryFailures === null || (failing && reason.trim() === '')}
              onClick={() => onConfirm(failing ? reason.trim() : undefined)}
            >
              {failing ? fr.juryOverride.confirm : fr.finalise.submit}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
