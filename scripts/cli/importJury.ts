/**
 * `import-jury`: reads filled jury sheets here and sends their extracts to the Worker (juryExtracts.ts). Always a dry run first, printed as a
 * French table; with --commit, commits only after a clean preview (no error, no undecided
 * conflict), so what is written is exactly what was shown. Exit codes: 0 ok, 1 errors, 2 usage.
 */
import { parseArgs } from 'node:util'
import { collectFiles, MissingPathError, type FoundFile } from './files'
import type { CliIo } from './io'
import { nothingToDoMessage } from '../../shared/jury/planImport'
import { extractsUrl, postJuryExtracts } from './juryExtracts'
import { formatPlan, type PublicPlan } from './report'

export const EXIT_OK = 0
export const EXIT_ERRORS = 1
export const EXIT_USAGE = 2

/** The Worker accepts 50 MB per request: beyond, the import must be split by the user. */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024
const DEFAULT_API = 'http://localhost:8787'

export const IMPORT_JURY_USAGE = [
  'Usage : npm run cli -- import-jury --session <id> [options] <fichiers ou dossiers…>',
  '',
  'Importe des fiches d’évaluation du jury (.xlsx générées par Certibloc). Un aperçu est',
  'toujours affiché d’abord ; rien n’est écrit sans --commit.',
  '',
  'Options :',
  '  --session <id>          session dans laquelle importer (obligatoire)',
  `  --api <url>             adresse de l’API (défaut : CERTIBLOC_API ou ${DEFAULT_API})`,
  '  --token <jeton>         jeton d’API (défaut : variable CERTIBLOC_TOKEN)',
  '  --commit                importer après un aperçu sans erreur',
  '  --exclude <fichier>     laisser ce fichier de côté (répétable)',
  '  --on-conflict <choix>   notes saisies dans la grille et différentes des fiches :',
  '                          fail (défaut, refuser), keep (garder la grille), replace (prendre les fiches)',
  '',
  'Codes de sortie : 0 succès, 1 erreurs (fichiers, conflits, API), 2 mauvaise utilisation.',
]

interface ImportAnswer {
  dryRun: boolean
  sessionStatus: string
  /** Sent back with the commit: the Worker refuses it (409) if the plan changed since this preview. */
  previewToken: string
  unmatchedExcludes: string[]
  plan: PublicPlan
  batch?: { id: string; summary: { marks: number } } | null
  message?: string
}

interface ErrorEnvelope {
  error: { code: string; message: string; details?: { plan?: PublicPlan; issues?: Array<{ message: string }> } | null }
}

class UsageError extends Error {}

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        session: { type: 'string' },
        api: { type: 'string' },
        token: { type: 'string' },
        commit: { type: 'boolean', default: false },
        exclude: { type: 'string', multiple: true, default: [] },
        'on-conflict': { type: 'string', default: 'fail' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    // parseArgs says what is wrong in English: name the option in French instead.
    const option = /'(-{1,2}[\w-]+)/.exec(String(error))?.[1]
    throw new UsageError(option ? `option ${option} inconnue ou mal employée.` : 'arguments invalides.')
  }
}

/** Prints an API error envelope (or whatever came back) and returns the exit code. */
async function reportFailure(io: CliIo, res: Response): Promise<number> {
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    // Not JSON: a proxy or a wrong --api.
  }
  const envelope = body as ErrorEnvelope | null
  if (envelope?.error?.message) {
    io.err(`Erreur ${res.status} : ${envelope.error.message}`)
    const plan = envelope.error.details?.plan
    if (plan) for (const line of formatPlan(plan)) io.out(line)
  } else {
    io.err(`Erreur ${res.status} : réponse inattendue de l’API (vérifiez --api).`)
  }
  if (res.status === 401) io.err('Vérifiez le jeton (--token ou CERTIBLOC_TOKEN).')
  return EXIT_ERRORS
}

export async function importJury(args: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof options>
  try {
    parsed = options(args)
  } catch (error) {
    io.err(`import-jury : ${(error as Error).message}`)
    for (const line of IMPORT_JURY_USAGE) io.err(line)
    return EXIT_USAGE
  }
  const { values, positionals } = parsed
  if (values.help) {
    for (const line of IMPORT_JURY_USAGE) io.out(line)
    return EXIT_OK
  }
  const usage = (message: string) => {
    io.err(`import-jury : ${message}`)
    for (const line of IMPORT_JURY_USAGE) io.err(line)
    return EXIT_USAGE
  }
  const session = values.session?.trim()
  if (!session) return usage('--session <id> est obligatoire.')
  if (!/^[A-Za-z0-9-]{1,64}$/.test(session)) return usage(`identifiant de session « ${session} » invalide.`)
  const token = values.token ?? io.env.CERTIBLOC_TOKEN
  if (!token) return usage('jeton d’API manquant : --token <jeton> ou variable CERTIBLOC_TOKEN.')
  const policy = values['on-conflict']
  if (policy !== 'fail' && policy !== 'keep' && policy !== 'replace') return usage(`--on-conflict vaut fail, keep ou replace (reçu « ${policy} »).`)
  if (positionals.length === 0) return usage('indiquez au moins un fichier ou un dossier.')
  const api = (values.api ?? io.env.CERTIBLOC_API ?? DEFAULT_API).replace(/\/+$/, '')
  if (!/^https?:\/\/[^/\s]+/.test(api)) return usage(`adresse d’API « ${api} » invalide (http://… ou https://…).`)

  let files: FoundFile[]
  try {
    files = await collectFiles(io, positionals)
  } catch (error) {
    if (error instanceof MissingPathError) return usage(error.message)
    throw error
  }
  if (files.length === 0) {
    io.err('Aucun fichier .xlsx trouvé dans les chemins indiqués.')
    return EXIT_ERRORS
  }
  const total = files.reduce((n, f) => n + f.size, 0)
  if (total > MAX_UPLOAD_BYTES) {
    io.err(`Les fichiers pèsent ${(total / 1024 / 1024).toFixed(1).replace('.', ',')} Mo, au-delà de 50 Mo par import : importez-les en plusieurs fois (un dossier à la fois).`)
    return EXIT_ERRORS
  }
  const exclude = values.exclude ?? []
  const url = (dryRun: boolean, previewToken?: string) =>
    `${extractsUrl(api, session, dryRun, policy)}${previewToken ? `&previewToken=${previewToken}` : ''}`

  io.out(`Aperçu de l’import de ${files.length} fichier${files.length > 1 ? 's' : ''} dans la session ${session}…`)
  let res: Response
  try {
    res = await postJuryExtracts(io, url(true), token, files, exclude)
  } catch (error) {
    io.err(`Impossible de joindre l’API ${api} : ${(error as Error).message}`)
    return EXIT_ERRORS
  }
  if (res.status !== 200) return reportFailure(io, res)
  const preview = (await res.json()) as ImportAnswer
  const locked = preview.sessionStatus !== 'open'
  for (const line of formatPlan(preview.plan, { locked })) io.out(line)
  for (const name of preview.unmatchedExcludes) io.out(`Attention : --exclude ${name} ne correspond à aucun fichier envoyé.`)
  io.out('')

  const { plan } = preview
  // Said first: errors or conflicts would not matter, nothing can be written in this session.
  if (locked) {
    io.err(`La session est ${preview.sessionStatus === 'closed' ? 'close' : 'délibérée'}\u00a0: ses notes ne sont plus modifiables, rien ne peut y être importé.`)
    return EXIT_ERRORS
  }
  if (plan.errors.length > 0) {
    const bad = plan.files.filter((f) => f.status === 'error').map((f) => `--exclude ${f.file.split('/').pop()}`)
    io.err(`Import impossible : ${plan.errors.length} erreur(s). Corrigez les fichiers, ou laissez-les de côté avec ${bad.join(' ')}.`)
    return EXIT_ERRORS
  }
  if (!plan.committable) {
    io.err('Import impossible : des notes saisies dans la grille diffèrent des fiches. Relancez avec --on-conflict keep (garder la grille) ou replace (prendre les fiches).')
    return EXIT_ERRORS
  }
  if (plan.nothingToDo) {
    io.out(nothingToDoMessage(plan.totals))
    return EXIT_OK
  }
  if (!values.commit) {
    io.out('Aperçu seulement, rien n’a été écrit : relancez avec --commit pour importer.')
    return EXIT_OK
  }
  try {
    res = await postJuryExtracts(io, url(false, preview.previewToken), token, files, exclude)
  } catch (error) {
    io.err(`Impossible de joindre l’API ${api} : ${(error as Error).message} (rien n’a été confirmé : relancez l’aperçu).`)
    return EXIT_ERRORS
  }
  if (res.status !== 200) return reportFailure(io, res)
  const done = (await res.json()) as ImportAnswer
  io.out(done.message ?? 'Import terminé.')
  if (done.batch) io.out(`Pour l’annuler : POST /api/v1/sessions/${session}/jury-imports/${done.batch.id}/undo`)
  return EXIT_OK
}
