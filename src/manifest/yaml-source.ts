/**
 * Stage 2 of loading: text → YAML document with source positions. Keeps the
 * document so later stages can map a JSON Pointer back to a line and column.
 * Guards against hostile input first: excessive nesting and too many nodes (both before parsing), duplicate
 * keys (in linear time) and alias bombs (bounded expansion).
 */
import type { Document, LineCounter, Node, Pair, YAMLError, YAMLMap } from 'yaml'
import { type Diagnostic, errorAt, type Position, START } from '../diagnostics/diagnostic.ts'
import { pointerSegments } from '../schema/pointer.ts'
import { NO_CONTENT_MESSAGE } from './decode.ts'
import { duplicateKeyDiagnostics } from './duplicate-keys.ts'
import { findExcessiveNesting, MAX_NESTING } from './nesting.ts'
import { findNodeExcess, MAX_YAML_NODES } from './node-budget.ts'
import { yamlLibrary } from './yaml-library.cjs'

export { pointerSegments, toPointer } from '../schema/pointer.ts'

/** Aliases a manifest may expand; a legitimate manifest needs a handful, a "billion laughs" needs millions. */
export const MAX_ALIAS_COUNT = 100

/** A parsed YAML source: the plain data plus what is needed to locate a path in it. */
export interface YamlSource {
  readonly file: string
  readonly data: unknown
  readonly doc: Document.Parsed
  readonly lines: LineCounter
}

/**
 * The parsed source with the problems that do not stop validation (duplicate keys),
 * or the problems that leave no trustworthy document to validate.
 */
export type ParsedYaml =
  | { ok: true; source: YamlSource; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] }

/** Friendlier words for the yaml errors a person is likely to meet. */
const MESSAGES: Partial<Record<YAMLError['code'], string>> = {
  MULTIPLE_DOCS: 'the file holds more than one YAML document (a second `---`); a manifest is a single document',
  TAB_AS_INDENT: 'tabs are not allowed as indentation in YAML; indent with spaces',
  RESOURCE_EXHAUSTION: 'the YAML nests too deeply to read',
}

function yamlErrorDiagnostic(file: string, error: YAMLError): Diagnostic {
  const at = error.linePos?.[0]
  const headline = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '')
  const tag = /^Unresolved tag: (.*)$/.exec(headline)?.[1]
  const message =
    MESSAGES[error.code] ??
    (tag !== undefined
      ? `unknown YAML tag '${tag}'; a manifest uses plain values, without tags`
      : `invalid YAML: ${headline.charAt(0).toLowerCase()}${headline.slice(1)}`)
  return errorAt(file, at ? { line: at.line, column: at.col } : START, '', 'yaml-syntax', message)
}

/** Parses YAML 1.2 (core schema, merge keys allowed) with every guard applied; never throws on bad input. */
export function parseYamlSource(text: string, file: string): ParsedYaml {
  // First: one cheap linear scan, so a flood of nodes is refused before any costlier look.
  const tooMany = findNodeExcess(text)
  if (tooMany !== -1) {
    const message = `the YAML has too many nodes (over ${MAX_YAML_NODES} keys, entries and collections); a manifest has a few hundred, so it is refused before parsing`
    return { ok: false, diagnostics: [errorAt(file, positionInText(text, tooMany), '', 'size', message)] }
  }
  const tooDeep = findExcessiveNesting(text)
  if (tooDeep !== -1) {
    const message = `nesting or indentation is too deep here (limit ${MAX_NESTING} levels); a manifest nests only four levels`
    return { ok: false, diagnostics: [errorAt(file, positionInText(text, tooDeep), '', 'nesting', message)] }
  }
  const { LineCounter, parseDocument } = yamlLibrary()
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, merge: true, prettyErrors: true })
  // Warnings (an unresolved tag, say) would silently change a value's meaning; a manifest treats them as errors.
  const syntax = [...doc.errors, ...doc.warnings]
  if (syntax.length > 0) return { ok: false, diagnostics: syntax.map((error) => yamlErrorDiagnostic(file, error)) }
  const aliasProblem = unresolvedAlias(doc, lines, file)
  if (aliasProblem) return { ok: false, diagnostics: [aliasProblem] }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    const message =
      error instanceof ReferenceError
        ? `aliases expand to too much data (over ${MAX_ALIAS_COUNT} expansions); the file looks like an alias bomb`
        : `cannot read YAML: ${(error as Error).message}`
    return { ok: false, diagnostics: [errorAt(file, firstAliasPosition(doc, lines), '', 'yaml-alias', message)] }
  }
  if (data === null || data === undefined) {
    return { ok: false, diagnostics: [errorAt(file, START, '', 'empty', NO_CONTENT_MESSAGE)] }
  }
  return { ok: true, source: { file, data, doc, lines }, diagnostics: duplicateKeyDiagnostics(doc, lines, file) }
}

/** An alias whose anchor is not defined before it, located; yaml only notices while converting. */
function unresolvedAlias(doc: Document.Parsed, lines: LineCounter, file: string): Diagnostic | undefined {
  const { visit } = yamlLibrary()
  let found: Diagnostic | undefined
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) !== undefined) return undefined
      const { line, col } = lines.linePos(node.range?.[0] ?? 0)
      found = errorAt(
        file,
        { line, column: col },
        '',
        'yaml-alias',
        `alias '*${node.source}' refers to no anchor; define '&${node.source}' before using it`,
      )
      return visit.BREAK
    },
  })
  return found
}

function firstAliasPosition(doc: Document.Parsed, lines: LineCounter): Position {
  const { visit } = yamlLibrary()
  let offset: number | undefined
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0]
      return visit.BREAK
    },
  })
  if (offset === undefined) return START
  const { line, col } = lines.linePos(offset)
  return { line, column: col }
}

/** Line and column of a string offset, for problems found before the parser runs. */
function positionInText(text: string, offset: number): Position {
  const lineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < lineStart; i = text.indexOf('\n', i + 1)) line++
  return { line, column: offset - lineStart + 1 }
}

function resolveAlias(node: unknown, doc: Document.Parsed): unknown {
  return yamlLibrary().isAlias(node) ? (node as { resolve(doc: Document.Parsed): unknown }).resolve(doc) : node
}

/** Per mapping, its pairs by key: locating many problems in a large map stays linear. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>()

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  const { isPair, isScalar } = yamlLibrary()
  let index = pairIndex.get(map)
  if (!index) {
    index = new Map()
    for (const pair of map.items) {
      // The first occurrence wins, as the duplicate-key diagnostic names it.
      if (isPair(pair) && isScalar(pair.key) && !index.has(String(pair.key.value)))
        index.set(String(pair.key.value), pair)
    }
    pairIndex.set(map, index)
  }
  return index.get(key)
}

/**
 * Where the value at `pointer` starts; with `key`, where that key of the object at
 * `pointer` starts. Falls back to the deepest ancestor found, then to the file start.
 */
export function locate(source: YamlSource, pointer: string, key?: string): Position {
  const { isMap, isSeq } = yamlLibrary()
  let node: unknown = source.doc.contents
  let offset = (source.doc.contents as Node | null)?.range?.[0] ?? 0
  const segments = pointerSegments(pointer)
  const steps = key === undefined ? segments : [...segments, key]
  for (const [index, segment] of steps.entries()) {
    const current = resolveAlias(node, source.doc)
    const isKeyStep = key !== undefined && index === steps.length - 1
    if (isMap(current)) {
      const pair = pairOf(current as YAMLMap, segment)
      if (!pair) break
      const keyNode = pair.key as Node
      const valueNode = pair.value as Node | null
      offset = (isKeyStep ? keyNode.range?.[0] : (valueNode?.range?.[0] ?? keyNode.range?.[0])) ?? offset
      node = pair.value
    } else if (isSeq(current)) {
      const item = current.items[Number(segment)] as Node | undefined
      if (!item) break
      offset = item.range?.[0] ?? offset
      node = item
    } else break
  }
  const { line, col } = source.lines.linePos(offset)
  return { line, column: col }
}
