/**
 * The dev commands (`npm run generate`, `contracts:diff`, `release-contracts`, the local
 * roster) follow the CLI's conventions: commander usage on --help (and nothing run),
 * exit 2 with one line on a usage error, no stack trace.
 */
import { describe, expect, it } from 'vitest'
import { runDevCaptured, runScript } from '../helpers/cli.ts'

describe('--help on every dev command', () => {
  it.each([
    ['generate', '--check'],
    ['contracts-diff', '--format <format>'],
    ['release-contracts', '--dry-run'],
    ['local-roster', '--host <name>'],
  ])('%s prints its usage with examples and exits 0 without running', async (command, option) => {
    const run = await runDevCaptured([command, '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`Usage: kaizen-agentic-dev ${command} [options]`)
    expect(run.stdout).toContain(option)
    expect(run.stdout).toContain('Examples:')
    expect(run.stderr).toBe('')
  })
})

/**
 * Every script is the same two lines over `runDevScript` (src/cli/script.ts): one --help and
 * one failing run in real processes show that path prints, exits and never throws a stack.
 */
describe('the scripts are entry points over the dev program', () => {
  it('scripts/generate.ts --help prints usage and does not generate', async () => {
    const run = await runScript('generate', ['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Usage: kaizen-agentic-dev generate [options]')
    // The generator's report ("N generated files up to date", "generated N files") would mean it ran.
    expect(run.stdout).not.toMatch(/\d+ generated files|generated \d+ files/)
    expect(run.stderr).toBe('')
  })

  // In process: the exit code a script passes on is shown by the runs above and below.
  it('local-roster with an unknown option exits 2 with one line', async () => {
    const run = await runDevCaptured(['local-roster', '--hots', 'x'])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain("error: unknown option '--hots'")
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('scripts/local-roster.ts on a missing directory exits 1 with one line and no output', async () => {
    const run = await runScript('local-roster', ['no-such-dir'])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe('error: cannot list no-such-dir (ENOENT)\n')
  })
})
