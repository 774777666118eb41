import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components'
import { fr } from '../../i18n/fr'
import type { UndoTarget } from '../juryImportView'

interface UndoBatchDialogProps {
  /** The batch to undo; the dialog is open while there is one. */
  target: UndoTarget | null
  disabled: boolean
  onConfirm: (target: UndoTarget) => void
  onDismiss: () => void
}

/** Says what undoing the batch removes before anything is sent. */
export function UndoBatchDialog({ target, disabled, onConfirm, onDismiss }: UndoBatchDialogProps) {
  return (
    <Dialog open={target !== null} onOpenChange={(_, data) => {
        if (!data.open) onDismiss()
      }}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{fr.juryImport.undoConfirmTitle}</DialogTitle>
          <DialogContent>{target && fr.juryImport.undoConfirm(target.marks, target.files, target.createdAt)}</DialogContent>
          <DialogActions>
            <Button onClick={onDismiss}>{fr.juryImport.undoKeep}</Button>
            <Button appearance="primary" disabled={disabled || target === null} onClick={() => target && onConfirm(target)}>
              {fr.juryImport.undoConfirmButton}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
