/**
 * `schedule validate` with several inputs (FILE, DIR, GLOB, - for stdin), `--format github`,
 * `--strict` warnings, and the manifest found by walking up from a subdirectory (issue 14).
 * In process through runCliCaptured, and through the tsx entry point for stdin and exit codes.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ValidationReport } from '../../contracts/validation-report.ts'
import { escapeData, escapeProperty, githubAnnotation } from '../../src/cli/github-annotations.ts'
import { validatorFor } from '../../src/schema/validators.ts'
import { runCliCaptured, runScript } from '../helpers/cli.ts'
import { makeRepo, type TempRepo } from '../helpers/temp-repo.ts'

const VALID = 'version: 1\nagents:\n  coach:\n    cadence: weekly\n'
const INVALID = 'version: 1\nagents:\n  coach:\n    cadance: weekly\n'
const PROMPT = '# Coach\n'

let repo: TempRepo | undefined
afterEach(async () => {
  await repo?.dispose()
  repo = undefined
})

const validate = (argv: readonly string[], cwd: string, stdin?: string) =>
  runCliCaptured(['schedule', 'validate', ...argv], { cwd, ...(stdin === undefined ? {} : { stdin }) })

/** Two services, one valid and one not, each a repository of its own. */
async function services(): Promise<TempRepo> {
  return makeRepo({
    'svc-a/.kaizen/schedule.yml': VALID,
    'svc-a/.kaizen/agents/coach.md': PROMPT,
    'svc-b/.kaizen/schedule.yml': INVALID,
  })
}

describe('several inputs', () => {
  it('validates each DIR and reports every file; exit 1 when any is invalid', async () => {
    repo = await services()
    const run = await validate(['svc-a', 'svc-b'], repo.root)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('✓ svc-a/.kaizen/schedule.yml is valid\n')
    expect(run.stderr).toBe(
      "✖ svc-b/.kaizen/schedule.yml:4:5  /agents/coach/cadance  unknown key 'cadance' — did you mean 'cadence'?\n1 problem in svc-b/.kaizen/schedule.yml\n1 of 2 files invalid\n",
    )
  })

  it('exit 0 when every input is valid', async () => {
    repo = await services()
    const run = await validate(['svc-a', 'svc-a/.kaizen/schedule.yml'], repo.root)
    expect(run).toEqual({
      code: 0,
      stdout: '✓ svc-a/.kaizen/schedule.yml is valid\n✓ svc-a/.kaizen/schedule.yml is valid\n',
      stderr: '',
    })
  })

  it('expands a GLOB itself (sorted), and a GLOB matching nothing is an error, exit 1', async () => {
    repo = await services()
    const run = await validate(['*/.kaizen/schedule.yml', 'nothing/*.yml'], repo.root)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('✓ svc-a/.kaizen/schedule.yml is valid\n')
    expect(run.stderr).toContain('✖ svc-b/.kaizen/schedule.yml:4:5')
    expect(run.stderr).toContain('✖ nothing/*.yml:1:1  (document)  no file matches nothing/*.yml\n')
    expect(run.stderr.endsWith('2 of 3 files invalid\n')).toBe(true)
  })

  it('--format json: one report per line (NDJSON), each a validation-report', async () => {
    repo = await services()
    const run = await validate(['svc-a', 'svc-b', '--format', 'json'], repo.root)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    const reports = lines.map((line) => JSON.parse(line) as ValidationReport)
    const check = validatorFor('validation-report')
    for (const report of reports) expect(check(report), JSON.stringify(check.errors)).toBe(true)
    expect(reports.map((r) => [r.file, r.valid])).toEqual([
      ['svc-a/.kaizen/schedule.yml', true],
      ['svc-b/.kaizen/schedule.yml', false],
    ])
  })

  it('one input with --format json keeps the single pretty report', async () => {
    repo = await services()
    const run = await validate(['svc-b', '--format', 'json'], repo.root)
    expect(run.code).toBe(1)
    expect(run.stdout.startsWith('{\n  "file": "svc-b/.kaizen/schedule.yml"')).toBe(true)
    expect((JSON.parse(run.stdout) as ValidationReport).valid).toBe(false)
  })

  it('--target with inputs is a usage error: exit 2, nothing on stdout', async () => {
    repo = await services()
    const run = await validate(['svc-a', '--target', '.'], repo.root)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('give either --target DIR or FILE, not both')
  })

  it('an unknown --format is a usage error, exit 2', async () => {
    repo = await services()
    const run = await validate(['svc-a', '--format', 'sarif'], repo.root)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('expected one of text, json, github')
  })
})

describe('stdin (-)', () => {
  it('validates the manifest read from stdin, named <stdin>', async () => {
    repo = await makeRepo()
    const ok = await validate(['-'], repo.root, VALID)
    expect(ok).toEqual({ code: 0, stdout: '✓ <stdin> is valid\n', stderr: '' })
    const bad = await validate(['-'], repo.root, INVALID)
    expect(bad.code).toBe(1)
    expect(bad.stdout).toBe('')
    expect(bad.stderr).toContain("✖ <stdin>:4:5  /agents/coach/cadance  unknown key 'cadance'")
  })

  it('- twice is a usage error, exit 2', async () => {
    repo = await makeRepo()
    const run = await validate(['-', '-'], repo.root, VALID)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('stdin (-) can be read only once')
  })

  it('through a real process: stdin piped in, exit 1 on an invalid manifest', async () => {
    const run = await runScript('validate', ['-', '--format', 'github'], { input: INVALID })
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      "::error file=<stdin>,line=4,col=5,title=kaizen-agentic additionalProperties at /agents/coach/cadance::unknown key 'cadance' — did you mean 'cadence'?\n",
    )
  })
})

describe('--format github', () => {
  it('prints one annotation per problem on stdout, nothing for a valid file', async () => {
    repo = await services()
    const run = await validate(['svc-a', 'svc-b', '--format', 'github'], repo.root)
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      "::error file=svc-b/.kaizen/schedule.yml,line=4,col=5,title=kaizen-agentic additionalProperties at /agents/coach/cadance::unknown key 'cadance' — did you mean 'cadence'?\n",
    )
  })

  it('escapes per GitHub: % CR LF in the message; also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b')
    expect(escapeProperty('C:\\a,b%\n')).toBe('C%3A\\a%2Cb%25%0A')
    expect(
      githubAnnotation({
        file: 'a,b:c.yml',
        line: 2,
        column: 3,
        path: '',
        keyword: 'read',
        severity: 'warning',
        message: 'two\nlines 50%',
      }),
    ).toBe('::warning file=a%2Cb%3Ac.yml,line=2,col=3,title=kaizen-agentic read::two%0Alines 50%25')
  })
})

describe('--strict and warnings', () => {
  async function warned(): Promise<TempRepo> {
    return makeRepo({
      '.kaizen/schedule.yml': `${VALID}pointers:\n  scope: SCOPE.md\n`,
      '.kaizen/schedule.yaml': VALID,
    })
  }

  it('prints warnings without --strict and exits 0', async () => {
    repo = await warned()
    const run = await validate([], repo.root)
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('✓ .kaizen/schedule.yml is valid (with warnings)\n')
    expect(run.stderr.split('\n')).toEqual([
      '! .kaizen/schedule.yaml:1:1  (document)  warning: .kaizen/schedule.yaml is ignored: .kaizen/schedule.yml is read first; merge them and delete one',
      "! .kaizen/schedule.yml:3:3  /agents/coach  warning: agent 'coach' is scheduled but has no prompt (.kaizen/agents/coach.md or .claude/agents/coach.md); its bundle will orient nobody",
      "! .kaizen/schedule.yml:6:3  /pointers/scope  warning: pointer 'scope' names SCOPE.md, which does not exist",
      '3 problems in .kaizen/schedule.yml',
      '',
    ])
  })

  it('--strict makes the warnings errors: exit 1, and every output says invalid', async () => {
    repo = await warned()
    const run = await validate(['--strict', '--format', 'json'], repo.root)
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
    const report = JSON.parse(run.stdout) as ValidationReport
    expect(report.valid).toBe(false)
    expect(report.diagnostics.map((d) => [d.severity, d.keyword])).toEqual([
      ['error', 'shadowed-manifest'],
      ['error', 'agent-prompt-missing'],
      ['error', 'pointer-missing'],
    ])
    const text = await validate(['--strict'], repo.root)
    expect(text.code).toBe(1)
    expect(text.stdout).toBe('')
    expect(text.stderr).toMatch(/^✖ \.kaizen\/schedule\.yaml:1:1 {2}\(document\) {2}/)
    expect(text.stderr).not.toContain('warning')
    expect(text.stderr).toContain('3 problems in .kaizen/schedule.yml\n')
    const github = await validate(['--strict', '--format', 'github'], repo.root)
    expect(
      github.stdout
        .split('\n')
        .filter(Boolean)
        .every((line) => line.startsWith('::error ')),
    ).toBe(true)
  })

  it('--strict on a clean repo exits 0', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': VALID, '.kaizen/agents/coach.md': PROMPT })
    expect(await validate(['--strict'], repo.root)).toEqual({
      code: 0,
      stdout: '✓ .kaizen/schedule.yml is valid\n',
      stderr: '',
    })
  })
})

describe('finding the manifest from a subdirectory', () => {
  it('walks up to the manifest; the path is shown from where we stand', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': INVALID })
    await mkdir(join(repo.root, 'src', 'deep'), { recursive: true })
    const run = await validate([], join(repo.root, 'src', 'deep'))
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain("✖ ../../.kaizen/schedule.yml:4:5  /agents/coach/cadance  unknown key 'cadance'")
  })

  it('stops at the repository root (.git): a manifest above it is not used', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': VALID, 'inner/.git/HEAD': 'ref: refs/heads/main\n' })
    await mkdir(join(repo.root, 'inner', 'src'), { recursive: true })
    const run = await validate([], join(repo.root, 'inner', 'src'))
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('no .kaizen/schedule.yml in ')
    expect(run.stderr).toContain(join(repo.root, 'inner', 'src'))
  })

  it.each([
    [['schedule', 'list', '--format', 'json', '--at', '2027-01-04T08:00:00Z'], '"agent": "coach"'],
    [['schedule', 'prepare', 'coach', '--format', 'json'], '"agent": "coach"'],
    [['metrics', 'show', 'coach', '--format', 'json'], '"agent": "coach"'],
  ])('%j from a subdirectory works on the repository above', async (argv, expected) => {
    repo = await makeRepo({ '.kaizen/schedule.yml': VALID, '.kaizen/agents/coach.md': PROMPT })
    await mkdir(join(repo.root, 'src', 'deep'), { recursive: true })
    const run = await runCliCaptured(argv, {
      cwd: join(repo.root, 'src', 'deep'),
      env: { KAIZEN_NOW: '2027-01-04T08:00:00Z' },
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(expected)
  })

  it('prepare from a subdirectory bundles the repository root, and its prepare_command names it', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': VALID, '.kaizen/agents/coach.md': PROMPT })
    await mkdir(join(repo.root, 'src'), { recursive: true })
    const run = await runCliCaptured(['schedule', 'prepare', 'coach', '--format', 'json'], {
      cwd: join(repo.root, 'src'),
      env: { KAIZEN_NOW: '2027-01-04T08:00:00Z' },
    })
    expect(run.code).toBe(0)
    const bundle = JSON.parse(run.stdout) as { root: string; prepare_command: string }
    expect(bundle.root).toBe(repo.root)
    expect(bundle.prepare_command).toContain(`--target ${repo.root}`)
  })
})
