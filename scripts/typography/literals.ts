/**
 * The string literals of the sources that users may read, found with the TypeScript compiler:
 * every string and template part of worker/, shared/ and addin/src/i18n, except what is code
 * rather than text (SQL, URLs, module specifiers, literals without a letter) and the PDF
 * renderers (their text is laid out by shared/documents/pdfLayout.ts). Used by the typography
 * test and by `npm run typography` (scripts/typography.ts), which rewrites them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

export const ROOT = new URL('../../', import.meta.url).pathname
export const SCANNED_DIRECTORIES = ['worker', 'shared', 'addin/src/i18n']
/** Owned by the PDF layout, which has its own rules of text. */
const EXCLUDED_FILES = new Set(['shared/documents/pvPdf.ts', 'shared/documents/attestationPdf.ts', 'shared/documents/pdfLayout.ts', 'shared/typography.ts'])

export interface SourceLiteral {
  file: string
  line: number
  /** The literal's value, as the program sees it. */
  text: string
  /** Offsets of the raw text between the delimiters, in the file. */
  start: number
  end: number
}

function sourceFiles(dir: string): string[] {
  const files: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path))
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(path)
  }
  return files
}

/** The files scanned, relative to the repository. */
export function scannedFiles(): string[] {
  return SCANNED_DIRECTORIES.flatMap((dir) => sourceFiles(join(ROOT, dir)))
    .map((path) => relative(ROOT, path))
    .filter((file) => !EXCLUDED_FILES.has(file))
}

const SQL = /^\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|PRAGMA|BEGIN|REPLACE)\b|\b(?:FROM|WHERE|JOIN|VALUES|ORDER BY|GROUP BY)\b|json_each\(|\?\d/

function isModuleSpecifier(node: ts.Node): boolean {
  const parent = node.parent
  return (
    ts.isImportDeclaration(parent) ||
    ts.isExportDeclaration(parent) ||
    ts.isExternalModuleReference(parent) ||
    (ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.ImportKeyword)
  )
}

function templateOf(node: ts.Node): ts.TemplateExpression | null {
  let current: ts.Node | undefined = node
  while (current && !ts.isTemplateExpression(current)) current = current.parent
  return current ?? null
}

/** The whole text a literal part belongs to (a template's parts together), judged as one. */
function wholeText(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateLiteralLikeNode): string {
  if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
    const template = templateOf(node)
    if (template) return [template.head.text, ...template.templateSpans.map((s) => s.literal.text)].join('${}')
  }
  return node.text
}

/** Every literal part of a source text (strings, templates), with where its raw text lies. */
export function literalsOf(file: string, sourceText: string, options: { userFacingOnly: boolean } = { userFacingOnly: true }): SourceLiteral[] {
  const source = ts.createSourceFile(file, sourceText, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const found: SourceLiteral[] = []
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const whole = wholeText(node)
      const keep = !options.userFacingOnly || (!isModuleSpecifier(node) && !SQL.test(whole) && !whole.includes('://') && /[\p{L}«»;:!?]/u.test(node.text))
      if (keep && !isModuleSpecifier(node)) {
        const start = node.getStart(source)
        const end = node.getEnd()
        // Delimiters: ' " ` at both ends, `}` … `${` for template parts.
        const open = ts.isTemplateMiddle(node) || ts.isTemplateTail(node) ? 1 : 1
        const close = ts.isTemplateHead(node) || ts.isTemplateMiddle(node) ? 2 : 1
        found.push({ file, line: source.getLineAndCharacterOfPosition(start).line + 1, text: node.text, start: start + open, end: end - close })
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** The user-facing literals of every scanned file. */
export function userFacingLiterals(): SourceLiteral[] {
  return scannedFiles().flatMap((file) => literalsOf(file, readFileSync(join(ROOT, file), 'utf8')))
}
