/**
 * The byte budget (`--max-bytes`): section bodies are cut until the rendered bundle
 * fits, the largest first. Every body is capped at the same byte count C, and C is the
 * largest value whose rendering fits, so the bodies above C are cut and the others are
 * left whole. Each cut body ends with a marker saying how much was cut; a body so small
 * that the marker would not save anything stays whole.
 * Pure: the caller passes the renderer, so headers, warnings and JSON escaping are
 * all measured exactly as they will be printed.
 */
import { decodeUtf8, utf8Bytes, utf8Length, utf8PrefixLength } from './utf8.ts'

/** A section body before the budget. */
export interface Body {
  /** The text available (it may already miss a tail that was never read). */
  readonly content: string
  /** Size of the whole source in bytes, including any tail that was not read. */
  readonly totalBytes: number
}

/** A section body after the budget. */
export interface FittedBody {
  /** The text to print: whole, or a prefix followed by the truncation marker. */
  readonly content: string
  /** Bytes of the source left out (0 when whole). */
  readonly truncatedBytes: number
}

/** The rendering that fits, or the smallest size the bundle can take. */
export type Fitted =
  | {
      readonly ok: true
      readonly bodies: readonly FittedBody[]
      readonly text: string
      /** The cap C every body was held to (the longest body's size when nothing was cut). */
      readonly cap: number
    }
  | { readonly ok: false; readonly minimumBytes: number }

/** The visible note that ends a cut body. */
export const truncationMarker = (cut: number, total: number): string =>
  `\n\n[… truncated: ${cut} of ${total} bytes cut to fit the byte budget (--max-bytes)]\n`

/**
 * Cuts every body to at most `cap` bytes of its own text, plus the marker. A body whose
 * tail was never read is always marked; a whole body is left alone when it fits the cap
 * or when cutting it would not make it shorter.
 */
export function capBodies(bodies: readonly Body[], cap: number): FittedBody[] {
  return bodies.map((body) => capBody(body, utf8Bytes(body.content), cap))
}

function capBody(body: Body, bytes: Uint8Array, cap: number): FittedBody {
  const unread = body.totalBytes > bytes.length
  if (bytes.length <= cap && !unread) return { content: body.content, truncatedBytes: 0 }
  const kept = utf8PrefixLength(bytes, Math.min(cap, bytes.length))
  const cut = body.totalBytes - kept
  const marker = truncationMarker(cut, body.totalBytes)
  if (!unread && kept + utf8Length(marker) >= bytes.length) return { content: body.content, truncatedBytes: 0 }
  return { content: decodeUtf8(bytes.subarray(0, kept)) + marker, truncatedBytes: cut }
}

/**
 * Renders `bodies` within `maxBytes` (UTF-8), cutting the largest bodies first.
 * When even empty bodies do not fit, says how many bytes the smallest rendering takes.
 */
export function fitToBudget(
  bodies: readonly Body[],
  maxBytes: number,
  render: (fitted: readonly FittedBody[]) => string,
): Fitted {
  const encoded = bodies.map((body) => ({ bytes: utf8Bytes(body.content), body }))
  const attempt = (cap: number) => {
    const fitted = encoded.map(({ body, bytes }) => capBody(body, bytes, cap))
    const text = render(fitted)
    return { ok: true as const, bodies: fitted, text, cap, fits: utf8Length(text) <= maxBytes }
  }
  const done = ({ fits: _, ...fitted }: ReturnType<typeof attempt>): Fitted => fitted
  const longest = Math.max(0, ...encoded.map((e) => e.bytes.length))
  const whole = attempt(longest)
  if (whole.fits) return done(whole)
  const empty = attempt(0)
  if (!empty.fits) return { ok: false, minimumBytes: utf8Length(empty.text) }
  // No body longer than the budget itself can fit, so the search starts there.
  let hi = Math.min(longest, maxBytes)
  let best = empty
  const top = attempt(hi)
  if (top.fits) return done(top)
  let lo = 0
  // Invariant: cap `lo` fits (best), cap `hi` does not.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    const tried = attempt(mid)
    if (tried.fits) {
      lo = mid
      best = tried
    } else {
      hi = mid
    }
  }
  return done(best)
}
