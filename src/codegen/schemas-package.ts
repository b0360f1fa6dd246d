/**
 * Stage: `generated/package.json` and `generated/README.md`, which make `generated/` the
 * schemas-only npm package (`contracts/package.ts`): schemas, types, released snapshots,
 * the catalog and the AsyncAPI document, with no dependencies at all. The CLI package
 * depends on it (an npm workspace here, a registry version once published).
 *
 * The `files` list is what the CDN URLs rely on: `test/package/schemas-package.test.ts`
 * proves every catalog URL and the `init` modeline name a file `npm pack` includes.
 */
import { SCHEMAS_PACKAGE, SCHEMAS_PACKAGE_VERSION, schemaUrlOf } from '../../contracts/package.ts'
import { formatJson } from '../schema/format-json.ts'
import type { Artifact } from './artifacts.ts'
import { BANNER_TEXT, markdownBanner } from './banner.ts'
import { typeNameOf } from './typescript-types.ts'

/** Where the package manifest is written. */
export const SCHEMAS_PACKAGE_JSON = 'generated/package.json'

/** The package manifest. npm ignores the `//` key, which carries the banner. */
export function renderSchemasPackageJson(): string {
  return formatJson({
    '//': `This file was ${BANNER_TEXT}. Source: src/codegen/schemas-package.ts`,
    name: SCHEMAS_PACKAGE,
    version: SCHEMAS_PACKAGE_VERSION,
    description:
      'JSON Schemas, TypeScript types, released snapshots, SchemaStore catalog and AsyncAPI document of the kaizen-agentic schedule contracts. No dependencies.',
    license: 'MIT',
    type: 'module',
    sideEffects: false,
    exports: {
      './package.json': './package.json',
      './schemas/*': './schemas/*',
      './types/*': { types: './types/*.ts' },
      './releases/*': './releases/*',
      './catalog.json': './catalog.json',
      './asyncapi.yaml': './asyncapi.yaml',
    },
    // Only data and declarations: the validators (Ajv) and the Python/Go bindings ship elsewhere.
    files: ['schemas/*.schema.json', 'types/*.ts', 'releases/', 'catalog.json', 'asyncapi.yaml', 'README.md'],
    keywords: ['json-schema', 'kaizen-agentic', 'schemastore', 'asyncapi'],
  })
}

/** The package README, as npm and the CDN show it. */
export function renderSchemasPackageReadme(contractNames: readonly string[]): string {
  const rows = contractNames.map(
    (name) => `| \`${name}\` | \`schemas/${name}.schema.json\` | \`types/${name}\` → \`${typeNameOf(name)}\` |`,
  )
  return `${markdownBanner('src/codegen/schemas-package.ts')}
# ${SCHEMAS_PACKAGE}

The published contracts of kaizen-agentic scheduling, and nothing else: no runtime, no
dependencies. JSON Schemas (draft 2020-12, each standalone), TypeScript types generated
from them, every released schema version, a SchemaStore catalog and the AsyncAPI
document of the \`kaizen.schedule.prepared\` event.

\`\`\`ts
import schema from '${SCHEMAS_PACKAGE}/schemas/schedule-manifest.schema.json' with { type: 'json' }
import type { ScheduleManifest } from '${SCHEMAS_PACKAGE}/types/schedule-manifest'
\`\`\`

TypeScript: \`moduleResolution\` \`nodenext\` or \`bundler\` (the JSON import needs import
attributes, which \`node16\` does not allow).

| Contract | Schema | Type |
| --- | --- | --- |
${rows.join('\n')}

Exact released versions: \`releases/<contract>/<version>.schema.json\`.

Editors: each schema is served at \`${schemaUrlOf('<contract>')}\`
(the package major is pinned; it changes whenever any contract's major does). The
schemas' \`$id\`s (\`https://schemas.kaizen-agentic.dev/<contract>/v<major>.schema.json\`)
are names, not locations: map them to these URLs where a tool needs to fetch one.
`
}

/** Both files of the package. */
export function renderSchemasPackage(contractNames: readonly string[]): Artifact[] {
  return [
    { path: SCHEMAS_PACKAGE_JSON, content: renderSchemasPackageJson() },
    { path: 'generated/README.md', content: renderSchemasPackageReadme(contractNames) },
  ]
}
