/**
 * The schedule engine: one agent's resolved schedule and a window `(from, to]` → every
 * instant the agent is due in it, in UTC. `list`'s next run, `discover --from/--to` and
 * any preview call this one function, so they cannot disagree.
 *
 * It works on the calendar directly: for each local date in the window whose weekday or
 * day of the month matches the cadence, the local wall time is turned into an instant
 * with the zone's UTC offsets, read from `Intl` (the runtime's tz database). DST policy:
 *
 * - a local time that does not exist that day (the spring-forward gap, Berlin 02:30 on
 *   the last Sunday of March) runs once, at the first valid instant after the gap
 *   (03:00 summer time, the transition itself);
 * - a local time that occurs twice (the autumn overlap) runs once, at its first
 *   occurrence (02:30 summer time, not 02:30 winter time an hour later).
 *
 * Each occurrence belongs to exactly one local date, so any split of a span into
 * consecutive windows yields the same occurrences as the whole span (windows tile).
 */
import { WEEKDAYS } from '../../contracts/constants.ts'
import type { ResolvedAgent } from '../manifest/resolve.ts'

/** What the engine needs of an agent: the resolved cadence, day, time and zone. */
export type EngineSchedule = Pick<ResolvedAgent, 'cadence' | 'effectiveDay' | 'effectiveTime' | 'timezone'>

const MINUTE = 60_000
const DAY = 86_400_000

/**
 * How far `nextOccurrenceAfter` looks: a monthly day (at most the 28th) recurs within
 * 31 days; the margin covers a DST shift of the instant.
 */
const NEXT_HORIZON_MS = 33 * DAY

const offsetFormatters = new Map<string, Intl.DateTimeFormat>()

function offsetFormatter(timezone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timezone)
  if (!formatter) {
    // Only the offset is read: this format is about four times faster than formatToParts with every field.
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' })
    offsetFormatters.set(timezone, formatter)
  }
  return formatter
}

/** The zone's UTC offset at `epochMs`, in milliseconds (east positive). */
export function offsetAt(timezone: string, epochMs: number): number {
  const text = offsetFormatter(timezone).format(epochMs)
  // "1/4/2027, GMT+05:30"; some ICU versions write plain "GMT" at offset zero.
  const gmt = text.lastIndexOf('GMT')
  const sign = text.charCodeAt(gmt + 3)
  if (gmt < 0 || Number.isNaN(sign)) return 0
  const hours = Number(text.slice(gmt + 4, gmt + 6))
  const minutes = Number(text.slice(gmt + 7, gmt + 9)) || 0
  const magnitude = (hours * 60 + minutes) * MINUTE
  return sign === 45 /* '-' */ || sign === 0x2212 /* '−' */ ? -magnitude : magnitude
}

/**
 * The instant a local wall time (given as the epoch ms of the same fields read as UTC)
 * stands for in `timezone`, under the DST policy above. Offsets a day before and after
 * bracket any transition near that time (zones change at most once in two days).
 */
export function instantOfLocal(timezone: string, wall: number): number {
  const before = offsetAt(timezone, wall - DAY)
  const early = wall - before
  // Valid with the earlier offset: the only reading, or in an overlap the first one
  // (the earlier offset is then the larger, so this instant is the earlier of the two).
  if (offsetAt(timezone, early) === before) return early
  const after = offsetAt(timezone, wall + DAY)
  const late = wall - after
  if (offsetAt(timezone, late) === after) return late
  // A gap: neither reading exists. Run at the transition, the first valid instant after
  // the gap. The offset is `before` just before it and `after` from it on; bisect to the second.
  let lo = Math.min(early, late)
  let hi = Math.max(early, late)
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000
    if (offsetAt(timezone, mid) === before) lo = mid
    else hi = mid
  }
  return hi
}

/** The local calendar date of an instant in `timezone`, as epoch ms of that date's midnight read as UTC. */
function localDateOf(timezone: string, epochMs: number): number {
  const wall = epochMs + offsetAt(timezone, epochMs)
  return wall - (((wall % DAY) + DAY) % DAY)
}

/** Whether the schedule runs on the local date `date` (epoch ms of its midnight read as UTC). */
function runsOn(schedule: EngineSchedule, date: number): boolean {
  switch (schedule.cadence) {
    case 'daily':
      return true
    case 'weekly': {
      // getUTCDay counts from Sunday = 0; WEEKDAYS starts on Monday.
      const weekday = WEEKDAYS[(new Date(date).getUTCDay() + 6) % 7]
      return weekday === schedule.effectiveDay
    }
    case 'monthly':
      return new Date(date).getUTCDate() === schedule.effectiveDay
  }
}

/** Minutes after local midnight of an `HH:MM` time. */
function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
}

/**
 * Every instant in `(from, to]` at which the schedule is due, ascending. Pure: the same
 * arguments give the same instants on every host whose tz database agrees.
 */
export function occurrencesBetween(schedule: EngineSchedule, from: Date, to: Date): Date[] {
  const start = from.getTime()
  const end = to.getTime()
  if (!(end > start)) return []
  const { timezone } = schedule
  const timeOfDay = minutesOf(schedule.effectiveTime) * MINUTE
  const out: Date[] = []
  // One day of margin each side: an occurrence's instant can sit on the neighbouring
  // UTC day, never on a local date outside [date(from), date(to)].
  const last = localDateOf(timezone, end) + DAY
  for (let date = localDateOf(timezone, start) - DAY; date <= last; date += DAY) {
    if (!runsOn(schedule, date)) continue
    const instant = instantOfLocal(timezone, date + timeOfDay)
    if (instant > start && instant <= end) out.push(new Date(instant))
  }
  return out
}

/** The first instant strictly after `after` at which the schedule is due. */
export function nextOccurrenceAfter(schedule: EngineSchedule, after: Date): Date | undefined {
  return occurrencesBetween(schedule, after, new Date(after.getTime() + NEXT_HORIZON_MS))[0]
}
