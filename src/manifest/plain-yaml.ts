/**
 * The fast path of loading: a reader for the plain block-mapping YAML nearly every
 * manifest is written in (`key: value` lines, nested by indentation, comments, quoted
 * or plain scalars). `discover` reads thousands of manifests, and the positioned loader
 * (lexer guard, CST, document, duplicate-key walk) costs several times a bare parse.
 *
 * It returns the data only when the text provably means exactly that under the YAML 1.2
 * core schema the loader uses, and `undefined` for anything else: tabs, flow or block
 * collections, anchors, aliases, tags, block scalars, multi-line or escaped scalars,
 * directives and document markers, a key without a value, a scalar whose type needs the
 * core schema's rules (null, floats, `True`, `0x1`, `09:00`), and every repeated key.
 * So a duplicate key, an alias bomb or excessive nesting can never pass here: they all
 * fall back to the positioned loader, which reports them with line and column.
 */

/** Deepest mapping nesting the fast path reads; a manifest needs three. */
const MAX_DEPTH = 8

/** A key: a plain word, not one the core schema reads as null or a boolean. */
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/
/** A plain scalar that is a string under the core schema whatever it spells (checked against SPECIAL too). */
const PLAIN_STRING = /^[A-Za-z_/][A-Za-z0-9_./+-]*$/
/** A plain scalar that is a decimal integer under the core schema, without sign or leading zero. */
const PLAIN_INTEGER = /^(0|[1-9][0-9]{0,14})$/
/** Core-schema words that are not strings in some capitalisation (null, booleans, .inf, .nan). */
const SPECIAL = /^(null|true|false|~)$/i
/** Characters the fast path does not reason about (controls, tab, DEL, C1, BOM, line separators). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNUSUAL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\u2028\u2029]/u
/** A line: indentation, a key, `:`, then the rest (a value and/or a comment). */
const LINE = /^( *)([^ :#][^:#]*?):(?: (.*))?$/

type Plain = { [key: string]: Plain | string | number | boolean }

/** A scalar value (with any trailing comment), or undefined when the fast path cannot be sure of it. */
function scalar(rest: string): string | number | boolean | undefined {
  const text = rest.trim()
  const quote = text[0]
  if (quote === '"' || quote === "'") {
    const end = text.indexOf(quote, 1)
    if (end === -1) return undefined
    const body = text.slice(1, end)
    const after = text.slice(end + 1)
    // Escapes (`\` in double quotes) and doubled quotes are the loader's business.
    if ((quote === '"' && body.includes('\\')) || (after !== '' && !/^ +#/.test(after))) return undefined
    return body
  }
  const hash = text.indexOf(' #')
  const value = hash === -1 ? text : text.slice(0, hash).trimEnd()
  if (PLAIN_INTEGER.test(value)) return Number(value)
  if (value === 'true' || value === 'false') return value === 'true'
  if (PLAIN_STRING.test(value) && !SPECIAL.test(value)) return value
  return undefined
}

/** The data `text` means, when it is plain block-mapping YAML; undefined means "ask the full loader". */
export function parsePlainYaml(text: string): Plain | undefined {
  if (UNUSUAL.test(text)) return undefined
  const root: Plain = {}
  // Open mappings, innermost last, with the indentation of their keys (-1: not yet known).
  const stack: { indent: number; map: Plain }[] = [{ indent: 0, map: root }]
  let pendingKey: string | undefined
  let keys = 0
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (line.includes('\r')) return undefined
    const trimmed = line.trimStart()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    const match = LINE.exec(line)
    if (!match) return undefined
    const indent = (match[1] ?? '').length
    const key = match[2] ?? ''
    const rest = match[3]
    if (!KEY.test(key) || SPECIAL.test(key) || key === '__proto__') return undefined
    let top = stack[stack.length - 1]
    if (top === undefined) return undefined
    if (pendingKey !== undefined) {
      // The previous key had no value: this line must open its mapping, more indented.
      if (indent <= top.indent) return undefined
      const map: Plain = {}
      top.map[pendingKey] = map
      top = { indent, map }
      stack.push(top)
      pendingKey = undefined
      if (stack.length > MAX_DEPTH) return undefined
    } else {
      while (top !== undefined && indent < top.indent) {
        stack.pop()
        top = stack[stack.length - 1]
      }
      if (top === undefined || indent !== top.indent) return undefined
    }
    if (Object.hasOwn(top.map, key)) return undefined
    keys++
    const value = rest === undefined || rest.trim() === '' || rest.trimStart().startsWith('#') ? undefined : rest
    if (value === undefined) {
      pendingKey = key
      continue
    }
    const parsed = scalar(value)
    if (parsed === undefined) return undefined
    top.map[key] = parsed
  }
  // A key left without a value means null, and an empty document means nothing: the loader says so.
  if (pendingKey !== undefined || keys === 0) return undefined
  return root
}
