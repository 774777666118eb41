import { Field, Select, Text, makeStyles } from '@fluentui/react-components'
import type { SessionSummary } from '../../api/sessions'
import { fr } from '../../i18n/fr'

const useStyles = makeStyles({
  // A native select is as wide as its longest option; long names must not widen the pane.
  field: { gridTemplateColumns: 'minmax(0, 1fr)' },
  select: { minWidth: 0, textOverflow: 'ellipsis' },
})

interface SessionPickerProps {
  sessions: SessionSummary[]
  selectedId: string
  disabled: boolean
  onSelect: (id: string) => void
}

/** A native select: light, keyboard friendly, and enough for a school's sessions. */
export function SessionPicker({ sessions, selectedId, disabled, onSelect }: SessionPickerProps) {
  const styles = useStyles()
  if (sessions.length === 0) return <Text>{fr.sessions.empty}</Text>
  return (
    <Field className={styles.field} label={fr.sessions.pickerLabel}>
      <Select select={{ className: styles.select }} value={selectedId} disabled={disabled} onChange={(_, data) => onSelect(data.value)}>
        {sessions.map((session) => (
          <option key={session.id} value={session.id}>
            {fr.setup.option(session.name, session.candidateCount, session.status)}
          </option>
        ))}
      </Select>
    </Field>
  )
}
