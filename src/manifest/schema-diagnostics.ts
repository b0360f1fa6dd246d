/**
 * Stage 4 of loading: Ajv errors on the published manifest schema → located
 * diagnostics. The words come from the one phraser (src/schema/phrase.ts) in the
 * manifest's YAML voice; this module only knows where in the file each problem is.
 */
import type { ErrorObject } from 'ajv'
import { CADENCES } from '../../contracts/constants.ts'
import { type Diagnostic, errorAt } from '../diagnostics/diagnostic.ts'
import { phraseSchemaError, type Voice, withoutBranchErrors, YAML_VOICE } from '../schema/phrase.ts'
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

/** Maps one Ajv error to a located diagnostic. */
function toDiagnostic(source: YamlSource, error: ErrorObject): Diagnostic {
  const { file } = source
  const path = error.instancePath
  const { message, suggestion } = phraseSchemaError(error, MANIFEST_VOICE)
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
    default:
      return errorAt(file, locate(source, path), path, error.keyword, message, suggestion)
  }
}

/**
 * Turns Ajv's errors into one diagnostic per problem: errors inside a failed
 * `anyOf` are folded into that `anyOf` (they only say why each branch failed).
 */
export function schemaDiagnostics(source: YamlSource, errors: readonly ErrorObject[]): Diagnostic[] {
  return foldTypos(withoutBranchErrors(errors).map((e) => toDiagnostic(source, e)))
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
