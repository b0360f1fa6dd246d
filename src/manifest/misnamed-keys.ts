/**
 * An agent (or pointer) under a name the schema refuses (`Coach:`) is rejected whole by
 * `additionalProperties: false`, so Ajv never looks inside it: its `tme` typo and its
 * `time: "25:00"` would surface only after the name is fixed. To report every problem in
 * one pass, each misnamed entry is checked again under a placeholder name the schema
 * accepts, and the errors found inside it are moved back to the name as written.
 */
import type { ErrorObject } from 'ajv'
import type { PrecompiledValidator } from '../../generated/validators/index.ts'
import { pointerSegments, toPointer } from '../schema/pointer.ts'

/** The keyed maps whose keys are names (slugs) and whose values have a schema of their own. */
const NAMED_MAPS = ['agents', 'pointers'] as const

/** A valid slug no real entry is likely to use; a number is added if one does. */
const PLACEHOLDER = 'misnamed-entry'

/** The schema errors inside misnamed entries, with paths under the names as written. */
export function errorsInsideMisnamedEntries(
  validate: PrecompiledValidator,
  data: Record<string, unknown>,
  errors: readonly ErrorObject[],
): ErrorObject[] {
  const found: ErrorObject[] = []
  for (const map of NAMED_MAPS) {
    const entries = data[map]
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) continue
    const misnamed = errors
      .filter((e) => e.keyword === 'additionalProperties' && e.instancePath === `/${map}`)
      .map((e) => String(e.params.additionalProperty))
    for (const name of misnamed) {
      const record = entries as Record<string, unknown>
      let placeholder = PLACEHOLDER
      for (let n = 2; Object.hasOwn(record, placeholder); n++) placeholder = `${PLACEHOLDER}-${n}`
      // Only this entry, renamed, in an otherwise unchanged document.
      const probe = { ...data, [map]: { [placeholder]: record[name] } }
      if (validate(probe)) continue
      const prefix = toPointer([map, placeholder])
      for (const error of validate.errors ?? []) {
        if (error.instancePath !== prefix && !error.instancePath.startsWith(`${prefix}/`)) continue
        const rest = pointerSegments(error.instancePath).slice(2)
        found.push({ ...error, instancePath: toPointer([map, name, ...rest]) })
      }
    }
  }
  return found
}
