/**
 * Certibloc's command line, run with tsx: `npm run cli -- import-jury --session <id> …`.
 * The commands live in scripts/cli/; this file only wires them to the real process.
 */
import { nodeIo } from './cli/io'
import { main } from './cli/main'

try {
  process.exitCode = await main(process.argv.slice(2), nodeIo())
} catch (error) {
  process.stderr.write(`Erreur inattendue : ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
