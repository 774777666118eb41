import { Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components'
import type { ReactNode } from 'react'
import { fr } from '../../i18n/fr'

/** Longest list shown: past it, a line says how many more; the sheet itself holds the rest. */
export const MAX_LISTED = 50

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    maxHeight: '320px',
    overflowY: 'auto',
  },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  heading: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', minWidth: 0 },
  address: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, flexShrink: 0 },
  who: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  text: { overflowWrap: 'anywhere' },
})

export interface CellListItem {
  key: string
  /** A1 address in "Grille". */
  address: string
  /** Who and what: "Dupont Marie · CR1.2". */
  title: string
  body: ReactNode
}

/** Cells of the sheet, by address first: what the user looks for in Excel's Name Box. */
export function CellList({ items, className }: { items: CellListItem[]; className?: string }) {
  const styles = useStyles()
  const shown = items.slice(0, MAX_LISTED)
  return (
    <>
      <ul className={mergeClasses(styles.list, className)}>
        {shown.map((item) => (
          <li key={item.key} className={styles.item}>
            <span className={styles.heading}>
              <span className={styles.address}>{item.address}</span>
              <Caption1 className={styles.who} title={item.title}>
                {item.title}
              </Caption1>
            </span>
            <span className={styles.text}>{item.body}</span>
          </li>
        ))}
      </ul>
      {items.length > shown.length && <Caption1>{fr.verify.more(items.length - shown.length)}</Caption1>}
    </>
  )
}
