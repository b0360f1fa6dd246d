/**
 * Stage 4 of loading: the rules a JSON Schema cannot express, checked in code on a
 * schema-valid manifest and reported like schema errors.
 */
import { TIMEZONE_PATTERN } from '../../contracts/common.ts'
import { type Diagnostic, errorAt } from '../diagnostics/diagnostic.ts'
import { closestMatch } from './closest.ts'
import { locate, toPointer, type YamlSource } from './yaml-source.ts'

let knownZones: string[] | undefined

/** Verdicts of `isKnownTimezone`; a real fleet uses a handful of zones. */
const zoneVerdicts = new Map<string, boolean>()

/**
 * Whether `zone` is a time zone this runtime's ICU knows (IANA names and UTC).
 * Memoised: building an Intl.DateTimeFormat costs about as much as parsing a
 * manifest, and `discover` checks thousands of manifests naming the same zones.
 */
export function isKnownTimezone(zone: string): boolean {
  let known = zoneVerdicts.get(zone)
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone })
      known = true
    } catch {
      known = false
    }
    if (zoneVerdicts.size < 1024) zoneVerdicts.set(zone, known)
  }
  return known
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function timezoneRule(source: YamlSource, data: Record<string, unknown>): Diagnostic[] {
  const zone = data.timezone
  if (typeof zone !== 'string' || !new RegExp(TIMEZONE_PATTERN, 'u').test(zone) || isKnownTimezone(zone)) return []
  knownZones ??= Intl.supportedValuesOf('timeZone')
  const suggestion = closestMatch(
    zone,
    knownZones.map((z) => z.toLowerCase()),
  )
  const proper = suggestion && knownZones.find((z) => z.toLowerCase() === suggestion)
  const hint = proper ? ` — did you mean '${proper}'?` : '; expected an IANA zone such as Europe/Berlin or UTC'
  return [
    errorAt(
      source.file,
      locate(source, '/timezone'),
      '/timezone',
      'timezone',
      `unknown time zone '${zone}'${hint}`,
      proper || undefined,
    ),
  ]
}

function dayRule(source: YamlSource, data: Record<string, unknown>): Diagnostic[] {
  const out: Diagnostic[] = []
  const agents = isRecord(data.agents) ? data.agents : {}
  for (const [agent, schedule] of Object.entries(agents)) {
    if (!isRecord(schedule) || schedule.day === undefined || typeof schedule.cadence !== 'string') continue
    const path = toPointer(['agents', agent, 'day'])
    const at = locate(source, path)
    const shown = typeof schedule.day === 'string' ? `'${schedule.day}'` : String(schedule.day)
    if (schedule.cadence === 'daily') {
      out.push(
        errorAt(
          source.file,
          at,
          path,
          'day-cadence',
          `'day' is not allowed for a daily cadence; remove it or use weekly/monthly`,
        ),
      )
    } else if (schedule.cadence === 'weekly' && typeof schedule.day !== 'string') {
      out.push(errorAt(source.file, at, path, 'day-cadence', `a weekly cadence needs a weekday mon..sun; got ${shown}`))
    } else if (schedule.cadence === 'monthly' && typeof schedule.day !== 'number') {
      out.push(
        errorAt(source.file, at, path, 'day-cadence', `a monthly cadence needs a day of the month 1..28; got ${shown}`),
      )
    }
  }
  return out
}

/**
 * Every in-code rule. They run on the raw data even when the schema failed, so a
 * report lists all problems at once; each rule skips values the schema already rejects.
 * Pointer containment on disk is checked where files are read.
 */
export function manifestRuleDiagnostics(source: YamlSource, data: Record<string, unknown>): Diagnostic[] {
  return [...timezoneRule(source, data), ...dayRule(source, data)]
}
