/**
 * The structural diff of two JSON Schemas (draft 2020-12), keyword by keyword, walking
 * both trees in step. Pure: (released schema, current schema, direction) → changes.
 *
 * A generic JSON diff is not enough here: `required` and `enum` are sets, `anyOf`
 * branches can move, and whether a removed property matters depends on the object
 * being open or closed. Each finding names a rule from `rules.ts`; the direction then
 * decides whether it breaks. Keywords without a rule are reported as `KEYWORD_CHANGED`
 * (breaking), so nothing slips through unclassified. `$comment` is ignored: it holds
 * the generated-file banner and never affects validation.
 */
import type { ContractDirection } from '../../contracts/common.ts'
import { isJsonEqual, isObject, quote, type SchemaObject } from './json.ts'
import { renderInstancePath, renderSchemaPointer, type Segment } from './paths.ts'
import {
  BOUND_KEYWORDS,
  compatibilityOf,
  type Effect,
  type Level,
  levelOf,
  type RuleId,
  reasonOf,
  ruleOf,
  ruleStemOf,
} from './rules.ts'

/** A difference between two schemas, before the direction is applied. */
export interface Finding {
  readonly rule: RuleId
  /** JSONPath of the affected document location, e.g. `$.agents.*.cadence`. */
  readonly path: string
  /** JSON Pointer into the current schema (into the released one for things that were removed). */
  readonly schemaPath: string
  /** What changed, in words. */
  readonly detail: string
  readonly before?: unknown
  readonly after?: unknown
}

/** A classified difference: what changed, and whether it breaks consumers of this direction. */
export interface Change extends Finding {
  readonly level: Level
  readonly effect: Effect
  readonly direction: ContractDirection
  /** One self-contained line: rule id, path, what changed, and why it is breaking or compatible. */
  readonly message: string
}

interface Location {
  readonly instance: readonly Segment[]
  readonly schema: readonly string[]
}

const ROOT: Location = { instance: [], schema: [] }

const at = (loc: Location, tokens: readonly string[], segment?: Segment): Location => ({
  instance: segment === undefined ? loc.instance : [...loc.instance, segment],
  schema: [...loc.schema, ...tokens],
})

/** Keywords compared by dedicated code below; any other changed keyword is `KEYWORD_CHANGED`. */
const HANDLED = new Set([
  '$id',
  '$schema',
  '$ref',
  '$comment',
  'type',
  'const',
  'enum',
  'pattern',
  'format',
  ...BOUND_KEYWORDS.keys(),
  'multipleOf',
  'uniqueItems',
  'properties',
  'required',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
  'items',
  'prefixItems',
  'contains',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  '$defs',
  'definitions',
  'title',
  'description',
  'examples',
  'default',
])

/** Annotations without validation effect that share one rule. */
const OTHER_ANNOTATIONS = new Set(['deprecated', 'readOnly', 'writeOnly', 'contentEncoding', 'contentMediaType'])

class Collector {
  readonly findings: Finding[] = []

  add(rule: RuleId, loc: Location, detail: string, values: { before?: unknown; after?: unknown } = {}): void {
    this.findings.push({
      rule,
      path: renderInstancePath(loc.instance),
      schemaPath: renderSchemaPointer(loc.schema),
      detail,
      ...('before' in values ? { before: values.before } : {}),
      ...('after' in values ? { after: values.after } : {}),
    })
  }
}

/** Every difference between a released schema and the current one, in document order. */
export function findDifferences(before: unknown, after: unknown): Finding[] {
  const out = new Collector()
  walk(before, after, ROOT, out, ['SCHEMA_CLOSED', 'SCHEMA_OPENED'])
  return out.findings
}

/** The classified changes from a released schema to the current one, for a contract of `direction`. */
export function diffSchemas(before: unknown, after: unknown, direction: ContractDirection): Change[] {
  return findDifferences(before, after).map((finding) => classify(finding, direction))
}

/** Applies the direction to a finding: level, and a message naming rule, path and reason. */
export function classify(finding: Finding, direction: ContractDirection): Change {
  const rule = ruleOf(finding.rule)
  const level = levelOf(rule.effect, direction)
  const message = `${finding.rule} at ${finding.path}: ${finding.detail} — ${level} for an ${direction} (must stay ${compatibilityOf(direction)} compatible): ${reasonOf(rule, direction)}`
  return { ...finding, level, effect: rule.effect, direction, message }
}

/** Whether two schemas differ in anything but annotations. */
export function differsInValidation(before: unknown, after: unknown): boolean {
  return findDifferences(before, after).some((f) => ruleOf(f.rule).effect !== 'annotates')
}

type BooleanRules = readonly [closed: RuleId, opened: RuleId]

function walk(a: unknown, b: unknown, loc: Location, out: Collector, booleanRules: BooleanRules): void {
  if (isJsonEqual(a, b)) return
  if (a === false || b === false) {
    if (b === false) out.add(booleanRules[0], loc, 'now `false`: nothing is accepted here')
    else out.add(booleanRules[1], loc, 'was `false`: values are now accepted here')
    return
  }
  // `true` and `{}` accept everything; compare keywords against an empty schema.
  const before = a === true ? {} : a
  const after = b === true ? {} : b
  if (!isObject(before) || !isObject(after)) {
    out.add('KEYWORD_CHANGED', loc, 'not a schema', { before: a, after: b })
    return
  }
  compareIdentity(before, after, loc, out)
  compareTypes(before, after, loc, out)
  compareValues(before, after, loc, out)
  compareStrings(before, after, loc, out)
  compareBounds(before, after, loc, out)
  compareObjects(before, after, loc, out)
  compareArrays(before, after, loc, out)
  compareComposition(before, after, loc, out)
  compareDefinitions(before, after, loc, out)
  compareAnnotations(before, after, loc, out)
  for (const keyword of unionKeys(before, after)) {
    if (HANDLED.has(keyword) || isJsonEqual(before[keyword], after[keyword])) continue
    if (OTHER_ANNOTATIONS.has(keyword)) {
      out.add('ANNOTATION_CHANGED', at(loc, [keyword]), `\`${keyword}\` changed`, pair(before, after, keyword))
    } else {
      out.add('KEYWORD_CHANGED', at(loc, [keyword]), `\`${keyword}\` changed`, pair(before, after, keyword))
    }
  }
}

function unionKeys(a: SchemaObject, b: SchemaObject): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
}

/** The before/after values of a keyword, leaving out the side where it is absent. */
function pair(a: SchemaObject, b: SchemaObject, keyword: string): { before?: unknown; after?: unknown } {
  return {
    ...(a[keyword] !== undefined ? { before: a[keyword] } : {}),
    ...(b[keyword] !== undefined ? { after: b[keyword] } : {}),
  }
}

/** Reports added / removed / changed for a keyword whose value is compared as a whole. */
function presence(
  a: SchemaObject,
  b: SchemaObject,
  keyword: string,
  loc: Location,
  out: Collector,
  rules: { added: RuleId; removed: RuleId; changed: RuleId },
): void {
  const x = a[keyword]
  const y = b[keyword]
  if (isJsonEqual(x, y)) return
  const where = at(loc, [keyword])
  const values = pair(a, b, keyword)
  if (x === undefined) out.add(rules.added, where, `\`${keyword}\` ${quote(y)} added`, values)
  else if (y === undefined) out.add(rules.removed, where, `\`${keyword}\` ${quote(x)} removed`, values)
  else out.add(rules.changed, where, `\`${keyword}\` changed from ${quote(x)} to ${quote(y)}`, values)
}

function compareIdentity(a: SchemaObject, b: SchemaObject, loc: Location, out: Collector): void {
  const always = (rule: RuleId) => ({ added: rule, removed: rule, changed: rule })
  presence(a, b, '$id', loc, out, always('ID_CHANGED'))
  presence(a, b, '$schema', loc, out, always('DIALECT_CHANGED'))
  presence(a, b, '$ref', loc, out, always('REF_CHANGED'))
}

/** The JSON types a node allows, or null when it does not constrain the type. */
function typesOf(node: SchemaObject): string[] | null {
  const type = node.type
  if (typeof type === 'string') return [type]
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string')
  return null
}

/** Whether a type set admits every value of type `t` (`number` admits `integer`). */
const admits = (types: readonly string[], t: string): boolean =>
  types.includes(t) || (t === 'integer' && types.includes('number'))

function compareTypes(a: SchemaObject, b: SchemaObject, loc: Location, out: Collector): void {
  const before = typesOf(a)
  const after = typesOf(b)
  const where = at(loc, ['type'])
  const values = pair(a, b, 'type')
  const show = (types: readonly string[]) => types.map((t) => `"${t}"`).join(' | ')
  if (before === null || after === null) {
    if (before === null && after !== null) out.add('TYPE_NARROWED', where, `type ${show(after)} added`, values)
    if (before !== null && after === null) out.add('TYPE_WIDENED', where, `type ${show(before)} removed`, values)
    return
  }
  const narrower = after.every((t) => admits(before, t))
  const wider = before.every((t) => admits(after, t))
  if (narrower && wider) return
  const detail = `type changed from ${show(before)} to ${show(after)}`
  if (narrower) out.add('TYPE_NARROWED', where, detail.replace('changed', 'narrowed'), values)
  else if (wider) out.add('TYPE_WIDENED', where, detail.replace('changed', 'widened'), values)
  else out.add('TYPE_CHANGED', where, detail, values)
}

/** `const` and `enum` both list the allowed values; compare them as sets. */
function compareValues(a: SchemaObject, b: SchemaObject, loc: Location, out: Collector): void {
  const valuesOf = (n: SchemaObject): unknown[] | null =>
    n.const !== undefined ? [n.const] : Array.isArray(n.enum) ? n.enum : null
  const keywordOf = (n: SchemaObject): string => (n.const !== undefined ? 'const' : 'enum')
  const before = valuesOf(a)
  const after = valuesOf(b)
  if (before === null && after === null) return
  if (a.const !== undefined && b.const !== undefined) {
    // Both sides have a `const` here: only a change is possible.
    presence(a, b, 'const', loc, out, { added: 'CONST_CHANGED', removed: 'CONST_CHANGED', changed: 'CONST_CHANGED' })
    return
  }
  if (before === null || after === null) {
    const added = before === null
    const keyword = keywordOf(added ? b : a)
    const rule: RuleId =
      keyword === 'const' ? (added ? 'CONST_ADDED' : 'CONST_REMOVED') : added ? 'ENUM_ADDED' : 'ENUM_REMOVED'
    const value = (added ? b : a)[keyword]
    out.add(rule, at(loc, [keyword]), `\`${keyword}\` ${quote(value)} ${added ? 'added' : 'removed'}`, {
      [added ? 'after' : 'before']: value,
    })
    return
  }
  const where = at(loc, [keywordOf(b)])
  for (const value of before) {
    if (!after.some((v) => isJsonEqual(v, value)))
      out.add('ENUM_VALUE_REMOVED', where, `value ${quote(value)} removed`, { before: value })
  }
  for (const value of after) {
    if (!before.some((v) => isJsonEqual(v, value)))
      out.add('ENUM_VALUE_ADDED', where, `value ${quote(value)} added`, { after: value })
  }
}

function compareStrings(a: SchemaObject, b: SchemaObject, loc: Location, out: Collector): void {
  presence(a, b, 'pattern', loc, out, {
    added: 'PATTERN_ADDED',
    removed: 'PATTERN_REMOVED',
    changed: 'PATTERN_CHANGED',
  })
  presence(a, b, 'format', loc, out, { added: 'FORMAT_ADDED', removed: 'FORMAT_REMOVED', changed: 'FORMAT_CHANGED' })
}

function compareBounds(a: SchemaObject, b: SchemaObject, loc: Location, out: Collector): void {
  for (const keyword of BOUND_KEYWORDS.keys()) {
    const x = a[keyword]
    const y = b[keyword]
    if (x === y || (x === undefined && y === undefined)) continue
    const stem = ruleStemOf(keyword)
    const where = at(loc, [keyword])
    const values = pair(a, b, keyword)
    if (x !== undefined && typeof x !== 'number') out.add('KEYWORD_CHANGED', where, `\`${keyword}\` changed`, values)
    else if (y !== undefined && typeof y !== 'number')
      out.add('KEYWORD_CHANGED', where, `\`${keyword}\` changed`, values)
    else if (x === undefined) out.add(`${stem}_ADDED` as const, where, `\`${keyword}\` ${quote(y)} added`, values)
    else if (y === undefined) out.add(`${stem}_REMOVED` as const, where, `\`${keyword}\` ${quote(x)} removed`, values)
    else {
      // Whether that is stricter depends on the side (see rules.ts); the rule id carries it.
      const verb = y > x ? 'increased' : 'decreased'
      out.add(
        `${stem}_${y > x ? 'INCREASED' : 'DECREASED'}` as const,
        where,
        `\`${keyword}\` ${verb} from ${x} to ${y}`,
        values,
      )
    }
  }
  presence(a, b, 'multipleOf', loc, out, {
    added: 'MULTIPLE_OF_ADDED',
    removed: 'MULTIPLE_OF_REMOVED',
    changed: 'MULTIPLE_OF_CHANGED',
  })
  const unique = (n: SchemaObject) => n.uniqueItems === true
  if (unique(a) !== unique(b)) {
    const where = at(loc, ['uniqueItems'])
    if (unique(b)) out.add('UNIQUE_ITEMS_ADDED', where, 'items must now be unique')
    else out.add('UNIQUE_ITEMS_REMOVED', where, 'items no longer need to be unique')
  }
}

const objectOf = (value: unknown): SchemaObject => (isObject(value) ? value : {})

function safeRegex(source: string): RegExp | null {
  try {
    return new RegExp(source, 'u')
  } catch {
    return null
  }
}

/** Whether an object schema rejects a key it does not declare. */
function rejectsUndeclared(node: SchemaObject, key: string): boolean {
  if (node.additionalProperties !== false && node.unevaluatedProperties !== false) return false
  return !Object.keys(objectOf(node.patternProperties)).some((p) => safeRegex(p)?.test(key) ?? false)
}

const isClosed = (node: SchemaObject): boolean =>
  node.additionalProperties === false || node.unevaluatedProperties === false

function compareObjects(a: SchemaObject, b: SchemaObject, loc: Location, out: Collector): void {
  const before = objectOf(a.properties)
  const after = objectOf(b.properties)
  for (const key of unionKeys(before, after)) {
    const where = at(loc, ['properties', key], { key })
    if (!(key in after)) {
      const closed = rejectsUndeclared(b, key)
      out.add(closed ? 'PROPERTY_REMOVED_FROM_CLOSED_OBJECT' : 'PROPERTY_REMOVED', where, `property "${key}" removed`)
    } else if (!(key in before)) {
      const closed = rejectsUndeclared(a, key)
      out.add(closed ? 'PROPERTY_ADDED_TO_CLOSED_OBJECT' : 'PROPERTY_ADDED', where, `property "${key}" added`)
    } else {
      walk(before[key], after[key], where, out, ['SCHEMA_CLOSED', 'SCHEMA_OPENED'])
    }
  }

  const requiredOf = (n: SchemaObject): string[] =>
    Array.isArray(n.required) ? n.required.filter((k): k is string => typeof k === 'string') : []
  const requiredBefore = requiredOf(a)
  const requiredAfter = requiredOf(b)
  for (const key of requiredAfter.filter((k) => !requiredBefore.includes(k))) {
    out.add('PROPERTY_REQUIRED_ADDED', at(loc, ['required'], { key }), `property "${key}" became required`)
  }
  for (const key of requiredBefore.filter((k) => !requiredAfter.includes(k))) {
    out.add('PROPERTY_REQUIRED_REMOVED', at(loc, ['required'], { key }), `property "${key}" is no longer required`)
  }

  comparePatternProperties(a, b, loc, out)

  const closing = {
    additionalProperties: 'ADDITIONAL_PROPERTIES',
    unevaluatedProperties: 'UNEVALUATED_PROPERTIES',
  } as const
  for (const [keyword, stem] of Object.entries(closing) as [
    keyof typeof closing,
    (typeof closing)[keyof typeof closing],
  ][]) {
    if (a[keyword] === undefined && b[keyword] === undefined) continue
    walk(a[keyword] ?? true, b[keyword] ?? true, at(loc, [keyword], 'any-key'), out, [
      `${stem}_CLOSED` as const,
      `${stem}_OPENED` as const,
    ])
  }
  if (a.propertyNames !== undefined || b.propertyNames !== undefined) {
    walk(a.propertyNames ?? true, b.propertyNames ?? true, at(loc, ['propertyNames'], 'keys'), out, [
      'SCHEMA_CLOSED',
      'SCHEMA_OPENED',
    ])
  }
}

function comparePatternProperties(a: SchemaObject, b: SchemaObject, loc: Location, out: Collector): void {
  const before = objectOf(a.patternProperties)
  const after = objectOf(b.patternProperties)
  const removed = Object.keys(before).filter((p) => !(p in after))
  const added = Object.keys(after).filter((p) => !(p in before))
  for (const pattern of Object.keys(after).filter((p) => p in before)) {
    walk(before[pattern], after[pattern], at(loc, ['patternProperties', pattern], 'any-key'), out, [
      'SCHEMA_CLOSED',
      'SCHEMA_OPENED',
    ])
  }
  const [oldPattern] = removed
  const [newPattern] = added
  // One key pattern swapped for another: report the key change, then compare the value schemas.
  if (removed.length === 1 && added.length === 1 && oldPattern !== undefined && newPattern !== undefined) {
    const where = at(loc, ['patternProperties', newPattern], 'any-key')
    out.add(
      'PROPERTY_NAME_PATTERN_CHANGED',
      where,
      `key pattern changed from ${quote(oldPattern)} to ${quote(newPattern)}`,
      {
        before: oldPattern,
        after: newPattern,
      },
    )
    walk(before[oldPattern], after[newPattern], where, out, ['SCHEMA_CLOSED', 'SCHEMA_OPENED'])
    return
  }
  for (const pattern of removed) {
    const rule = isClosed(b) ? 'PATTERN_PROPERTY_REMOVED_FROM_CLOSED_OBJECT' : 'PATTERN_PROPERTY_REMOVED'
    out.add(
      rule,
      at(loc, ['patternProperties', pattern], 'any-key'),
      `keys matching ${quote(pattern)} no longer declared`,
    )
  }
  for (const pattern of added) {
    const rule = isClosed(a) ? 'PATTERN_PROPERTY_ADDED_TO_CLOSED_OBJECT' : 'PATTERN_PROPERTY_ADDED'
    out.add(rule, at(loc, ['patternProperties', pattern], 'any-key'), `keys matching ${quote(pattern)} declared`)
  }
}

function compareArrays(a: SchemaObject, b: SchemaObject, loc: Location, out: Collector): void {
  if (a.items !== undefined || b.items !== undefined) {
    if (Array.isArray(a.items) || Array.isArray(b.items)) {
      // Draft-07 tuple form; not emitted by this project, so compared as a whole.
      if (!isJsonEqual(a.items, b.items))
        out.add('KEYWORD_CHANGED', at(loc, ['items']), '`items` (tuple form) changed', pair(a, b, 'items'))
    } else {
      walk(a.items ?? true, b.items ?? true, at(loc, ['items'], 'each'), out, ['SCHEMA_CLOSED', 'SCHEMA_OPENED'])
    }
  }
  const before = Array.isArray(a.prefixItems) ? a.prefixItems : []
  const after = Array.isArray(b.prefixItems) ? b.prefixItems : []
  for (let i = 0; i < Math.min(before.length, after.length); i++) {
    walk(before[i], after[i], at(loc, ['prefixItems', String(i)], { index: i }), out, [
      'SCHEMA_CLOSED',
      'SCHEMA_OPENED',
    ])
  }
  if (before.length !== after.length) {
    out.add(
      'PREFIX_ITEMS_CHANGED',
      at(loc, ['prefixItems']),
      `\`prefixItems\` changed from ${before.length} to ${after.length} positions`,
    )
  }
  if (a.contains !== undefined && b.contains !== undefined) {
    walk(a.contains, b.contains, at(loc, ['contains'], 'each'), out, ['SCHEMA_CLOSED', 'SCHEMA_OPENED'])
  } else if (a.contains !== undefined || b.contains !== undefined) {
    out.add('KEYWORD_CHANGED', at(loc, ['contains']), '`contains` added or removed', pair(a, b, 'contains'))
  }
}

/** Pairs the branches of two `anyOf`/`oneOf`/`allOf` lists: equal ones first, then by type. */
function matchBranches(
  before: readonly unknown[],
  after: readonly unknown[],
): { pairs: Array<[number, number]>; removed: number[]; added: number[] } {
  const pairs: Array<[number, number]> = []
  const usedBefore = new Set<number>()
  const usedAfter = new Set<number>()
  const pass = (same: (x: unknown, y: unknown) => boolean) => {
    before.forEach((x, i) => {
      if (usedBefore.has(i)) return
      const j = after.findIndex((y, k) => !usedAfter.has(k) && same(x, y))
      if (j === -1) return
      pairs.push([i, j])
      usedBefore.add(i)
      usedAfter.add(j)
    })
  }
  pass((x, y) => !differsInValidation(x, y))
  const typeKey = (x: unknown) => (isObject(x) ? JSON.stringify(typesOf(x)) : 'null')
  pass((x, y) => typeKey(x) !== 'null' && typeKey(x) === typeKey(y))
  const removed = before.map((_, i) => i).filter((i) => !usedBefore.has(i))
  const added = after.map((_, j) => j).filter((j) => !usedAfter.has(j))
  // A single changed branch on each side: compare it rather than report remove + add.
  const [i] = removed
  const [j] = added
  if (removed.length === 1 && added.length === 1 && i !== undefined && j !== undefined) {
    return { pairs: [...pairs, [i, j]], removed: [], added: [] }
  }
  return { pairs, removed, added }
}

function compareComposition(a: SchemaObject, b: SchemaObject, loc: Location, out: Collector): void {
  const stems = { anyOf: 'ANY_OF', oneOf: 'ONE_OF', allOf: 'ALL_OF' } as const
  for (const [keyword, stem] of Object.entries(stems) as [keyof typeof stems, (typeof stems)[keyof typeof stems]][]) {
    const before = Array.isArray(a[keyword]) ? (a[keyword] as unknown[]) : []
    const after = Array.isArray(b[keyword]) ? (b[keyword] as unknown[]) : []
    if (isJsonEqual(before, after)) continue
    const { pairs, removed, added } = matchBranches(before, after)
    for (const [i, j] of pairs) {
      walk(before[i], after[j], at(loc, [keyword, String(j)]), out, ['SCHEMA_CLOSED', 'SCHEMA_OPENED'])
    }
    for (const i of removed)
      out.add(`${stem}_BRANCH_REMOVED` as const, at(loc, [keyword, String(i)]), `\`${keyword}\` branch ${i} removed`, {
        before: before[i],
      })
    for (const j of added)
      out.add(`${stem}_BRANCH_ADDED` as const, at(loc, [keyword, String(j)]), `\`${keyword}\` branch ${j} added`, {
        after: after[j],
      })
  }
  // `not` and `if` are not monotone: a narrowing inside them can widen the whole.
  for (const [keyword, rule] of [
    ['not', 'NOT_CHANGED'],
    ['if', 'CONDITION_CHANGED'],
  ] as const) {
    const x = a[keyword]
    const y = b[keyword]
    if (isJsonEqual(x, y)) continue
    if (x === undefined || y === undefined || differsInValidation(x, y)) {
      out.add(rule, at(loc, [keyword]), `\`${keyword}\` changed`, pair(a, b, keyword))
    } else {
      walk(x, y, at(loc, [keyword]), out, ['SCHEMA_CLOSED', 'SCHEMA_OPENED'])
    }
  }
  for (const keyword of ['then', 'else']) {
    const x = a[keyword]
    const y = b[keyword]
    if (isJsonEqual(x, y)) continue
    if (x === undefined || y === undefined)
      out.add('KEYWORD_CHANGED', at(loc, [keyword]), `\`${keyword}\` added or removed`, pair(a, b, keyword))
    else walk(x, y, at(loc, [keyword]), out, ['SCHEMA_CLOSED', 'SCHEMA_OPENED'])
  }
}

/** `$defs` apply wherever they are referenced; each is compared at its own place. */
function compareDefinitions(a: SchemaObject, b: SchemaObject, loc: Location, out: Collector): void {
  for (const keyword of ['$defs', 'definitions']) {
    const before = objectOf(a[keyword])
    const after = objectOf(b[keyword])
    for (const name of unionKeys(before, after)) {
      const where: Location = { instance: [], schema: [...loc.schema, keyword, name] }
      if (!(name in after)) out.add('DEFINITION_REMOVED', where, `definition "${name}" removed`)
      else if (!(name in before)) out.add('DEFINITION_ADDED', where, `definition "${name}" added`)
      else walk(before[name], after[name], where, out, ['SCHEMA_CLOSED', 'SCHEMA_OPENED'])
    }
  }
}

function compareAnnotations(a: SchemaObject, b: SchemaObject, loc: Location, out: Collector): void {
  for (const [keyword, rule] of [
    ['title', 'TITLE_CHANGED'],
    ['description', 'DESCRIPTION_CHANGED'],
  ] as const) {
    if (!isJsonEqual(a[keyword], b[keyword]))
      out.add(rule, at(loc, [keyword]), `\`${keyword}\` changed`, pair(a, b, keyword))
  }
  if (!isJsonEqual(a.examples, b.examples)) out.add('EXAMPLES_CHANGED', at(loc, ['examples']), '`examples` changed')
  presence(a, b, 'default', loc, out, {
    added: 'DEFAULT_ADDED',
    removed: 'DEFAULT_REMOVED',
    changed: 'DEFAULT_CHANGED',
  })
}
