/** The schedule of an agent in words, for the bundle header. */
import type { ResolvedAgent } from '../manifest/resolve.ts'

const WEEKDAY_NAMES: Readonly<Record<string, string>> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
}

/** "weekly on Monday at 09:00 (Europe/Berlin)", with the manifest defaults applied. */
export function describeSchedule(agent: ResolvedAgent): string {
  const at = `at ${agent.effectiveTime} (${agent.timezone})`
  const day = agent.effectiveDay
  if (agent.cadence === 'weekly' && typeof day === 'string') return `weekly on ${WEEKDAY_NAMES[day] ?? day} ${at}`
  if (agent.cadence === 'monthly' && day !== undefined) return `monthly on day ${day} ${at}`
  return `${agent.cadence} ${at}`
}
