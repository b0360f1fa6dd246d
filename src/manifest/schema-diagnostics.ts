/**
 * Stage 4 of loading: Ajv errors on the published manifest schema → located
 * diagnostics. The words come from the one phraser (src/schema/phrase.ts) in the
 * manifest's YAML voice; this module only knows where in the file each problem is,
 * plus the two manifest-only phrases: what a cadence needs of `day` (the schema's
 * `if`/`then` rules) and a did-you-mean over the schema's own zone list.
 */
import type { ErrorObject } from 'ajv'
import { CADENCES, LAST_MONTH_DAY, WEEKDAYS } from '../../contracts/constants.ts'
import { type Diagnostic, errorAt } from '../diagnostics/diagnostic.ts'
import { closestMatch } from '../schema/closest.ts'
import {
  type KeywordPhrase,
  phraseSchemaError,
  showValue,
  type Voice,
  withoutBranchErrors,
  YAML_VOICE,
} from '../schema/phrase.ts'
import { parentPointer, pointerSegments, toPointer } from '../schema/pointer.ts'
import { locate, type YamlSource } from './yaml-source.ts'

/** How the manifest's errors are worded: YAML words, plus what to write for a missing key. */
const MANIFEST_VOICE: Voice = {
  ...YAML_VOICE,
  requiredHints: {
    version: ' (the opt-in marker) — add `version: 1`',
    agents: ' — add `agents:` with at least one agent, such as `coach: {cadence: weekly}`',
    cadence: ` — add \`cadence:\` (${CADENCES.join(', ')})`,
  },
  mapKeyNouns: { agents: 'agent name', pointers: 'pointer label' },
}

/** Per cadence, what its `day` must be (the schema's `if`/`then` rules), as `day`'s message. */
const DAY_FOR_CADENCE: Readonly<Record<string, (shown: string) => string>> = {
  daily: () => `'day' is not allowed for a daily cadence; remove it or use weekly/monthly`,
  weekly: (shown) => `a weekly cadence needs a weekday ${WEEKDAYS[0]}..${WEEKDAYS.at(-1)}; got ${shown}`,
  monthly: (shown) => `a monthly cadence needs a day of the month 1..${LAST_MONTH_DAY}; got ${shown}`,
}

/** An unknown time zone, with a did-you-mean from the schema's own list (case-insensitive). */
const timezonePhrase: KeywordPhrase = (error) => {
  const zones = (error.params.allowedValues as unknown[]).filter((z): z is string => typeof z === 'string')
  const zone = error.data
  const lower =
    typeof zone === 'string'
      ? closestMatch(
          zone,
          zones.map((z) => z.toLowerCase()),
        )
      : undefined
  const proper = lower === undefined ? undefined : zones.find((z) => z.toLowerCase() === lower)
  const hint = proper ? ` — did you mean '${proper}'?` : '; expected an IANA zone such as Europe/Berlin or UTC'
  return {
    message: `unknown time zone ${showValue(zone)}${hint}`,
    ...(proper === undefined ? {} : { suggestion: proper }),
  }
}

/** The manifest's own phrases: `if` (day per cadence) and the zone list's `enum`. */
const MANIFEST_PHRASES: Readonly<Record<string, KeywordPhrase>> = {
  if: (error) => {
    const agent = (error.data ?? {}) as Record<string, unknown>
    const phrase = DAY_FOR_CADENCE[String(agent.cadence)]
    return {
      message: phrase ? phrase(showValue(agent.day)) : `'day' does not fit cadence ${showValue(agent.cadence)}`,
    }
  },
  enum: (error, voice) =>
    error.instancePath === '/timezone' ? timezonePhrase(error, voice) : phraseSchemaError(error, voice),
  // One zone serves every agent, so `timezone` under an agent is misplaced, not misspelt
  // (the generic phrase would suggest 'time', which is wrong).
  additionalProperties: (error, voice) =>
    error.params.additionalProperty === 'timezone' && pointerSegments(error.instancePath)[0] === 'agents'
      ? {
          message:
            'timezone belongs at the top level of the manifest (one zone for every agent); move it out of this agent',
        }
      : phraseSchemaError(error, voice),
}

/** Maps one Ajv error to a located diagnostic. */
function toDiagnostic(source: YamlSource, error: ErrorObject): Diagnostic {
  const { file } = source
  const path = error.instancePath
  const { message, suggestion } = phraseSchemaError(error, MANIFEST_VOICE, MANIFEST_PHRASES)
  switch (error.keyword) {
    case 'required': {
      const missing = String(error.params.missingProperty)
      // Point at the key that owns the incomplete mapping (`coach:`), not at its first child.
      const segments = pointerSegments(path)
      const at =
        segments.length === 0 ? locate(source, '') : locate(source, toPointer(segments.slice(0, -1)), segments.at(-1))
      return errorAt(file, at, toPointer([...segments, missing]), 'required', message)
    }
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty)
      const keyPath = toPointer([...pointerSegments(path), key])
      return errorAt(file, locate(source, path, key), keyPath, 'additionalProperties', message, suggestion)
    }
    case 'if': {
      // A failed `then` of a per-cadence rule: reported at `day`, which is what to change.
      const dayPath = toPointer([...pointerSegments(path), 'day'])
      return errorAt(file, locate(source, dayPath), dayPath, 'if', message)
    }
    default:
      return errorAt(file, locate(source, path), path, error.keyword, message, suggestion)
  }
}

/**
 * Turns Ajv's errors into one diagnostic per problem: errors inside a failed
 * `anyOf` are folded into that `anyOf`, errors inside a failed `then` into its `if`.
 */
export function schemaDiagnostics(source: YamlSource, errors: readonly ErrorObject[]): Diagnostic[] {
  const diagnostics = withoutBranchErrors(errors).map((e) => toDiagnostic(source, e))
  // A day that is no day at all (31) is reported once, by its own type, not again for its cadence.
  const other = new Set(diagnostics.filter((d) => d.keyword !== 'if').map((d) => d.path))
  return foldTypos(diagnostics.filter((d) => d.keyword !== 'if' || !other.has(d.path)))
}

/**
 * A misspelt required key shows up twice: as an unknown key and as a missing one.
 * "unknown key 'cadance' — did you mean 'cadence'?" already says both, so the
 * "missing required key 'cadence'" next to it is dropped.
 */
function foldTypos(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const typoTargets = new Set(
    diagnostics
      .filter((d) => d.keyword === 'additionalProperties' && d.suggestion !== undefined)
      .map((d) => toPointer([...pointerSegments(parentPointer(d.path)), d.suggestion ?? ''])),
  )
  return diagnostics.filter((d) => !(d.keyword === 'required' && typoTargets.has(d.path)))
}
