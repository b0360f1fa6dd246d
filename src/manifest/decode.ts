/** Stage 1 of loading: raw bytes → text, refusing what is not a small UTF-8 text file. */
import { type Diagnostic, errorAt, type Position, START } from '../diagnostics/diagnostic.ts'

/** Largest manifest accepted; checked before decoding or parsing. */
export const MAX_MANIFEST_BYTES = 1024 * 1024

/** Decoded text, or the reason the bytes are not a manifest. */
export type Decoded = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic }

const EMPTY_MESSAGE = 'file is empty; a manifest needs at least `version: 1` and `agents:`'

/** The message for a manifest with nothing but blanks and comments, shared with the YAML stage. */
export const NO_CONTENT_MESSAGE =
  'file has no content (only comments or blank lines); a manifest needs at least `version: 1` and `agents:`'

/** Decodes manifest bytes: size cap, UTF-16 and binary (NUL) checks, strict UTF-8, BOM dropped. */
export function decodeManifestBytes(bytes: Uint8Array, file: string, totalSize = bytes.length): Decoded {
  if (totalSize > MAX_MANIFEST_BYTES) {
    return fail(
      file,
      START,
      'size',
      `file is ${totalSize} bytes; a manifest may be at most ${MAX_MANIFEST_BYTES} bytes (1 MiB)`,
    )
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail(file, START, 'encoding', 'file is UTF-16 text; save it as UTF-8')
  }
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    return fail(
      file,
      positionOfByte(bytes, nul),
      'binary',
      `file looks binary (NUL byte at offset ${nul}); a manifest is YAML text`,
    )
  }
  let text: string
  try {
    // The default decoder drops a leading BOM; `fatal` turns bad sequences into an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    const bad = firstInvalidUtf8(bytes)
    const shown = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0')
    return fail(
      file,
      positionOfByte(bytes, bad),
      'encoding',
      `file is not valid UTF-8 (byte 0x${shown} at offset ${bad}); save it as UTF-8 text`,
    )
  }
  if (text.trim() === '') return fail(file, START, 'empty', EMPTY_MESSAGE)
  return { ok: true, text }
}

function fail(file: string, at: Position, keyword: string, message: string): Decoded {
  return { ok: false, diagnostic: errorAt(file, at, '', keyword, message) }
}

/**
 * Offset of the first byte that is not part of valid UTF-8. Every character before it
 * decodes from exactly its own bytes, so walking the lenient decoding finds it; a
 * U+FFFD that the file really contains (EF BF BD) is not mistaken for a bad byte.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
  let offset = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    const isRealReplacement = bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd
    if (code === 0xfffd && !isRealReplacement) return offset
    offset += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
  }
  return Math.min(offset, bytes.length - 1)
}

/** Line and column (in characters, as editors count them) of a byte offset. */
function positionOfByte(bytes: Uint8Array, offset: number): Position {
  const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1
  let line = 1
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++
  // The default decoder drops a leading BOM, which editors do not count as a column either.
  const before = new TextDecoder().decode(bytes.subarray(lineStart, offset))
  return { line, column: before.length + 1 }
}
