import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components'
import { fr } from '../../i18n/fr'

interface FinaliseConfirmDialogProps {
  sessionName: string
  /** The PV version the finalisation will write; null while unknown. */
  nextPvVersion: number | null
  onConfirm: () => void
  onCancel: () => void
}

/** Finalising locks the session and issues a PV: the user says so before anything is sent. */
export function FinaliseConfirmDialog({ sessionName, nextPvVersion, onConfirm, onCancel }: FinaliseConfirmDialogProps) {
  return (
    <Dialog open modalType="alert" onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{fr.finalise.confirmTitle}</DialogTitle>
          <DialogContent>{fr.finalise.confirm(sessionName, nextPvVersion)}</DialogContent>
          <DialogActions>
            <Button onClick={onCancel}>{fr.finalise.cancel}</Button>
            <Button appearance="primary" onClick={onConfirm}>
              {fr.finalise.submit}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
