/** The human rendering of diagnostics on stderr, shared by every command that loads a manifest. */
import type { Diagnostic } from '../../contracts/validation-report.ts'
import { formatDiagnostic } from '../diagnostics/diagnostic.ts'
import { escapeControl } from '../diagnostics/safe-text.ts'
import { type CliIo, colorsFor } from './io.ts'

/** Most diagnostics printed as text; a hostile file can have tens of thousands, JSON output keeps them all. */
export const MAX_TEXT_DIAGNOSTICS = 100

/** Writes `✖ file:line:col  /path  message` lines and a count to stderr. */
export function writeDiagnostics(io: CliIo, file: string, diagnostics: readonly Diagnostic[]): void {
  const c = colorsFor(io, 'stderr')
  for (const d of diagnostics.slice(0, MAX_TEXT_DIAGNOSTICS)) {
    const mark = d.severity === 'warning' ? c.yellow('!') : c.red('✖')
    io.stderr.write(`${mark} ${formatDiagnostic(d)}\n`)
  }
  const hidden = diagnostics.length - MAX_TEXT_DIAGNOSTICS
  if (hidden > 0) io.stderr.write(`… and ${hidden} more (--format json lists them all)\n`)
  const n = diagnostics.length
  io.stderr.write(`${n} problem${n === 1 ? '' : 's'} in ${escapeControl(file)}\n`)
}
