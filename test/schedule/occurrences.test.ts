/**
 * The schedule engine over all of 2027 in four zones, against an independent
 * computation: a scan of every UTC minute of the year that reads each minute's local
 * wall time with `Intl.DateTimeFormat#formatToParts` (the engine instead probes offsets
 * around each scheduled time and bisects gaps). From the scan, a local time's first instant is its first occurrence;
 * a local time never seen that day is in a gap and runs at the first instant after it.
 * Counts and DST instants are also pinned by hand.
 */
import { describe, expect, it } from 'vitest'
import { WEEKDAYS } from '../../contracts/constants.ts'
import { type EngineSchedule, nextOccurrenceAfter, occurrencesBetween } from '../../src/schedule/occurrences.ts'

const MINUTE = 60_000

interface ZoneScan {
  /** Local wall minute (minutes since epoch, fields read as UTC) → its first UTC minute. */
  readonly firstInstant: Map<number, number>
  /** The window: (from, to] covering local 2027-01-01 00:00 … 2027-12-31 23:59. */
  readonly from: number
  readonly to: number
}

/**
 * Scans 2026-12-30 … 2028-01-02 minute by minute. Local fields are read with formatToParts
 * once per UTC hour, and for every minute of an hour whose offset differs at its two ends
 * (the hours holding a transition); other minutes share their hour's offset.
 */
function scanZone(timezone: string): ZoneScan {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  })
  const HOUR = 60 * MINUTE
  const offsetOf = (t: number): number => {
    const p = Object.fromEntries(format.formatToParts(t).map((part) => [part.type, Number(part.value)]))
    return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute) - t
  }
  const firstInstant = new Map<number, number>()
  let offset = offsetOf(Date.UTC(2026, 11, 30))
  for (let hour = Date.UTC(2026, 11, 30); hour <= Date.UTC(2028, 0, 2); hour += HOUR) {
    const next = offsetOf(hour + HOUR)
    for (let t = hour; t < hour + HOUR; t += MINUTE) {
      const wall = (t + (next === offset ? offset : offsetOf(t))) / MINUTE
      if (!firstInstant.has(wall)) firstInstant.set(wall, t)
    }
    offset = next
  }
  const from = (firstInstant.get(Date.UTC(2027, 0, 1) / MINUTE) ?? Number.NaN) - MINUTE
  const to = firstInstant.get(Date.UTC(2027, 11, 31, 23, 59) / MINUTE) ?? Number.NaN
  return { firstInstant, from, to }
}

/** The expected instants of a schedule in 2027, from the scan alone. */
function expectedFromScan(scan: ZoneScan, schedule: EngineSchedule): string[] {
  const [hour, minute] = schedule.effectiveTime.split(':').map(Number)
  const out: string[] = []
  for (let day = Date.UTC(2027, 0, 1); day < Date.UTC(2028, 0, 1); day += 24 * 60 * MINUTE) {
    const date = new Date(day)
    if (schedule.cadence === 'weekly' && WEEKDAYS[(date.getUTCDay() + 6) % 7] !== schedule.effectiveDay) continue
    if (schedule.cadence === 'monthly' && date.getUTCDate() !== schedule.effectiveDay) continue
    // The wall time itself, else (a gap) the first local minute after it that exists that day.
    let instant: number | undefined
    for (let wall = (day + ((hour ?? 0) * 60 + (minute ?? 0)) * MINUTE) / MINUTE; instant === undefined; wall++) {
      instant = scan.firstInstant.get(wall)
    }
    out.push(new Date(instant).toISOString())
  }
  return out
}

const iso = (dates: readonly Date[]): string[] => dates.map((d) => d.toISOString())

type Case = readonly [label: string, schedule: Omit<EngineSchedule, 'timezone'>, count: number]

const daily = (time: string): Omit<EngineSchedule, 'timezone'> => ({ cadence: 'daily', effectiveTime: time })
const weekly = (day: string, time: string): Omit<EngineSchedule, 'timezone'> => ({
  cadence: 'weekly',
  effectiveDay: day as NonNullable<EngineSchedule['effectiveDay']>,
  effectiveTime: time,
})
const monthly = (day: number, time: string): Omit<EngineSchedule, 'timezone'> => ({
  cadence: 'monthly',
  effectiveDay: day,
  effectiveTime: time,
})

/** 2027 has 365 days, 52 of each weekday but Friday (53), and 12 of each month day. */
const ZONES: Readonly<Record<string, readonly Case[]>> = {
  // Gap 2027-03-28 02:00→03:00, overlap 2027-10-31 03:00→02:00 (both Sundays).
  'Europe/Berlin': [
    ['daily 09:00', daily('09:00'), 365],
    ['daily 02:30 (gap and overlap)', daily('02:30'), 365],
    ['weekly sun 02:30', weekly('sun', '02:30'), 52],
    ['weekly fri 00:00', weekly('fri', '00:00'), 53],
    ['monthly 28th 02:00 (gap start)', monthly(28, '02:00'), 12],
    ['monthly 1st 09:00', monthly(1, '09:00'), 12],
  ],
  // Gap 2027-03-14 02:00→03:00, overlap 2027-11-07 02:00→01:00.
  'America/New_York': [
    ['daily 02:30 (gap)', daily('02:30'), 365],
    ['daily 01:30 (overlap)', daily('01:30'), 365],
    ['weekly sun 01:59', weekly('sun', '01:59'), 52],
    ['monthly 14th 02:15 (gap)', monthly(14, '02:15'), 12],
    ['monthly 7th 01:00 (overlap)', monthly(7, '01:00'), 12],
  ],
  'Asia/Kolkata': [
    ['daily 00:00', daily('00:00'), 365],
    ['weekly mon 05:30', weekly('mon', '05:30'), 52],
    ['monthly 28th 23:59', monthly(28, '23:59'), 12],
  ],
  UTC: [
    ['daily 23:59', daily('23:59'), 365],
    ['weekly wed 12:00', weekly('wed', '12:00'), 52],
    ['monthly 15th 00:00', monthly(15, '00:00'), 12],
  ],
}

describe.each(Object.keys(ZONES))('all of 2027 in %s', (timezone) => {
  const scan = scanZone(timezone)
  it.each(ZONES[timezone] ?? [])('%s: exact count and every instant', (_label, partial, count) => {
    const schedule = { ...partial, timezone }
    const got = iso(occurrencesBetween(schedule, new Date(scan.from), new Date(scan.to)))
    expect(got).toHaveLength(count)
    expect(got).toEqual(expectedFromScan(scan, schedule))
  })
})

describe('the DST policy, instant by instant (worked out by hand)', () => {
  const on = (timezone: string, partial: Omit<EngineSchedule, 'timezone'>, from: string, to: string) =>
    iso(occurrencesBetween({ ...partial, timezone }, new Date(from), new Date(to)))

  it('Berlin 02:30 on the spring-forward day runs once, at 03:00 summer time (the transition)', () => {
    expect(on('Europe/Berlin', daily('02:30'), '2027-03-27T00:00:00Z', '2027-03-29T23:00:00Z')).toEqual([
      '2027-03-27T01:30:00.000Z',
      '2027-03-28T01:00:00.000Z',
      '2027-03-29T00:30:00.000Z',
    ])
  })
  it('Berlin 02:30 on the fall-back day runs once, at its first occurrence (summer time)', () => {
    expect(on('Europe/Berlin', daily('02:30'), '2027-10-30T00:00:00Z', '2027-11-01T23:00:00Z')).toEqual([
      '2027-10-30T00:30:00.000Z',
      '2027-10-31T00:30:00.000Z',
      '2027-11-01T01:30:00.000Z',
    ])
  })
  it('New York 01:30 on the fall-back day runs once, at 01:30 EDT', () => {
    expect(on('America/New_York', daily('01:30'), '2027-11-07T00:00:00Z', '2027-11-08T00:00:00Z')).toEqual([
      '2027-11-07T05:30:00.000Z',
    ])
  })
  it('New York 02:15 on the spring-forward day runs at 03:00 EDT', () => {
    expect(on('America/New_York', monthly(14, '02:15'), '2027-03-01T00:00:00Z', '2027-03-31T00:00:00Z')).toEqual([
      '2027-03-14T07:00:00.000Z',
    ])
  })
  it('Lord Howe (a 30-minute shift) 02:15 in its gap runs at 02:30 daylight time', () => {
    // Australia/Lord_Howe moves 02:00 (+10:30) → 02:30 (+11:00) on 2027-10-03.
    expect(on('Australia/Lord_Howe', daily('02:15'), '2027-10-02T12:00:00Z', '2027-10-03T12:00:00Z')).toEqual([
      '2027-10-02T15:30:00.000Z',
    ])
  })
})

describe('the window is half-open, (from, to]', () => {
  const schedule: EngineSchedule = { cadence: 'daily', effectiveTime: '09:00', timezone: 'UTC' }
  it('excludes an occurrence at from and includes one at to', () => {
    expect(
      iso(occurrencesBetween(schedule, new Date('2027-01-04T09:00:00Z'), new Date('2027-01-05T09:00:00Z'))),
    ).toEqual(['2027-01-05T09:00:00.000Z'])
  })
  it('is empty when to is not after from', () => {
    const at = new Date('2027-01-04T09:00:00Z')
    expect(occurrencesBetween(schedule, at, at)).toEqual([])
  })
  it('next occurrence is strictly after the instant', () => {
    expect(nextOccurrenceAfter(schedule, new Date('2027-01-04T09:00:00Z'))?.toISOString()).toBe(
      '2027-01-05T09:00:00.000Z',
    )
  })
})
