import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components'
import { fr } from '../../i18n/fr'

interface ConfirmDialogProps {
  /** Kept mounted and closed through `open`: Fluent then restores the page it made inert. */
  open: boolean
  title: string
  text: string
  confirm: string
  onConfirm: () => void
  onCancel: () => void
}

/** What cannot be undone (closing, deleting, replacing a sheet) is confirmed first, saying what happens. */
export function ConfirmDialog({ open, title, text, confirm, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{text}</DialogContent>
          <DialogActions>
            <Button onClick={onCancel}>{fr.setup.cancel}</Button>
            <Button appearance="primary" onClick={onConfirm}>
              {confirm}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
