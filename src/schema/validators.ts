/**
 * Compiled validators for the published schemas, built once per process on first use.
 * The runtime validates against exactly the files downstream repos consume.
 */
import type { ErrorObject, ValidateFunction } from 'ajv'
import { SCHEMAS, type SchemaName } from '../../generated/schemas/index.ts'
import { createAjv } from './ajv.ts'

export type { SchemaName }

const cache = new Map<SchemaName, ValidateFunction>()
let ajv: ReturnType<typeof createAjv> | undefined

/** The compiled validator of a published schema (Ajv, all errors, `verbose` for parent schemas). */
export function validatorFor(name: SchemaName): ValidateFunction {
  let validate = cache.get(name)
  if (!validate) {
    ajv ??= createAjv({ verbose: true })
    validate = ajv.compile(SCHEMAS[name])
    cache.set(name, validate)
  }
  return validate
}

/** The published schema document of a contract. */
export const schemaFor = (name: SchemaName): object => SCHEMAS[name]

/** Validates `data` and returns the errors (empty when valid). */
export function schemaErrors(name: SchemaName, data: unknown): ErrorObject[] {
  const validate = validatorFor(name)
  return validate(data) ? [] : [...(validate.errors ?? [])]
}
