/** When a cron schedule runs next, in a time zone, with croner doing the calendar and DST arithmetic. */
import { Cron } from 'croner'

/**
 * The first run strictly after `now`, or undefined when the expression never fires.
 * Across DST changes croner treats these as fixed-time jobs: a time that falls into
 * the spring-forward gap runs at the first valid minute after it (02:30 → 03:00),
 * and a time that occurs twice in autumn runs once, at its first occurrence.
 */
export function nextRunAfter(expression: string, timezone: string, now: Date): Date | undefined {
  const job = new Cron(expression, { timezone, paused: true, mode: '5-part' })
  return job.nextRun(now) ?? undefined
}
