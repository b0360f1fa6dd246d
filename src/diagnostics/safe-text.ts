/**
 * Quoting untrusted input in messages. In this order, always: redact secrets (the hub
 * token, `user:pass@` in URLs), then escape control characters (so a manifest key
 * cannot forge a `✓ … is valid` line, move the cursor or clear the screen), then clip
 * to a sane length. Redacting first matters: clipping first would print the start of
 * a token that the redaction no longer recognises.
 */

/** Longest echo of one input value, in code points, before the ellipsis. */
export const MAX_ECHO_LENGTH = 120

/** What replaces a secret. */
export const REDACTED = '[redacted]'

/** `scheme://user:pass@host` → `scheme://[redacted]@host` (and `user@` alone, which may be a token). */
export function redactUrlCredentials(text: string): string {
  return text.replace(/\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s/@"'<>]+@/g, `$1${REDACTED}@`)
}

/**
 * Every way `token` may appear in text: as is, and as JSON or URL encoding would
 * write it (a hub that echoes the token inside a JSON string escapes `"` and `\`).
 */
function tokenForms(token: string): string[] {
  const forms = new Set([token, JSON.stringify(token).slice(1, -1), encodeURIComponent(token)])
  return [...forms].filter((form) => form !== '').sort((a, b) => b.length - a.length)
}

/** Removes the token (every form of it) and URL credentials from `text`. */
export function redactSecrets(text: string, token?: string): string {
  let out = text
  if (token) for (const form of tokenForms(token)) out = out.replaceAll(form, REDACTED)
  return redactUrlCredentials(out)
}

/**
 * Control characters made visible: C0 (newline, ESC, BEL, …), DEL, C1 (including the
 * one-byte CSI U+009B) and the bidi overrides that reorder what a terminal shows.
 */
export function escapeControl(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' }
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}

/** Clips to `max` code points (never splitting a surrogate pair), marking the cut with an ellipsis. */
export function clip(text: string, max = MAX_ECHO_LENGTH): string {
  const points = [...text]
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`
}

/** An input value as it may appear in a message: redacted, escaped, clipped. */
export function safeEcho(
  text: string,
  options: { readonly token?: string | undefined; readonly max?: number } = {},
): string {
  return clip(escapeControl(redactSecrets(text, options.token)), options.max)
}
