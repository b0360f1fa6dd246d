/** Stage 4: the module that imports every published schema, so the runtime never retypes the list. */
import { tsBanner } from './banner.ts'
import { typeNameOf } from './typescript-types.ts'

/** Renders `generated/schemas/index.ts` for the given contract names. */
export function renderSchemaIndex(names: readonly string[]): string {
  const sorted = [...names].sort()
  const ident = (name: string): string => {
    const pascal = typeNameOf(name)
    return pascal.charAt(0).toLowerCase() + pascal.slice(1)
  }
  return [
    tsBanner('contracts/index.ts'),
    ...sorted.map((name) => `import ${ident(name)} from './${name}.schema.json' with { type: 'json' }`),
    '',
    '/** Every published schema, by contract name. */',
    'export const SCHEMAS = {',
    ...sorted.map((name) => `  '${name}': ${ident(name)},`),
    '} as const',
    '',
    '/** Name of a published schema. */',
    'export type SchemaName = keyof typeof SCHEMAS',
    '',
  ].join('\n')
}
