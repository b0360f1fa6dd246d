/**
 * The budget (`--max-bytes`, `--max-tokens`): section bodies are cut until the rendered
 * bundle fits both, by priority. Bodies sit in tiers; the lowest tier is cut first, and
 * a tier is touched only once every tier below it is cut to nothing. Within the tier
 * being cut every body is held to the same byte cap C, the largest that fits, so its
 * largest bodies go first. `prepare` orders the tiers pointers → optimizer analysis →
 * memory → metrics → agent prompt: the agent's own instructions are cut last.
 * A body is cut at its end, or — `keep: 'tail'`, for memory, whose oldest entries are at
 * the top — at its start; either way a marker stands exactly where text was removed.
 * Pure: the caller passes the renderer (and the token counter), so headers, fences and
 * JSON escaping are measured exactly as they will be printed.
 */
import type { TokenCounter } from './tokenizer.ts'
import { decodeUtf8, utf8Bytes, utf8Length, utf8PrefixLength } from './utf8.ts'

/** A section body before the budget. */
export interface Body {
  /** The text available (it may already miss a part that was never read). */
  readonly content: string
  /** Size of the whole source in bytes, including any part that was not read. */
  readonly totalBytes: number
  /** Cut order: lower tiers are cut first (default 0). */
  readonly tier?: number
  /** Which end survives a cut: the head (default; cut at the end) or the tail (cut at the start, and the unread part is the start). */
  readonly keep?: 'head' | 'tail'
}

/** A section body after the budget. */
export interface FittedBody {
  /** The text to print: whole, or the kept part with the cut marker where text was removed. */
  readonly content: string
  /** Bytes of the source left out (0 when whole). */
  readonly truncatedBytes: number
}

/** What the printed bundle must fit. */
export interface Limits {
  readonly maxBytes: number
  /** Token budget; needs `counter`. */
  readonly maxTokens?: number
  /** Counts the printed text's tokens (only when a token budget or count is asked for). */
  readonly counter?: TokenCounter
}

/** The rendering that fits, or the smallest size the bundle can take. */
export type Fitted =
  | {
      readonly ok: true
      readonly bodies: readonly FittedBody[]
      readonly text: string
      /** The cap C the tier being cut was held to (the longest body's size when nothing was cut). */
      readonly cap: number
      /** The tier that was cut partly (undefined when nothing was cut). */
      readonly tier?: number
    }
  | {
      readonly ok: false
      /** Bytes of the smallest rendering (every body cut to nothing). */
      readonly minimumBytes: number
      /** Its tokens, when a token budget was given. */
      readonly minimumTokens?: number
    }

/** The visible note that ends a body cut at its end. */
export const truncationMarker = (cut: number, total: number): string =>
  `\n\n[… truncated: ${cut} of ${total} bytes cut to fit the budget (--max-bytes, --max-tokens)]\n`

/** The visible note that opens a body cut at its start (its oldest part). */
export const leadingCutMarker = (cut: number, total: number): string =>
  `[… truncated: the first ${cut} of ${total} bytes (the oldest part) cut to fit the budget (--max-bytes, --max-tokens)]\n\n`

/** The longest suffix of `bytes` that is at most `limit` bytes and starts on a character boundary. */
function utf8SuffixStart(bytes: Uint8Array, limit: number): number {
  if (limit >= bytes.length) return 0
  let start = bytes.length - Math.max(0, limit)
  while (start < bytes.length && ((bytes[start] ?? 0) & 0xc0) === 0x80) start++
  return start
}

/** How far a cut moves to fall on a line break, so the kept text starts or ends with a whole line. */
const LINE_SNAP = 240

/** `start`, moved forward past the next line break when one is near. */
function lineStart(bytes: Uint8Array, start: number): number {
  if (start === 0 || bytes[start - 1] === 0x0a) return start
  const newline = bytes.indexOf(0x0a, start)
  return newline !== -1 && newline + 1 - start <= LINE_SNAP ? newline + 1 : start
}

/** `end`, moved back to just after the last line break before it when one is near. */
function lineEnd(bytes: Uint8Array, end: number): number {
  if (end >= bytes.length || end === 0 || bytes[end - 1] === 0x0a) return end
  const newline = bytes.lastIndexOf(0x0a, end - 1)
  return newline !== -1 && end - (newline + 1) <= LINE_SNAP ? newline + 1 : end
}

/**
 * Cuts every body to at most `cap` bytes of its own text, plus the marker. A body with
 * an unread part is always marked; a whole body is left alone when it fits the cap or
 * when cutting it would not make it shorter.
 */
export function capBodies(bodies: readonly Body[], cap: number): FittedBody[] {
  return bodies.map((body) => capBody(body, utf8Bytes(body.content), cap))
}

function capBody(body: Body, bytes: Uint8Array, cap: number): FittedBody {
  const unread = body.totalBytes > bytes.length
  if (bytes.length <= cap && !unread) return { content: body.content, truncatedBytes: 0 }
  if (body.keep === 'tail') {
    const start = lineStart(bytes, utf8SuffixStart(bytes, cap))
    const kept = bytes.length - start
    const cut = body.totalBytes - kept
    const marker = leadingCutMarker(cut, body.totalBytes)
    if (!unread && kept + utf8Length(marker) >= bytes.length) return { content: body.content, truncatedBytes: 0 }
    return { content: marker + decodeUtf8(bytes.subarray(start)), truncatedBytes: cut }
  }
  const kept = lineEnd(bytes, utf8PrefixLength(bytes, Math.min(cap, bytes.length)))
  const cut = body.totalBytes - kept
  const marker = truncationMarker(cut, body.totalBytes)
  if (!unread && kept + utf8Length(marker) >= bytes.length) return { content: body.content, truncatedBytes: 0 }
  return { content: decodeUtf8(bytes.subarray(0, kept)) + marker, truncatedBytes: cut }
}

/**
 * Renders `bodies` within `limits` (a number is a byte budget), cutting by tier, lowest
 * first. When even empty bodies do not fit, says how small the smallest rendering is.
 */
export function fitToBudget(
  bodies: readonly Body[],
  limits: number | Limits,
  render: (fitted: readonly FittedBody[]) => string,
): Fitted {
  const { maxBytes, maxTokens, counter } = typeof limits === 'number' ? ({ maxBytes: limits } as Limits) : limits
  const countTokens = maxTokens !== undefined && counter !== undefined
  // Bytes first: they are cheap, and a text of no more bytes than the token budget
  // cannot exceed it (every token is at least one byte).
  const fits = (text: string): boolean => {
    const bytes = utf8Length(text)
    if (bytes > maxBytes) return false
    if (!countTokens || bytes <= maxTokens) return true
    return counter.within(text, maxTokens) !== false
  }
  const encoded = bodies.map((body) => ({ bytes: utf8Bytes(body.content), body, tier: body.tier ?? 0 }))
  const longest = (tier?: number) =>
    Math.max(0, ...encoded.filter((e) => tier === undefined || e.tier === tier).map((e) => e.bytes.length))
  // Caps per body: tiers below `tier` are cut to nothing, `tier` is held to `cap`, the rest are whole.
  const attempt = (tier: number, cap: number) => {
    const fitted = encoded.map(({ body, bytes, tier: t }) =>
      capBody(body, bytes, t < tier ? 0 : t === tier ? cap : Number.MAX_SAFE_INTEGER),
    )
    const text = render(fitted)
    return { bodies: fitted, text, cap, tier, fits: fits(text) }
  }
  const done = (tried: ReturnType<typeof attempt>, cut: boolean): Fitted => ({
    ok: true,
    bodies: tried.bodies,
    text: tried.text,
    cap: tried.cap,
    ...(cut ? { tier: tried.tier } : {}),
  })
  const tiers = [...new Set(encoded.map((e) => e.tier))].sort((a, b) => a - b)
  const whole = attempt(Number.NEGATIVE_INFINITY, longest())
  if (whole.fits) return done({ ...whole, cap: longest() }, false)
  const top = tiers[tiers.length - 1] ?? 0
  const empty = attempt(top, 0)
  if (!empty.fits) {
    const minimumBytes = utf8Length(empty.text)
    return {
      ok: false,
      minimumBytes,
      ...(countTokens ? { minimumTokens: counter.count(empty.text) } : {}),
    }
  }
  for (const tier of tiers) {
    const zero = attempt(tier, 0)
    if (!zero.fits) continue
    // Tier `tier` is cut partly. No body longer than the byte budget itself can fit.
    let hi = Math.min(longest(tier), maxBytes)
    const tried = attempt(tier, hi)
    if (tried.fits) return done(tried, true)
    let lo = 0
    let best = zero
    // Invariant: cap `lo` fits (best), cap `hi` does not.
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2)
      const next = attempt(tier, mid)
      if (next.fits) {
        lo = mid
        best = next
      } else {
        hi = mid
      }
    }
    return done(best, true)
  }
  // Unreachable: cutting the top tier to nothing is `empty`, which fits.
  return done(empty, true)
}
