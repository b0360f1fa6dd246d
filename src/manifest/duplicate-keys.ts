/**
 * Duplicate mapping keys, found in one linear pass. yaml's own `uniqueKeys` check
 * compares every key with every earlier one: 80 000 keys (under the 1 MiB cap) take
 * over a minute. This walk keeps a set per mapping and names the first occurrence.
 */
import type { Document, LineCounter, Node } from 'yaml'
import { type Diagnostic, errorAt } from '../diagnostics/diagnostic.ts'
import { toPointer } from '../schema/pointer.ts'
import { yamlLibrary } from './yaml-library.cjs'

/** Every key that repeats an earlier key of the same mapping, located at the repeat. */
export function duplicateKeyDiagnostics(doc: Document.Parsed, lines: LineCounter, file: string): Diagnostic[] {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yamlLibrary()
  const out: Diagnostic[] = []
  const visit = (node: unknown, segments: readonly string[]): void => {
    if (isAlias(node)) return
    if (isSeq(node)) {
      node.items.forEach((item, index) => {
        visit(item, [...segments, String(index)])
      })
      return
    }
    if (!isMap(node)) return
    const seen = new Map<string, Node>()
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue
      // yaml gives a merge key the value Symbol(<<); it reads as `<<` in the file.
      const merge = typeof pair.key.value === 'symbol'
      const key = merge ? '<<' : String(pair.key.value)
      const first = seen.get(key)
      if (first) {
        const at = lines.linePos(pair.key.range?.[0] ?? 0)
        const firstLine = lines.linePos(first.range?.[0] ?? 0).line
        const message = merge
          ? `a second merge key (<<) in one mapping (first on line ${firstLine}) is not supported; merge several sources with one key: \`<<: [*a, *b]\``
          : `duplicate key '${key}' (first on line ${firstLine}); a key may appear only once in a mapping`
        out.push(
          errorAt(file, { line: at.line, column: at.col }, toPointer([...segments, key]), 'duplicate-key', message),
        )
      } else seen.set(key, pair.key)
      visit(pair.value, [...segments, key])
    }
  }
  visit(doc.contents, [])
  return out
}
