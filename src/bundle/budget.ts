/**
 * The byte budget (`--max-bytes`): section bodies are cut until the rendered bundle
 * fits, the largest first. Every body is capped at the same byte count C, and C is the
 * largest value whose rendering fits — so a body is only cut when it is bigger than
 * every body left whole. Each cut body ends with a marker saying how much was cut.
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
  | { readonly ok: true; readonly bodies: readonly FittedBody[]; readonly text: string }
  | { readonly ok: false; readonly minimumBytes: number }

/** The visible note that ends a cut body. */
export const truncationMarker = (cut: number, total: number): string =>
  `\n\n[… truncated: ${cut} of ${total} bytes cut to fit the byte budget (--max-bytes)]\n`

/** Cuts every body to at most `cap` bytes of its own text (plus the marker when cut). */
function capBodies(encoded: readonly { bytes: Uint8Array; body: Body }[], cap: number): FittedBody[] {
  return encoded.map(({ bytes, body }) => {
    const unread = body.totalBytes - bytes.length
    if (bytes.length <= cap && unread <= 0) return { content: body.content, truncatedBytes: 0 }
    const kept = utf8PrefixLength(bytes, Math.min(cap, bytes.length))
    const cut = body.totalBytes - kept
    return {
      content: decodeUtf8(bytes.subarray(0, kept)) + truncationMarker(cut, body.totalBytes),
      truncatedBytes: cut,
    }
  })
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
    const fitted = capBodies(encoded, cap)
    const text = render(fitted)
    return { fitted, text, fits: utf8Length(text) <= maxBytes }
  }
  const longest = Math.max(0, ...encoded.map((e) => e.bytes.length))
  const whole = attempt(longest)
  if (whole.fits) return { ok: true, bodies: whole.fitted, text: whole.text }
  const empty = attempt(0)
  if (!empty.fits) return { ok: false, minimumBytes: utf8Length(empty.text) }
  // No body longer than the budget itself can fit, so the search starts there.
  let hi = Math.min(longest, maxBytes)
  let best = empty
  const top = attempt(hi)
  if (top.fits) return { ok: true, bodies: top.fitted, text: top.text }
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
  return { ok: true, bodies: best.fitted, text: best.text }
}
