/**
 * A guard run before the YAML parser: refuses text that nests too deeply. The YAML
 * composer recurses once per level, so ten thousand `[` (20 kB) exhaust the stack, and
 * a megabyte of them takes seconds to parse. Measured on Node 20, a regular expression
 * compiled at that depth can even abort the process ("RegExpCompiler Allocation
 * failed"). The guard uses yaml's own lexer, which is iterative and linear, so quotes,
 * comments and block scalars are read exactly as the parser will read them.
 */
import { yamlLibrary } from './yaml-library.cjs'

/** Deepest nesting accepted. A manifest needs four levels; anything near this is an attack or an accident. */
export const MAX_NESTING = 100

/** Tokens the lexer emits that are markers, not source text. */
const MARKERS = new Set(['\u0002', '\u0018', '\u001f'])
const SCALAR_MARKER = '\u001f'
const BLOCK_INDICATORS = new Set(['seq-item-ind', 'explicit-key-ind', 'map-value-ind'])

/**
 * The offset where `text` first nests deeper than `limit`, or -1. The depth is an
 * upper bound: flow brackets are counted exactly; a block level needs at least one
 * more column of indentation or one more indicator (`- `, `? `, `: `) on its line, and
 * an indentless sequence can share its parent's column, hence the factor of two.
 */
export function findExcessiveNesting(text: string, limit = MAX_NESTING): number {
  const { CST, Lexer } = yamlLibrary()
  let offset = 0
  let flow = 0
  let indent = 0
  let indicators = 0
  let atLineStart = true
  let isScalarSource = false
  for (const token of new Lexer().lex(text)) {
    const start = offset
    if (!MARKERS.has(token)) offset += token.length
    if (isScalarSource) {
      // The source of a scalar (block scalar bodies included) says nothing about structure.
      isScalarSource = false
      atLineStart = false
      continue
    }
    if (token === SCALAR_MARKER) {
      isScalarSource = true
      continue
    }
    const type = CST.tokenType(token)
    if (type === 'newline') {
      // Inside brackets lines do not structure anything; keep the depth of the line that opened them.
      if (flow === 0) {
        indent = 0
        indicators = 0
        atLineStart = true
      }
      continue
    }
    if (type === 'space' && atLineStart && flow === 0) {
      indent = token.length
      continue
    }
    if (type === 'comment' || type === 'space') continue
    atLineStart = false
    if (type === 'flow-seq-start' || type === 'flow-map-start') flow++
    else if (type === 'flow-seq-end' || type === 'flow-map-end') flow = Math.max(0, flow - 1)
    else if (type !== null && BLOCK_INDICATORS.has(type) && flow === 0) indicators++
    if (2 * (indent + indicators) + 1 + flow > limit) return start
  }
  return -1
}
