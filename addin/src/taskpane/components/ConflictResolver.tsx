import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  makeStyles,
  tokens,
} from '@fluentui/react-components'
import { useState } from 'react'
import type { CellDifference, Resolution } from '../../../../shared/workbook/localEdits'
import { fr } from '../../i18n/fr'
import { CellList, MAX_LISTED } from './CellList'

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  values: { display: 'flex', flexDirection: 'column' },
  choice: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})` },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
})

interface ConflictResolverProps {
  conflicts: CellDifference[]
  /** Shown after "Envoyer": the Worker refused the whole push. */
  pushRefused: boolean
  busy: boolean
  onApply: (resolutions: Map<string, Resolution>) => void
  onCancel: () => void
}

/** Every conflicting cell with both values; the user keeps theirs or takes the server's. */
export function ConflictResolver({ conflicts, pushRefused, busy, onApply, onCancel }: ConflictResolverProps) {
  const styles = useStyles()
  const [fallback, setFallback] = useState<Resolution>('mine')
  const [choices, setChoices] = useState<Map<string, Resolution>>(new Map())
  const choiceOf = (key: string) => choices.get(key) ?? fallback
  const chooseAll = (resolution: Resolution) => {
    setFallback(resolution)
    setChoices(new Map())
  }
  const apply = () => onApply(new Map(conflicts.map((conflict) => [conflict.key, choiceOf(conflict.key)])))

  return (
    <MessageBar intent="warning" layout="multiline" data-testid="conflicts">
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{fr.conflicts.title}</MessageBarTitle>
        <span>
          {pushRefused ? `${fr.conflicts.nothingSaved} ` : ''}
          {conflicts.length > 0 ? fr.conflicts.intro : fr.conflicts.noCellToChoose}
        </span>
        {conflicts.length > 0 && (
          <>
            <div className={styles.actions}>
              <Button size="small" disabled={busy} onClick={() => chooseAll('mine')}>
                {fr.conflicts.allMine}
              </Button>
              <Button size="small" disabled={busy} onClick={() => chooseAll('server')}>
                {fr.conflicts.allServer}
              </Button>
            </div>
            <CellList
              items={conflicts.slice(0, MAX_LISTED).map((conflict) => ({
                key: conflict.key,
                address: conflict.address,
                title: `${conflict.candidateLabel} · ${conflict.label}`,
                body: (
                  <span className={styles.values}>
                    <span>{fr.conflicts.mine(fr.values.describe(conflict.local))}</span>
                    <span>{fr.conflicts.server(fr.values.describe(conflict.server))}</span>
                    <RadioGroup
                      className={styles.choice}
                      layout="horizontal"
                      value={choiceOf(conflict.key)}
                      disabled={busy}
                      aria-label={`${conflict.address} ${conflict.label}`}
                      onChange={(_, data) => setChoices(new Map(choices).set(conflict.key, data.value as Resolution))}
                    >
                      <Radio value="mine" label={fr.conflicts.keepMine} />
                      <Radio value="server" label={fr.conflicts.takeServer} />
                    </RadioGroup>
                  </span>
                ),
              }))}
            />
            {conflicts.length > MAX_LISTED && <Caption1>{fr.conflicts.othersFollow(conflicts.length - MAX_LISTED)}</Caption1>}
          </>
        )}
        <div className={styles.actions}>
          <Button appearance="primary" disabled={busy} onClick={apply}>
            {fr.conflicts.apply}
          </Button>
          <Button appearance="subtle" disabled={busy} onClick={onCancel}>
            {fr.conflicts.cancel}
          </Button>
        </div>
      </MessageBarBody>
    </MessageBar>
  )
}
