/**
 * The schedule engine at scale, in process: a one-year window over 1,000 repos × 3
 * agents (daily, weekly, monthly; times spread over the day, DST times included; zones
 * with and without DST), the way `discover --from --to` resolves a catch-up. Prints the
 * figure per occurrence beside its peer, one `Intl` offset lookup (the engine needs at
 * least two per occurrence), and the goal.
 */
import { performance } from 'node:perf_hooks'
import { WEEKDAYS } from '../contracts/constants.ts'
import { type EngineSchedule, occurrencesBetween, offsetAt } from '../src/schedule/occurrences.ts'

const REPOS = 1_000
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC', 'Australia/Sydney', 'America/Sao_Paulo']
/** Goal per occurrence: a year of catch-up for 10,000 repos stays within a few seconds. */
const GOAL_US = 5

const pad = (n: number): string => String(n).padStart(2, '0')

function schedulesOf(repo: number): EngineSchedule[] {
  const timezone = ZONES[repo % ZONES.length] ?? 'UTC'
  const time = `${pad(repo % 24)}:${pad((repo * 7) % 60)}`
  return [
    { cadence: 'daily', effectiveTime: time, timezone },
    { cadence: 'weekly', effectiveDay: WEEKDAYS[repo % 7] ?? 'mon', effectiveTime: '02:30', timezone },
    { cadence: 'monthly', effectiveDay: (repo % 28) + 1, effectiveTime: time, timezone },
  ]
}

/** Resolves every schedule over one year and prints the figures. */
export function runScheduleBench(): void {
  const schedules = Array.from({ length: REPOS }, (_, repo) => schedulesOf(repo)).flat()
  const from = new Date('2027-01-01T00:00:00Z')
  const to = new Date('2028-01-01T00:00:00Z')
  occurrencesBetween(schedules[0] as EngineSchedule, from, new Date('2027-02-01T00:00:00Z')) // warm-up
  const start = performance.now()
  let occurrences = 0
  for (const schedule of schedules) occurrences += occurrencesBetween(schedule, from, to).length
  const ms = performance.now() - start

  const lookups = 200_000
  const floorStart = performance.now()
  for (let i = 0; i < lookups; i++) offsetAt(ZONES[i % ZONES.length] ?? 'UTC', from.getTime() + i * 60_000)
  const lookupUs = ((performance.now() - floorStart) * 1000) / lookups

  const perOccurrenceUs = (ms * 1000) / occurrences
  console.log(`schedule engine: one-year window, ${REPOS} repos × 3 agents (in process)`)
  console.log(`  occurrences           ${occurrences}`)
  console.log(`  total                 ${ms.toFixed(0)} ms`)
  console.log(
    `  per occurrence        ${perOccurrenceUs.toFixed(2)} µs   (goal ≤ ${GOAL_US} µs; ${(perOccurrenceUs / lookupUs).toFixed(1)}× one Intl offset lookup, ${lookupUs.toFixed(2)} µs)`,
  )
}
