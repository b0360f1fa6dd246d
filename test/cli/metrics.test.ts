/**
 * `metrics record` and `metrics show` from the command line: bad input leaves the log
 * byte-for-byte unchanged, `show` prints the bundle's summary, and recorders in four
 * processes at once leave every line whole.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MetricsShow } from '../../contracts/metrics-show.ts'
import type { PreparedBundle } from '../../contracts/prepared-bundle.ts'
import { schemaErrors } from '../../src/schema/validators.ts'
import { runCliCaptured, runRacers, runScript } from '../helpers/cli.ts'
import { MANIFEST, makeRepo, recordLine, type TempRepo } from '../helpers/temp-repo.ts'

const LOG = '.kaizen/metrics/coach.jsonl'
const SEEDED = `${recordLine({ success: true, quality: 0.9, recorded_at: '2026-06-01T09:00:00Z' })}\n${recordLine({ success: false, quality: 0.5, time_s: 20, recorded_at: '2026-06-08T09:00:00Z' })}\n`

let repo: TempRepo
beforeEach(async () => {
  repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST, [LOG]: SEEDED })
})
afterEach(async () => {
  await repo.dispose()
})

const sha256 = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')
const record = (args: readonly string[], env: Record<string, string> = {}) =>
  runCliCaptured(['metrics', 'record', ...args], { cwd: repo.root, env })
const show = (args: readonly string[]) => runCliCaptured(['metrics', 'show', ...args], { cwd: repo.root })
const lines = async (path = join(repo.root, LOG)) =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l))

describe('metrics record', () => {
  it('appends one valid record from the working directory and says so', async () => {
    const run = await record(['coach', '--success', '--time', '42.5', '--quality', '0.8'])
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toBe('recorded coach: success, 42.5 s, quality 0.8 → .kaizen/metrics/coach.jsonl\n')
    const all = await lines()
    expect(all).toHaveLength(3)
    expect(all[2]).toMatchObject({ agent: 'coach', success: true, time_s: 42.5, quality: 0.8 })
    expect(schemaErrors('execution-record', all[2])).toEqual([])
  })

  it('--format json prints exactly the appended line; the environment is merged', async () => {
    const run = await record(
      ['coach', '--failure', '--time', '3', '--run-id', 'repo.coach.20270104T0800Z', '--format', 'json'],
      { HELIX_SESSION_UID: 'hx-7', HELIX_TOKENS: '900' },
    )
    expect(run.code).toBe(0)
    const log = await readFile(join(repo.root, LOG), 'utf8')
    expect(log.endsWith(run.stdout)).toBe(true)
    expect(JSON.parse(run.stdout)).toMatchObject({
      success: false,
      run_id: 'repo.coach.20270104T0800Z',
      helix_session_uid: 'hx-7',
      tokens: 900,
    })
  })

  it.each([
    [
      'coahc',
      "warning: agent 'coahc' is not scheduled in .kaizen/schedule.yml (did you mean 'coach'?); it schedules: coach; recorded anyway\n",
    ],
    [
      'retro',
      "warning: agent 'retro' is not scheduled in .kaizen/schedule.yml; it schedules: coach; recorded anyway\n",
    ],
    [
      'optimization',
      "warning: agent 'optimization' is disabled (enabled: false) in .kaizen/schedule.yml; recorded anyway\n",
    ],
  ])('an agent the manifest does not run (%s): a warning on stderr, still recorded, exit 0', async (agent, warning) => {
    const run = await record([agent, '--success', '--time', '5'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe(warning)
    expect(run.stdout).toBe(`recorded ${agent}: success, 5 s → .kaizen/metrics/${agent}.jsonl\n`)
    expect(await lines(join(repo.root, `.kaizen/metrics/${agent}.jsonl`))).toHaveLength(1)
  })

  it('with --format json the warning stays on stderr: stdout is exactly the record line', async () => {
    const run = await record(['coahc', '--success', '--time', '5', '--format', 'json'])
    expect(run.code).toBe(0)
    expect(run.stderr).toContain("did you mean 'coach'?")
    expect(run.stdout.split('\n')).toHaveLength(2)
    expect(JSON.parse(run.stdout)).toMatchObject({ agent: 'coahc', success: true, time_s: 5 })
    expect(await readFile(join(repo.root, '.kaizen/metrics/coahc.jsonl'), 'utf8')).toBe(run.stdout)
  })

  it('with an invalid manifest: a warning pointing at validate, still recorded, exit 0', async () => {
    await writeFile(join(repo.root, '.kaizen/schedule.yml'), 'version: 1\nagents:\n  coach:\n    cadence: hourly\n')
    const run = await record(['coach', '--success', '--time', '1'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe(
      "warning: .kaizen/schedule.yml is invalid, so whether agent 'coach' is scheduled is unknown (kaizen-agentic schedule validate says why); recorded anyway\n",
    )
    expect(await lines()).toHaveLength(3)
  })

  it('with no manifest: a warning naming the repository, still recorded, exit 0', async () => {
    const fresh = await makeRepo()
    try {
      const run = await record(['coach', '--success', '--time', '1', '--target', fresh.root])
      expect(run.code).toBe(0)
      expect(run.stderr).toBe(
        `warning: no .kaizen/schedule.yml in ${fresh.root}: agent 'coach' is scheduled nowhere; recorded anyway\n`,
      )
      expect(await lines(join(fresh.root, LOG))).toHaveLength(1)
    } finally {
      await fresh.dispose()
    }
  })

  it('creates .kaizen/metrics/ in a repo that has none', async () => {
    const fresh = await makeRepo()
    try {
      const run = await record(['coach', '--success', '--time', '1', '--target', fresh.root])
      expect(run.code).toBe(0)
      expect(await lines(join(fresh.root, LOG))).toHaveLength(1)
    } finally {
      await fresh.dispose()
    }
  })

  const BAD: [string, string[], Record<string, string>, number, RegExp][] = [
    [
      '--quality 1.5',
      ['--success', '--time', '3', '--quality', '1.5'],
      {},
      2,
      /^error: --quality 1\.5: must be <= 1$/m,
    ],
    ['--time -3', ['--success', '--time', '-3'], {}, 2, /^error: --time -3: must be >= 0$/m],
    [
      'both --success and --failure',
      ['--success', '--failure', '--time', '3'],
      {},
      2,
      /^error: option '--success' cannot be used with option '--failure'$/m,
    ],
    [
      'neither --success nor --failure',
      ['--time', '3'],
      {},
      2,
      /^error: say how the session ended: --success or --failure$/m,
    ],
    ['no --time', ['--success'], {}, 2, /^error: required option '--time <seconds>' not specified$/m],
    [
      '--time that is not a number',
      ['--success', '--time', '3s'],
      {},
      2,
      /argument '3s' is invalid\. expected a number of seconds$/m,
    ],
    ['a malformed --run-id', ['--success', '--time', '3', '--run-id', 'a b'], {}, 2, /expected a run id such as/],
    [
      'a malformed HELIX_TOKENS',
      ['--success', '--time', '3'],
      { HELIX_TOKENS: 'many' },
      1,
      /^error: HELIX_TOKENS="many" \(environment\): must be a non-negative integer$/m,
    ],
  ]

  it.each(BAD)('refuses %s: exit code, one clear line, the log unchanged', async (_name, args, env, code, message) => {
    const before = await sha256(join(repo.root, LOG))
    const run = await record(['coach', ...args], env)
    expect(run.code).toBe(code)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(run.stdout).toBe('')
    expect(await sha256(join(repo.root, LOG))).toBe(before)
  })

  it('refuses an agent name that is not a slug, writing nothing anywhere', async () => {
    const before = await sha256(join(repo.root, LOG))
    const run = await record(['../Coach', '--success', '--time', '3'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(
      /^error: command-argument value '\.\.\/Coach' is invalid for argument 'agent'\. use a lowercase slug/,
    )
    expect(await sha256(join(repo.root, LOG))).toBe(before)
  })

  it('refuses a log that is a symlink out of the repo: exit 1, the target unchanged', async () => {
    const outside = join(repo.base, 'outside.jsonl')
    await writeFile(outside, SEEDED)
    const before = await sha256(outside)
    const other = '.kaizen/metrics/optimization.jsonl'
    await repo.link(other, outside)
    const run = await runCliCaptured(['metrics', 'record', 'optimization', '--success', '--time', '3'], {
      cwd: repo.root,
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      'error: cannot record: .kaizen/metrics/optimization.jsonl is a symlink; records are never written through a link\n',
    )
    expect(await sha256(outside)).toBe(before)
  })

  it('--help lists the options and examples', async () => {
    const run = await record(['--help'])
    expect(run.code).toBe(0)
    for (const word of [
      '--success',
      '--failure',
      '--time <seconds>',
      '--quality <0..1>',
      '--run-id <id>',
      '--tokens <n>',
    ]) {
      expect(run.stdout).toContain(word)
    }
    expect(run.stdout).toContain('$ kaizen-agentic metrics record coach --success --time 312 --quality 0.8')
  })
})

describe('metrics show', () => {
  it('--format json is a metrics-show document whose summary is the bundle summary', async () => {
    await repo.write(LOG, `${SEEDED}not json\n`)
    const run = await show(['coach', '--format', 'json', '--last', '1'])
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout) as MetricsShow
    expect(schemaErrors('metrics-show', doc)).toEqual([])
    const prepared = await runCliCaptured(['schedule', 'prepare', 'coach', '--format', 'json'], {
      cwd: repo.root,
      env: { KAIZEN_NOW: '2026-06-15T09:00:00Z' },
    })
    const bundle = JSON.parse(prepared.stdout) as PreparedBundle
    expect(doc.summary).toEqual(bundle.metrics)
    expect(doc.summary).toMatchObject({ runs: 2, successes: 1, success_rate: 0.5, malformed_lines: 1 })
    // --last 1: only the newest record.
    expect(doc.recent).toEqual([JSON.parse(SEEDED.split('\n')[1] ?? '')])
    expect(doc.warnings).toEqual(['metrics: .kaizen/metrics/coach.jsonl line 3: not valid JSON — skipped'])
    expect(run.stderr).toBe('warning: metrics: .kaizen/metrics/coach.jsonl line 3: not valid JSON — skipped\n')
  })

  it('prints the summary and a table of recent runs, newest first', async () => {
    const run = await show(['coach'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(
      [
        'coach — .kaizen/metrics/coach.jsonl',
        '- Runs: 2 (1 succeeded, 50% success rate)',
        '- Mean quality: 0.7',
        '- Mean time: 30 s',
        '- Last run: 2026-06-08T09:00:00Z',
        '- Trend: declining — last 2 runs: 50% success, quality 0.7',
        '- Last failure: 2026-06-08T09:00:00Z (quality 0.5, 20 s; 0 runs since)',
        '',
        'Recent runs (newest first):',
        'RECORDED AT           OUTCOME  TIME  QUALITY  RUN ID',
        '2026-06-08T09:00:00Z  failure  20 s  0.5      -',
        '2026-06-01T09:00:00Z  success  40 s  0.9      -',
        '',
      ].join('\n'),
    )
  })

  it('shows 0 runs for an agent without a log (exit 0), and exit 1 for a missing target', async () => {
    const run = await show(['optimization', '--format', 'json'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ found: false, summary: { runs: 0 }, recent: [] })
    const missing = await show(['coach', '--target', join(repo.base, 'nope')])
    expect(missing).toMatchObject({ code: 1, stdout: '' })
    expect(missing.stderr).toBe(`error: target directory ${join(repo.base, 'nope')} does not exist\n`)
  })
})

describe('recorders at once', () => {
  it('scripts/record.ts (a tsx entry point) appends one valid line, exit 0', async () => {
    const run = await runScript('record', ['coach', '--success', '--time', '7', '--target', repo.root])
    expect(run).toMatchObject({ code: 0, stderr: '' })
    const added = (await lines()).slice(2)
    expect(added).toHaveLength(1)
    expect(added[0]).toMatchObject({ agent: 'coach', success: true, time_s: 7 })
    expect(schemaErrors('execution-record', added[0])).toEqual([])
  })

  // Four processes, released together once loaded, each recording 25 times in a row: appends from
  // different processes keep overlapping for the whole burst (twenty tsx start-ups, one record each,
  // cost ~20 s of CPU and overlapped less).
  it('leave every line whole and valid: four processes × 25 records', async () => {
    await mkdir(join(repo.root, '.kaizen/metrics'), { recursive: true })
    await writeFile(join(repo.root, LOG), '')
    const runs = await runRacers(
      4,
      25,
      (racer) => [
        'metrics',
        'record',
        'coach',
        racer % 2 === 0 ? '--success' : '--failure',
        '--time',
        String(racer),
        '--target',
        repo.root,
        '--run-id',
        `repo.coach.run-${racer}-{i}`,
      ],
      repo.root,
    )
    expect(runs.flat().map((r) => r.code)).toEqual(Array(100).fill(0))
    const text = await readFile(join(repo.root, LOG), 'utf8')
    const all = text.split('\n')
    expect(all.pop()).toBe('')
    const records = all.map((line) => JSON.parse(line))
    expect(records.every((r) => schemaErrors('execution-record', r).length === 0)).toBe(true)
    expect(records.map((r) => r.run_id).sort()).toEqual(
      Array.from({ length: 4 }, (_, racer) => Array.from({ length: 25 }, (_, i) => `repo.coach.run-${racer}-${i}`))
        .flat()
        .sort(),
    )
  })
})
