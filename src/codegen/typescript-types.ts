/**
 * Stage 2: a published JSON Schema → TypeScript declarations, via
 * json-schema-to-typescript. Working from the emitted schema (not from TypeBox)
 * proves the published file alone is enough for a consumer.
 */
import { compile, type JSONSchema } from 'json-schema-to-typescript'
import { tsBanner } from './banner.ts'
import type { JsonSchema } from './json-schema.ts'

/** PascalCase type name for a kebab-case contract name: `schedule-manifest` → `ScheduleManifest`. */
export const typeNameOf = (contractName: string): string =>
  contractName
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')

/** Compiles one schema into a TypeScript module exporting `typeNameOf(contractName)`. */
export async function toTypeScript(contractName: string, schema: JsonSchema, schemaFile: string): Promise<string> {
  const rootName = typeNameOf(contractName)
  const source = await compile(structuredClone(schema) as JSONSchema, rootName, {
    bannerComment: tsBanner(schemaFile),
    // The root is named after the contract, not its human title.
    customName: (node) => (node.$id === schema.$id ? rootName : undefined),
    unknownAny: true,
    format: true,
    style: { singleQuote: true, semi: false, printWidth: 120 },
  })
  return withMapComments(source.endsWith('\n') ? source : `${source}\n`)
}

/**
 * json-schema-to-typescript names the owner of a `patternProperties` map by its
 * standalone name, which inline maps lack ("referenced by \`undefined\`'s JSON-Schema
 * definition"); say what the comment means instead.
 */
const withMapComments = (source: string): string =>
  source.replace(
    /This interface was referenced by `undefined`'s JSON-Schema definition\n(\s*)\* via the `patternProperty` ("[^\n]*")\./g,
    'Each value of this map; its keys match the pattern\n$1* $2.',
  )
