/**
 * Stage 5 of loading: what the published schema cannot know. The schema itself enforces
 * every rule on the manifest's content (day per cadence, the closed list of time zones);
 * the only check left here is about this machine: a zone the pinned tz database lists
 * but the running Node's ICU is too old to know would make the schedule engine fail, so
 * it is reported up front, like a schema error. (Bytes, duplicate keys and aliases are
 * checked before the schema, at the YAML level.)
 */
import { type Diagnostic, errorAt } from '../diagnostics/diagnostic.ts'
import { locate, type YamlSource } from './yaml-source.ts'

/**
 * Answers per zone, for the life of the process: the ICU data cannot change under a
 * running Node, and building a formatter costs more than parsing a whole manifest
 * (discover asks once per repo). The schema's closed list bounds the map's size.
 */
const knownZones = new Map<string, boolean>()

/**
 * The zones ICU lists as canonical, read once: about 2 ms, where the first formatter with
 * a time zone costs about 25 ms of ICU start-up (the largest item of a `prepare`
 * profile, `node --cpu-prof`). A zone not listed (links such as `Asia/Kolkata`, which
 * this ICU lists as `Asia/Calcutta`) is asked of a formatter. `UTC` is required by
 * ECMA-402 itself.
 */
let canonicalZones: ReadonlySet<string> | undefined

/** Whether this runtime's ICU can compute times in `zone` (canonical names, links, UTC). */
export function isKnownTimezone(zone: string): boolean {
  let known = knownZones.get(zone)
  if (known === undefined) {
    canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'))
    if (zone === 'UTC' || canonicalZones.has(zone)) known = true
    else {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone })
        known = true
      } catch {
        known = false
      }
    }
    knownZones.set(zone, known)
  }
  return known
}

function runtimeTimezoneRule(source: YamlSource, data: Record<string, unknown>, schemaValid: boolean): Diagnostic[] {
  const zone = data.timezone
  // Only for a zone the schema accepted: otherwise the schema's message already says what is wrong.
  if (!schemaValid || typeof zone !== 'string' || isKnownTimezone(zone)) return []
  return [
    errorAt(
      source.file,
      locate(source, '/timezone'),
      '/timezone',
      'timezone',
      `time zone '${zone}' is valid, but this Node.js (${process.versions.node}, tz data ${process.versions.tz ?? 'unknown'}) does not know it; upgrade Node.js or use a neighbouring zone`,
    ),
  ]
}

/** Every in-code rule; runs on the raw data after the schema (`schemaValid`: whether it passed). */
export function manifestRuleDiagnostics(
  source: YamlSource,
  data: Record<string, unknown>,
  schemaValid = true,
): Diagnostic[] {
  return runtimeTimezoneRule(source, data, schemaValid)
}
