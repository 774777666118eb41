import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components'

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: '220px', overflowY: 'auto', wordBreak: 'break-word' },
})

/** What an action ended with: one French sentence, and the located problems or details under it. */
export interface Outcome {
  intent: 'success' | 'error' | 'info' | 'warning'
  text: string
  lines?: readonly string[]
}

/** An outcome as every panel shows it: errors announced as alerts, the rest as status; a long list scrolls. */
export function OutcomeMessage({ outcome, testId }: { outcome: Outcome; testId?: string }) {
  const styles = useStyles()
  return (
    <MessageBar intent={outcome.intent} layout="multiline" role={outcome.intent === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <MessageBarBody>
        {outcome.text}
        {outcome.lines && outcome.lines.length > 0 && (
          <ul className={styles.list}>
            {outcome.lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  )
}
