import { Spinner, makeStyles } from '@fluentui/react-components'
import { useEffect, useState, type ReactNode } from 'react'
import { fr } from '../../i18n/fr'
import { waitForExcelHost, type HostStatus } from '../../office/officeHost'
import { SideloadHint } from './SideloadHint'

const useStyles = makeStyles({ frame: { padding: '20px' } })

/** Renders its children only once Office reports Excel; a spinner until then, a hint otherwise. */
export function HostGate({ children }: { children: ReactNode }) {
  const styles = useStyles()
  const [status, setStatus] = useState<HostStatus | null>(null)

  useEffect(() => {
    let mounted = true
    void waitForExcelHost().then((result) => {
      if (mounted) setStatus(result)
    })
    return () => {
      mounted = false
    }
  }, [])

  if (status?.kind === 'excel') return children
  return (
    <div className={styles.frame}>
      {status === null ? <Spinner label={fr.host.loading} /> : <SideloadHint status={status} />}
    </div>
  )
}
