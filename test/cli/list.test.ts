/** `schedule list`, run in process with a fixed `--at` instant: the table, the JSON document, and failures. */
import { afterEach, describe, expect, it } from 'vitest'
import type { ScheduleList } from '../../contracts/schedule-list.ts'
import { validatorFor } from '../../src/schema/validators.ts'
import { runCliCaptured } from '../helpers/cli.ts'
import { makeRepo, type TempRepo } from '../helpers/temp-repo.ts'

const MANIFEST = [
  'version: 1',
  'timezone: Europe/Berlin',
  'agents:',
  '  coach:',
  '    cadence: weekly',
  '  nightly:',
  '    cadence: daily',
  '    time: "02:30"',
  '  retro:',
  '    cadence: monthly',
  '    enabled: false',
  '',
].join('\n')

/** Saturday before the spring DST change in Berlin (13:00 CET): the next 02:30 falls into the skipped hour. */
const AT = '2026-03-28T12:00:00Z'

let repo: TempRepo | undefined
afterEach(async () => {
  await repo?.dispose()
  repo = undefined
})

const list = (root: string, ...args: string[]) => runCliCaptured(['schedule', 'list', '--target', root, ...args])

describe('schedule list', () => {
  it('prints a table with defaults applied and next runs in the manifest time zone', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const run = await list(repo.root, '--at', AT)
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      [
        'AGENT    CADENCE  DAY  TIME   TIMEZONE       ENABLED  NEXT RUN',
        'coach    weekly   mon  09:00  Europe/Berlin  yes      Mon 2026-03-30 09:00 +02:00',
        'nightly  daily    -    02:30  Europe/Berlin  yes      Sun 2026-03-29 03:00 +02:00',
        'retro    monthly  1    09:00  Europe/Berlin  no       - (disabled)',
        '',
      ].join('\n'),
    )
  })

  it('writes the schedule-list document with --format json', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const run = await list(repo.root, '--at', AT, '--format', 'json')
    expect(run.code).toBe(0)
    const document = JSON.parse(run.stdout) as ScheduleList
    expect(validatorFor('schedule-list')(document)).toBe(true)
    expect(document.as_of).toBe('2026-03-28T12:00:00.000Z')
    expect(document.agents.map((a) => [a.agent, a.day, a.time, a.cron, a.next_run])).toEqual([
      ['coach', 'mon', '09:00', '0 9 * * 1', '2026-03-30T09:00:00+02:00'],
      ['nightly', undefined, '02:30', '30 2 * * *', '2026-03-29T03:00:00+02:00'],
      ['retro', 1, '09:00', '0 9 1 * *', null],
    ])
  })

  it('uses the current time without --at', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const before = Date.now()
    const document = JSON.parse((await list(repo.root, '--format', 'json')).stdout) as ScheduleList
    const asOf = Date.parse(document.as_of)
    expect(asOf).toBeGreaterThanOrEqual(before)
    expect(Date.parse(document.agents[0]?.next_run ?? '')).toBeGreaterThan(asOf)
  })

  it('reports an invalid manifest like validate does, exit 1, nothing on stdout', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': 'version: 1\nagents:\n  coach: {cadence: hourly}\n' })
    const run = await list(repo.root)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(
      "✖ .kaizen/schedule.yml:3:20  /agents/coach/cadence  must be one of daily, weekly, monthly; got 'hourly'\n1 problem in .kaizen/schedule.yml\n",
    )
  })

  it('says how to opt in when there is no manifest, exit 1', async () => {
    repo = await makeRepo()
    const run = await list(repo.root)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('run `kaizen-agentic schedule init` to opt in')
  })

  it.each([
    [['--at', 'tomorrow'], 'expected an RFC 3339 timestamp with a zone'],
    [['--at', '2026-03-27T12:00:00'], 'expected an RFC 3339 timestamp with a zone'],
    // Date would roll these over to March 2 and print an as_of nobody asked for.
    [['--at', '2027-02-30T00:00:00Z'], '2027-02-30 is no such day'],
    [['--at', '2026-02-29T00:00:00+01:00'], '2026-02-29 is no such day'],
    // The next run would fall in the year 10000, which the contract's four-digit years cannot hold.
    [
      ['--at', '9999-12-31T23:59:59Z'],
      "out of range: the contracts' timestamps have four-digit years, so use an instant before 9999-01-01",
    ],
    [['--at', '0000-01-01T00:00:00Z'], 'out of range: before 1970-01-01'],
    [['--format', 'yaml'], 'expected one of table, json'],
  ])('treats %j as a usage error, exit 2', async (args, words) => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const run = await list(repo.root, ...args)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(words)
  })
})
