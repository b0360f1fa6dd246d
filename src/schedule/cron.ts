/** A resolved agent schedule as a five-field cron expression, shown by `list` for people and cron-minded tools. */
import { WEEKDAYS } from '../../contracts/constants.ts'
import type { ResolvedAgent } from '../manifest/resolve.ts'

/**
 * `minute hour day-of-month month day-of-week`, in the manifest's time zone:
 * daily `M H * * *`, weekly `M H * * D` (Sunday 0), monthly `M H d * *`.
 */
export function cronExpressionOf(agent: ResolvedAgent): string {
  const [hour = '0', minute = '0'] = agent.effectiveTime.split(':')
  const time = `${Number(minute)} ${Number(hour)}`
  switch (agent.cadence) {
    case 'daily':
      return `${time} * * *`
    case 'weekly': {
      const index = WEEKDAYS.indexOf(agent.effectiveDay as (typeof WEEKDAYS)[number])
      // WEEKDAYS starts on Monday; cron counts from Sunday = 0.
      return `${time} * * ${(index + 1) % 7}`
    }
    case 'monthly':
      return `${time} ${Number(agent.effectiveDay)} * *`
  }
}
