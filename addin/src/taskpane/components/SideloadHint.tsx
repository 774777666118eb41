import { MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components'
import { fr } from '../../i18n/fr'
import type { HostStatus } from '../../office/officeHost'

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  paragraph: { margin: 0 },
  steps: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
})

function reason(status: Exclude<HostStatus, { kind: 'excel' }>): string {
  switch (status.kind) {
    case 'noOffice':
      return fr.host.reasonNoOffice
    case 'timeout':
      return fr.host.reasonTimeout
    case 'otherHost':
      return fr.host.reasonOtherHost(status.host)
  }
}

/** Shown instead of the app when the page is not running inside Excel. */
export function SideloadHint({ status }: { status: Exclude<HostStatus, { kind: 'excel' }> }) {
  const styles = useStyles()
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="sideload-hint">
      <MessageBarBody className={styles.body}>
        <Text as="p" block weight="semibold" className={styles.paragraph}>
          {fr.host.sideloadIntro}
        </Text>
        <ul className={styles.steps}>
          {fr.host.sideloadSteps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ul>
        <Text as="p" block italic className={styles.paragraph}>
          {reason(status)}
        </Text>
      </MessageBarBody>
    </MessageBar>
  )
}
