import { Field, Select, Text, makeStyles } from '@fluentui/react-components'
import type { ReferentialSummary } from '../../api/referentials'
import { fr } from '../../i18n/fr'

const useStyles = makeStyles({
  // A native select is as wide as its longest option; long titles must not widen the pane.
  field: { gridTemplateColumns: 'minmax(0, 1fr)' },
  select: { minWidth: 0, textOverflow: 'ellipsis' },
})

interface ReferentialPickerProps {
  referentials: ReferentialSummary[]
  selectedId: string
  disabled: boolean
  onSelect: (id: string) => void
}

/** A native select: light, keyboard friendly, and enough for a handful of versions. */
export function ReferentialPicker({ referentials, selectedId, disabled, onSelect }: ReferentialPickerProps) {
  const styles = useStyles()
  if (referentials.length === 0) {
    return <Text>{fr.referentials.empty}</Text>
  }
  return (
    <Field className={styles.field} label={fr.referentials.pickerLabel}>
      <Select
        select={{ className: styles.select }}
        value={selectedId}
        disabled={disabled}
        onChange={(_, data) => onSelect(data.value)}
      >
        {referentials.map((referential) => (
          <option key={referential.id} value={referential.id}>
            {fr.referentials.option(referential.title, referential.version, referential.status === 'published')}
          </option>
        ))}
      </Select>
    </Field>
  )
}
