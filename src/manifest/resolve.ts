/** A manifest's agent entries with every default applied, as list, prepare and discover use them. */
import { DEFAULT_DAY, DEFAULT_ENABLED, DEFAULT_TIME, DEFAULT_TIMEZONE } from '../../contracts/constants.ts'
import type { ScheduleManifest } from '../../contracts/schedule-manifest.ts'

/** A weekday (weekly) or a day of the month (monthly). */
export type ScheduleDay = NonNullable<ScheduleManifest['agents'][string]['day']>

/** One agent's schedule with defaults filled in. */
export interface ResolvedAgent {
  readonly agent: string
  readonly cadence: ScheduleManifest['agents'][string]['cadence']
  /** The day as the manifest wrote it (absent when it names none). */
  readonly day?: ScheduleDay
  /** The time as the manifest wrote it (absent when it names none). */
  readonly time?: string
  /** The day the schedule actually uses: the written day, else the cadence default (none for daily). */
  readonly effectiveDay?: ScheduleDay
  /** The time the schedule actually uses. */
  readonly effectiveTime: string
  /** The manifest time zone, or the default. */
  readonly timezone: string
  /** Whether the manifest's time zone was written (not defaulted). */
  readonly hasTimezone: boolean
  readonly enabled: boolean
}

/** Every agent of the manifest, sorted by name, with defaults applied. */
export function resolveAgents(manifest: ScheduleManifest): ResolvedAgent[] {
  return Object.keys(manifest.agents)
    .sort()
    .map((agent) => resolveAgent(manifest, agent))
    .filter((a): a is ResolvedAgent => a !== undefined)
}

/** One agent with defaults applied, or undefined when the manifest does not name it. */
export function resolveAgent(manifest: ScheduleManifest, agent: string): ResolvedAgent | undefined {
  if (!Object.hasOwn(manifest.agents, agent)) return undefined
  const entry = manifest.agents[agent]
  if (!entry) return undefined
  const defaultDay = entry.cadence === 'daily' ? undefined : DEFAULT_DAY[entry.cadence]
  const effectiveDay = entry.day ?? defaultDay
  return {
    agent,
    cadence: entry.cadence,
    ...(entry.day === undefined ? {} : { day: entry.day }),
    ...(entry.time === undefined ? {} : { time: entry.time }),
    ...(effectiveDay === undefined ? {} : { effectiveDay }),
    effectiveTime: entry.time ?? DEFAULT_TIME,
    timezone: manifest.timezone ?? DEFAULT_TIMEZONE,
    hasTimezone: manifest.timezone !== undefined,
    enabled: entry.enabled ?? DEFAULT_ENABLED,
  }
}
