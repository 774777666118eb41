import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components'
import type { LocatedDifference } from '../../../../shared/workbook/finaliseRequest'
import { fr } from '../../i18n/fr'
import { CellList } from './CellList'

/** A refused finalisation: each result the workbook shows beside the Worker's computation, with its French reason. */
export function FinalisationDifferencesView({ differences }: { differences: LocatedDifference[] }) {
  return (
    <MessageBar intent="error" layout="multiline" data-testid="finalisation-differences">
      <MessageBarBody>
        <MessageBarTitle>{fr.finalise.differences(differences.length)}</MessageBarTitle>
        <CellList
          items={differences.map((difference, index) => ({
            key: `${difference.path}-${index}`,
            address: difference.address ?? '—',
            title: `${difference.candidateLabel} · ${difference.blocCode ?? fr.finalise.certification}`,
            body: (
              <>
                {fr.finalise.line(difference.pushed, difference.computed)}
                <br />
                {difference.message}
              </>
            ),
          }))}
        />
      </MessageBarBody>
    </MessageBar>
  )
}
