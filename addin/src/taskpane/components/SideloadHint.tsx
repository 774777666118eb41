import { Link, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components'
import { useEffect, useState } from 'react'
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

/** The manifest beside the pane, when the deployment serves one (a HEAD request says so). */
function useServedManifest(): string | null {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    const manifest = new URL('manifest.xml', window.location.href).toString()
    fetch(manifest, { method: 'HEAD' }).then(
      (response) => response.ok && /xml/.test(response.headers.get('content-type') ?? '') && setUrl(manifest),
      () => undefined,
    )
  }, [])
  return url
}

/** Shown instead of the app when the page is not running inside Excel: how to add Certibloc to Excel. */
export function SideloadHint({ status }: { status: Exclude<HostStatus, { kind: 'excel' }> }) {
  const styles = useStyles()
  const manifest = useServedManifest()
  return (
    <MessageBar intent="info" layout="multiline" data-testid="sideload-hint">
      <MessageBarBody className={styles.body}>
        <Text as="p" block weight="semibold" className={styles.paragraph}>
          {fr.host.sideloadIntro}
        </Text>
        <ol className={styles.steps}>
          {fr.host.sideloadSteps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        {manifest && (
          <Link href={manifest} download="manifest.xml">
            {fr.host.manifestLink}
          </Link>
        )}
        <Link href="aide.html">{fr.host.helpLink}</Link>
        <Text as="p" block italic className={styles.paragraph}>
          {reason(status)}
        </Text>
      </MessageBarBody>
    </MessageBar>
  )
}
