/**
 * The rule book of the breaking-change gate: every rule id, what the change does to
 * the set of documents a schema accepts (its effect), and what that means for each
 * direction. Ids follow buf/oasdiff: SUBJECT_VERB, e.g. `ENUM_VALUE_REMOVED`.
 *
 * Direction decides (SPEC §6): an input (this project reads it) must stay BACKWARD
 * compatible — the new reader must accept every old file — so a narrowing breaks. An
 * output (others validate it) must stay FORWARD compatible — consumers hold old copies
 * of the schema and must accept every new document — so a widening breaks.
 */
import type { ContractDirection } from '../../contracts/common.ts'

/** What a change does to the set of documents a schema accepts. */
export type Effect =
  /** Accepts fewer documents. */
  | 'narrows'
  /** Accepts more documents. */
  | 'widens'
  /** Accepts different documents: neither set contains the other, or it cannot be proven. */
  | 'replaces'
  /** Validation is unchanged, but a document means something else (a changed default). */
  | 'redefines'
  /** Declares a key documents did not use before; compatible both ways by convention (oasdiff, buf). */
  | 'declares'
  /** Annotation only: validation and meaning unchanged. */
  | 'annotates'

/** How a change affects consumers of a contract with a given direction. */
export type Level = 'breaking' | 'compatible'

/** One rule of the gate. */
export interface Rule<Id extends string = RuleId> {
  readonly id: Id
  readonly effect: Effect
  /** What the rule detects, for the rule list in the docs and the report. */
  readonly summary: string
  /** Why it breaks or not, per direction, when the effect's generic reason is not precise enough. */
  readonly reason?: Partial<Record<ContractDirection, string>>
}

const rule = <const Id extends string>(
  id: Id,
  effect: Effect,
  summary: string,
  reason?: Partial<Record<ContractDirection, string>>,
): Rule<Id> => (reason ? { id, effect, summary, reason } : { id, effect, summary })

/** Bounds keywords: which way "stricter" goes for each. */
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties', 'minContains'] as const
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties', 'maxContains'] as const

/** The JSON Schema keywords that bound a number, a length or a count. */
export const BOUND_KEYWORDS: ReadonlyMap<BoundKeyword, 'lower' | 'upper'> = new Map([
  ...LOWER_BOUNDS.map((k) => [k, 'lower'] as const),
  ...UPPER_BOUNDS.map((k) => [k, 'upper'] as const),
])

/** `maxLength` → `MAX_LENGTH`, at the type level. */
type Stem<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? Uppercase<H> : `_${H}`}${Stem<T>}`
  : ''

/** A bounds keyword (`minimum`, `maxLength`, …). */
export type BoundKeyword = (typeof LOWER_BOUNDS)[number] | (typeof UPPER_BOUNDS)[number]

/** The ids of the bound rules: `MAX_LENGTH_DECREASED`, `MINIMUM_ADDED`, … */
export type BoundRuleId = `${Stem<BoundKeyword>}_${'INCREASED' | 'DECREASED' | 'ADDED' | 'REMOVED'}`

/** `maxLength` → `MAX_LENGTH`: the rule-id stem of a keyword. */
export const ruleStemOf = <K extends string>(keyword: K): Stem<K> =>
  keyword.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase() as Stem<K>

function boundRules(): Rule<BoundRuleId>[] {
  return [...BOUND_KEYWORDS].flatMap(([keyword, side]) => {
    const stem = ruleStemOf(keyword)
    const tighter = side === 'lower' ? 'INCREASED' : 'DECREASED'
    const looser = side === 'lower' ? 'DECREASED' : 'INCREASED'
    return [
      rule(`${stem}_${tighter}` as const, 'narrows', `\`${keyword}\` made stricter`),
      rule(`${stem}_${looser}` as const, 'widens', `\`${keyword}\` relaxed`),
      rule(`${stem}_ADDED` as const, 'narrows', `\`${keyword}\` added`),
      rule(`${stem}_REMOVED` as const, 'widens', `\`${keyword}\` removed`),
    ]
  })
}

const CONSUMERS_MAY_RELY = 'consumers holding the released schema may read or require it, and no longer get it'

/** The hand-written rules before the bounds, in the order the docs list them. */
const RULES_BEFORE_BOUNDS = [
  // Contract and identity
  rule('CONTRACT_REMOVED', 'replaces', 'a released contract is no longer in the registry', {
    input: 'files written for it are no longer read',
    output: 'consumers still expect documents of this contract',
  }),
  rule('VERSION_DECREASED', 'replaces', 'the contract version is lower than its latest release', {
    input: 'versions must only grow; a lower version re-labels released schemas',
    output: 'versions must only grow; a lower version re-labels released schemas',
  }),
  rule('ID_CHANGED', 'replaces', '`$id` changed', {
    input: 'documents and editors find the schema by its `$id`',
    output: 'consumers resolve and cache the schema by its `$id` (and events name it in `ce-dataschema`)',
  }),
  rule('DIALECT_CHANGED', 'replaces', '`$schema` (the JSON Schema dialect) changed'),
  rule('REF_CHANGED', 'replaces', '`$ref` points elsewhere'),
  // Types and values
  rule('TYPE_NARROWED', 'narrows', 'fewer JSON types allowed (or a type added where any was allowed)'),
  rule('TYPE_WIDENED', 'widens', 'more JSON types allowed (or the type constraint removed)'),
  rule('TYPE_CHANGED', 'replaces', 'the allowed JSON types changed, neither set containing the other'),
  rule('ENUM_VALUE_ADDED', 'widens', 'a value added to `enum`', {
    output: 'consumers that switch on the value do not know the new one, and their copy of the schema rejects it',
  }),
  rule('ENUM_VALUE_REMOVED', 'narrows', 'a value removed from `enum` (or `const`)'),
  rule('ENUM_ADDED', 'narrows', '`enum` added: only the listed values remain valid'),
  rule('ENUM_REMOVED', 'widens', '`enum` removed: any value of the type becomes valid'),
  rule('CONST_ADDED', 'narrows', '`const` added'),
  rule('CONST_REMOVED', 'widens', '`const` removed'),
  rule('CONST_CHANGED', 'replaces', '`const` changed to another value'),
  // Strings
  rule('PATTERN_ADDED', 'narrows', '`pattern` added'),
  rule('PATTERN_REMOVED', 'widens', '`pattern` removed'),
  rule('PATTERN_CHANGED', 'replaces', '`pattern` changed (regex containment is not decidable here, so both ways)'),
  rule('FORMAT_ADDED', 'narrows', '`format` added (this project asserts formats)'),
  rule('FORMAT_REMOVED', 'widens', '`format` removed'),
  rule('FORMAT_CHANGED', 'replaces', '`format` changed'),
] as const

/** The hand-written rules after the bounds. */
const RULES_AFTER_BOUNDS = [
  rule('MULTIPLE_OF_ADDED', 'narrows', '`multipleOf` added'),
  rule('MULTIPLE_OF_REMOVED', 'widens', '`multipleOf` removed'),
  rule('MULTIPLE_OF_CHANGED', 'replaces', '`multipleOf` changed'),
  rule('UNIQUE_ITEMS_ADDED', 'narrows', '`uniqueItems: true` added'),
  rule('UNIQUE_ITEMS_REMOVED', 'widens', '`uniqueItems: true` removed'),
  // Objects
  rule('PROPERTY_ADDED', 'declares', 'an optional property declared on an open object', {
    input: 'files written before did not use the key',
    output: 'the object is open: consumers holding the released schema accept and ignore the key',
  }),
  rule('PROPERTY_ADDED_TO_CLOSED_OBJECT', 'widens', 'a property declared on an object that rejects other keys', {
    output: 'consumers holding the released schema reject the unknown key',
  }),
  rule('PROPERTY_REMOVED', 'widens', 'a property no longer declared on an open object', {
    input: 'the reader now ignores the key; files that carry it stay valid',
    output: CONSUMERS_MAY_RELY,
  }),
  rule('PROPERTY_REMOVED_FROM_CLOSED_OBJECT', 'narrows', 'a property removed from an object that rejects other keys', {
    input: 'files that still carry the key are rejected',
  }),
  rule('PROPERTY_REQUIRED_ADDED', 'narrows', 'a property became required', {
    input: 'files written before may omit it and are now rejected',
  }),
  rule('PROPERTY_REQUIRED_REMOVED', 'widens', 'a property is no longer required', {
    output: 'consumers holding the released schema require it and reject documents without it',
  }),
  rule('PATTERN_PROPERTY_ADDED', 'narrows', 'a `patternProperties` entry added to an open object'),
  rule('PATTERN_PROPERTY_REMOVED', 'widens', 'a `patternProperties` entry removed from an open object', {
    output: CONSUMERS_MAY_RELY,
  }),
  rule('PATTERN_PROPERTY_ADDED_TO_CLOSED_OBJECT', 'widens', 'a `patternProperties` entry added to a closed object'),
  rule(
    'PATTERN_PROPERTY_REMOVED_FROM_CLOSED_OBJECT',
    'narrows',
    'a `patternProperties` entry removed from a closed object',
  ),
  rule('PROPERTY_NAME_PATTERN_CHANGED', 'replaces', 'the key pattern of a `patternProperties` entry changed'),
  rule('ADDITIONAL_PROPERTIES_CLOSED', 'narrows', '`additionalProperties: false` added: other keys are rejected'),
  rule('ADDITIONAL_PROPERTIES_OPENED', 'widens', '`additionalProperties: false` removed: other keys are accepted', {
    output: 'consumers holding the released schema reject keys the new schema allows',
  }),
  rule('UNEVALUATED_PROPERTIES_CLOSED', 'narrows', '`unevaluatedProperties: false` added'),
  rule('UNEVALUATED_PROPERTIES_OPENED', 'widens', '`unevaluatedProperties: false` removed'),
  rule('SCHEMA_CLOSED', 'narrows', 'a subschema became `false` (nothing matches)'),
  rule('SCHEMA_OPENED', 'widens', 'a subschema was `false` and now matches something'),
  // Arrays and composition
  rule('PREFIX_ITEMS_CHANGED', 'replaces', 'the number of `prefixItems` changed'),
  rule('ANY_OF_BRANCH_ADDED', 'widens', 'an `anyOf` branch added'),
  rule('ANY_OF_BRANCH_REMOVED', 'narrows', 'an `anyOf` branch removed'),
  rule('ONE_OF_BRANCH_ADDED', 'replaces', 'a `oneOf` branch added (it may also overlap an existing one)'),
  rule('ONE_OF_BRANCH_REMOVED', 'replaces', 'a `oneOf` branch removed (it may also end an overlap)'),
  rule('ALL_OF_BRANCH_ADDED', 'narrows', 'an `allOf` branch added'),
  rule('ALL_OF_BRANCH_REMOVED', 'widens', 'an `allOf` branch removed'),
  rule('NOT_CHANGED', 'replaces', 'the schema under `not` changed (negation flips every effect)'),
  rule('CONDITION_CHANGED', 'replaces', 'the `if` condition changed'),
  rule('KEYWORD_CHANGED', 'replaces', 'a keyword the gate has no rule for changed (assumed breaking)'),
  // Annotations and meaning
  rule('DEFAULT_CHANGED', 'redefines', '`default` changed'),
  rule('DEFAULT_ADDED', 'annotates', '`default` added'),
  rule('DEFAULT_REMOVED', 'annotates', '`default` removed'),
  rule('DEFINITION_ADDED', 'annotates', 'a `$defs` entry added'),
  rule('DEFINITION_REMOVED', 'annotates', 'a `$defs` entry removed'),
  rule('TITLE_CHANGED', 'annotates', '`title` changed'),
  rule('DESCRIPTION_CHANGED', 'annotates', '`description` changed'),
  rule('EXAMPLES_CHANGED', 'annotates', '`examples` changed'),
  rule('ANNOTATION_CHANGED', 'annotates', 'another annotation changed (`deprecated`, `readOnly`, `writeOnly`, …)'),
] as const

/** Every rule id: a union derived from the rule table, so a typo in an id is a compile error. */
export type RuleId =
  | (typeof RULES_BEFORE_BOUNDS)[number]['id']
  | BoundRuleId
  | (typeof RULES_AFTER_BOUNDS)[number]['id']

/** Every rule, in the order the docs list them. */
export const RULES: readonly Rule[] = [...RULES_BEFORE_BOUNDS, ...boundRules(), ...RULES_AFTER_BOUNDS]

const BY_ID = new Map<string, Rule>(RULES.map((r) => [r.id, r]))

/** Whether `id` names a rule (ids read back from reports are plain strings). */
export const isRuleId = (id: string): id is RuleId => BY_ID.has(id)

/** The rule with this id; an unknown id (only possible from untyped data) is a programming error. */
export function ruleOf(id: RuleId): Rule {
  const found = BY_ID.get(id)
  if (!found) throw new Error(`unknown rule id ${id}`)
  return found
}

/** The compatibility a direction must keep, as the report names it. */
export const compatibilityOf = (direction: ContractDirection): 'backward' | 'forward' =>
  direction === 'input' ? 'backward' : 'forward'

const GENERIC_REASON: Record<Effect, Record<ContractDirection, string>> = {
  narrows: {
    input: 'documents valid under the released schema may now be rejected',
    output: 'every document the new schema allows is still accepted by the released schema',
  },
  widens: {
    input: 'every document valid under the released schema stays valid',
    output: 'consumers validating with the released schema may reject documents the new schema allows',
  },
  replaces: {
    input: 'documents valid under the released schema may now be rejected',
    output: 'consumers validating with the released schema may reject documents the new schema allows',
  },
  redefines: {
    input: 'files that omit the value now mean something else',
    output: 'consumers that omit the value fill in the released default, which now means something else',
  },
  declares: {
    input: 'files written before did not use the key',
    output: 'consumers holding the released schema ignore the key',
  },
  annotates: {
    input: 'annotation only; validation is unchanged',
    output: 'annotation only; validation is unchanged',
  },
}

/** The level of an effect for a direction: the whole classification in one table. */
export function levelOf(effect: Effect, direction: ContractDirection): Level {
  switch (effect) {
    case 'narrows':
      return direction === 'input' ? 'breaking' : 'compatible'
    case 'widens':
      return direction === 'output' ? 'breaking' : 'compatible'
    case 'replaces':
    case 'redefines':
      return 'breaking'
    case 'declares':
    case 'annotates':
      return 'compatible'
  }
}

/** Why a rule is breaking or compatible for a direction, in one clause. */
export const reasonOf = (r: Rule, direction: ContractDirection): string =>
  r.reason?.[direction] ?? GENERIC_REASON[r.effect][direction]
