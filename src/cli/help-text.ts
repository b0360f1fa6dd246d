/**
 * The tail every `--help` of the operator CLI ends with: examples, the exit codes and
 * where the docs are. One place, so every command says the same thing the same way.
 * No imports: the root `--help` loads this module and must stay light.
 */

/** The exit codes every command shares (run.ts): 0 ok, 1 invalid or not found, 2 usage. */
export const EXIT_CODES_LINE = 'Exit codes: 0 ok, 1 invalid input or not found, 2 usage error'

/** Where the operator documentation lives (package.json has no repository URL, so repo-relative). */
export const DOCS_LINE = 'Docs: docs/cli.md'

/**
 * The help footer: `Examples:` (each line shown as `  $ …`), an optional note on what the
 * exit codes mean for this command, the shared exit-code line and the docs line.
 */
export function helpFooter(examples: readonly string[], exitNote?: string): string {
  const lines = ['', 'Examples:', ...examples.map((e) => `  $ ${e}`), '']
  if (exitNote !== undefined) lines.push(exitNote)
  lines.push(EXIT_CODES_LINE, DOCS_LINE)
  return lines.join('\n')
}
