/**
 * Every `--help` ends the same way (issue 14b): `Examples:`, the shared exit-code line
 * and the docs link, all from src/cli/help-text.ts. And the global `--verbose` flag.
 * stdout, stderr and the exit code are checked separately.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Command } from 'commander'
import { afterEach, describe, expect, it } from 'vitest'
import { DOCS_LINE, EXIT_CODES_LINE } from '../../src/cli/help-text.ts'
import type { CliIo } from '../../src/cli/io.ts'
import { globalFlags } from '../../src/cli/program.ts'
import { runProgram } from '../../src/cli/run.ts'
import { runCliCaptured } from '../helpers/cli.ts'
import { LEAF_COMMANDS } from '../helpers/commands.ts'
import { MANIFEST, makeRepo, type TempRepo } from '../helpers/temp-repo.ts'

const HELPS: readonly (readonly string[])[] = [[], ['schedule'], ['metrics'], ['completion'], ...LEAF_COMMANDS]

describe('--help of every command', () => {
  it.each(HELPS.map((path) => [path.join(' ') || '(root)', path] as const))(
    '%s --help ends with examples, exit codes and the docs link',
    async (_name, path) => {
      const run = await runCliCaptured([...path, '--help'])
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/\nExamples:\n {2}\$ .*kaizen-agentic/)
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

describe('--verbose', () => {
  let repo: TempRepo | undefined
  afterEach(async () => {
    await repo?.dispose()
    repo = undefined
  })

  it('validate names the repository root and the manifest it read (stderr), from a subdirectory too', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST, '.git/HEAD': 'ref: refs/heads/main\n' })
    const sub = join(repo.root, 'src', 'deep')
    await mkdir(sub, { recursive: true })
    const run = await runCliCaptured(['schedule', 'validate', '--verbose'], { cwd: sub })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('../../.kaizen/schedule.yml is valid')
    expect(run.stdout).not.toContain('verbose:')
    expect(run.stderr).toContain(`verbose: repository root: ${repo.root}\n`)
    expect(run.stderr).toContain(`verbose: manifest: ${join(repo.root, '.kaizen/schedule.yml')}\n`)
  })

  it('validate FILE and validate - say what they read', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const file = join(repo.root, '.kaizen/schedule.yml')
    const named = await runCliCaptured(['--verbose', 'schedule', 'validate', file])
    expect(named.code).toBe(0)
    expect(named.stderr).toContain(`verbose: manifest: ${file}\n`)
    const piped = await runCliCaptured(['schedule', 'validate', '-', '--verbose'], { stdin: MANIFEST })
    expect(piped.code).toBe(0)
    expect(piped.stderr).toContain('verbose: manifest: read from stdin\n')
  })

  it('prepare names the repository root and the manifest; the bundle on stdout is unchanged', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST, '.kaizen/agents/coach.md': '# Coach\n' })
    const env = { KAIZEN_NOW: '2027-01-04T08:00:00Z' }
    const plain = await runCliCaptured(['schedule', 'prepare', 'coach', '--target', repo.root], { env })
    const run = await runCliCaptured(['schedule', 'prepare', 'coach', '--target', repo.root, '--verbose'], { env })
    expect(run.code).toBe(0)
    expect(plain.code).toBe(0)
    expect(run.stdout).toBe(plain.stdout)
    expect(run.stderr).toContain(`verbose: repository root: ${repo.root}\n`)
    expect(run.stderr).toContain(`verbose: manifest: ${join(repo.root, '.kaizen/schedule.yml')}\n`)
    expect(plain.stderr).not.toContain('verbose:')
  })

  it('list, metrics record and metrics show name the repository root (and the manifest or log) they used', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const list = await runCliCaptured(['schedule', 'list', '--verbose', '--target', repo.root])
    expect(list.code).toBe(0)
    expect(list.stdout).toContain('coach')
    expect(list.stderr).toBe(
      `verbose: repository root: ${repo.root}\nverbose: manifest: ${join(repo.root, '.kaizen/schedule.yml')}\n`,
    )
    const record = await runCliCaptured(['--verbose', 'metrics', 'record', 'coach', '--success', '--time', '3'], {
      cwd: repo.root,
    })
    expect(record.code).toBe(0)
    expect(record.stderr).toContain(`verbose: metrics log: ${join(repo.root, '.kaizen/metrics/coach.jsonl')}\n`)
    const show = await runCliCaptured(['--verbose', 'metrics', 'show', 'coach'], { cwd: repo.root })
    expect(show.code).toBe(0)
    expect(show.stdout).not.toBe('')
    expect(show.stderr).toContain(`verbose: repository root: ${repo.root}\n`)
  })

  it('discover names its roster source: a file, the local checkouts with the host, or the hub (never a token)', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    await repo.write('../roster.json', '[]')
    const file = await runCliCaptured(['schedule', 'discover', '--verbose', '--roster', 'roster.json'], {
      cwd: repo.base,
    })
    expect(file.code).toBe(0)
    expect(file.stderr).toBe(`verbose: roster: file ${join(repo.base, 'roster.json')}\n`)
    const local = await runCliCaptured(['--verbose', 'schedule', 'discover', '--local', repo.base, '--host', 'ci-7'])
    expect(local.code).toBe(0)
    expect(local.stderr).toContain(`verbose: roster: the checkouts under ${repo.base}, on host ci-7\n`)
    // Nothing listens on port 1: the line comes before the fetch fails.
    const token = 'tok-never-printed-1234'
    const hub = await runCliCaptured(
      ['schedule', 'discover', '--verbose', '--hub-url', 'http://127.0.0.1:1/api', '--retries', '0'],
      { env: { STATE_HUB_TOKEN: token } },
    )
    expect(hub.code).toBe(1)
    expect(hub.stderr).toContain(
      'verbose: roster: state-hub http://127.0.0.1:1/api/repos/ (a bearer token from $STATE_HUB_TOKEN)\n',
    )
    expect(hub.stderr).not.toContain(token)
  })

  it('without --verbose nothing verbose is printed', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const run = await runCliCaptured(['schedule', 'validate', '--target', repo.root])
    expect(run.code).toBe(0)
    expect(run.stderr).not.toContain('verbose:')
  })

  it('--quiet with --verbose is a usage error (exit 2), whatever their order', async () => {
    for (const argv of [
      ['--quiet', '--verbose', 'schedule', 'validate'],
      ['schedule', 'validate', '--verbose', '-q'],
    ]) {
      const run = await runCliCaptured(argv)
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toBe('error: --quiet and --verbose cannot be used together\n(add --help for usage)\n')
    }
  })

  it('after --, --verbose is an argument, not the global flag', () => {
    const io = { env: {} } as unknown as CliIo
    const wired = globalFlags(['schedule', 'validate', '--', '--verbose'], io)
    expect(wired.argv).toEqual(['schedule', 'validate', '--', '--verbose'])
    expect(wired.io.verbose).toBeUndefined()
  })

  it('an unexpected error prints its stack with --verbose (as KAIZEN_DEBUG does), one line without', async () => {
    const capture = (verbose: boolean) => {
      let stdout = ''
      let stderr = ''
      const io: CliIo = {
        stdout: { write: (c: string) => (stdout += c) },
        stderr: { write: (c: string) => (stderr += c) },
        env: {},
        cwd: process.cwd(),
        stdoutIsTTY: false,
        stderrIsTTY: false,
      }
      const wired = globalFlags(verbose ? ['boom', '--verbose'] : ['boom'], io)
      const build = () =>
        new Command('t').exitOverride().addCommand(
          new Command('boom').action(() => {
            throw new Error('kaboom')
          }),
        )
      return runProgram(build, wired.argv, wired.io).then((code) => ({ code, stdout, stderr }))
    }
    const loud = await capture(true)
    expect(loud.code).toBe(1)
    expect(loud.stdout).toBe('')
    expect(loud.stderr).toMatch(/^error: kaboom\nError: kaboom\n\s+at /)
    const plain = await capture(false)
    expect(plain.code).toBe(1)
    expect(plain.stdout).toBe('')
    expect(plain.stderr).toBe('error: kaboom\n')
  })
})

describe('each option says its default once, in words', () => {
  /** The option entries of a help text, continuation lines joined. */
  const optionEntries = (help: string): string[] => {
    const section = help.split('\nOptions:\n')[1]?.split('\n\n')[0] ?? ''
    return section
      .split(/\n(?= {2}-)/)
      .map((entry) => entry.replace(/\n\s+/g, ' '))
      .filter((entry) => entry.trim() !== '')
  }

  it.each([
    [['schedule', 'init'], '-a, --agents <names>', '(default: coach,optimization)'],
    [['schedule', 'discover'], '-H, --host <name>', "(default: this machine's host name)"],
    [['metrics', 'show'], '--last <n>', '(default: 10)'],
    [['metrics', 'record'], '--time <seconds>', 'wall time of the session in seconds'],
    [['metrics', 'record'], '--quality <0..1>', 'assessed quality from 0 to 1'],
  ])('%j %s: %s', async (command, flag, words) => {
    const run = await runCliCaptured([...command, '--help'])
    expect(run.code).toBe(0)
    const entry = optionEntries(run.stdout).find((e) => e.trimStart().startsWith(flag)) ?? ''
    expect(entry).toContain(words)
    // One default per option, and no placeholder of the printed session-close command.
    expect(entry.match(/\(default/g)?.length ?? 0).toBeLessThanOrEqual(1)
    expect(entry).not.toMatch(/\(<|default: \[/)
  })

  it.each(LEAF_COMMANDS.map((command) => [...command]))(
    '%s %s: no option says "(default" twice',
    async (...command) => {
      const run = await runCliCaptured([...command, '--help'])
      const entries = optionEntries(run.stdout)
      expect(entries.length).toBeGreaterThan(1)
      for (const entry of entries) expect(entry.match(/\(default/g)?.length ?? 0, entry).toBeLessThanOrEqual(1)
    },
  )

  it('metrics record --help says --target walks up to the manifest, not "the current directory"', async () => {
    const run = await runCliCaptured(['metrics', 'record', '--help'])
    expect(run.stdout.replace(/\n/g, ' ')).toContain(
      '--target (default: the nearest directory up from here with a manifest, else this one)',
    )
  })
})
