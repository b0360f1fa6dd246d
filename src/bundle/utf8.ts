/** Byte-level helpers for UTF-8 text: budgets are in bytes, and a cut must never split a character. */

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8')

/** Size of `text` in UTF-8 bytes. */
export const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8')

/** The text as UTF-8 bytes. */
export const utf8Bytes = (text: string): Uint8Array => encoder.encode(text)

/**
 * The longest prefix of `bytes` that is at most `limit` bytes and ends on a character
 * boundary: a continuation byte (10xxxxxx) is never the first byte kept after the cut.
 */
export function utf8PrefixLength(bytes: Uint8Array, limit: number): number {
  if (limit >= bytes.length) return bytes.length
  let end = Math.max(0, limit)
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--
  return end
}

/** Decodes UTF-8 bytes; invalid sequences become U+FFFD rather than failing. */
export const decodeUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes)
