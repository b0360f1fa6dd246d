/** Stage 3: a published JSON Schema → a markdown reference page, plus the index page. */
import type { Contract } from '../../contracts/common.ts'
import { markdownBanner } from './banner.ts'
import { contractSourceOf, type JsonSchema } from './json-schema.ts'

/** One row of a field table: a property flattened to a dotted path. */
export interface FieldRow {
  readonly field: string
  readonly type: string
  readonly required: boolean
  readonly defaultValue: string
  readonly constraints: string
  readonly description: string
}

const asSchema = (value: unknown): JsonSchema =>
  typeof value === 'object' && value !== null ? (value as JsonSchema) : {}

const code = (value: unknown): string => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``

/** Enums longer than this (the time-zone list) are summarised; the schema file has every value. */
const LISTED_ENUM_VALUES = 12

function describeEnum(values: readonly unknown[]): string {
  if (values.length <= LISTED_ENUM_VALUES) return values.map(code).join(' | ')
  return `one of ${values.length} values (${values.slice(0, 3).map(code).join(', ')}, …; all in the schema file)`
}

/** A short human type for a schema node: `string`, `integer`, `"a" \| "b"`, `string[]`, `object`. */
export function describeType(node: JsonSchema): string {
  if (node.const !== undefined) return code(node.const)
  if (Array.isArray(node.enum)) return describeEnum(node.enum)
  if (Array.isArray(node.anyOf)) return node.anyOf.map((branch) => describeType(asSchema(branch))).join(' | ')
  if (node.type === 'array') return `${describeType(asSchema(node.items))}[]`
  if (node.type === 'object' && node.patternProperties && !node.properties) {
    return `map of ${Object.values(asSchema(node.patternProperties))
      .map((v) => describeType(asSchema(v)))
      .join(' | ')}`
  }
  return typeof node.type === 'string' ? node.type : 'any'
}

const CONSTRAINT_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['pattern', 'pattern'],
  ['format', 'format'],
  ['minimum', '≥'],
  ['maximum', '≤'],
  ['minLength', 'min length'],
  ['maxLength', 'max length'],
  ['minItems', 'min items'],
  ['minProperties', 'min entries'],
  ['uniqueItems', 'unique'],
]

/** The constraints of a node (and of its union branches), as one table cell. */
export function describeConstraints(node: JsonSchema): string {
  const own = CONSTRAINT_KEYS.filter(([key]) => node[key] !== undefined).map(([key, label]) =>
    key === 'uniqueItems' ? label : `${label} ${code(node[key])}`,
  )
  if (node.additionalProperties === false) own.push('no other keys')
  if (node.patternProperties) {
    own.push(`keys match ${Object.keys(asSchema(node.patternProperties)).map(code).join(', ')}`)
    // A map of scalars has no rows of its own for its values: their constraints go here.
    for (const value of Object.values(asSchema(node.patternProperties))) {
      const child = asSchema(value)
      const constraints = child.type === 'object' || child.type === 'array' ? '' : describeConstraints(child)
      if (constraints !== '') own.push(`values: ${constraints}`)
    }
  }
  const branches = Array.isArray(node.anyOf)
    ? node.anyOf.map((b) => describeConstraints(asSchema(b))).filter(Boolean)
    : []
  return [...own, ...branches].join('; ')
}

const escapeCell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

/**
 * Flattens an object schema into rows with dotted paths, like the seed's event page:
 * `bundle.format`, `sections[].kind`, `agents.<name>.cadence`.
 */
export function flattenFields(node: JsonSchema, prefix = ''): FieldRow[] {
  if (node.type === 'array') return flattenFields(asSchema(node.items), `${prefix}[]`)
  const rows: FieldRow[] = []
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : [])
  for (const [key, value] of Object.entries(asSchema(node.properties))) {
    const child = asSchema(value)
    const field = prefix ? `${prefix}.${key}` : key
    rows.push(rowOf(field, child, required.has(key)))
    rows.push(...nested(child, field))
  }
  for (const value of Object.values(asSchema(node.patternProperties))) {
    const child = asSchema(value)
    if (child.type === 'object' || child.type === 'array') rows.push(...nested(child, `${prefix}.<name>`))
  }
  return rows
}

function nested(child: JsonSchema, field: string): FieldRow[] {
  if (child.type === 'object') return flattenFields(child, field)
  if (child.type === 'array' && asSchema(child.items).type === 'object')
    return flattenFields(asSchema(child.items), `${field}[]`)
  return []
}

function rowOf(field: string, node: JsonSchema, required: boolean): FieldRow {
  return {
    field,
    type: describeType(node),
    required,
    defaultValue: node.default === undefined ? '' : code(node.default),
    constraints: describeConstraints(node),
    description: typeof node.description === 'string' ? node.description : '',
  }
}

/** Renders the reference page of one contract from its published schema. */
export function renderContractPage(contract: Contract, schema: JsonSchema, schemaFile: string): string {
  const rows = flattenFields(schema)
  const table = [
    '| Field | Type | Required | Default | Constraints | Description |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| \`${row.field}\` | ${escapeCell(row.type)} | ${row.required ? 'yes' : 'no'} | ${escapeCell(row.defaultValue)} | ${escapeCell(row.constraints)} | ${escapeCell(row.description)} |`,
    ),
  ].join('\n')
  const examples = Array.isArray(schema.examples) ? schema.examples : []
  const open = schema.type === 'object' && schema.additionalProperties !== false
  return [
    markdownBanner(contractSourceOf(contract)),
    '',
    `# ${String(schema.title)}`,
    '',
    contract.purpose,
    '',
    `- **Schema id:** \`${String(schema.$id)}\``,
    `- **Schema file:** [\`${schemaFile}\`](../../${schemaFile})`,
    `- **Version:** ${contract.version} (${contract.direction}: ${
      contract.direction === 'input'
        ? 'this project reads it, so changes must stay backward compatible'
        : 'others validate it, so changes must stay forward compatible'
    })`,
    ...(contract.fileMatch ? [`- **Applies to:** ${contract.fileMatch.map(code).join(', ')}`] : []),
    ...(schema.type === 'object'
      ? [`- **Other keys:** ${open ? 'allowed (consumers must ignore them)' : 'rejected'}`]
      : []),
    '',
    '## Fields',
    '',
    table,
    '',
    '## Example',
    '',
    '```json',
    JSON.stringify(examples[0] ?? {}, null, 2),
    '```',
    '',
  ].join('\n')
}

/** Renders `docs/contracts/README.md`, the index of every contract page. */
export function renderContractIndex(entries: ReadonlyArray<{ contract: Contract; schema: JsonSchema }>): string {
  return [
    markdownBanner('contracts/index.ts'),
    '',
    '# Contract reference',
    '',
    'Every data shape that crosses a boundary of kaizen-agentic scheduling. Each page is generated from the contract in `contracts/`; the JSON Schemas in `generated/schemas/` are the files downstream repos validate against.',
    '',
    '| Contract | Direction | Version | Schema id | Description |',
    '| --- | --- | --- | --- | --- |',
    ...entries.map(
      ({ contract, schema }) =>
        `| [${String(schema.title)}](${contract.name}.md) | ${contract.direction} | ${contract.version} | \`${String(schema.$id)}\` | ${escapeCell(String(schema.description))} |`,
    ),
    '',
  ].join('\n')
}
