/**
 * The string literals of the sources that users may read: every string and template part of
 * worker/, shared/ and addin/src/i18n, read with the TypeScript compiler, except what is code
 * rather than text: SQL, URLs, module specifiers, literals without a letter and a space (keys,
 * codes, identifiers), regular expressions and comments (which are no literals).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

export interface SourceLiteral {
  file: string
  line: number
  text: string
}

const ROOT = new URL('../../', import.meta.url).pathname
export const SCANNED_DIRECTORIES = ['worker', 'shared', 'addin/src/i18n']

function sourceFiles(dir: string): string[] {
  const files: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path))
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(path)
  }
  return files
}

const SQL = /^\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|PRAGMA|BEGIN|REPLACE)\b|\b(?:FROM|WHERE|JOIN|VALUES|ORDER BY|GROUP BY)\b.*|json_each\(|\?\d/

function isModuleSpecifier(node: ts.Node): boolean {
  const parent = node.parent
  return ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || (ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.ImportKeyword)
}

/** The whole template (or string) a part belongs to, to judge it as one text. */
function wholeText(node: ts.Node): string {
  const template = ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) ? findTemplate(node) : null
  if (template) return [template.head.text, ...template.templateSpans.map((s) => s.literal.text)].join('${}')
  return (node as ts.StringLiteralLike).text
}

function findTemplate(node: ts.Node): ts.TemplateExpression | null {
  let current: ts.Node | undefined = node
  while (current && !ts.isTemplateExpression(current)) current = current.parent
  return current ?? null
}

export function userFacingLiterals(): SourceLiteral[] {
  const found: SourceLiteral[] = []
  for (const dir of SCANNED_DIRECTORIES) {
    for (const path of sourceFiles(join(ROOT, dir))) {
      const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
      const visit = (node: ts.Node) => {
        if (
          ts.isStringLiteral(node) ||
          ts.isNoSubstitutionTemplateLiteral(node) ||
          ts.isTemplateHead(node) ||
          ts.isTemplateMiddle(node) ||
          ts.isTemplateTail(node)
        ) {
          const text = node.text
          const whole = wholeText(node)
          if (!isModuleSpecifier(node) && !SQL.test(whole) && !whole.includes('://') && /\p{L}/u.test(text)) {
            found.push({ file: relative(ROOT, path), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text })
          }
        }
        ts.forEachChild(node, visit)
      }
      visit(source)
    }
  }
  return found
}
