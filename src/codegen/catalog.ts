/**
 * Stage: the emitted schemas → `generated/catalog.json`, in the SchemaStore catalog
 * format (https://json.schemastore.org/schema-catalog.json), so an editor
 * (yaml-language-server `yaml.schemaStore.url`) or a SchemaStore PR can pick the schemas up.
 *
 * Each `url` is the schema on the npm CDN, pinned to the schemas package major
 * (`contracts/package.ts`), so an editor can fetch it; the schema's `$id` stays canonical.
 *
 * The catalog format closes every object (`additionalProperties: false`), so this is
 * the one generated file without a banner: a `$comment` would make it invalid.
 */
import { schemaUrlOf } from '../../contracts/package.ts'
import { formatJson } from '../schema/format-json.ts'
import type { EmittedContract } from './artifacts.ts'

/** The SchemaStore catalog schema every catalog declares. */
export const CATALOG_SCHEMA = 'https://json.schemastore.org/schema-catalog.json'

/** Where the catalog is written. */
export const CATALOG_FILE = 'generated/catalog.json'

/** One catalog entry, as SchemaStore defines it. */
export interface CatalogEntry {
  readonly name: string
  readonly description: string
  readonly url: string
  readonly fileMatch?: readonly string[]
}

/** File types editors validate through a catalog; `.md` front matter and `.jsonl` lines are not among them. */
const EDITOR_VALIDATED = /\.(json|jsonc|json5|ya?ml|toml)$/

/**
 * A contract glob as SchemaStore writes it: patterns with a directory are matched
 * anywhere in the tree (`**\/.kaizen/schedule.yml`), bare file names already are.
 */
export const toCatalogGlob = (pattern: string): string =>
  pattern.includes('/') && !pattern.startsWith('**/') ? `**/${pattern}` : pattern

/** The catalog entry of one emitted contract. */
export function catalogEntryOf({ contract, schema }: EmittedContract): CatalogEntry {
  const fileMatch = (contract.fileMatch ?? []).filter((p) => EDITOR_VALIDATED.test(p)).map(toCatalogGlob)
  return {
    name: String(schema.title),
    description: String(schema.description),
    ...(fileMatch.length > 0 ? { fileMatch } : {}),
    // The npm CDN copy: the canonical `$id` host serves nothing, a catalog URL must load.
    url: schemaUrlOf(contract.name),
  }
}

/** Renders `generated/catalog.json` for every emitted contract, in registry order. */
export function renderCatalog(emitted: readonly EmittedContract[]): string {
  return formatJson({ $schema: CATALOG_SCHEMA, version: 1, schemas: emitted.map(catalogEntryOf) })
}
