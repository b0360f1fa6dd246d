/**
 * Stage 2 of loading: text → YAML document with source positions. Keeps the
 * document so later stages can map a JSON Pointer back to a line and column.
 */
import {
  Alias,
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLMap,
} from 'yaml'
import { type Diagnostic, errorAt, type Position, START } from '../diagnostics/diagnostic.ts'

/** Aliases a manifest may expand; a legitimate manifest needs a handful, a "billion laughs" needs millions. */
export const MAX_ALIAS_COUNT = 100

/** A parsed YAML source: the plain data plus what is needed to locate a path in it. */
export interface YamlSource {
  readonly file: string
  readonly data: unknown
  readonly doc: Document.Parsed
  readonly lines: LineCounter
}

/** The parsed source, or every syntax problem found. */
export type ParsedYaml = { ok: true; source: YamlSource } | { ok: false; diagnostics: Diagnostic[] }

/** Parses YAML 1.2 (core schema): duplicate keys are errors, alias expansion is bounded. */
export function parseYamlSource(text: string, file: string): ParsedYaml {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true, strict: true })
  if (doc.errors.length > 0) {
    return {
      ok: false,
      diagnostics: doc.errors.map((error) => {
        const at = error.linePos?.[0]
        const keyword = error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax'
        const headline = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '')
        return errorAt(file, at ? { line: at.line, column: at.col } : START, '', keyword, headline)
      }),
    }
  }
  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
    return { ok: true, source: { file, data, doc, lines } }
  } catch (error) {
    const message =
      error instanceof ReferenceError
        ? `too many alias expansions (limit ${MAX_ALIAS_COUNT}); the file looks like an alias bomb`
        : `cannot read YAML: ${(error as Error).message}`
    return { ok: false, diagnostics: [errorAt(file, START, '', 'yaml-alias', message)] }
  }
}

/** Splits a JSON Pointer into its unescaped segments. */
export const pointerSegments = (pointer: string): string[] =>
  pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))

/** Builds a JSON Pointer from segments. */
export const toPointer = (segments: readonly (string | number)[]): string =>
  segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')

function resolve(node: unknown, doc: Document.Parsed): unknown {
  return node instanceof Alias ? node.resolve(doc) : node
}

/**
 * Where the value at `pointer` starts; with `key`, where that key of the object at
 * `pointer` starts. Falls back to the deepest ancestor found, then to the file start.
 */
export function locate(source: YamlSource, pointer: string, key?: string): Position {
  let node: unknown = source.doc.contents
  let offset = (source.doc.contents as Node | null)?.range?.[0] ?? 0
  const segments = pointerSegments(pointer)
  const steps = key === undefined ? segments : [...segments, key]
  for (const [index, segment] of steps.entries()) {
    const current = resolve(node, source.doc)
    const isKeyStep = key !== undefined && index === steps.length - 1
    if (isMap(current)) {
      const pair = (current as YAMLMap).items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment,
      )
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
