import { Button, Text, makeStyles, tokens } from '@fluentui/react-components'
import { fr } from '../../i18n/fr'

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  url: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
})

/** One line once connected, so the pane keeps room for the main action. */
export function ConnectionSummary({ apiBaseUrl, busy, onEdit }: { apiBaseUrl: string; busy: boolean; onEdit: () => void }) {
  const styles = useStyles()
  const label = fr.connection.connectedTo(apiBaseUrl)
  return (
    <div className={styles.row}>
      <Text size={200} className={styles.url} title={label}>
        {label}
      </Text>
      <Button size="small" appearance="subtle" disabled={busy} onClick={onEdit}>
        {fr.connection.change}
      </Button>
    </div>
  )
}
