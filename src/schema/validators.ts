/**
 * Validators for the published schemas. They are precompiled at generate time
 * (Ajv standalone code in generated/validators/), so validating needs neither Ajv's
 * compiler nor a compile step at start-up; the runtime still validates against
 * exactly the files downstream repos consume.
 */
import type { ErrorObject } from 'ajv'
import { SCHEMAS, type SchemaName } from '../../generated/schemas/index.ts'
import { type PrecompiledValidator, VALIDATORS } from '../../generated/validators/index.ts'
import { validationErrors } from './validation-errors.ts'

export type { PrecompiledValidator, SchemaName }

/** The precompiled validator of a published schema (all errors, verbose: errors carry `parentSchema` and `data`). */
export const validatorFor = (name: SchemaName): PrecompiledValidator => VALIDATORS[name]

/** The published schema document of a contract. */
export const schemaFor = (name: SchemaName): object => SCHEMAS[name]

/**
 * Validates `data` and returns the errors (empty when valid). This loads every validator;
 * runtime code imports its own (see validation-errors.ts).
 */
export const schemaErrors = (name: SchemaName, data: unknown): ErrorObject[] =>
  validationErrors(validatorFor(name), data)
