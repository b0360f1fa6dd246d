/** generated/catalog.json is a valid SchemaStore catalog listing every schema, with editor file matches. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTRACTS } from '../../contracts/index.ts'
import { schemasPackageMajor } from '../../contracts/package.ts'
import { CATALOG_FILE, CATALOG_SCHEMA, toCatalogGlob } from '../../src/codegen/catalog.ts'
import { createAjv } from '../../src/schema/ajv.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

const catalog = JSON.parse(await readFile(join(PROJECT_ROOT, CATALOG_FILE), 'utf8'))

/**
 * The constraints of https://json.schemastore.org/schema-catalog.json, restated: closed
 * objects at both levels, name/url/description required, https URLs, unique file matches.
 */
const SCHEMASTORE_CATALOG = {
  type: 'object',
  required: ['$schema', 'version', 'schemas'],
  additionalProperties: false,
  properties: {
    $schema: { enum: [CATALOG_SCHEMA] },
    version: { type: 'number' },
    schemas: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'url', 'description'],
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          description: { type: 'string' },
          url: { type: 'string', format: 'uri', pattern: '^https://' },
          fileMatch: { type: 'array', items: { type: 'string' }, uniqueItems: true },
          versions: { type: 'object', additionalProperties: { type: 'string', pattern: '^https://' } },
        },
      },
    },
  },
}

describe('the schema catalog', () => {
  it('satisfies the SchemaStore catalog schema (so it carries no banner)', () => {
    const check = createAjv().compile(SCHEMASTORE_CATALOG)
    expect(check(catalog), JSON.stringify(check.errors)).toBe(true)
  })

  it('lists every contract by its CDN URL (pinned to the schemas package major), in registry order', () => {
    expect(catalog.schemas.map((s: { url: string }) => s.url)).toEqual(
      CONTRACTS.map(
        (c) =>
          `https://cdn.jsdelivr.net/npm/kaizen-agentic-schedule-contracts@${schemasPackageMajor()}/schemas/${c.name}.schema.json`,
      ),
    )
    expect(catalog.schemas.map((s: { name: string }) => s.name)).toEqual(CONTRACTS.map((c) => c.schema.title))
  })

  it('matches the manifest at .kaizen/schedule.yml anywhere in a repo', () => {
    const manifest = catalog.schemas.find((s: { url: string }) => s.url.endsWith('/schedule-manifest.schema.json'))
    expect(manifest.fileMatch).toEqual(['**/.kaizen/schedule.yml', '**/.kaizen/schedule.yaml'])
  })

  it('leaves out file matches editors cannot validate (markdown front matter, JSON lines)', () => {
    const byUrl = (part: string) => catalog.schemas.find((s: { url: string }) => s.url.includes(part))
    expect(byUrl('/execution-record.').fileMatch).toBeUndefined()
    expect(byUrl('/activity-definition.').fileMatch).toBeUndefined()
  })

  it('writes directory globs the SchemaStore way', () => {
    expect(toCatalogGlob('.kaizen/schedule.yml')).toBe('**/.kaizen/schedule.yml')
    expect(toCatalogGlob('**/x/y.json')).toBe('**/x/y.json')
    expect(toCatalogGlob('schedule.yml')).toBe('schedule.yml')
  })
})
