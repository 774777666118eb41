import { Caption1, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components'
import { fr } from '../../i18n/fr'
import type { ConflictChoice, ConflictRow } from '../juryImportView'
import { CellList } from './CellList'

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  values: { display: 'flex', flexDirection: 'column' },
})

interface JuryImportConflictsProps {
  rows: ConflictRow[]
  /** Title and « first listed » line (conflictHeading): the answer lists the first 1,000 only. */
  heading: { title: string; firstListed: string | null }
  /** Null until the user chose: nothing is preselected, so nothing is overwritten by default. */
  choice: ConflictChoice
  disabled: boolean
  onChoose: (choice: Exclude<ConflictChoice, null>) => void
}

/** Marks typed in the grid that the sheets contradict, and the one choice for the whole batch. */
export function JuryImportConflicts({ rows, heading, choice, disabled, onChoose }: JuryImportConflictsProps) {
  const styles = useStyles()
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="jury-conflicts">
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{heading.title}</MessageBarTitle>
        <span>{fr.juryImport.conflicts.intro}</span>
        {heading.firstListed && <Caption1>{heading.firstListed}</Caption1>}
        <RadioGroup
          value={choice ?? ''}
          disabled={disabled}
          required
          aria-label={fr.juryImport.conflicts.choiceLabel}
          onChange={(_, data) => {
            if (data.value === 'keep' || data.value === 'replace') onChoose(data.value)
          }}
        >
          <Radio value="keep" label={fr.juryImport.conflicts.keep} />
          <Radio value="replace" label={fr.juryImport.conflicts.replace} />
        </RadioGroup>
        <CellList
          items={rows.map((row) => ({
            key: row.key,
            address: row.cell,
            title: fr.juryImport.conflicts.heading(row.schoolId, row.blocCode, row.critereCode),
            body: (
              <span className={styles.values}>
                <Caption1>{fr.juryImport.conflicts.where(row.file, row.sheet)}</Caption1>
                <span>{fr.juryImport.conflicts.grid(row.grid, row.gridAuthor, row.gridUpdatedAt)}</span>
                <span>{fr.juryImport.conflicts.sheet(row.sheetValue)}</span>
                <Caption1>{fr.juryImport.conflicts.resolution[row.resolution]}</Caption1>
              </span>
            ),
          }))}
        />
      </MessageBarBody>
    </MessageBar>
  )
}
