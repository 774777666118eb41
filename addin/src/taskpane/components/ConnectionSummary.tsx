import { Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components'
import type { Me } from '../../account/permissions'
import { fr } from '../../i18n/fr'
import { signedInAs } from '../signedInAs'

const useStyles = makeStyles({
  summary: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  // Buttons under the text: a 320 px pane cannot hold both beside a name and an address.
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})` },
  ellipsis: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
})

interface ConnectionSummaryProps {
  apiBaseUrl: string
  /** The caller from GET /me; null when it could not be read (the address alone is shown). */
  me: Me | null
  /** The selected session, for the role of a user who holds one only there. */
  sessionId: string
  busy: boolean
  onEdit: () => void
  onSignOut: () => void
}

/** Who is connected and where, in short lines, so the pane keeps room for the main action. */
export function ConnectionSummary({ apiBaseUrl, me, sessionId, busy, onEdit, onSignOut }: ConnectionSummaryProps) {
  const styles = useStyles()
  const where = fr.connection.connectedTo(apiBaseUrl)
  const who = me === null ? null : signedInAs(me, sessionId)
  return (
    <div className={styles.summary}>
      {who !== null && (
        <Text size={200} weight="semibold" className={styles.ellipsis} title={who} data-testid="signed-in-as">
          {who}
        </Text>
      )}
      <Caption1 className={styles.ellipsis} title={where}>
        {where}
      </Caption1>
      <div className={styles.actions}>
        <Button size="small" appearance="subtle" disabled={busy} onClick={onEdit}>
          {fr.connection.change}
        </Button>
        <Button size="small" appearance="subtle" disabled={busy} onClick={onSignOut}>
          {fr.connection.signOut}
        </Button>
      </div>
    </div>
  )
}
