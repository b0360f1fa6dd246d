/** Stage 1: a contract (TypeBox) → its published JSON Schema document. */
import { type Contract, JSON_SCHEMA_DIALECT } from '../../contracts/common.ts'
import { jsonBanner } from './banner.ts'

/** A JSON Schema document as plain data. */
export type JsonSchema = { [key: string]: unknown }

/** Keys that lead every emitted schema, in this order; the rest keep TypeBox's order. */
const LEADING_KEYS = ['$schema', '$id', '$comment', 'title', 'description'] as const

/** Where a contract's source lives, for banners. */
export const contractSourceOf = (contract: Contract): string => `contracts/${contract.name}.ts`

/**
 * Emits the standalone JSON Schema of a contract: dialect, `$id`, banner, TypeBox's
 * structure (JSON round-trip drops its non-enumerable `~kind` markers) and the examples.
 */
export function toJsonSchema(contract: Contract, examples: readonly unknown[]): JsonSchema {
  const body = JSON.parse(JSON.stringify(contract.schema)) as JsonSchema
  const head: JsonSchema = {
    $schema: JSON_SCHEMA_DIALECT,
    $id: body.$id,
    $comment: jsonBanner(contractSourceOf(contract)),
    title: body.title,
    description: body.description,
  }
  const rest = Object.fromEntries(
    Object.entries(body).filter(([key]) => !(LEADING_KEYS as readonly string[]).includes(key)),
  )
  return { ...head, ...rest, examples: [...examples] }
}
