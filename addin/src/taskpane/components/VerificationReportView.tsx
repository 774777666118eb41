import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components'
import type { VerificationReport } from '../../../../shared/workbook/verifyGradeSheet'
import { fr } from '../../i18n/fr'
import { CellList } from './CellList'

/** The outcome of "Vérifier": all clear with what would be sent, or every problem by cell. */
export function VerificationReportView({ report, pendingInputs }: { report: VerificationReport; pendingInputs: number | null }) {
  if (report.problems.length === 0) {
    return (
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>{fr.verify.ok(report.rowCount, pendingInputs ?? 0)}</MessageBarBody>
      </MessageBar>
    )
  }
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="verification-problems">
      <MessageBarBody>
        <MessageBarTitle>{fr.verify.problems(report.problems.length)}</MessageBarTitle>
        <CellList
          items={report.problems.map((problem, index) => ({
            key: `${problem.address}-${index}`,
            address: problem.address,
            title: `${fr.verify.kind[problem.kind]} · ${problem.candidateLabel}`,
            body: fr.verify.message(problem),
          }))}
        />
      </MessageBarBody>
    </MessageBar>
  )
}
