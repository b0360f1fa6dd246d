/**
 * `schedule discover --from/--to/--agent`: one entry per occurrence due in the half-open
 * window, with due_at and run_id; the document validates against the published
 * scheduled-runs schema in Ajv and Python; consecutive windows tile; `list --at T` shows
 * the first occurrence `discover --from T` finds; bad windows are usage errors (exit 2)
 * that say what to pass, with nothing on stdout and nothing written.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ScheduleList } from '../../contracts/schedule-list.ts'
import type { ScheduledRun, ScheduledRuns } from '../../contracts/scheduled-runs.ts'
import { schemaFileOf } from '../../src/codegen/artifacts.ts'
import { createAjv } from '../../src/schema/ajv.ts'
import { entryFor, HOST, makeRepoTree, type RepoTree, TWO_AGENTS } from '../discover/repos.ts'
import { runCliCaptured } from '../helpers/cli.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'
import { findPythonWithJsonschema, mustRunExternalTools, validateWithPython } from '../helpers/python.ts'
import { snapshotTree } from '../helpers/temp-project.ts'

/** New York, daily 02:30 (inside the 2027-03-14 gap) and monthly on the 14th at 01:30. */
const NEW_YORK = `version: 1
timezone: America/New_York
agents:
  nightly:
    cadence: daily
    time: "02:30"
  retro:
    cadence: monthly
    day: 14
    time: "01:30"
`
const ALL_DISABLED = 'version: 1\nagents:\n  coach:\n    cadence: weekly\n    enabled: false\n'

let tree: RepoTree
let roster: string
let acmeRoot: string

beforeAll(async () => {
  tree = await makeRepoTree()
  acmeRoot = await tree.checkout('acme-service', TWO_AGENTS)
  const nyRoot = await tree.checkout('ny', NEW_YORK)
  const offRoot = await tree.checkout('paused', ALL_DISABLED)
  roster = join(tree.dir, 'roster.json')
  await writeFile(
    roster,
    JSON.stringify([entryFor('ny', nyRoot), entryFor('paused', offRoot), entryFor('acme-service', acmeRoot)]),
  )
})
afterAll(async () => {
  await tree.dispose()
})

async function discover(...args: string[]): Promise<ScheduledRuns> {
  const run = await runCliCaptured(['schedule', 'discover', '--roster', roster, '--host', HOST, ...args])
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout) as ScheduledRuns
}

const brief = (r: ScheduledRun) => `${r.repo} ${r.agent} ${r.due_at} ${r.run_id}`

describe('discover --from --to', () => {
  it('lists every occurrence in (from, to], ordered by repo, agent, due_at, each with due_at and run_id', async () => {
    // Berlin: Monday 2027-01-04 00:00 → Monday 2027-01-11 00:00 (winter time, +01:00).
    const doc = await discover('--from', '2027-01-04T00:00:00+01:00', '--to', '2027-01-11T00:00:00+01:00')
    expect(doc.window).toEqual({ from: '2027-01-03T23:00:00Z', to: '2027-01-10T23:00:00Z' })
    const acme = doc.scheduled_runs.filter((r) => r.repo === 'acme-service').map(brief)
    expect(acme).toEqual([
      'acme-service coach 2027-01-05T07:30:00Z acme-service.coach.20270105T0730Z',
      ...['04', '05', '06', '07', '08', '09', '10'].map(
        (d) => `acme-service optimization 2027-01-${d}T08:00:00Z acme-service.optimization.202701${d}T0800Z`,
      ),
    ])
    expect(doc.scheduled_runs.map((r) => r.repo)).toEqual([...doc.scheduled_runs.map((r) => r.repo)].sort())
    expect(doc.skipped).toEqual([
      {
        repo: 'paused',
        reason: 'no_enabled_agents',
        detail: 'every agent is enabled: false (coach)',
        root: join(tree.dir, 'paused'),
      },
    ])
  })

  it('a time inside the spring-forward gap runs once, at the first valid instant after it', async () => {
    const doc = await discover(
      '--from',
      '2027-03-13T00:00:00-05:00',
      '--to',
      '2027-03-15T12:00:00-04:00',
      '--agent',
      'nightly',
    )
    expect(doc.scheduled_runs.map(brief)).toEqual([
      'ny nightly 2027-03-13T07:30:00Z ny.nightly.20270313T0730Z',
      'ny nightly 2027-03-14T07:00:00Z ny.nightly.20270314T0700Z',
      'ny nightly 2027-03-15T06:30:00Z ny.nightly.20270315T0630Z',
    ])
  })

  it('--agent filters (repeatable); other agents and repos give no runs and no skip', async () => {
    const doc = await discover(
      '--from',
      '2027-03-01T00:00:00Z',
      '--to',
      '2027-04-01T00:00:00Z',
      '--agent',
      'retro',
      '--agent',
      'coach',
    )
    expect(doc.scheduled_runs.map(brief)).toEqual([
      'acme-service coach 2027-03-02T07:30:00Z acme-service.coach.20270302T0730Z',
      'acme-service coach 2027-03-09T07:30:00Z acme-service.coach.20270309T0730Z',
      'acme-service coach 2027-03-16T07:30:00Z acme-service.coach.20270316T0730Z',
      'acme-service coach 2027-03-23T07:30:00Z acme-service.coach.20270323T0730Z',
      'acme-service coach 2027-03-30T06:30:00Z acme-service.coach.20270330T0630Z',
      'ny retro 2027-03-14T06:30:00Z ny.retro.20270314T0630Z',
    ])
    expect(doc.skipped.map((s) => s.reason)).toEqual(['no_enabled_agents'])
  })

  it('consecutive windows tile: two 15-minute ticks and one 30-minute window list the same runs', async () => {
    const a = await discover('--from', '2027-01-05T07:15:00Z', '--to', '2027-01-05T07:30:00Z')
    const b = await discover('--from', '2027-01-05T07:30:00Z', '--to', '2027-01-05T07:45:00Z')
    const whole = await discover('--from', '2027-01-05T07:15:00Z', '--to', '2027-01-05T07:45:00Z')
    expect([...a.scheduled_runs, ...b.scheduled_runs].map(brief)).toEqual(whole.scheduled_runs.map(brief))
    expect(a.scheduled_runs.map(brief)).toEqual([
      'acme-service coach 2027-01-05T07:30:00Z acme-service.coach.20270105T0730Z',
      'ny nightly 2027-01-05T07:30:00Z ny.nightly.20270105T0730Z',
    ])
    expect(b.scheduled_runs).toEqual([])
  })

  it('without --from, one run per (repo, enabled agent), without due_at or run_id, as before', async () => {
    const doc = await discover()
    expect(doc.window).toBeUndefined()
    expect(doc.scheduled_runs.map((r) => `${r.repo} ${r.agent}`)).toEqual([
      'acme-service coach',
      'acme-service optimization',
      'ny nightly',
      'ny retro',
    ])
    expect(doc.scheduled_runs.some((r) => 'due_at' in r || 'run_id' in r)).toBe(false)
  })
})

describe('the windowed document validates against the published scheduled-runs schema', () => {
  const schemaPath = join(PROJECT_ROOT, schemaFileOf('scheduled-runs'))
  let doc: ScheduledRuns
  beforeAll(async () => {
    doc = await discover('--from', '2027-03-01T00:00:00Z', '--to', '2027-04-01T00:00:00Z')
  })

  it('Ajv', async () => {
    const validate = createAjv().compile(JSON.parse(await readFile(schemaPath, 'utf8')))
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true)
    expect(doc.scheduled_runs.length).toBeGreaterThan(40)
  })

  const python = findPythonWithJsonschema()
  it.skipIf(python === null && !mustRunExternalTools())('Python jsonschema', () => {
    if (python === null) throw new Error('CI=true but no python3 with jsonschema: apt-get install python3-jsonschema')
    const verdicts = validateWithPython(python, [
      { id: 'windowed', schema: schemaPath, instance: doc },
      // The cross-check can fail: an unknown skip reason is rejected.
      { id: 'broken', schema: schemaPath, instance: { ...doc, skipped: [{ ...doc.skipped[0], reason: 'asleep' }] } },
    ])
    expect(verdicts.get('windowed')).toMatchObject({ valid: true })
    expect(verdicts.get('broken')).toMatchObject({ valid: false, keywords: ['enum'] })
  })
})

describe('list --at T shows, for every agent, the first occurrence discover --from T finds', () => {
  it.each([
    '2027-01-04T00:00:00Z',
    '2027-03-14T06:59:59Z',
    '2027-03-14T07:00:00Z',
    '2027-03-28T00:30:00Z',
    '2027-10-31T00:29:00Z',
    '2027-11-07T05:30:00Z',
  ])('T = %s', async (at) => {
    for (const [repo, root] of [
      ['acme-service', acmeRoot],
      ['ny', join(tree.dir, 'ny')],
    ] as const) {
      const listed = await runCliCaptured(['schedule', 'list', '--target', root, '--at', at, '--format', 'json'])
      expect(listed.code).toBe(0)
      const list = JSON.parse(listed.stdout) as ScheduleList
      const doc = await discover('--from', at, '--to', new Date(Date.parse(at) + 40 * 86_400_000).toISOString())
      for (const entry of list.agents.filter((a) => a.enabled)) {
        const first = doc.scheduled_runs.find((r) => r.repo === repo && r.agent === entry.agent)
        expect(first?.due_at, `${repo} ${entry.agent}`).toBeDefined()
        expect(new Date(entry.next_run ?? '').getTime(), `${repo} ${entry.agent}`).toBe(
          new Date(first?.due_at ?? '').getTime(),
        )
      }
    }
  })
})

describe('bad windows are usage errors: exit 2, what to pass, nothing on stdout, nothing written', () => {
  it.each([
    [['--from', '2027-01-02T00:00:00Z', '--to', '2027-01-01T00:00:00Z'], 'pass a --to later than --from'],
    [['--from', '2027-01-01T00:00:00Z', '--to', '2028-03-01T00:00:00Z'], 'at most 400 days at a time'],
    [['--from', '2027-01-01T00:00:00'], 'expected an RFC 3339 timestamp with a zone (Z or an offset)'],
    [['--from', '2027-01-01T00:00:00Z', '--to', '2027-01-02 00:00'], 'expected an RFC 3339 timestamp with a zone'],
    [['--to', '2027-01-01T00:00:00Z'], '--to needs --from: pass --from T1'],
    [['--from', '2026-02-29T00:00:00Z', '--to', '2026-03-03T00:00:00Z'], '2026-02-29 is no such day'],
    [['--from', '2026-03-01T00:00:00Z', '--to', '2026-04-31T00:00:00Z'], '2026-04-31 is no such day'],
    [['--from', '9998-12-31T00:00:00Z', '--to', '9999-12-31T00:00:00Z'], 'use an instant before 9999-01-01'],
    [['--from', '2999-01-01T00:00:00Z'], 'the default --to) is before --from 2999-01-01T00:00:00.000Z'],
    [['--from', '2027-01-01T00:00:00Z', '--agent', 'Coach'], "'Coach' is not a valid agent name"],
  ])('%j', async (args, message) => {
    const before = await snapshotTree(tree.dir)
    const run = await runCliCaptured(['schedule', 'discover', '--roster', roster, '--host', HOST, ...args])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    // One line saying what is wrong (commander may add its "(add --help for usage)" hint), no stack.
    expect(run.stderr.split('\n')[0]).toContain(message)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(await snapshotTree(tree.dir)).toEqual(before)
  })
})
