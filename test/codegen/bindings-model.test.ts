/**
 * The schema → binding model step, on the keywords other contracts may start using
 * (`$ref`/`$defs`, `allOf`, alternatives per variant, nullable type arrays), and the
 * Python and Go type expressions each model type renders as.
 */
import { describe, expect, it } from 'vitest'
import { buildContractModel } from '../../src/codegen/bindings-model.ts'
import { goType, renderGoFile } from '../../src/codegen/go-bindings.ts'
import { pythonType, renderPythonModule } from '../../src/codegen/python-bindings.ts'

const AGENT_VARIANTS = {
  type: 'object',
  properties: {
    agents: {
      type: 'object',
      patternProperties: {
        '^[a-z]+$': {
          anyOf: [
            {
              type: 'object',
              required: ['cadence'],
              properties: { cadence: { const: 'daily' }, time: { type: 'string' } },
              additionalProperties: false,
            },
            {
              type: 'object',
              required: ['cadence'],
              properties: { cadence: { const: 'weekly' }, day: { enum: ['mon', 'tue'] }, time: { type: 'string' } },
              additionalProperties: false,
            },
            {
              type: 'object',
              required: ['cadence', 'day'],
              properties: { cadence: { const: 'monthly' }, day: { type: 'integer' } },
              additionalProperties: false,
            },
          ],
        },
      },
      additionalProperties: false,
    },
  },
  required: ['agents'],
  additionalProperties: false,
}

describe('the binding model', () => {
  it('reads alternatives of one object as one object: a key is required only where all require it', () => {
    const model = buildContractModel('x', 'X', AGENT_VARIANTS)
    expect(model.objects.map((o) => o.name)).toEqual(['XAgentsValue', 'X'])
    const agent = model.objects[0]
    expect(agent?.open).toBe(false)
    expect(agent?.fields.map((f) => [f.key, f.required, pythonType(f.type), goType(f.type)])).toEqual([
      ['cadence', true, 'Literal["daily", "weekly", "monthly"]', 'string'],
      ['time', false, 'str', 'string'],
      ['day', false, 'Literal["mon", "tue"] | int', 'any'],
    ])
    expect(model.objects[1]?.fields.map((f) => pythonType(f.type))).toEqual(['dict[str, XAgentsValue]'])
  })

  it('follows $ref into $defs once, merges allOf, and reads nullable type arrays', () => {
    const model = buildContractModel('x', 'X', {
      $defs: { Run: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
      allOf: [
        { type: 'object', properties: { first: { $ref: '#/$defs/Run' } }, required: ['first'] },
        { properties: { rest: { type: 'array', items: { $ref: '#/$defs/Run' } } } },
        // A JSON Schema conditional, not a thenable.
        // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword under test
        { if: { required: ['rest'] }, then: { required: ['first'] } },
      ],
      properties: { note: { type: ['string', 'null'] } },
      required: ['note'],
    })
    expect(model.objects.map((o) => [o.name, o.open])).toEqual([
      ['Run', true],
      ['X', true],
    ])
    const fields = model.objects[1]?.fields ?? []
    expect(fields.map((f) => [f.key, f.required, pythonType(f.type), goType(f.type)])).toEqual([
      ['note', true, 'str | None', 'string'],
      ['first', true, 'Run', 'Run'],
      ['rest', false, 'list[Run]', '[]Run'],
    ])
  })

  it('renders a nullable required Go field as a pointer without omitempty, an optional one with it', () => {
    const go = renderGoFile({
      name: 'x',
      schemaFile: 'x.json',
      schema: {
        type: 'object',
        properties: { next: { anyOf: [{ type: 'string' }, { type: 'null' }] }, count: { type: 'integer' } },
        required: ['next'],
        additionalProperties: false,
      },
    })
    expect(go).toContain('\tNext *string `json:"next"`')
    expect(go).toContain('\tCount *int64 `json:"count,omitempty"`')
    expect(go).not.toContain('Extra')
  })

  it('uses the functional TypedDict form for keys that are not Python identifiers', () => {
    const python = renderPythonModule({
      name: 'x',
      schemaFile: 'x.json',
      schema: {
        type: 'object',
        properties: { from: { type: 'string' }, 'ce-id': { type: 'string' } },
        required: ['from'],
      },
    })
    expect(python).toContain(
      'X = TypedDict(\n    "X",\n    {\n        "from": str,\n        "ce-id": NotRequired[str],\n    },\n)',
    )
  })
})
