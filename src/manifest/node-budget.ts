/**
 * A cheap upper bound on how many YAML nodes a text would make, counted before the
 * parser runs. The parser builds a full syntax tree and document: 1 MiB of `{},{},…`
 * (350,000 empty maps) costs seconds and hundreds of megabytes before any other check
 * could refuse it. One linear scan over the characters, skipping comments and quoted
 * scalars, counts what creates a node or an entry (`{`, `[`, `,`, `: `, `- `, `? `,
 * anchors and aliases); a real manifest has a few hundred of them.
 */

/** Most structural indicators a manifest may have: room for 40,000 agents written as flow maps, far past any real one. */
export const MAX_YAML_NODES = 125_000

const isSpace = (c: number | undefined): boolean =>
  c === undefined || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d
/** Characters after which a quote opens a quoted scalar (otherwise it is part of a plain one: `don't`). */
const opensToken = (c: number | undefined): boolean =>
  isSpace(c) || c === 0x5b || c === 0x7b || c === 0x2c || c === 0x3a || c === 0x2d || c === 0x3f

/** The offset where the count first passes `limit`, or -1 when the text stays within it. */
export function findNodeExcess(text: string, limit = MAX_YAML_NODES): number {
  let count = 0
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    const prev = i === 0 ? undefined : text.charCodeAt(i - 1)
    if (c === 0x23 /* # */ && isSpace(prev)) {
      const end = text.indexOf('\n', i)
      if (end === -1) break
      i = end
      continue
    }
    if ((c === 0x27 /* ' */ || c === 0x22) /* " */ && opensToken(prev)) {
      // Skip to the closing quote ('' escapes ' in single quotes; \ escapes in double quotes).
      let j = i + 1
      for (; j < n; j++) {
        const d = text.charCodeAt(j)
        if (c === 0x22 && d === 0x5c) j++
        else if (d === c) {
          if (c === 0x27 && text.charCodeAt(j + 1) === 0x27) j++
          else break
        }
      }
      i = j
      count++
    } else if (c === 0x7b || c === 0x5b || c === 0x2c || c === 0x26 || c === 0x2a) {
      count++ // { [ , & *
    } else if ((c === 0x3a || c === 0x2d || c === 0x3f) && isSpace(text.charCodeAt(i + 1) || undefined)) {
      count++ // ": ", "- ", "? "
    }
    if (count > limit) return i
  }
  return -1
}
