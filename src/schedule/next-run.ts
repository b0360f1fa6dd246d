/** When an agent runs next: the first occurrence the schedule engine finds after an instant. */
import { type EngineSchedule, nextOccurrenceAfter } from './occurrences.ts'

/**
 * The first run strictly after `now`, or undefined when there is none. It is, by
 * construction, the first entry `discover --from now` lists for the agent, with the
 * same DST policy (see occurrences.ts).
 */
export function nextRunAfter(schedule: EngineSchedule, now: Date): Date | undefined {
  return nextOccurrenceAfter(schedule, now)
}
