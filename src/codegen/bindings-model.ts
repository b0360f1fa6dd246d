/**
 * The language-neutral model the Python and Go emitters render: a published JSON Schema
 * reduced to named object types, maps, arrays, literals and unions.
 *
 * It reads the emitted schema, never TypeBox, so a binding is exactly as strict as the
 * file a consumer validates against, and a new contract (or a changed one) needs no code
 * here: `npm run generate` walks whatever the registry publishes. Keywords that only
 * narrow values (`pattern`, `minimum`, `if`/`then`, `not`, …) do not change a type; the
 * schema, which ships inside every binding, enforces them.
 */
import type { JsonSchema } from './json-schema.ts'

/** A literal value an `enum` or `const` allows. */
export type Literal = string | number | boolean | null

/** A type as both emitters need it. */
export type TypeRef =
  | { readonly kind: 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'any' }
  | { readonly kind: 'literal'; readonly values: readonly Literal[] }
  | { readonly kind: 'array'; readonly items: TypeRef }
  | { readonly kind: 'map'; readonly values: TypeRef }
  | { readonly kind: 'object'; readonly name: string }
  | { readonly kind: 'union'; readonly members: readonly TypeRef[] }

/** One declared property of an object type. */
export interface FieldDef {
  readonly key: string
  readonly type: TypeRef
  readonly required: boolean
  readonly description?: string
}

/** A named object type (a JSON object with declared properties). */
export interface ObjectDef {
  readonly name: string
  readonly description?: string
  readonly fields: readonly FieldDef[]
  /** Whether the schema lets the object carry properties it does not declare. */
  readonly open: boolean
}

/** Every named type of one contract, dependencies before dependants, and its root. */
export interface ContractModel {
  readonly contractName: string
  readonly root: TypeRef
  readonly objects: readonly ObjectDef[]
}

/** `next_run` → `NextRun`, `schedule-manifest` → `ScheduleManifest`. */
export const pascalCase = (text: string): string =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const describe = (schema: JsonSchema): { description?: string } =>
  typeof schema.description === 'string' ? { description: schema.description } : {}

/** Builds the model of one published schema; `rootName` names its top-level type. */
export function buildContractModel(contractName: string, rootName: string, schema: JsonSchema): ContractModel {
  const root = schema
  const objects: ObjectDef[] = []
  const taken = new Set<string>()
  const refs = new Map<string, TypeRef>()

  const unique = (wanted: string): string => {
    let name = wanted
    for (let n = 2; taken.has(name); n++) name = `${wanted}${n}`
    taken.add(name)
    return name
  }

  const resolveRef = (ref: string, hint: string): TypeRef => {
    const known = refs.get(ref)
    if (known) return known
    const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(ref)
    const target = match ? (schema[match[1] as string] as JsonSchema | undefined)?.[match[2] as string] : undefined
    if (!isSchema(target)) return { kind: 'any' }
    const type = toType(target, pascalCase(match?.[2] ?? hint))
    refs.set(ref, type)
    return type
  }

  /** Unions flatten, literals merge, and a single member is itself. */
  const unionOf = (members: readonly TypeRef[]): TypeRef => {
    const flat = members.flatMap((m) => (m.kind === 'union' ? m.members : [m]))
    if (flat.some((m) => m.kind === 'any')) return { kind: 'any' }
    const literals = flat.flatMap((m) => (m.kind === 'literal' ? m.values : []))
    const others = flat.filter((m) => m.kind !== 'literal')
    const merged =
      literals.length > 0 ? [{ kind: 'literal', values: [...new Set(literals)] } as const, ...others] : others
    const deduped = merged.filter(
      (m, i) => merged.findIndex((n) => JSON.stringify(n) === JSON.stringify(m)) === i,
    ) as TypeRef[]
    return deduped.length === 1 ? (deduped[0] as TypeRef) : { kind: 'union', members: deduped }
  }

  /** `allOf` of object schemas reads as one object with every part's properties. */
  const mergeAllOf = (schema: JsonSchema): JsonSchema => {
    const parts = (schema.allOf as unknown[]).filter(isSchema)
    const properties: JsonSchema = { ...((schema.properties as JsonSchema | undefined) ?? {}) }
    const required = new Set<string>((schema.required as string[] | undefined) ?? [])
    for (const part of parts) {
      Object.assign(properties, (part.properties as JsonSchema | undefined) ?? {})
      for (const key of (part.required as string[] | undefined) ?? []) required.add(key)
    }
    const { allOf: _, ...rest } = schema
    const open = schema.additionalProperties !== false && parts.every((p) => p.additionalProperties !== false)
    return { ...rest, properties, required: [...required], ...(open ? {} : { additionalProperties: false }) }
  }

  const deref = (schema: JsonSchema): JsonSchema => {
    const match = typeof schema.$ref === 'string' ? /^#\/(\$defs|definitions)\/([^/]+)$/.exec(schema.$ref) : null
    const target = match ? (root[match[1] as string] as JsonSchema | undefined)?.[match[2] as string] : undefined
    return isSchema(target) ? target : schema
  }

  const isObjectSchema = (schema: JsonSchema): boolean =>
    schema.type === 'object' && isSchema(schema.properties) && Object.keys(schema.properties).length > 0

  const mergeVariants = (schema: JsonSchema, variants: readonly JsonSchema[]): JsonSchema => {
    const properties: JsonSchema = {}
    for (const variant of variants) {
      for (const [key, value] of Object.entries(variant.properties as JsonSchema)) {
        const seen = properties[key]
        properties[key] =
          seen === undefined || JSON.stringify(seen) === JSON.stringify(value) ? value : { anyOf: [seen, value] }
      }
    }
    const requiredBy = variants.map((v) => new Set((v.required as string[] | undefined) ?? []))
    const required = Object.keys(properties).filter((key) => requiredBy.every((r) => r.has(key)))
    const closed = variants.every((v) => v.additionalProperties === false)
    const { anyOf: _, oneOf: __, ...rest } = schema
    return { ...rest, type: 'object', properties, required, ...(closed ? { additionalProperties: false } : {}) }
  }

  const objectOf = (schema: JsonSchema, hint: string): TypeRef => {
    const properties = (schema.properties as JsonSchema | undefined) ?? {}
    const additional = schema.additionalProperties
    if (Object.keys(properties).length === 0) {
      // No declared keys: a map whose values are whatever the pattern/additional schemas allow.
      const valueSchemas = [
        ...Object.values((schema.patternProperties as JsonSchema | undefined) ?? {}),
        ...(isSchema(additional) ? [additional] : []),
      ].filter(isSchema)
      const values =
        valueSchemas.length > 0 ? unionOf(valueSchemas.map((v) => toType(v, `${hint}Value`))) : { kind: 'any' as const }
      return { kind: 'map', values }
    }
    const name = unique(hint)
    const required = new Set((schema.required as string[] | undefined) ?? [])
    const slot = objects.length
    objects.push({ name, fields: [], open: false }) // reserve the slot; children are pushed after it
    const fields = Object.entries(properties)
      .filter((entry): entry is [string, JsonSchema] => isSchema(entry[1]))
      .map(([key, value]) => ({
        key,
        type: toType(value, `${name}${pascalCase(key)}`),
        required: required.has(key),
        ...describe(value),
      }))
    const open = additional !== false || schema.patternProperties !== undefined
    // Children first, so languages that evaluate type expressions eagerly (Python) see them defined.
    objects.splice(slot, 1)
    objects.push({ name, ...describe(schema), fields, open })
    return { kind: 'object', name }
  }

  function toType(schema: JsonSchema, hint: string): TypeRef {
    if (typeof schema.$ref === 'string') return resolveRef(schema.$ref, hint)
    if ('const' in schema) return { kind: 'literal', values: [schema.const as Literal] }
    if (Array.isArray(schema.enum)) return { kind: 'literal', values: schema.enum as Literal[] }
    const variants = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined
    if (Array.isArray(variants)) {
      const objects = variants.filter(isSchema).map(deref)
      // Alternatives of one object (say, one per cadence) read as one object: a key is
      // required only where every alternative requires it; the schema keeps the exact rule.
      if (objects.length > 1 && objects.every(isObjectSchema)) return toType(mergeVariants(schema, objects), hint)
      return unionOf(variants.filter(isSchema).map((v, i) => toType(v, `${hint}${variants.length > 1 ? i + 1 : ''}`)))
    }
    if (Array.isArray(schema.allOf)) return toType(mergeAllOf(schema), hint)
    const type = schema.type
    if (Array.isArray(type)) return unionOf(type.map((t) => toType({ ...schema, type: t }, hint)))
    switch (type) {
      case 'string':
      case 'number':
      case 'integer':
      case 'boolean':
      case 'null':
        return { kind: type }
      case 'array':
        return { kind: 'array', items: isSchema(schema.items) ? toType(schema.items, `${hint}Item`) : { kind: 'any' } }
      case 'object':
        return objectOf(schema, hint)
      default:
        return isSchema(schema.properties) ? objectOf(schema, hint) : { kind: 'any' }
    }
  }

  return { contractName, root: toType(schema, rootName), objects }
}

/** The literal values' common JSON type, or null when they mix types. */
export function literalBase(values: readonly Literal[]): 'string' | 'integer' | 'number' | 'boolean' | 'null' | null {
  const kinds = new Set(
    values.map((v) =>
      v === null
        ? 'null'
        : typeof v === 'number'
          ? Number.isInteger(v)
            ? 'integer'
            : 'number'
          : (typeof v as 'string' | 'boolean'),
    ),
  )
  if (kinds.size === 1) return [...kinds][0] as 'string' | 'integer' | 'number' | 'boolean' | 'null'
  if (kinds.size === 2 && kinds.has('integer') && kinds.has('number')) return 'number'
  return null
}
