/**
 * Stage 5: a published JSON Schema → a precompiled Ajv validator module (Ajv
 * "standalone" code), plus the index that maps contract names to them. The runtime
 * imports these instead of compiling schemas on start-up, which keeps Ajv's compiler
 * (and its ~30 ms load) off the CLI's cold start.
 */
import standaloneCodeModule from 'ajv/dist/standalone/index.js'
import { createAjv } from '../schema/ajv.ts'
import { tsBanner } from './banner.ts'
import type { JsonSchema } from './json-schema.ts'
import { typeNameOf } from './typescript-types.ts'

// ajv's standalone entry is CommonJS; under NodeNext its default import is the module object.
const standaloneCode = standaloneCodeModule as unknown as typeof standaloneCodeModule.default

/** Where the precompiled validator of a contract is written. */
export const validatorFileOf = (name: string): string => `generated/validators/${name}.ts`

/** The precompiled validator of the CloudEvents NATS headers (a shape in the event contract, not a contract). */
export const CLOUD_EVENT_HEADERS_VALIDATOR_FILE = 'generated/validators/cloud-event-headers.ts'

/** The precompiled validator of a structured-mode CloudEvent (`--ce-mode structured`). */
export const STRUCTURED_CLOUD_EVENT_VALIDATOR_FILE = 'generated/validators/structured-cloud-event.ts'

/**
 * Ajv's standalone ESM output still reaches its runtime helpers with `require(...)`
 * (for example `require("ajv/dist/runtime/ucs2length").default`), which an ES module
 * does not have. A `require` made with `createRequire` gives those calls exactly their
 * CommonJS meaning under Node, tsx and vitest alike (a default import would not: the
 * interop of `__esModule` modules differs between them).
 */
function withRequire(code: string): string {
  const body = code.replace(/^"use strict";\n?/, '')
  if (!body.includes('require(')) return body
  return ["import { createRequire } from 'node:module'", 'const require = createRequire(import.meta.url)', body].join(
    '\n',
  )
}

/**
 * Compiles one published schema to a standalone validator module. The Ajv options are
 * the runtime's (all errors, verbose, formats), so errors carry the same `schema`,
 * `parentSchema` and `data` the diagnostics need. A fresh Ajv per schema keeps the
 * generated names (`validate10`, `schema11`) stable whatever else is registered.
 */
export function toStandaloneValidator(schema: JsonSchema, schemaFile: string): string {
  const ajv = createAjv({ verbose: true, code: { source: true, esm: true, lines: true } })
  const code = standaloneCode(ajv, ajv.compile(schema))
  return [
    tsBanner(schemaFile),
    '// @ts-nocheck — Ajv standalone output, checked by test/schema/validators.test.ts, not by tsc.',
    withRequire(code).trimEnd(),
    '',
  ].join('\n')
}

/** Renders `generated/validators/index.ts`: every precompiled validator by contract name. */
export function renderValidatorIndex(names: readonly string[]): string {
  const sorted = [...names].sort()
  const ident = (name: string): string => `validate${typeNameOf(name)}`
  return [
    tsBanner('contracts/index.ts'),
    "import type { ErrorObject } from 'ajv'",
    "import type { SchemaName } from '../schemas/index.ts'",
    ...sorted.map((name) => `import ${ident(name)} from './${name}.ts'`),
    '',
    '/** A precompiled validator: true when valid; otherwise `errors` says why (Ajv error objects, verbose). */',
    'export type PrecompiledValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null }',
    '',
    '/** Every precompiled validator, by contract name. */',
    'export const VALIDATORS: Readonly<Record<SchemaName, PrecompiledValidator>> = {',
    ...sorted.map((name) => `  '${name}': ${ident(name)},`),
    '}',
    '',
  ].join('\n')
}
