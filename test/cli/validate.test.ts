/** `schedule validate`, run in process: exit codes, the stdout/stderr split, formats and colour. */
import { spawnSync } from 'node:child_process'
import { mkdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ValidationReport } from '../../contracts/validation-report.ts'
import packageJson from '../../package.json' with { type: 'json' }
import { validatorFor } from '../../src/schema/validators.ts'
import { runCliCaptured } from '../helpers/cli.ts'
import { makeRepo, type TempRepo } from '../helpers/temp-repo.ts'

const VALID = 'version: 1\nagents:\n  coach:\n    cadence: weekly\n'
const INVALID = 'version: 1\nagents:\n  coach:\n    cadance: weekly\n    enabled: "no"\n'
/** The escape character that starts every ANSI colour sequence. */
const ANSI = String.fromCharCode(27)

let repo: TempRepo | undefined
afterEach(async () => {
  await repo?.dispose()
  repo = undefined
})

const validate = (args: string[], options: Parameters<typeof runCliCaptured>[1] = {}) =>
  runCliCaptured(['schedule', 'validate', ...args], options)

describe('schedule validate', () => {
  it('accepts a valid manifest in --target, on stdout, exit 0', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': VALID, '.kaizen/agents/coach.md': '# Coach\n' })
    const run = await validate(['--target', repo.root])
    expect(run).toEqual({ code: 0, stdout: '✓ .kaizen/schedule.yml is valid\n', stderr: '' })
  })

  it('defaults --target to the working directory and finds .kaizen/schedule.yaml too', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yaml': VALID, '.kaizen/agents/coach.md': '# Coach\n' })
    const run = await validate([], { cwd: repo.root })
    expect(run).toEqual({ code: 0, stdout: '✓ .kaizen/schedule.yaml is valid\n', stderr: '' })
  })

  it('reports every problem on stderr as file:line:col  path  message, sorted, exit 1', async () => {
    repo = await makeRepo({ 'custom.yml': INVALID })
    const run = await validate(['custom.yml'], { cwd: repo.root })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(
      [
        "✖ custom.yml:4:5  /agents/coach/cadance  unknown key 'cadance' — did you mean 'cadence'?",
        "✖ custom.yml:5:14  /agents/coach/enabled  must be a boolean; got string 'no' (write true or false, without quotes)",
        '2 problems in custom.yml',
        '',
      ].join('\n'),
    )
  })

  it('writes the report as JSON on stdout with --format json, matching its contract', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': INVALID })
    const run = await validate(['--target', repo.root, '--format', 'json'])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
    const report = JSON.parse(run.stdout) as ValidationReport
    expect(validatorFor('validation-report')(report)).toBe(true)
    expect(report.valid).toBe(false)
    expect(report.diagnostics.map((d) => [d.line, d.column, d.keyword, d.suggestion])).toEqual([
      [4, 5, 'additionalProperties', 'cadence'],
      [5, 14, 'type', undefined],
    ])
  })

  it('says how to opt in when there is no manifest, exit 1', async () => {
    repo = await makeRepo()
    const run = await validate(['--target', repo.root])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`.kaizen/schedule.yml:1:1  (document)  no .kaizen/schedule.yml in ${repo.root}`)
    expect(run.stderr).toContain('run `kaizen-agentic schedule init` to opt in')
  })

  it('reports a missing FILE and a FILE that is a directory, exit 1', async () => {
    repo = await makeRepo()
    await mkdir(join(repo.root, 'dir.yml'))
    const missing = await validate(['nope.yml'], { cwd: repo.root })
    expect([missing.code, missing.stderr]).toEqual([
      1,
      '✖ nope.yml:1:1  (document)  file not found\n1 problem in nope.yml\n',
    ])
    // A directory is a repository root (issue 14): without a manifest in it, not found.
    const dir = await validate(['dir.yml'], { cwd: repo.root })
    expect(dir.code).toBe(1)
    expect(dir.stdout).toBe('')
    expect(dir.stderr).toContain('✖ dir.yml/.kaizen/schedule.yml:1:1  (document)  no .kaizen/schedule.yml in ')
  })

  it('reports a --target that does not exist, exit 1', async () => {
    const run = await validate(['--target', '/nonexistent/kaizen-repo'])
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: target directory /nonexistent/kaizen-repo does not exist\n',
    })
  })

  it.each([
    [['--format', 'xml'], "argument 'xml' is invalid. expected one of text, json"],
    [['x.yml', '--target', '.'], 'give either --target DIR or FILE, not both'],
    [['--frobnicate'], "unknown option '--frobnicate'"],
  ])('treats %j as a usage error, exit 2', async (args, words) => {
    const run = await validate(args)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(words)
  })

  it('lists at most 100 problems as text and says how many more there are', async () => {
    const keys = Array.from({ length: 130 }, (_, i) => `k${i}: 1`).join('\n')
    repo = await makeRepo({ 'many.yml': `version: 1\nagents:\n  coach:\n    cadence: daily\n${keys}\n` })
    const run = await validate(['many.yml'], { cwd: repo.root })
    const lines = run.stderr.trimEnd().split('\n')
    expect(lines.filter((l) => l.startsWith('✖'))).toHaveLength(100)
    expect(lines.slice(-2)).toEqual(['… and 30 more (--format json lists them all)', '130 problems in many.yml'])
    const json = await validate(['many.yml', '--format', 'json'], { cwd: repo.root })
    expect((JSON.parse(json.stdout) as ValidationReport).diagnostics).toHaveLength(130)
  })
})

describe('reading stays safe', () => {
  it('refuses a manifest that is a symlink leading out of the repo, without reading it', async () => {
    repo = await makeRepo({ 'outside/secret.yml': VALID })
    const inner = join(repo.root, 'repo')
    await mkdir(join(inner, '.kaizen'), { recursive: true })
    await symlink(join(repo.root, 'outside', 'secret.yml'), join(inner, '.kaizen', 'schedule.yml'))
    const run = await validate(['--target', inner])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      '.kaizen/schedule.yml is a symlink leading outside the repository; refusing to read it',
    )
  })

  it('follows a symlink that stays inside the repo', async () => {
    repo = await makeRepo({ 'config/schedule.yml': VALID })
    await mkdir(join(repo.root, '.kaizen'))
    await symlink(join(repo.root, 'config', 'schedule.yml'), join(repo.root, '.kaizen', 'schedule.yml'))
    expect((await validate(['--target', repo.root])).code).toBe(0)
  })

  it('reads a FIFO the operator names (as <(…) gives) without waiting for a writer: none means empty', async () => {
    repo = await makeRepo()
    const fifo = join(repo.root, 'pipe.yml')
    const made = spawnSync('mkfifo', [fifo])
    if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`)
    const run = await validate([fifo])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('pipe.yml:1:1')
    expect(run.stderr).toMatch(/empty/)
  })

  it("refuses a FIFO planted as a repository's manifest (a contained read), instead of waiting for a writer", async () => {
    repo = await makeRepo()
    await mkdir(join(repo.root, '.kaizen'))
    const made = spawnSync('mkfifo', [join(repo.root, '.kaizen', 'schedule.yml')])
    if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`)
    const run = await validate(['--target', repo.root])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('is not a regular file')
  })
})

describe('colour', () => {
  it('is used on a terminal', async () => {
    repo = await makeRepo({ 'm.yml': INVALID })
    const run = await validate(['m.yml'], { cwd: repo.root, tty: true })
    expect(run.stderr).toContain(ANSI)
  })
  it.each([
    ['off a terminal', { tty: false }],
    ['with NO_COLOR', { tty: true, env: { NO_COLOR: '1' } }],
    ['with TERM=dumb', { tty: true, env: { TERM: 'dumb' } }],
  ])('is not used %s', async (_name, options) => {
    repo = await makeRepo({ 'm.yml': INVALID })
    const run = await validate(['m.yml'], { cwd: repo.root, ...options })
    expect(run.stderr).not.toContain(ANSI)
    expect(run.stderr).toContain('✖ m.yml:4:5')
  })
})

describe('the program', () => {
  it('prints its version', async () => {
    expect(await runCliCaptured(['--version'])).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' })
  })
  it.each([
    [['--help']],
    [['schedule', '--help']],
    [['schedule', 'validate', '--help']],
    [['schedule', 'init', '--help']],
    [['schedule', 'list', '--help']],
  ])('%j prints usage on stdout, exit 0', async (argv) => {
    const run = await runCliCaptured(argv)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Usage: kaizen-agentic/)
    expect(run.stderr).toBe('')
  })
  it('lists init, validate and list under schedule', async () => {
    const run = await runCliCaptured(['schedule', '--help'])
    expect(run.stdout).toMatch(/init \[options\][\s\S]*validate \[options\] \[inputs\.\.\.\][\s\S]*list \[options\]/)
  })
  it('treats an unknown command as a usage error, exit 2', async () => {
    const run = await runCliCaptured(['schedule', 'frobnicate'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("unknown command 'frobnicate'")
  })
})
