/**
 * Windows tile: for any split of a span into consecutive windows `(t0, t1], (t1, t2], …`,
 * the occurrences of the windows, concatenated, are exactly the occurrences of the whole
 * span: none twice, none missed, in order. Spans are drawn around DST changes so that
 * gaps and overlaps fall inside them; catch-up after an outage is then just a wider window.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WEEKDAYS } from '../../contracts/constants.ts'
import { type EngineSchedule, nextOccurrenceAfter, occurrencesBetween } from '../../src/schedule/occurrences.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Zones with DST both ways, a 30-minute shift, a half-hour offset without DST, and UTC. */
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'UTC',
] as const

/** Days of DST changes in 2027 (and ordinary days) the spans start near. */
const ANCHORS = ['2027-03-14', '2027-03-28', '2027-04-04', '2027-10-03', '2027-10-31', '2027-11-07', '2027-06-15'].map(
  (d) => Date.parse(`${d}T00:00:00Z`),
)

const pad = (n: number): string => String(n).padStart(2, '0')

/** Times near the usual transition hours (00:00–03:59) half the time, any minute otherwise. */
const time = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 59 })),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })),
)

const schedule: fc.Arbitrary<EngineSchedule> = fc
  .record({
    cadence: fc.constantFrom('daily', 'weekly', 'monthly' as const),
    weekday: fc.constantFrom(...WEEKDAYS),
    monthDay: fc.integer({ min: 1, max: 28 }),
    time,
    timezone: fc.constantFrom(...ZONES),
  })
  .map(({ cadence, weekday, monthDay, time: [h, m], timezone }) => ({
    cadence,
    ...(cadence === 'daily' ? {} : { effectiveDay: cadence === 'weekly' ? weekday : monthDay }),
    effectiveTime: `${pad(h)}:${pad(m)}`,
    timezone,
  }))

const span = fc.record({
  anchor: fc.constantFrom(...ANCHORS),
  startOffset: fc.integer({ min: -3 * DAY, max: 2 * DAY }),
  length: fc.integer({ min: 1, max: 40 * DAY }),
  // Cut points as fractions of the span: windows of any size, down to the millisecond.
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
})

describe('windows tile', () => {
  it('the union of consecutive windows equals the whole span, with no duplicate and no miss', () => {
    fc.assert(
      fc.property(schedule, span, (s, { anchor, startOffset, length, cuts }) => {
        const start = anchor + startOffset
        const end = start + length
        const bounds = [start, ...cuts.map((c) => start + Math.floor(c * length)).sort((a, b) => a - b), end]
        const pieces = bounds
          .slice(1)
          .flatMap((to, i) => occurrencesBetween(s, new Date(bounds[i] ?? start), new Date(to)))
          .map((d) => d.getTime())
        const whole = occurrencesBetween(s, new Date(start), new Date(end)).map((d) => d.getTime())
        expect(pieces).toEqual(whole)
        expect(new Set(whole).size).toBe(whole.length)
        expect(whole.every((t) => t > start && t <= end)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('the next occurrence after t is the first occurrence of any window starting at t', () => {
    fc.assert(
      fc.property(schedule, span, (s, { anchor, startOffset }) => {
        const t = new Date(anchor + startOffset)
        const first = occurrencesBetween(s, t, new Date(t.getTime() + 40 * DAY))[0]
        expect(nextOccurrenceAfter(s, t)?.getTime()).toBe(first?.getTime())
      }),
      { numRuns: 200 },
    )
  })

  it('a daily schedule is due exactly once per local day, even on DST days', () => {
    fc.assert(
      fc.property(schedule, fc.constantFrom(...ANCHORS), (s, anchor) => {
        const daily: EngineSchedule = { ...s, cadence: 'daily' }
        const found = occurrencesBetween(daily, new Date(anchor - 10 * DAY), new Date(anchor + 10 * DAY))
        const localDate = new Intl.DateTimeFormat('en-CA', { timeZone: s.timezone, dateStyle: 'short' })
        const days = found.map((d) => localDate.format(d))
        expect(new Set(days).size).toBe(days.length)
        expect(days.length).toBeGreaterThanOrEqual(19)
        expect(days.length).toBeLessThanOrEqual(21)
      }),
      { numRuns: 100 },
    )
  })
})
