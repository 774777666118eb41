/** Command dispatch of the Certibloc CLI. */
import { IMPORT_JURY_USAGE, importJury, EXIT_OK, EXIT_USAGE } from './importJury'
import type { CliIo } from './io'

const USAGE = [
  'Usage : npm run cli -- <commande> [options]',
  '',
  'Commandes :',
  '  import-jury   importer des fiches d’évaluation du jury remplies (.xlsx)',
  '',
  'Aide d’une commande : npm run cli -- <commande> --help',
]

export async function main(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args
  switch (command) {
    case 'import-jury':
      return importJury(rest, io)
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      for (const line of [...USAGE, '', ...IMPORT_JURY_USAGE]) io.out(line)
      return command === undefined ? EXIT_USAGE : EXIT_OK
    default:
      io.err(`Commande inconnue : « ${command} ».`)
      for (const line of USAGE) io.err(line)
      return EXIT_USAGE
  }
}
