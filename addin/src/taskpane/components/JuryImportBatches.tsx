import { Body1Strong, Button, Caption1, makeStyles, tokens } from '@fluentui/react-components'
import { fr } from '../../i18n/fr'
import type { BatchLine } from '../juryImportView'

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, wordBreak: 'break-word' },
  undone: { color: tokens.colorNeutralForeground3 },
  undo: { alignSelf: 'flex-start' },
})

interface JuryImportBatchesProps {
  lines: BatchLine[]
  hidden: number
  /** Why the list could not be read, in French; null when it was. */
  loadError: string | null
  disabled: boolean
  onUndo: (line: BatchLine) => void
}

/** The session's recent import batches: when, who, which files, how many marks, undone or not. */
export function JuryImportBatches({ lines, hidden, loadError, disabled, onUndo }: JuryImportBatchesProps) {
  const styles = useStyles()
  return (
    <div className={styles.panel} data-testid="jury-batches">
      <Body1Strong>{fr.juryImport.batches.title}</Body1Strong>
      {loadError !== null ? (
        <Caption1>{fr.juryImport.batches.loadFailed(loadError)}</Caption1>
      ) : lines.length === 0 ? (
        <Caption1>{fr.juryImport.batches.empty}</Caption1>
      ) : (
        <ul className={styles.list}>
          {lines.map((line) => (
            <li key={line.batchId} className={line.undone ? `${styles.item} ${styles.undone}` : styles.item}>
              <Caption1>{fr.juryImport.batches.by(line.createdAt, line.author)}</Caption1>
              <Caption1>{line.files}</Caption1>
              <Caption1>
                {line.marksText} · {line.status}
              </Caption1>
              {line.canUndo && (
                <Button className={styles.undo} size="small" disabled={disabled} onClick={() => onUndo(line)}>
                  {fr.juryImport.batches.undo}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {hidden > 0 && <Caption1>{fr.juryImport.batches.more(hidden)}</Caption1>}
    </div>
  )
}
