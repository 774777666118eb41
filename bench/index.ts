/**
 * `npm run bench`: runs every section and prints one Markdown table. A new section is one more
 * entry in `sections`.
 */
import { formatTable, type BenchSection, type Figure } from './report'
import { rulesSection } from './rules'

const sections: BenchSection[] = [rulesSection]

const rows: { section: string; figure: Figure }[] = []
for (const section of sections) {
  for (const figure of await section.run()) rows.push({ section: section.name, figure })
}
console.log(`Certibloc bench — Node ${process.version}, ${new Date().toISOString()}; rates per CPU-second of this process\n`)
console.log(formatTable(rows))
