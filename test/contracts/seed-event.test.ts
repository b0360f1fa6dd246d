/** The event contract matches the seed document field for field, and the seed's example validates unchanged. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'
import { createAjv } from '../../src/schema/ajv.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

/** The seed's Payload and Fields sections, copied into the repo (the file names its source). */
const SEED = join(PROJECT_ROOT, 'test/contracts/fixtures/seed-event.md')
const FIXTURE = join(PROJECT_ROOT, 'contracts/examples/schedule-prepared-event/valid/seed-example.json')
const SCHEMA = join(PROJECT_ROOT, 'generated/schemas/schedule-prepared-event.schema.json')

/** The seed's payload block and its field table, parsed. */
function readSeed(): { payload: unknown; fields: Array<[string, string]> } {
  const text = readFileSync(SEED, 'utf8')
  const block = /## Payload\s+```json\n([\s\S]*?)```/.exec(text)?.[1]
  if (!block) throw new Error('seed has no payload block')
  const fields = [...text.matchAll(/^\| `([a-z_.]+)` \| ([a-zA-Z0-9[\]]+) \|/gm)].map(
    (m) => [m[1], m[2]] as [string, string],
  )
  return { payload: JSON.parse(block), fields }
}

describe('the seed event', () => {
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8'))

  it('validates unchanged against the published schema', () => {
    const check = createAjv().compile(JSON.parse(readFileSync(SCHEMA, 'utf8')))
    expect(check(fixture), JSON.stringify(check.errors)).toBe(true)
  })

  it('is copied byte-for-value from the seed document', () => {
    expect(fixture).toEqual(readSeed().payload)
  })

  it('has exactly the seed fields, each required, with the seed types', () => {
    const schema = SchedulePreparedEvent.schema
    const { fields } = readSeed()
    expect(fields.length).toBe(15)
    const jsonType = {
      string: 'string',
      RFC3339: 'string',
      bool: 'boolean',
      int: 'integer',
      'string[]': 'array',
    } as const
    for (const [field, seedType] of fields) {
      const [head, tail] = field.split('.') as [string, string | undefined]
      const parent = tail ? (schema.properties.bundle as unknown as typeof schema) : schema
      const key = tail ?? head
      const property = (parent.properties as Record<string, { type?: string }>)[key]
      expect(property, field).toBeDefined()
      expect(parent.required, field).toContain(key)
      expect(property?.type, field).toBe(jsonType[seedType as keyof typeof jsonType])
    }
    // Fields beyond the seed's (such as `run_id`) are optional additions: a seed payload stays valid.
    const required = [
      ...schema.required,
      ...schema.properties.bundle.required.map((k: string) => `bundle.${k}`),
    ].filter((k) => k !== 'bundle')
    expect(required.sort()).toEqual(fields.map(([f]) => f).sort())
    // Beyond the seed: only these optional additions (compatible for an output).
    const declared = [
      ...Object.keys(schema.properties),
      ...Object.keys(schema.properties.bundle.properties).map((k) => `bundle.${k}`),
    ].filter((k) => k !== 'bundle')
    const optional = ['bundle.redactions', 'bundle.tokens', 'run_id']
    expect(declared.sort()).toEqual([...fields.map(([f]) => f), ...optional].sort())
  })
})
