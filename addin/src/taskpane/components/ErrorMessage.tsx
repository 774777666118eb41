import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components'
import { useId, useState } from 'react'
import { fr } from '../../i18n/fr'
import type { DisplayedError } from '../displayedError'

const useStyles = makeStyles({
  details: {
    margin: `${tokens.spacingVerticalS} 0 0`,
    maxHeight: '160px',
    overflowY: 'auto',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
})

/** An error in French; the technical details (codes, server details) only on demand. */
export function ErrorMessage({ error, onDismiss }: { error: DisplayedError; onDismiss: () => void }) {
  const styles = useStyles()
  const [showDetails, setShowDetails] = useState(false)
  const detailsId = useId()
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{fr.errors.title}</MessageBarTitle>
        {error.message}
        {showDetails && error.details && (
          <pre id={detailsId} className={styles.details}>
            {error.details}
          </pre>
        )}
      </MessageBarBody>
      <MessageBarActions>
        {error.details && (
          <Button size="small" aria-expanded={showDetails} aria-controls={detailsId} onClick={() => setShowDetails(!showDetails)}>
            {showDetails ? fr.errors.hideDetails : fr.errors.showDetails}
          </Button>
        )}
        <Button size="small" appearance="subtle" onClick={onDismiss}>
          {fr.errors.dismiss}
        </Button>
      </MessageBarActions>
    </MessageBar>
  )
}
