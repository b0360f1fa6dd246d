/** `schedule prepare` run as the CLI: in process (captured streams) and as a tsx subprocess. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'shell-quote'
import { afterEach, describe, expect, it } from 'vitest'
import type { PreparedBundle } from '../../contracts/prepared-bundle.ts'
import type { SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'
import { validatorFor } from '../../src/schema/validators.ts'
import { bundledCli } from '../helpers/bundled-cli.ts'
import { runCliCaptured, runNodeScript, runScript } from '../helpers/cli.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'
import { MANIFEST, makeRepo, type TempRepo } from '../helpers/temp-repo.ts'

const EXAMPLE = join(PROJECT_ROOT, 'examples/acme-service')
const NOW = '2026-06-17T09:00:12Z'
const SEED_EVENT = JSON.parse(
  await readFile(join(PROJECT_ROOT, 'contracts/examples/schedule-prepared-event/valid/seed-example.json'), 'utf8'),
) as SchedulePreparedEvent
const MALFORMED_WARNING = 'warning: metrics: .kaizen/metrics/coach.jsonl line 4: not valid JSON — skipped\n'

const prepare = (args: readonly string[], env: Record<string, string> = {}) =>
  runCliCaptured(['schedule', 'prepare', ...args], { cwd: PROJECT_ROOT, env: { KAIZEN_NOW: NOW, ...env } })

let cleanup: (() => Promise<void>) | undefined
afterEach(async () => {
  await cleanup?.()
  cleanup = undefined
})
const tempRepo = async (files: Record<string, string>): Promise<TempRepo> => {
  const repo = await makeRepo(files)
  cleanup = repo.dispose
  return repo
}
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'kaizen-cli-'))
  cleanup = () => rm(dir, { recursive: true, force: true })
  return dir
}

describe('prepare on the example repo', () => {
  it('prints the markdown bundle on stdout and the warnings on stderr', async () => {
    const run = await prepare(['coach', '--target', 'examples/acme-service'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe(MALFORMED_WARNING)
    expect(run.stdout.split('\n').slice(0, 9)).toEqual([
      '# Kaizen bundle: coach for acme-service',
      '',
      `- Repo: acme-service (\`${EXAMPLE}\`)`,
      '- Agent: coach',
      '- Cadence: weekly',
      '- Schedule: weekly on Monday at 09:00 (Europe/Berlin)',
      `- Prepared: ${NOW}`,
      '- Found: agent prompt yes, memory yes, metrics yes, pointers scope, todo',
      `- Reproduce: \`kaizen-agentic schedule prepare coach --target ${EXAMPLE}\``,
    ])
    expect(run.stdout).toContain('- Runs: 4 (3 succeeded, 75% success rate)\n- Mean quality: 0.675\n')
    expect(run.stdout).toContain('- Malformed lines skipped: 1\n')
  })

  it.each([
    ['coach', 'markdown'],
    ['coach', 'json'],
    ['optimization', 'markdown'],
    ['optimization', 'json'],
  ])('never lets .env reach the %s bundle (%s) or its event', async (agent, format) => {
    const run = await prepare([agent, '--target', EXAMPLE, '--format', format, '--emit', '-'])
    expect(run.code).toBe(0)
    expect(run.stdout).not.toMatch(/acme-fake-secret|sk_test_acme_fake|ACME_DB_PASSWORD/)
  })

  it('prints JSON that validates, whose `bytes` is exactly its own size', async () => {
    const run = await prepare(['coach', '--target', EXAMPLE, '--format', 'json'])
    expect(run.code).toBe(0)
    const bundle = JSON.parse(run.stdout) as PreparedBundle
    const validate = validatorFor('prepared-bundle')
    expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true)
    expect(bundle.bytes).toBe(Buffer.byteLength(run.stdout, 'utf8'))
    expect(bundle.metrics?.malformed_lines).toBe(1)
  })

  it('shows a missing part as a line saying what was looked for', async () => {
    const run = await prepare(['optimization', '--target', EXAMPLE])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      '## Memory (`.kaizen/memory/optimization.md`)\n\n_Missing — looked for `.kaizen/memory/optimization.md`._\n',
    )
    expect(run.stdout).toContain('- Found: agent prompt yes, memory no, metrics no, pointers scope, todo')
  })

  it.each([
    ['markdown', []],
    ['json', []],
    ['json', ['--strict', '--max-tokens', '4000']],
  ])('prints a prepare_command that reproduces the %s bundle byte for byte (%j)', async (format, extra) => {
    const first = await prepare([
      'coach',
      '--target',
      EXAMPLE,
      '--format',
      format,
      '--max-bytes',
      '6000',
      '--repo',
      'acme-svc',
      ...extra,
    ])
    expect(first.code).toBe(0)
    const command =
      first.stdout.match(/Reproduce: `(.*)`/)?.[1] ?? (JSON.parse(first.stdout) as PreparedBundle).prepare_command
    const words = parse(command) as string[]
    for (const flag of extra.filter((word) => word.startsWith('--'))) expect(words).toContain(flag)
    expect(words.slice(0, 3)).toEqual(['kaizen-agentic', 'schedule', 'prepare'])
    const again = await runCliCaptured(words.slice(1), { cwd: '/', env: { KAIZEN_NOW: NOW } })
    expect(again.code).toBe(0)
    expect(again.stdout).toBe(first.stdout)
  })
})

describe('prepare --emit', () => {
  it('`-` prints the event as one JSON line after the bundle; its bytes are the bundle’s', async () => {
    const run = await prepare(['coach', '--target', EXAMPLE, '--emit', '-'])
    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    const event = JSON.parse(lines.at(-1) ?? '') as SchedulePreparedEvent
    const bundle = run.stdout.slice(0, run.stdout.length - (lines.at(-1) ?? '').length - 1)
    expect(bundle.startsWith('# Kaizen bundle: coach for acme-service')).toBe(true)
    expect(event.bundle.bytes).toBe(Buffer.byteLength(bundle, 'utf8'))
    expect(Object.keys(event).sort()).toEqual(Object.keys(SEED_EVENT).sort())
    expect(Object.keys(event.bundle).sort()).toEqual(Object.keys(SEED_EVENT.bundle).sort())
    const validate = validatorFor('schedule-prepared-event')
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true)
  })

  it('FILE writes the event (seed shape, valid) and prints only the bundle', async () => {
    const dir = await tempDir()
    const path = join(dir, 'event.json')
    const run = await prepare(['coach', '--target', EXAMPLE, '--format', 'json', '--emit', path])
    expect(run.code).toBe(0)
    const event = JSON.parse(await readFile(path, 'utf8')) as SchedulePreparedEvent
    expect(Object.keys(event).sort()).toEqual(Object.keys(SEED_EVENT).sort())
    expect(Object.keys(event.bundle).sort()).toEqual(Object.keys(SEED_EVENT.bundle).sort())
    expect(event.bundle).toMatchObject({ format: 'json', bytes: Buffer.byteLength(run.stdout, 'utf8') })
    expect(JSON.parse(run.stdout).bytes).toBe(event.bundle.bytes)
    expect(validatorFor('schedule-prepared-event')(event)).toBe(true)
    expect(await readdir(dir)).toEqual(['event.json'])
  })

  it('FILE in a missing directory: exit 1, a clear message, nothing printed or created', async () => {
    const dir = await tempDir()
    const path = join(dir, 'nope', 'event.json')
    const run = await prepare(['coach', '--target', EXAMPLE, '--emit', path])
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: --emit: cannot write ${path}: directory ${join(dir, 'nope')} does not exist\n`,
    })
    expect(await readdir(dir)).toEqual([])
  })

  it.each([
    [
      'ftp://bus/x',
      'error: --emit does not support ftp:// URLs; use FILE, -, nats, nats://HOST:PORT or tls://HOST:PORT\n',
    ],
    [
      'nats://u:p@bus:4222',
      'error: --emit: credentials in the URL are not supported on the command line; use NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_CREDS or NATS_NKEY (or put them in NATS_URL)\n',
    ],
  ])('an unusable target %j is a usage error (exit 2)', async (target, stderr) => {
    expect(await prepare(['coach', '--target', EXAMPLE, '--emit', target])).toEqual({ code: 2, stdout: '', stderr })
  })
})

describe('prepare --format xml, --max-tokens, --tokenizer', () => {
  it('--format xml prints one <kaizen_bundle> with a document per part', async () => {
    const run = await prepare(['coach', '--target', EXAMPLE, '--format', 'xml'])
    expect(run.code).toBe(0)
    expect(run.stdout.startsWith('<kaizen_bundle repo="acme-service" agent="coach"')).toBe(true)
    expect(run.stdout).toContain(
      '<document index="1" kind="agent_prompt" label="agent-prompt" found="true">\n<source>.kaizen/agents/coach.md</source>\n<document_content><![CDATA[# Coach — acme-service\n',
    )
    expect(run.stdout.endsWith('</session_close>\n</kaizen_bundle>\n')).toBe(true)
  })

  it('--max-tokens holds (with --max-bytes), counts with o200k_base, and says so in the JSON, the command and the event', async () => {
    // With --emit -, the JSON bundle is one NDJSON line (denser than the pretty print): a smaller budget cuts the same way.
    const run = await prepare(['coach', '--target', EXAMPLE, '--format', 'json', '--max-tokens', '1300', '--emit', '-'])
    expect(run.code).toBe(0)
    const [bundleText, eventLine] = [
      run.stdout.slice(0, run.stdout.lastIndexOf('\n{')),
      run.stdout.slice(run.stdout.lastIndexOf('\n{') + 1),
    ]
    const bundle = JSON.parse(bundleText) as PreparedBundle
    const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base')
    expect(bundle.tokens).toBe(countTokens(`${bundleText}\n`, { disallowedSpecial: new Set() }))
    expect(bundle.tokens).toBeLessThanOrEqual(1300)
    expect(bundle).toMatchObject({ tokenizer: 'o200k_base', max_tokens: 1300 })
    expect(bundle.prepare_command).toContain('--max-tokens 1300')
    // Pointers go first.
    expect(bundle.cuts?.map((c) => c.section)).toEqual(expect.arrayContaining(['scope', 'todo']))
    expect(bundle.sections.find((s) => s.label === 'agent-prompt')?.truncated_bytes).toBe(0)
    const event = JSON.parse(eventLine) as SchedulePreparedEvent
    expect(event.bundle).toMatchObject({ tokens: bundle.tokens, bytes: bundle.bytes })
    expect(validatorFor('schedule-prepared-event')(event)).toBe(true)
  })

  it('--tokenizer alone counts without a token budget', async () => {
    const run = await prepare(['coach', '--target', EXAMPLE, '--format', 'json', '--tokenizer', 'cl100k_base'])
    const bundle = JSON.parse(run.stdout) as PreparedBundle
    const { countTokens } = await import('gpt-tokenizer/encoding/cl100k_base')
    expect(bundle.tokens).toBe(countTokens(run.stdout, { disallowedSpecial: new Set() }))
    expect(bundle.tokenizer).toBe('cl100k_base')
    expect(bundle.max_tokens).toBeUndefined()
    expect(bundle.cuts).toEqual([])
  })

  it('a --max-tokens too small: exit 2, how many tokens it needs, nothing printed', async () => {
    const run = await prepare(['coach', '--target', EXAMPLE, '--max-tokens', '10'])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(
      /^error: --max-tokens 10 is too small for this bundle: it needs at least \d+ tokens, even with every section cut\n/m,
    )
  })

  it.each([
    [
      ['--tokenizer', 'gpt2'],
      "error: option '--tokenizer <name>' argument 'gpt2' is invalid. expected one of o200k_base, cl100k_base, p50k_base, r50k_base",
    ],
    [['--max-tokens', '0'], "error: option '--max-tokens <n>' argument '0' is invalid. expected a positive integer"],
    [['--format', 'xml', '--emit', '-'], 'error: --emit cannot announce an xml bundle'],
  ])('%j is a usage error: exit 2, nothing printed or written', async (args, message) => {
    const dir = await tempDir()
    const run = await prepare(['coach', '--target', EXAMPLE, ...args.map((a) => (a === '-' ? join(dir, 'e.json') : a))])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(message)
    expect(await readdir(dir)).toEqual([])
  })
})

describe('prepare: errors', () => {
  it('an agent the manifest does not schedule: exit 1, naming the agents it does schedule', async () => {
    const run = await prepare(['reviewer', '--target', EXAMPLE])
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: agent "reviewer" is not scheduled in .kaizen/schedule.yml; it schedules: coach, optimization\n',
    })
  })

  it('a typo gets a suggestion; a hostile name is shown escaped and never used as a path', async () => {
    expect((await prepare(['coahc', '--target', EXAMPLE])).stderr).toBe(
      'error: agent "coahc" is not scheduled in .kaizen/schedule.yml (did you mean \'coach\'?); it schedules: coach, optimization\n',
    )
    const hostile = await prepare(['../../.env\u001b[2J', '--target', EXAMPLE])
    expect(hostile.code).toBe(1)
    expect(hostile.stderr).toContain('agent "../../.env\\u001b[2J" is not scheduled')
    expect(hostile.stdout).toBe('')
  })

  it('a disabled agent: exit 1, naming the agents that are scheduled', async () => {
    const repo = await tempRepo({ '.kaizen/schedule.yml': MANIFEST })
    expect(await prepare(['optimization', '--target', repo.root])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: agent "optimization" is disabled (enabled: false) in .kaizen/schedule.yml; it schedules: coach\n',
    })
  })

  it('an invalid manifest: exit 1 with the located diagnostics', async () => {
    const repo = await tempRepo({ '.kaizen/schedule.yml': 'version: 1\nagents:\n  coach:\n    cadence: hourly\n' })
    expect(await prepare(['coach', '--target', repo.root])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "✖ .kaizen/schedule.yml:4:14  /agents/coach/cadence  must be one of daily, weekly, monthly; got 'hourly'\n" +
        'error: .kaizen/schedule.yml is invalid (1 problem); fix it, then run prepare again\n',
    })
  })

  it('no manifest, or no such directory: exit 1', async () => {
    const repo = await tempRepo({})
    const none = await prepare(['coach', '--target', repo.root])
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(
      /^error: \.kaizen\/schedule\.yml:1:1 {2}\(document\) {2}no \.kaizen\/schedule\.yml in .*schedule init/,
    )
    const missing = await prepare(['coach', '--target', join(repo.root, 'gone')])
    expect(missing).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: target directory ${join(repo.root, 'gone')} does not exist\n`,
    })
  })

  it.each([
    [['--max-bytes', '0'], /--max-bytes.*expected a positive integer/],
    [['--max-bytes', '12kb'], /expected a positive integer/],
    [['--format', 'yaml'], /expected one of markdown, json/],
    [['--repo', 'not a slug'], /--repo "not a slug" is not a repo slug/],
    [
      ['--max-bytes', '300'],
      /^error: --max-bytes 300 is too small for this bundle: it needs at least \d+ bytes, even with every section cut\n$/,
    ],
  ])('usage errors exit 2: %j', async (args, message) => {
    const run = await prepare(['coach', '--target', EXAMPLE, ...args])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(message)
  })

  it.each([['markdown'], ['json']])('the budget a too-small --max-bytes suggests is enough (%s)', async (format) => {
    const tooSmall = await prepare(['coach', '--target', EXAMPLE, '--format', format, '--max-bytes', '50'])
    const suggested = tooSmall.stderr.match(/at least (\d+) bytes/)?.[1] ?? 'none'
    const run = await prepare(['coach', '--target', EXAMPLE, '--format', format, '--max-bytes', suggested])
    expect(run.code).toBe(0)
    expect(Buffer.byteLength(run.stdout, 'utf8')).toBeLessThanOrEqual(Number(suggested))
    expect(run.stderr).toMatch(/agent-prompt: \d+ of \d+ bytes cut from the end to fit the budget/)
  })

  it.each([['next monday'], ['2026-06-17T09:00:12']])('a bad KAIZEN_NOW (%j) is a usage error', async (now) => {
    const run = await prepare(['coach', '--target', EXAMPLE], { KAIZEN_NOW: now })
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: KAIZEN_NOW must be an RFC 3339 timestamp such as 2026-06-15T09:00:00Z; got "${now}"\n`,
    })
  })

  it('KAIZEN_NOW with an offset is normalised to UTC', async () => {
    const run = await prepare(['coach', '--target', EXAMPLE], { KAIZEN_NOW: '2026-06-17T11:00:12+02:00' })
    expect(run.stdout).toContain('- Prepared: 2026-06-17T09:00:12Z\n')
  })

  it('has --help', async () => {
    const run = await prepare(['--help'])
    expect(run.code).toBe(0)
    for (const option of ['--target', '--format', '--max-bytes', '--emit', '--repo', '--nats-creds', '--require-ack'])
      expect(run.stdout).toContain(option)
  })
})

describe('prepare as a subprocess (npx tsx scripts/prepare.ts, and the bundled binary)', () => {
  it("runs the README's main-job command: bundle on stdout, warnings on stderr, exit 0", async () => {
    const run = await runScript('prepare', ['coach', '--target', 'examples/acme-service'], { env: { KAIZEN_NOW: NOW } })
    expect(run.code).toBe(0)
    expect(run.stdout.startsWith('# Kaizen bundle: coach for acme-service\n')).toBe(true)
    expect(run.stdout.trimEnd().endsWith('```')).toBe(true)
    expect(run.stderr).toBe(MALFORMED_WARNING)
  })

  // The failures through the bundled binary (as installed): the script's exit path is shown above.
  it('exits 1 for an unscheduled agent and 2 for a usage error, with nothing on stdout (bundled binary)', async () => {
    const prepareBin = (args: readonly string[]) => runNodeScript(bundledCli().bin, ['schedule', 'prepare', ...args])
    const [unscheduled, usage] = await Promise.all([
      prepareBin(['nobody', '--target', 'examples/acme-service']),
      prepareBin(['coach', '--format', 'yaml']),
    ])
    expect(unscheduled).toMatchObject({ code: 1, stdout: '' })
    expect(unscheduled.stderr).toContain('it schedules: coach, optimization')
    expect(usage).toMatchObject({ code: 2, stdout: '' })
    expect(usage.stderr).toContain("option '-f, --format <format>' argument 'yaml' is invalid")
  })
})
