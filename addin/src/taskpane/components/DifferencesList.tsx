import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components'
import type { CellDifference } from '../../../../shared/workbook/localEdits'
import { fr } from '../../i18n/fr'
import { CellList } from './CellList'

/** After a pull: the unsent edits the workbook kept, each beside the server's value. */
export function DifferencesList({ differences }: { differences: CellDifference[] }) {
  return (
    <MessageBar intent="info" layout="multiline" data-testid="differences">
      <MessageBarBody>
        <MessageBarTitle>{fr.pull.kept(differences.length)}</MessageBarTitle>
        <CellList
          items={differences.map((difference) => ({
            key: difference.key,
            address: difference.address,
            title: `${difference.candidateLabel} · ${difference.label}`,
            body: fr.differences.line(fr.values.describe(difference.local), fr.values.describe(difference.server)),
          }))}
        />
      </MessageBarBody>
    </MessageBar>
  )
}
