/**
 * Issue 14's operator features through the bundled binary (bundled once per run, into a
 * temp outDir inside the project, by test/setup/bundle-cli.ts): validate with several
 * files and --format github, validate - on stdin, walk-up discovery from a subdirectory,
 * completion, and discover --local --format table. stdout, stderr and exit code separately.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundledCli } from '../helpers/bundled-cli.ts'
import { runNodeScript } from '../helpers/cli.ts'
import { makeRepo, type TempRepo } from '../helpers/temp-repo.ts'

const VALID = 'version: 1\nagents:\n  coach:\n    cadence: weekly\n'
const INVALID = 'version: 1\nagents:\n  coach:\n    cadance: weekly\n'
const STACK = /^\s+at /m

describe('the bundled binary: issue 14 operator features', () => {
  const { bin } = bundledCli()
  let repo: TempRepo

  beforeAll(async () => {
    repo = await makeRepo({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'good/.kaizen/schedule.yml': VALID,
      'good/.kaizen/agents/coach.md': '# Coach\n',
      'bad/.kaizen/schedule.yml': INVALID,
    })
  })
  afterAll(async () => {
    await repo?.dispose()
  })

  it('validate FILE FILE --format github: exit 1, one annotation for the invalid file on stdout', async () => {
    const run = await runNodeScript(
      bin,
      ['schedule', 'validate', 'good/.kaizen/schedule.yml', 'bad/.kaizen/schedule.yml', '--format', 'github'],
      { cwd: repo.root },
    )
    expect(run.code).toBe(1)
    expect(run.stderr).not.toMatch(STACK)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^::error file=bad\/\.kaizen\/schedule\.yml,line=4,col=5,title=[^:]*::.*cadance/)
    expect(run.stdout).not.toContain('good/')
  })

  it('validate FILE FILE --format github: exit 0 and no annotation when both are valid', async () => {
    const run = await runNodeScript(
      bin,
      ['schedule', 'validate', 'good/.kaizen/schedule.yml', 'good/.kaizen/schedule.yml', '--format', 'github'],
      { cwd: repo.root },
    )
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('validate - reads the manifest from stdin: valid exit 0, invalid exit 1', async () => {
    const good = await runNodeScript(bin, ['schedule', 'validate', '-'], { cwd: repo.root, input: VALID })
    expect(good.code).toBe(0)
    expect(good.stderr).toBe('')
    expect(good.stdout).toContain('is valid')
    const bad = await runNodeScript(bin, ['schedule', 'validate', '-', '--format', 'json'], {
      cwd: repo.root,
      input: INVALID,
    })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toBe('')
    expect(JSON.parse(bad.stdout).diagnostics[0].suggestion).toBe('cadence')
  })

  it('walk-up discovery: validate from a subdirectory finds the manifest above (and --verbose says which)', async () => {
    const sub = join(repo.root, 'good', 'src', 'deep')
    await mkdir(sub, { recursive: true })
    const run = await runNodeScript(bin, ['schedule', 'validate'], { cwd: sub })
    expect(run).toEqual({ code: 0, stdout: '✓ ../../.kaizen/schedule.yml is valid\n', stderr: '' })
    const verbose = await runNodeScript(bin, ['--verbose', 'schedule', 'validate'], { cwd: sub })
    expect(verbose.code).toBe(0)
    expect(verbose.stdout).toBe('✓ ../../.kaizen/schedule.yml is valid\n')
    expect(verbose.stderr).toContain(`verbose: manifest: ${join(repo.root, 'good', '.kaizen', 'schedule.yml')}\n`)
  })

  it('completion bash: exit 0, the script on stdout', async () => {
    const run = await runNodeScript(bin, ['completion', 'bash'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('complete -o default -F _kaizen_agentic kaizen-agentic')
  })

  it('discover --local DIR --format table: exit 0, a table naming the checkouts', async () => {
    const run = await runNodeScript(bin, ['schedule', 'discover', '--local', repo.root, '--format', 'table'])
    expect(run.code).toBe(0)
    expect(run.stderr).not.toMatch(STACK)
    expect(run.stdout).toContain('good')
    expect(run.stdout).toContain('coach')
  })

  it('--help through the binary ends with the exit codes and the docs link', async () => {
    const run = await runNodeScript(bin, ['schedule', 'validate', '--help'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout.trimEnd()).toMatch(
      /Exit codes: 0 ok, 1 invalid input or not found, 2 usage error\nDocs: docs\/cli\.md$/,
    )
  })
})
