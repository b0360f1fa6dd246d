/**
 * GitHub Actions workflow commands for diagnostics (`--format github`):
 * `::error file=F,line=L,col=C,title=T::message`, escaped as the runner's toolkit does
 * (actions/toolkit `command.ts`): in the message `%`, CR and LF; in a property also `:`
 * and `,`, which would otherwise end the property. Escaping `%` first keeps it one-to-one.
 * The rest of the control characters (ESC, BEL, C1, bidi overrides) are made visible
 * first, as in the text format: a manifest value must not drive the terminal a CI log is
 * read in, nor forge a workflow command of its own.
 */
import type { Diagnostic } from '../../contracts/validation-report.ts'
import { escapeControl } from '../diagnostics/safe-text.ts'

/** Escapes the message part of a workflow command. */
export const escapeData = (text: string): string =>
  escapeControl(text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A'))

/** Escapes a property value of a workflow command. */
export const escapeProperty = (text: string): string => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')

/** One annotation line (without its newline): `::error …` or `::warning …`. */
export function githubAnnotation(d: Diagnostic): string {
  const command = d.severity === 'warning' ? 'warning' : 'error'
  const title = `kaizen-agentic ${d.keyword}${d.path === '' ? '' : ` at ${d.path}`}`
  const properties = [
    `file=${escapeProperty(d.file)}`,
    `line=${d.line}`,
    `col=${d.column}`,
    `title=${escapeProperty(title)}`,
  ].join(',')
  return `::${command} ${properties}::${escapeData(d.message)}`
}
