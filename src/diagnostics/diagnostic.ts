/** The one located-problem shape (from the validation-report contract) and its human rendering. */
import type { Diagnostic } from '../../contracts/validation-report.ts'
import { clip, escapeControl } from './safe-text.ts'

export type { Diagnostic }

/** A position in a source file, 1-based. */
export interface Position {
  readonly line: number
  readonly column: number
}

/** The start of a file, for problems that concern the whole file. */
export const START: Position = { line: 1, column: 1 }

/** Builds an error diagnostic. */
export function errorAt(
  file: string,
  at: Position,
  path: string,
  keyword: string,
  message: string,
  suggestion?: string,
): Diagnostic {
  return {
    file,
    line: at.line,
    column: at.column,
    path,
    keyword,
    severity: 'error',
    message,
    ...(suggestion === undefined ? {} : { suggestion }),
  }
}

/** Orders diagnostics by position, then path, then message, so reports are stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.line - b.line ||
      a.column - b.column ||
      a.path.localeCompare(b.path, 'en') ||
      a.message.localeCompare(b.message, 'en'),
  )
}

/** `file:line:col  /json/path  message` — the line every human report uses. */
export function formatDiagnostic(d: Diagnostic): string {
  // Paths and messages quote the input (keys, values): escaped so a key cannot forge a line or
  // drive the terminal, clipped so a 100 KB key stays one readable line. JSON output keeps them whole.
  const where = `${escapeControl(d.file)}:${d.line}:${d.column}`
  const path = d.path === '' ? '(document)' : clip(escapeControl(d.path), 200)
  return `${where}  ${path}  ${d.severity === 'warning' ? 'warning: ' : ''}${clip(escapeControl(d.message), 600)}`
}
