/**
 * Stage 5 of loading: the rules a JSON Schema cannot express, checked in code on a
 * schema-valid manifest and reported like schema errors.
 */
import { LAST_MONTH_DAY, TIMEZONE_PATTERN, WEEKDAYS } from '../../contracts/constants.ts'
import { type Diagnostic, errorAt } from '../diagnostics/diagnostic.ts'
import { closestMatch } from './closest.ts'
import { locate, toPointer, type YamlSource } from './yaml-source.ts'

let knownZones: string[] | undefined
let canonicalZones: Set<string> | undefined

/**
 * Whether `zone` is a time zone this runtime's ICU knows (IANA names, their aliases, UTC).
 * The canonical list answers the common case in about 1 ms; building a DateTimeFormat,
 * needed only for aliases such as US/Eastern, loads locale data for about 10 ms.
 */
export function isKnownTimezone(zone: string): boolean {
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'))
  if (canonicalZones.has(zone)) return true
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
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
    // Located only for a problem: on a valid manifest the fast path has no positions to look up.
    const at = () => locate(source, path)
    const shown = typeof schedule.day === 'string' ? `'${schedule.day}'` : String(schedule.day)
    if (schedule.cadence === 'daily') {
      out.push(
        errorAt(
          source.file,
          at(),
          path,
          'day-cadence',
          `'day' is not allowed for a daily cadence; remove it or use weekly/monthly`,
        ),
      )
    } else if (schedule.cadence === 'weekly' && typeof schedule.day !== 'string') {
      out.push(
        errorAt(
          source.file,
          at(),
          path,
          'day-cadence',
          `a weekly cadence needs a weekday ${WEEKDAYS[0]}..${WEEKDAYS.at(-1)}; got ${shown}`,
        ),
      )
    } else if (schedule.cadence === 'monthly' && typeof schedule.day !== 'number') {
      out.push(
        errorAt(
          source.file,
          at(),
          path,
          'day-cadence',
          `a monthly cadence needs a day of the month 1..${LAST_MONTH_DAY}; got ${shown}`,
        ),
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
