/**
 * Next runs for fixed "now" instants, in the manifest time zone, including both DST
 * changes of 2026 in Europe/Berlin (29 March, 02:00 → 03:00; 25 October, 03:00 → 02:00)
 * and one in America/New_York (8 March). Expected values are worked out by hand.
 */
import { describe, expect, it } from 'vitest'
import type { ScheduleManifest } from '../../contracts/schedule-manifest.ts'
import { resolveAgent } from '../../src/manifest/resolve.ts'
import { cronExpressionOf } from '../../src/schedule/cron.ts'
import { listSchedule } from '../../src/schedule/listing.ts'
import { toZonedDisplay, toZonedRfc3339 } from '../../src/schedule/local-time.ts'
import { nextRunAfter } from '../../src/schedule/next-run.ts'

type Entry = ScheduleManifest['agents'][string]

/** The next run of one agent entry, as RFC 3339 in its zone. */
function nextRun(entry: Entry, now: string, timezone?: string): string | null {
  const manifest = { version: 1, agents: { a: entry }, ...(timezone ? { timezone } : {}) } as ScheduleManifest
  return listSchedule(manifest, 'm.yml', new Date(now)).agents[0]?.next_run ?? null
}

describe('cron expressions', () => {
  it.each([
    [{ cadence: 'daily' }, '0 9 * * *'],
    [{ cadence: 'daily', time: '23:05' }, '5 23 * * *'],
    [{ cadence: 'weekly' }, '0 9 * * 1'],
    [{ cadence: 'weekly', day: 'sun', time: '07:30' }, '30 7 * * 0'],
    [{ cadence: 'weekly', day: 'sat' }, '0 9 * * 6'],
    [{ cadence: 'monthly' }, '0 9 1 * *'],
    [{ cadence: 'monthly', day: 28, time: '00:00' }, '0 0 28 * *'],
  ] as const)('%j → %s', (entry, expected) => {
    const agent = resolveAgent({ version: 1, agents: { a: entry } }, 'a')
    expect(agent && cronExpressionOf(agent)).toBe(expected)
  })
})

describe('defaults: weekly Monday, monthly day 1, 09:00, UTC', () => {
  it.each([
    [{ cadence: 'daily' }, '2026-06-15T08:00:00Z', '2026-06-15T09:00:00+00:00'],
    [{ cadence: 'daily' }, '2026-06-15T09:00:00Z', '2026-06-16T09:00:00+00:00'],
    [{ cadence: 'weekly' }, '2026-06-17T12:00:00Z', '2026-06-22T09:00:00+00:00'],
    [{ cadence: 'monthly' }, '2026-06-17T12:00:00Z', '2026-07-01T09:00:00+00:00'],
    [{ cadence: 'daily', time: '00:00' }, '2026-12-31T23:30:00Z', '2027-01-01T00:00:00+00:00'],
    [{ cadence: 'monthly', day: 28 }, '2026-02-01T00:00:00Z', '2026-02-28T09:00:00+00:00'],
  ] as const)('%j after %s → %s', (entry, now, expected) => {
    expect(nextRun(entry, now)).toBe(expected)
  })
})

describe('Europe/Berlin across the spring change (2026-03-29)', () => {
  const berlin = 'Europe/Berlin'
  it('a weekly Monday run after the change is at 09:00 summer time', () => {
    expect(nextRun({ cadence: 'weekly' }, '2026-03-27T12:00:00Z', berlin)).toBe('2026-03-30T09:00:00+02:00')
  })
  it('a daily 09:00 run on the day of the change comes 22.5 hours after 09:30 the day before', () => {
    expect(nextRun({ cadence: 'daily' }, '2026-03-28T08:30:00Z', berlin)).toBe('2026-03-29T09:00:00+02:00')
  })
  it('a time inside the skipped hour (02:30) runs at the first valid minute after it', () => {
    expect(nextRun({ cadence: 'daily', time: '02:30' }, '2026-03-28T12:00:00Z', berlin)).toBe(
      '2026-03-29T03:00:00+02:00',
    )
  })
  it('and back on its own time the day after', () => {
    expect(nextRun({ cadence: 'daily', time: '02:30' }, '2026-03-29T01:00:00Z', berlin)).toBe(
      '2026-03-30T02:30:00+02:00',
    )
  })
})

describe('Europe/Berlin across the autumn change (2026-10-25)', () => {
  const berlin = 'Europe/Berlin'
  it('a time that occurs twice (02:30) runs at its first occurrence, in summer time', () => {
    expect(nextRun({ cadence: 'daily', time: '02:30' }, '2026-10-24T12:00:00Z', berlin)).toBe(
      '2026-10-25T02:30:00+02:00',
    )
  })
  it('and not again at its second occurrence, an hour later in winter time', () => {
    // 00:45Z is 02:45 summer time, between the two 02:30s.
    expect(nextRun({ cadence: 'daily', time: '02:30' }, '2026-10-25T00:45:00Z', berlin)).toBe(
      '2026-10-26T02:30:00+01:00',
    )
  })
  it('a weekly Monday run after the change is at 09:00 winter time', () => {
    expect(nextRun({ cadence: 'weekly' }, '2026-10-23T12:00:00Z', berlin)).toBe('2026-10-26T09:00:00+01:00')
  })
  it('a monthly run is strictly after now, even at the exact run instant', () => {
    expect(nextRun({ cadence: 'monthly' }, '2026-03-01T08:00:00Z', berlin)).toBe('2026-04-01T09:00:00+02:00')
  })
})

describe('America/New_York across its spring change (2026-03-08)', () => {
  it('a Sunday 02:30 run falls into the gap and runs at 03:00 daylight time', () => {
    expect(nextRun({ cadence: 'weekly', day: 'sun', time: '02:30' }, '2026-03-07T12:00:00Z', 'America/New_York')).toBe(
      '2026-03-08T03:00:00-04:00',
    )
  })
})

describe('disabled agents', () => {
  it('have no next run', () => {
    expect(nextRun({ cadence: 'daily', enabled: false }, '2026-06-15T08:00:00Z')).toBeNull()
  })
})

describe('zoned formatting', () => {
  const instant = new Date('2026-03-30T07:00:00Z')
  it('writes RFC 3339 with the zone offset', () => {
    expect(toZonedRfc3339(instant, 'Europe/Berlin')).toBe('2026-03-30T09:00:00+02:00')
    expect(toZonedRfc3339(instant, 'Asia/Kolkata')).toBe('2026-03-30T12:30:00+05:30')
    expect(toZonedRfc3339(instant, 'UTC')).toBe('2026-03-30T07:00:00+00:00')
  })
  it('writes a weekday and the offset for people', () => {
    expect(toZonedDisplay(instant, 'Europe/Berlin')).toBe('Mon 2026-03-30 09:00 +02:00')
  })
  it('keeps midnight as 00, not 24', () => {
    expect(toZonedRfc3339(new Date('2026-01-01T00:00:00Z'), 'UTC')).toBe('2026-01-01T00:00:00+00:00')
  })
  it('the engine and the formatter agree on the instant', () => {
    const schedule = { cadence: 'daily', effectiveTime: '02:30', timezone: 'Europe/Berlin' } as const
    const next = nextRunAfter(schedule, new Date('2026-10-24T12:00:00Z'))
    expect(next?.toISOString()).toBe('2026-10-25T00:30:00.000Z')
  })
})
