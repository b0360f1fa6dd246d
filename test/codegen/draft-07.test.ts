/** The draft-07 rendering embedded in the AsyncAPI document. */
import { describe, expect, it } from 'vitest'
import { toDraft07 } from '../../src/codegen/draft-07.ts'

describe('toDraft07', () => {
  it('drops the root identity and keeps the body', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://schemas.example/x/v1.schema.json',
      $comment: 'banner',
      type: 'object',
      properties: { a: { type: 'string', const: 'x', examples: ['x'] } },
    }
    const frozen = JSON.stringify(schema)
    expect(toDraft07(schema)).toEqual({
      ok: true,
      schema: { type: 'object', properties: { a: { type: 'string', const: 'x', examples: ['x'] } } },
    })
    expect(JSON.stringify(schema)).toBe(frozen)
  })

  it('rewrites $defs, prefixItems and dependentRequired into their draft-07 spellings', () => {
    const result = toDraft07({
      $defs: { slug: { type: 'string' } },
      properties: {
        pair: { type: 'array', prefixItems: [{ $ref: '#/$defs/slug' }, { type: 'integer' }], items: false },
      },
      dependentRequired: { day: ['cadence'] },
    })
    expect(result).toEqual({
      ok: true,
      schema: {
        definitions: { slug: { type: 'string' } },
        properties: {
          pair: { type: 'array', items: [{ $ref: '#/definitions/slug' }, { type: 'integer' }], additionalItems: false },
        },
        dependencies: { day: ['cadence'] },
      },
    })
  })

  it('refuses a keyword draft-07 cannot express, naming where it is', () => {
    expect(toDraft07({ properties: { a: { type: 'object', unevaluatedProperties: false } } })).toEqual({
      ok: false,
      error: '#/properties/a/unevaluatedProperties: `unevaluatedProperties` has no draft-07 equivalent',
    })
  })

  it('keeps property names that look like keywords', () => {
    const result = toDraft07({ properties: { prefixItems: { type: 'string' }, $defs: { type: 'integer' } } })
    expect(result).toEqual({
      ok: true,
      schema: { properties: { prefixItems: { type: 'string' }, $defs: { type: 'integer' } } },
    })
  })
})
