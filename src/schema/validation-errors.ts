/**
 * Running one precompiled validator. Callers import the validator module of their own
 * contract (`generated/validators/<name>.ts`) rather than the index of all of them:
 * every validator embeds its schema, and loading all nine costs a command's start-up
 * more than the command's own work (see the README's Performance section).
 */
import type { ErrorObject } from 'ajv'
import type { PrecompiledValidator } from '../../generated/validators/index.ts'

/** Validates `data` with `validate` and returns the errors (empty when valid). */
export function validationErrors(validate: PrecompiledValidator, data: unknown): ErrorObject[] {
  return validate(data) ? [] : [...(validate.errors ?? [])]
}
