/**
 * The diff table: before/after schema pairs with the rules they trigger and the verdict
 * for each direction. An input must stay backward compatible (narrowing breaks), an
 * output forward compatible (widening breaks).
 */
import { describe, expect, it } from 'vitest'
import type { JsonSchema } from '../../src/codegen/json-schema.ts'
import { diffSchemas, findDifferences } from '../../src/evolution/diff.ts'
import {
  BOUND_KEYWORDS,
  type BoundKeyword,
  type Level,
  RULES,
  type RuleId,
  ruleStemOf,
} from '../../src/evolution/rules.ts'

type Verdict = Level | 'unchanged'

interface Case {
  readonly before: JsonSchema
  readonly after: JsonSchema
  /** Expected rule ids, in report order. */
  readonly rules: readonly RuleId[]
  /** JSONPath of the first change. */
  readonly path?: string
  readonly input: Verdict
  readonly output: Verdict
}

const object = (properties: JsonSchema, extra: JsonSchema = {}): JsonSchema => ({
  type: 'object',
  properties,
  ...extra,
})
const str = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra })
const cadence = (values: string[]): JsonSchema => object({ cadence: { type: 'string', enum: values } })
const CADENCES = ['daily', 'weekly', 'monthly']

const WRITTEN_CASES: ReadonlyArray<readonly [string, Case]> = [
  [
    'a property becomes required',
    {
      before: object({ a: str() }),
      after: object({ a: str() }, { required: ['a'] }),
      rules: ['PROPERTY_REQUIRED_ADDED'],
      path: '$.a',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'a property is no longer required',
    {
      before: object({ a: str() }, { required: ['a'] }),
      after: object({ a: str() }),
      rules: ['PROPERTY_REQUIRED_REMOVED'],
      path: '$.a',
      input: 'compatible',
      output: 'breaking',
    },
  ],
  [
    'a new optional property on an open object',
    {
      before: object({ a: str() }),
      after: object({ a: str(), b: str() }),
      rules: ['PROPERTY_ADDED'],
      path: '$.b',
      input: 'compatible',
      output: 'compatible',
    },
  ],
  [
    'a new optional property on a closed object',
    {
      before: object({ a: str() }, { additionalProperties: false }),
      after: object({ a: str(), b: str() }, { additionalProperties: false }),
      rules: ['PROPERTY_ADDED_TO_CLOSED_OBJECT'],
      path: '$.b',
      input: 'compatible',
      output: 'breaking',
    },
  ],
  [
    'a new required property',
    {
      before: object({ a: str() }, { required: ['a'] }),
      after: object({ a: str(), b: str() }, { required: ['a', 'b'] }),
      rules: ['PROPERTY_ADDED', 'PROPERTY_REQUIRED_ADDED'],
      path: '$.b',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'a property removed from an open object',
    {
      before: object({ a: str(), b: str() }),
      after: object({ a: str() }),
      rules: ['PROPERTY_REMOVED'],
      path: '$.b',
      input: 'compatible',
      output: 'breaking',
    },
  ],
  [
    'a property removed from a closed object',
    {
      before: object({ a: str(), b: str() }, { additionalProperties: false }),
      after: object({ a: str() }, { additionalProperties: false }),
      rules: ['PROPERTY_REMOVED_FROM_CLOSED_OBJECT'],
      path: '$.b',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'an enum value added',
    {
      before: cadence(CADENCES),
      after: cadence([...CADENCES, 'hourly']),
      rules: ['ENUM_VALUE_ADDED'],
      path: '$.cadence',
      input: 'compatible',
      output: 'breaking',
    },
  ],
  [
    'an enum value removed',
    {
      before: cadence(CADENCES),
      after: cadence(['daily', 'weekly']),
      rules: ['ENUM_VALUE_REMOVED'],
      path: '$.cadence',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'enum values reordered',
    {
      before: cadence(CADENCES),
      after: cadence([...CADENCES].reverse()),
      rules: [],
      input: 'unchanged',
      output: 'unchanged',
    },
  ],
  [
    'a type narrowed (number to integer)',
    {
      before: object({ n: { type: 'number' } }),
      after: object({ n: { type: 'integer' } }),
      rules: ['TYPE_NARROWED'],
      path: '$.n',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'a type widened (string to string or null)',
    {
      before: object({ s: str() }),
      after: object({ s: { type: ['string', 'null'] } }),
      rules: ['TYPE_WIDENED'],
      path: '$.s',
      input: 'compatible',
      output: 'breaking',
    },
  ],
  [
    'a type changed (string to integer)',
    {
      before: object({ s: str() }),
      after: object({ s: { type: 'integer' } }),
      rules: ['TYPE_CHANGED'],
      path: '$.s',
      input: 'breaking',
      output: 'breaking',
    },
  ],
  [
    'additionalProperties closed',
    {
      before: object({ a: str() }),
      after: object({ a: str() }, { additionalProperties: false }),
      rules: ['ADDITIONAL_PROPERTIES_CLOSED'],
      path: '$.*',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'additionalProperties opened',
    {
      before: object({ a: str() }, { additionalProperties: false }),
      after: object({ a: str() }),
      rules: ['ADDITIONAL_PROPERTIES_OPENED'],
      path: '$.*',
      input: 'compatible',
      output: 'breaking',
    },
  ],
  [
    'additionalProperties given a type',
    {
      before: object({}),
      after: object({}, { additionalProperties: { type: 'string' } }),
      rules: ['TYPE_NARROWED'],
      path: '$.*',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'a pattern changed',
    {
      before: object({ time: str({ pattern: '^[0-9]{2}:[0-9]{2}$' }) }),
      after: object({ time: str({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }) }),
      rules: ['PATTERN_CHANGED'],
      path: '$.time',
      input: 'breaking',
      output: 'breaking',
    },
  ],
  [
    'a pattern added',
    {
      before: object({ slug: str() }),
      after: object({ slug: str({ pattern: '^[a-z]+$' }) }),
      rules: ['PATTERN_ADDED'],
      path: '$.slug',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'a maximum decreased (bound tightened)',
    {
      before: object({ day: { type: 'integer', maximum: 31 } }),
      after: object({ day: { type: 'integer', maximum: 28 } }),
      rules: ['MAXIMUM_DECREASED'],
      path: '$.day',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'a maximum increased (bound loosened)',
    {
      before: object({ day: { type: 'integer', maximum: 28 } }),
      after: object({ day: { type: 'integer', maximum: 31 } }),
      rules: ['MAXIMUM_INCREASED'],
      path: '$.day',
      input: 'compatible',
      output: 'breaking',
    },
  ],
  [
    'a minLength increased',
    {
      before: object({ id: str({ minLength: 1 }) }),
      after: object({ id: str({ minLength: 8 }) }),
      rules: ['MIN_LENGTH_INCREASED'],
      path: '$.id',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'a minimum removed',
    {
      before: object({ bytes: { type: 'integer', minimum: 0 } }),
      after: object({ bytes: { type: 'integer' } }),
      rules: ['MINIMUM_REMOVED'],
      path: '$.bytes',
      input: 'compatible',
      output: 'breaking',
    },
  ],
  [
    'a maxLength added',
    {
      before: object({ uid: str() }),
      after: object({ uid: str({ maxLength: 256 }) }),
      rules: ['MAX_LENGTH_ADDED'],
      path: '$.uid',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'the $id changed',
    {
      before: { $id: 'https://schemas.example/x/v1.schema.json', type: 'object' },
      after: { $id: 'https://schemas.example/x/v2.schema.json', type: 'object' },
      rules: ['ID_CHANGED'],
      path: '$',
      input: 'breaking',
      output: 'breaking',
    },
  ],
  [
    'a description changed',
    {
      before: object({ a: str({ description: 'old words' }) }),
      after: object({ a: str({ description: 'new words' }) }),
      rules: ['DESCRIPTION_CHANGED'],
      path: '$.a',
      input: 'compatible',
      output: 'compatible',
    },
  ],
  [
    'title and examples changed; $comment ignored',
    {
      before: { $comment: 'banner one', title: 'A', type: 'string', examples: ['x'] },
      after: { $comment: 'banner two', title: 'B', type: 'string', examples: ['y'] },
      rules: ['TITLE_CHANGED', 'EXAMPLES_CHANGED'],
      path: '$',
      input: 'compatible',
      output: 'compatible',
    },
  ],
  [
    'a const changed',
    {
      before: object({ version: { type: 'string', const: '1' } }),
      after: object({ version: { type: 'string', const: '2' } }),
      rules: ['CONST_CHANGED'],
      path: '$.version',
      input: 'breaking',
      output: 'breaking',
    },
  ],
  [
    'a const turned into an enum that keeps its value',
    {
      before: object({ format: { type: 'string', const: 'markdown' } }),
      after: object({ format: { type: 'string', enum: ['markdown', 'json'] } }),
      rules: ['ENUM_VALUE_ADDED'],
      path: '$.format',
      input: 'compatible',
      output: 'breaking',
    },
  ],
  [
    'a default changed',
    {
      before: object({ enabled: { type: 'boolean', default: true } }),
      after: object({ enabled: { type: 'boolean', default: false } }),
      rules: ['DEFAULT_CHANGED'],
      path: '$.enabled',
      input: 'breaking',
      output: 'breaking',
    },
  ],
  [
    'a format added',
    {
      before: object({ at: str() }),
      after: object({ at: str({ format: 'date-time' }) }),
      rules: ['FORMAT_ADDED'],
      path: '$.at',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'uniqueItems added',
    {
      before: object({ pointers: { type: 'array', items: str() } }),
      after: object({ pointers: { type: 'array', items: str(), uniqueItems: true } }),
      rules: ['UNIQUE_ITEMS_ADDED'],
      path: '$.pointers',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'an enum value added inside array items',
    {
      before: object({ skipped: { type: 'array', items: object({ reason: { enum: ['a', 'b'] } }) } }),
      after: object({ skipped: { type: 'array', items: object({ reason: { enum: ['a', 'b', 'c'] } }) } }),
      rules: ['ENUM_VALUE_ADDED'],
      path: '$.skipped[*].reason',
      input: 'compatible',
      output: 'breaking',
    },
  ],
  [
    'an enum value removed under patternProperties',
    {
      before: object({ agents: { type: 'object', patternProperties: { '^[a-z]+$': cadence(CADENCES) } } }),
      after: object({ agents: { type: 'object', patternProperties: { '^[a-z]+$': cadence(['weekly']) } } }),
      rules: ['ENUM_VALUE_REMOVED', 'ENUM_VALUE_REMOVED'],
      path: '$.agents.*.cadence',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'a key pattern changed on a closed map',
    {
      before: { type: 'object', patternProperties: { '^[a-z]+$': str() }, additionalProperties: false },
      after: { type: 'object', patternProperties: { '^[a-z][a-z0-9-]*$': str() }, additionalProperties: false },
      rules: ['PROPERTY_NAME_PATTERN_CHANGED'],
      path: '$.*',
      input: 'breaking',
      output: 'breaking',
    },
  ],
  [
    'an anyOf branch added',
    {
      before: object({ day: { anyOf: [str({ enum: ['mon'] })] } }),
      after: object({ day: { anyOf: [str({ enum: ['mon'] }), { type: 'integer' }] } }),
      rules: ['ANY_OF_BRANCH_ADDED'],
      path: '$.day',
      input: 'compatible',
      output: 'breaking',
    },
  ],
  [
    'an anyOf branch removed',
    {
      before: object({ day: { anyOf: [str({ enum: ['mon'] }), { type: 'integer' }] } }),
      after: object({ day: { anyOf: [str({ enum: ['mon'] })] } }),
      rules: ['ANY_OF_BRANCH_REMOVED'],
      path: '$.day',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'a bound loosened inside a moved anyOf branch',
    {
      before: object({ day: { anyOf: [str({ enum: ['mon'] }), { type: 'integer', maximum: 28 }] } }),
      after: object({ day: { anyOf: [{ type: 'integer', maximum: 31 }, str({ enum: ['mon'] })] } }),
      rules: ['MAXIMUM_INCREASED'],
      path: '$.day',
      input: 'compatible',
      output: 'breaking',
    },
  ],
  [
    'a oneOf branch added',
    {
      before: { oneOf: [str()] },
      after: { oneOf: [str(), { type: 'integer' }] },
      rules: ['ONE_OF_BRANCH_ADDED'],
      path: '$',
      input: 'breaking',
      output: 'breaking',
    },
  ],
  [
    'an allOf branch added',
    {
      before: { allOf: [str()] },
      after: { allOf: [str(), str({ minLength: 1 })] },
      rules: ['ALL_OF_BRANCH_ADDED'],
      path: '$',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'a property schema became false',
    {
      before: object({ legacy: {} }),
      after: object({ legacy: false }),
      rules: ['SCHEMA_CLOSED'],
      path: '$.legacy',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'a change under not',
    {
      before: { not: { type: 'null' } },
      after: { not: { type: 'string' } },
      rules: ['NOT_CHANGED'],
      path: '$',
      input: 'breaking',
      output: 'breaking',
    },
  ],
  [
    'a keyword without a rule',
    {
      before: object({ a: str(), b: str() }),
      after: object({ a: str(), b: str() }, { dependentRequired: { a: ['b'] } }),
      rules: ['KEYWORD_CHANGED'],
      path: '$',
      input: 'breaking',
      output: 'breaking',
    },
  ],
  [
    'a multipleOf added',
    {
      before: object({ minutes: { type: 'integer' } }),
      after: object({ minutes: { type: 'integer', multipleOf: 5 } }),
      rules: ['MULTIPLE_OF_ADDED'],
      path: '$.minutes',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'a definition tightened and another added',
    {
      before: { $defs: { slug: str() } },
      after: { $defs: { slug: str({ maxLength: 63 }), label: str() } },
      rules: ['MAX_LENGTH_ADDED', 'DEFINITION_ADDED'],
      path: '$',
      input: 'breaking',
      output: 'compatible',
    },
  ],
  [
    'a bound added on a header with a dash in its name',
    {
      before: object({ 'ce-id': str() }),
      after: object({ 'ce-id': str({ minLength: 1 }) }),
      rules: ['MIN_LENGTH_ADDED'],
      path: "$['ce-id']",
      input: 'breaking',
      output: 'compatible',
    },
  ],
]

type Row = readonly [string, Case]
const NARROWS = { input: 'breaking', output: 'compatible' } as const
const WIDENS = { input: 'compatible', output: 'breaking' } as const
const REPLACES = { input: 'breaking', output: 'breaking' } as const
const ANNOTATES = { input: 'compatible', output: 'compatible' } as const
const num = (extra: JsonSchema = {}): JsonSchema => ({ type: 'number', ...extra })
const closedMap = (extra: JsonSchema = {}): JsonSchema => ({ type: 'object', additionalProperties: false, ...extra })
const openMap = (extra: JsonSchema = {}): JsonSchema => ({ type: 'object', ...extra })
const AGENT = '^[a-z][a-z0-9-]{0,62}$'

/** One case per hand-written rule the cases above do not reach. */
const RULE_CASES: readonly Row[] = [
  ['`const` added', { before: str(), after: str({ const: 'x' }), rules: ['CONST_ADDED'], path: '$', ...NARROWS }],
  ['`const` removed', { before: str({ const: 'x' }), after: str(), rules: ['CONST_REMOVED'], ...WIDENS }],
  ['`enum` added', { before: str(), after: str({ enum: ['a', 'b'] }), rules: ['ENUM_ADDED'], ...NARROWS }],
  ['`enum` removed', { before: str({ enum: ['a', 'b'] }), after: str(), rules: ['ENUM_REMOVED'], ...WIDENS }],
  ['`pattern` removed', { before: str({ pattern: '^a' }), after: str(), rules: ['PATTERN_REMOVED'], ...WIDENS }],
  [
    '`format` changed',
    { before: str({ format: 'date' }), after: str({ format: 'date-time' }), rules: ['FORMAT_CHANGED'], ...REPLACES },
  ],
  ['`format` removed', { before: str({ format: 'date' }), after: str(), rules: ['FORMAT_REMOVED'], ...WIDENS }],
  [
    '`multipleOf` changed',
    { before: num({ multipleOf: 2 }), after: num({ multipleOf: 3 }), rules: ['MULTIPLE_OF_CHANGED'], ...REPLACES },
  ],
  ['`multipleOf` removed', { before: num({ multipleOf: 2 }), after: num(), rules: ['MULTIPLE_OF_REMOVED'], ...WIDENS }],
  [
    '`uniqueItems` removed',
    {
      before: { type: 'array', uniqueItems: true },
      after: { type: 'array' },
      rules: ['UNIQUE_ITEMS_REMOVED'],
      ...WIDENS,
    },
  ],
  [
    '`$schema` (the dialect) changed',
    {
      before: str({ $schema: 'https://json-schema.org/draft/2020-12/schema' }),
      after: str({ $schema: 'http://json-schema.org/draft-07/schema#' }),
      rules: ['DIALECT_CHANGED'],
      ...REPLACES,
    },
  ],
  [
    '`$ref` points elsewhere',
    { before: { $ref: '#/$defs/a' }, after: { $ref: '#/$defs/b' }, rules: ['REF_CHANGED'], ...REPLACES },
  ],
  [
    'a pattern-keyed map (like `agents`) declared on an open object',
    {
      before: openMap(),
      after: openMap({ patternProperties: { [AGENT]: str() } }),
      rules: ['PATTERN_PROPERTY_ADDED'],
      ...NARROWS,
    },
  ],
  [
    'a pattern-keyed map removed from an open object',
    {
      before: openMap({ patternProperties: { [AGENT]: str() } }),
      after: openMap(),
      rules: ['PATTERN_PROPERTY_REMOVED'],
      ...WIDENS,
    },
  ],
  [
    'a pattern-keyed map (like `agents`) declared on a closed object',
    {
      before: closedMap(),
      after: closedMap({ patternProperties: { [AGENT]: str() } }),
      rules: ['PATTERN_PROPERTY_ADDED_TO_CLOSED_OBJECT'],
      ...WIDENS,
    },
  ],
  [
    'a pattern-keyed map removed from a closed object',
    {
      before: closedMap({ patternProperties: { [AGENT]: str() } }),
      after: closedMap(),
      rules: ['PATTERN_PROPERTY_REMOVED_FROM_CLOSED_OBJECT'],
      ...NARROWS,
    },
  ],
  [
    'a cadence removed inside the pattern-keyed `agents` map',
    {
      before: closedMap({ patternProperties: { [AGENT]: cadence(CADENCES) } }),
      after: closedMap({ patternProperties: { [AGENT]: cadence(['daily', 'weekly']) } }),
      rules: ['ENUM_VALUE_REMOVED'],
      ...NARROWS,
    },
  ],
  [
    '`unevaluatedProperties: false` added',
    {
      before: object({ a: str() }),
      after: object({ a: str() }, { unevaluatedProperties: false }),
      rules: ['UNEVALUATED_PROPERTIES_CLOSED'],
      ...NARROWS,
    },
  ],
  [
    '`unevaluatedProperties: false` removed',
    {
      before: object({ a: str() }, { unevaluatedProperties: false }),
      after: object({ a: str() }),
      rules: ['UNEVALUATED_PROPERTIES_OPENED'],
      ...WIDENS,
    },
  ],
  [
    'a `false` property schema now accepts values',
    { before: object({ a: false }), after: object({ a: true }), rules: ['SCHEMA_OPENED'], ...WIDENS },
  ],
  [
    'the number of `prefixItems` changed',
    {
      before: { type: 'array', prefixItems: [str()] },
      after: { type: 'array', prefixItems: [str(), num()] },
      rules: ['PREFIX_ITEMS_CHANGED'],
      ...REPLACES,
    },
  ],
  [
    'an `allOf` branch removed',
    {
      before: { allOf: [str(), { minLength: 3 }] },
      after: { allOf: [str()] },
      rules: ['ALL_OF_BRANCH_REMOVED'],
      ...WIDENS,
    },
  ],
  [
    'a `oneOf` branch removed',
    { before: { oneOf: [str(), num()] }, after: { oneOf: [str()] }, rules: ['ONE_OF_BRANCH_REMOVED'], ...REPLACES },
  ],
  [
    'the `if` condition changed',
    {
      before: object({ a: num() }, { if: object({ a: { const: 1 } }) }),
      after: object({ a: num() }, { if: object({ a: { const: 2 } }) }),
      rules: ['CONDITION_CHANGED'],
      ...REPLACES,
    },
  ],
  ['`default` added', { before: str(), after: str({ default: 'x' }), rules: ['DEFAULT_ADDED'], ...ANNOTATES }],
  ['`default` removed', { before: str({ default: 'x' }), after: str(), rules: ['DEFAULT_REMOVED'], ...ANNOTATES }],
  [
    'a `$defs` entry removed',
    {
      before: { $defs: { a: str(), b: num() } },
      after: { $defs: { a: str() } },
      rules: ['DEFINITION_REMOVED'],
      ...ANNOTATES,
    },
  ],
  [
    '`deprecated` added',
    { before: str(), after: str({ deprecated: true }), rules: ['ANNOTATION_CHANGED'], ...ANNOTATES },
  ],
]

/** The type a bounds keyword applies to. */
const boundBase = (keyword: BoundKeyword): JsonSchema =>
  keyword.endsWith('Contains')
    ? { type: 'array', contains: str() }
    : keyword.endsWith('Length')
      ? str()
      : keyword.endsWith('Items')
        ? { type: 'array' }
        : keyword.endsWith('Properties')
          ? { type: 'object' }
          : num()

/** Every bound rule, generated like the rules: added and removed, made stricter and relaxed. */
const BOUND_CASES: readonly Row[] = [...BOUND_KEYWORDS].flatMap(([keyword, side]): Row[] => {
  const base = boundBase(keyword)
  const stem = ruleStemOf(keyword)
  const up = side === 'lower' ? NARROWS : WIDENS
  const down = side === 'lower' ? WIDENS : NARROWS
  return [
    [`\`${keyword}\` added`, { before: base, after: { ...base, [keyword]: 2 }, rules: [`${stem}_ADDED`], ...NARROWS }],
    [
      `\`${keyword}\` removed`,
      { before: { ...base, [keyword]: 2 }, after: base, rules: [`${stem}_REMOVED`], ...WIDENS },
    ],
    [
      `\`${keyword}\` raised`,
      { before: { ...base, [keyword]: 2 }, after: { ...base, [keyword]: 3 }, rules: [`${stem}_INCREASED`], ...up },
    ],
    [
      `\`${keyword}\` lowered`,
      { before: { ...base, [keyword]: 3 }, after: { ...base, [keyword]: 2 }, rules: [`${stem}_DECREASED`], ...down },
    ],
  ]
})

/** Rules found by the gate over whole contracts, not by comparing two schemas; gate.test.ts has their cases. */
const GATE_RULES: readonly RuleId[] = ['CONTRACT_REMOVED', 'VERSION_DECREASED']

const TABLE: readonly Row[] = [
  ...WRITTEN_CASES,
  ...RULE_CASES,
  ...BOUND_CASES.filter(([name]) => !WRITTEN_CASES.some(([written]) => written === name)),
]

const verdictOf = (levels: readonly Level[]): Verdict =>
  levels.length === 0 ? 'unchanged' : levels.includes('breaking') ? 'breaking' : 'compatible'

describe('the diff table', () => {
  it('has a distinct name for each case', () => {
    expect(new Set(TABLE.map(([name]) => name)).size).toBe(TABLE.length)
  })

  it('has a case for every rule of the rule book', () => {
    const covered = new Set<string>([...TABLE.flatMap(([, c]) => c.rules), ...GATE_RULES])
    expect(RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([])
  })

  describe.each(TABLE)('%s', (_name, { before, after, rules, path, input, output }) => {
    it('finds exactly the expected rules, at the expected path', () => {
      const findings = findDifferences(before, after)
      expect(findings.map((f) => f.rule)).toEqual(rules)
      if (path !== undefined) expect(findings[0]?.path).toBe(path)
    })

    it(`is ${input} for an input`, () => {
      expect(verdictOf(diffSchemas(before, after, 'input').map((c) => c.level))).toBe(input)
    })

    it(`is ${output} for an output`, () => {
      expect(verdictOf(diffSchemas(before, after, 'output').map((c) => c.level))).toBe(output)
    })

    it('puts rule id, path and direction in every message', () => {
      for (const direction of ['input', 'output'] as const) {
        for (const change of diffSchemas(before, after, direction)) {
          expect(change.message).toContain(`${change.rule} at ${change.path}:`)
          expect(change.message).toContain(`${change.level} for an ${direction}`)
          expect(change.schemaPath).toMatch(/^#/)
        }
      }
    })
  })
})

describe('diffSchemas', () => {
  it('finds nothing between a schema and its copy, and does not mutate its inputs', () => {
    for (const [, { before, after }] of TABLE) {
      const frozen = JSON.stringify([before, after])
      expect(findDifferences(before, structuredClone(before))).toEqual([])
      findDifferences(before, after)
      expect(JSON.stringify([before, after])).toBe(frozen)
    }
  })

  it('points the schema path at the keyword, in the current schema', () => {
    const [change] = diffSchemas(
      object({ agents: { type: 'object', patternProperties: { '^[a-z]+$': cadence(CADENCES) } } }),
      object({ agents: { type: 'object', patternProperties: { '^[a-z]+$': cadence([...CADENCES, 'hourly']) } } }),
      'output',
    )
    expect(change?.schemaPath).toBe('#/properties/agents/patternProperties/^[a-z]+$/properties/cadence/enum')
    expect(change?.after).toBe('hourly')
    const [definition] = diffSchemas({ $defs: { slug: str() } }, { $defs: { slug: str({ maxLength: 63 }) } }, 'input')
    expect(definition?.schemaPath).toBe('#/$defs/slug/maxLength')
  })

  it('explains a breaking change in the terms of the direction', () => {
    const [forInput] = diffSchemas(object({ a: str() }), object({ a: str() }, { required: ['a'] }), 'input')
    expect(forInput?.message).toBe(
      'PROPERTY_REQUIRED_ADDED at $.a: property "a" became required — breaking for an input (must stay backward compatible): files written before may omit it and are now rejected',
    )
    const [forOutput] = diffSchemas(cadence(CADENCES), cadence([...CADENCES, 'hourly']), 'output')
    expect(forOutput?.message).toContain('consumers that switch on the value do not know the new one')
  })
})
