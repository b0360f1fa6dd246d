/**
 * Every `--help` ends the same way (issue 14b): `Examples:`, the shared exit-code line
 * and the docs link, all from src/cli/help-text.ts. And the global `--verbose` flag.
 * stdout, stderr and the exit code are checked separately.
 */
import { describe, expect, it } from 'vitest'
import { DOCS_LINE, EXIT_CODES_LINE } from '../../src/cli/help-text.ts'
import { runCliCaptured } from '../helpers/cli.ts'

const HELPS: readonly (readonly string[])[] = [
  [],
  ['schedule'],
  ['metrics'],
  ['completion'],
  ['schedule', 'init'],
  ['schedule', 'validate'],
  ['schedule', 'list'],
  ['schedule', 'prepare'],
  ['schedule', 'discover'],
  ['metrics', 'record'],
  ['metrics', 'show'],
]

describe('--help of every command', () => {
  it.each(HELPS.map((path) => [path.join(' ') || '(root)', path] as const))(
    '%s --help ends with examples, exit codes and the docs link',
    async (_name, path) => {
      const run = await runCliCaptured([...path, '--help'])
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/\nExamples:\n  \$ .*kaizen-agentic/)
      expect(run.stdout).toContain(`${EXIT_CODES_LINE}\n`)
      expect(run.stdout.trimEnd().endsWith(DOCS_LINE)).toBe(true)
      // Each help shows its own footer once (the root's does not leak into sub-commands).
      expect(run.stdout.split('Examples:').length).toBe(2)
    },
  )

  it('the shared lines say what the issue asks', () => {
    expect(EXIT_CODES_LINE).toBe('Exit codes: 0 ok, 1 invalid input or not found, 2 usage error')
    expect(DOCS_LINE).toBe('Docs: docs/cli.md')
  })
})
