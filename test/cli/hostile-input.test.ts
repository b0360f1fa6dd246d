/**
 * Hostile input, as an attacker would try it (issue 12): every case checks the message,
 * the exit code, and that nothing was written; secrets never reach a message, control
 * characters never reach the terminal raw, pathological files are refused cheaply.
 */
import { execFileSync } from 'node:child_process'
import { link, mkdir, open, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { summariseExecutionRecords } from '../../src/bundle/metrics-summary.ts'
import { MAX_READ_LIMIT, readRepoFile } from '../../src/bundle/read-repo-file.ts'
import { clip, escapeControl, redactSecrets, safeEcho } from '../../src/diagnostics/safe-text.ts'
import { fetchRoster } from '../../src/discover/hub.ts'
import { type FakeHub, startFakeHub } from '../discover/hub-server.ts'
import { runCliCaptured } from '../helpers/cli.ts'
import { snapshotTree } from '../helpers/temp-project.ts'
import { MANIFEST, makeRepo, recordLine, type TempRepo } from '../helpers/temp-repo.ts'

const TOKEN = 'hub-token-Zq81mXv4pL0sT7wK2nB9'
const NOW = '2026-06-17T09:00:12Z'

let repo: TempRepo | undefined
let hub: FakeHub | undefined
afterEach(async () => {
  await repo?.dispose()
  await hub?.close()
  repo = undefined
  hub = undefined
})

/** Whether any 8-character piece of the token shows in `text` (a cut token still leaks). */
const leaksToken = (text: string): boolean =>
  Array.from({ length: TOKEN.length - 7 }, (_, i) => TOKEN.slice(i, i + 8)).some((piece) => text.includes(piece))

describe('secrets never reach a message', () => {
  it('redacts before clipping: a token cut by the clip is still gone', () => {
    const text = `x${'y'.repeat(50)}${TOKEN}`
    expect(safeEcho(text, { token: TOKEN, max: 60 })).not.toMatch(/hub-tok/)
    expect(leaksToken(safeEcho(text, { token: TOKEN, max: 60 }))).toBe(false)
    expect(redactSecrets('see https://alice:hunter2@hub.example/x', undefined)).toBe(
      'see https://[redacted]@hub.example/x',
    )
  })

  it('a hub that echoes the token in a non-JSON answer: no piece of it is printed', async () => {
    hub = await startFakeHub([
      { status: 200, body: `Unauthorized bearer ${TOKEN} is not valid here`, contentType: 'text/plain' },
    ])
    const loaded = await fetchRoster(hub.url, { token: TOKEN, retries: 0 })
    expect(loaded.ok).toBe(false)
    const text = loaded.ok ? '' : [loaded.message, ...loaded.problems].join('\n')
    expect(text).toContain('[redacted]')
    expect(leaksToken(text)).toBe(false)
  })

  it('a token placed in a slug is redacted: not in the problems, not in any output', async () => {
    hub = await startFakeHub([{ status: 200, body: JSON.stringify([{ slug: TOKEN, host_paths: { h: '/srv/x' } }]) }])
    const run = await runCliCaptured(['schedule', 'discover', '--hub-url', hub.url, '--retries', '0', '--host', 'h'], {
      env: { STATE_HUB_TOKEN: TOKEN },
    })
    expect(leaksToken(run.stdout + run.stderr)).toBe(false)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('"[redacted]"')
  })

  it('a token the hub sends \\u-escaped in a host path is redacted as decoded: not in the runs', async () => {
    const escaped = [...TOKEN].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    hub = await startFakeHub([{ status: 200, body: `[{"slug":"acme","host_paths":{"h":"${repo.root}/${escaped}"}}]` }])
    const run = await runCliCaptured(['schedule', 'discover', '--hub-url', hub.url, '--retries', '0', '--host', 'h'], {
      env: { STATE_HUB_TOKEN: TOKEN },
    })
    expect(leaksToken(run.stdout + run.stderr)).toBe(false)
    expect(run.stdout + run.stderr).toContain('[redacted]')
  })

  it('--hub-url with user:password@ is a usage error (exit 2) that does not repeat the password', async () => {
    const run = await runCliCaptured(['schedule', 'discover', '--hub-url', 'http://alice:hunter2@hub.example:8000'])
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --hub-url: put credentials in STATE_HUB_TOKEN, not in the URL\n',
    })
  })
})

describe('control characters and huge values in messages', () => {
  it('a manifest key with a newline and ESC cannot forge a line or drive the terminal', async () => {
    repo = await makeRepo({
      '.kaizen/schedule.yml': 'version: 1\nagents:\n  coach: {cadence: daily}\n"x\\n✓ evil.yml is valid\\e[2J": 1\n',
    })
    const before = await snapshotTree(repo.root)
    const run = await runCliCaptured(['schedule', 'validate', '--target', repo.root])
    expect(run.code).toBe(1)
    expect(run.stderr).not.toContain('\u001b')
    expect(run.stderr.split('\n').some((line) => line.startsWith('✓'))).toBe(false)
    expect(run.stderr).toContain('x\\n✓ evil.yml is valid\\e[2J')
    expect(await snapshotTree(repo.root)).toEqual(before)
  })

  it('--format github makes ESC and BEL of a value visible: a CI log is a terminal too', async () => {
    repo = await makeRepo({
      '.kaizen/schedule.yml': 'version: 1\nagents:\n  coach: {cadence: weekly}\n  x: {cadence: "a\\e]0;pwned\\a"}\n',
    })
    const run = await runCliCaptured(['schedule', 'validate', '--target', repo.root, '--format', 'github'])
    expect(run.code).toBe(1)
    for (const control of ['\u0007', '\u001b']) expect(run.stdout).not.toContain(control)
    expect(run.stdout).toContain("got 'a\\e]0;pwned\\u0007'")
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::'))).toHaveLength(1)
  })

  it('a roster that is not JSON is quoted escaped, its syntax error located', async () => {
    repo = await makeRepo({ 'roster.json': '{"repos": [\n  <x\u001b]0;pwned\u0007 y>' })
    const run = await runCliCaptured(['schedule', 'discover', '--roster', 'roster.json'], { cwd: repo.root })
    expect(run.code).toBe(1)
    for (const control of ['\u0007', '\u001b']) expect(run.stderr).not.toContain(control)
    expect(run.stderr).toMatch(
      /^error: roster file roster\.json is not JSON \(.*; it starts with "\{\\"repos\\": \[\\n {2}<x\\u001b\]0;pwned\\u0007 y>"\)\n$/,
    )
    expect(run.stdout).toBe('')
  })

  it('paths and options typed by the operator are echoed escaped (missing target, unknown option)', async () => {
    const missing = await runCliCaptured(['schedule', 'list', '--target', '/nonexistent/x\u001b[31m'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe('error: target directory /nonexistent/x\\e[31m does not exist\n')
    const unknown = await runCliCaptured(['schedule', 'list', '--t\u001b[2Jx'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).not.toContain('\u001b')
    expect(unknown.stderr).toContain("unknown option '--t\\e[2Jx'")
  })

  it('escapes C0, DEL, C1 (the one-byte CSI) and bidi overrides; clips on code points', () => {
    expect(escapeControl('a\u0007b\u007fc\u009bd\u202ee')).toBe('a\\u0007b\\u007fc\\u009bd\\u202ee')
    expect(clip('😀'.repeat(10), 5)).toBe('😀😀😀😀…')
  })

  it('a 100 KB agent name is echoed clipped, in one short line', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const run = await runCliCaptured(['schedule', 'prepare', 'a'.repeat(100_000), '--target', repo.root], {
      env: { KAIZEN_NOW: NOW },
    })
    expect(run.code).toBe(1)
    expect(run.stderr.length).toBeLessThan(400)
    expect(run.stderr).toMatch(/^error: agent "a+…" is not scheduled/)
  })
})

describe('clear words and exit codes', () => {
  it('--timeout-ms 99999999999 is a usage error naming the range', async () => {
    const run = await runCliCaptured(['schedule', 'discover', '--roster', 'x.json', '--timeout-ms', '99999999999'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('expected milliseconds from 1 to 3600000 (one hour)')
  })

  // Past 2^31 - 1 ms Node warns (TimeoutOverflowWarning) and fires the timer at once: a bogus failure.
  it.each([['nats://127.0.0.1:4222'], ['event.json']])(
    'prepare --emit %s --timeout-ms 9999999999 is a usage error naming the range, as discover says it',
    async (emit) => {
      repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
      const before = await snapshotTree(repo.root)
      const run = await runCliCaptured(
        ['schedule', 'prepare', 'coach', '--target', repo.root, '--emit', emit, '--timeout-ms', '9999999999'],
        { env: { KAIZEN_NOW: NOW }, cwd: repo.root },
      )
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr.split('\n')[0]).toBe(
        "error: option '--timeout-ms <ms>' argument '9999999999' is invalid. expected milliseconds from 1 to 3600000 (one hour)",
      )
      expect(await snapshotTree(repo.root)).toEqual(before)
    },
  )

  it('KAIZEN_NOW=9999-12-31T… (past the four-digit years) is a usage error, as --at is', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const run = await runCliCaptured(['schedule', 'prepare', 'coach', '--target', repo.root], {
      env: { KAIZEN_NOW: '9999-12-31T23:59:59Z' },
    })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(
      'error: KAIZEN_NOW="9999-12-31T23:59:59Z": out of range: the contracts\' timestamps have four-digit years, so use an instant before 9999-01-01\n',
    )
  })

  it('KAIZEN_NOW=2026-02-30T… (no such day) is a usage error', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const run = await runCliCaptured(['schedule', 'prepare', 'coach', '--target', repo.root], {
      env: { KAIZEN_NOW: '2026-02-30T09:00:00Z' },
    })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe('error: KAIZEN_NOW="2026-02-30T09:00:00Z": 2026-02-30 is no such day\n')
  })

  it('day: 1e400 reads "a number too large to represent", a second merge key is named in words', async () => {
    repo = await makeRepo({
      'big.yml': 'version: 1\nagents:\n  coach:\n    cadence: monthly\n    day: 1e400\n',
      'merge.yml': 'version: 1\nx: &a {cadence: weekly}\nagents:\n  coach:\n    <<: *a\n    <<: *a\n',
    })
    const big = await runCliCaptured(['schedule', 'validate', 'big.yml'], { cwd: repo.root })
    expect(big.code).toBe(1)
    expect(big.stderr).toContain('a number too large to represent')
    expect(big.stderr).not.toContain('got null')
    const merge = await runCliCaptured(['schedule', 'validate', 'merge.yml'], { cwd: repo.root })
    expect(merge.code).toBe(1)
    expect(merge.stderr).not.toContain('Symbol(')
    expect(merge.stderr).toContain('a second merge key (<<) in one mapping (first on line 5) is not supported')
  })

  it('a manifest that cannot be read says "permission denied" (needs a non-root user: root reads anything)', async (context) => {
    if (process.getuid?.() === 0) {
      context.skip('running as root: the kernel lets root read a mode-000 file, so EACCES cannot be produced')
    }
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    execFileSync('chmod', ['000', join(repo.root, '.kaizen/schedule.yml')])
    const run = await runCliCaptured(['schedule', 'validate', '--target', repo.root])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('cannot be read: permission denied')
  })

  it('a roster FIFO with no writer does not hang: exit 1, "it is empty"', async () => {
    repo = await makeRepo()
    const fifo = join(repo.root, 'roster.fifo')
    execFileSync('mkfifo', [fifo])
    const run = await runCliCaptured(['schedule', 'discover', '--roster', fifo, '--host', 'h'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('is not JSON')
    expect(run.stderr).toContain('it is empty')
  })
})

describe('escape by hard link', () => {
  it('a memory file hard-linked to a file outside the repo is refused with a warning, its text not bundled', async () => {
    repo = await makeRepo({ 'outside/notes.md': 'OUTSIDE-7731\n', 'repo/.kaizen/schedule.yml': MANIFEST })
    const root = join(repo.root, 'repo')
    await mkdir(join(root, '.kaizen/memory'), { recursive: true })
    await link(join(repo.root, 'outside/notes.md'), join(root, '.kaizen/memory/coach.md'))
    const run = await runCliCaptured(['schedule', 'prepare', 'coach', '--target', root], { env: { KAIZEN_NOW: NOW } })
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain('OUTSIDE-7731')
    expect(run.stderr).toContain(
      'warning: memory: .kaizen/memory/coach.md refused — it has 2 hard links; a hard-linked file may be a file outside the repo under another name; treated as missing',
    )
  })
})

describe('pathological files are cheap to refuse', () => {
  it('a 1 MiB manifest of 350k empty flow maps is refused before parsing, with the reason', async () => {
    repo = await makeRepo({ 'bomb.yml': `version: 1\nagents: [${'{},'.repeat(349_000)}{}]\n` })
    const run = await runCliCaptured(['schedule', 'validate', 'bomb.yml'], { cwd: repo.root })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('the YAML has too many nodes (over 125000 keys, entries and collections)')
  })

  it('two records with time_s 1e308 keep the mean finite; a NUL line drops only that line', async () => {
    const text = [recordLine({ time_s: 1e308 }), recordLine({ time_s: 1e308 })].join('\n')
    expect(summariseExecutionRecords(text, 'coach').summary.mean_time_s).toBe(1e308)
    repo = await makeRepo({
      '.kaizen/schedule.yml': MANIFEST,
      '.kaizen/metrics/coach.jsonl': [
        recordLine(),
        `{"agent": "co\u0000ach"}`,
        recordLine(),
        recordLine({ time_s: 1e308 }),
      ].join('\n'),
    })
    const run = await runCliCaptured(['schedule', 'prepare', 'coach', '--target', repo.root, '--format', 'json'], {
      env: { KAIZEN_NOW: NOW },
    })
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('line 2: not valid JSON')
    const bundle = JSON.parse(run.stdout) as { metrics: { runs: number; malformed_lines: number; mean_time_s: number } }
    expect(bundle.metrics).toMatchObject({ runs: 3, malformed_lines: 1 })
    expect(Number.isFinite(bundle.metrics.mean_time_s)).toBe(true)
  })

  it('a 600 MB file is read only up to the hard cap, whatever limit is asked (sparse file: no disk used)', async () => {
    repo = await makeRepo({ 'huge.jsonl': '' })
    const handle = await open(join(repo.root, 'huge.jsonl'), 'r+')
    await handle.truncate(600_000_000)
    await handle.close()
    const read = await readRepoFile(repo.root, 'huge.jsonl', { limit: 400_000_000, allowNul: true })
    expect(read.status).toBe('found')
    if (read.status !== 'found') return
    expect(read.text.length).toBe(MAX_READ_LIMIT)
    expect(read.omittedBytes).toBe(600_000_000 - MAX_READ_LIMIT)
    await writeFile(join(repo.root, 'small.md'), 'ok\n')
  })
})
