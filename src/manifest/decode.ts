/** Stage 1 of loading: raw bytes → text, refusing what is not a small UTF-8 text file. */
import { type Diagnostic, errorAt, START } from '../diagnostics/diagnostic.ts'

/** Largest manifest accepted; checked before decoding or parsing. */
export const MAX_MANIFEST_BYTES = 1024 * 1024

/** Decoded text, or the reason the bytes are not a manifest. */
export type Decoded = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic }

/** Decodes manifest bytes: size cap, binary (NUL) check, strict UTF-8, BOM dropped. */
export function decodeManifestBytes(bytes: Uint8Array, file: string, totalSize = bytes.length): Decoded {
  if (totalSize > MAX_MANIFEST_BYTES) {
    return fail(
      file,
      'size',
      `file is ${totalSize} bytes; a manifest may be at most ${MAX_MANIFEST_BYTES} bytes (1 MiB)`,
    )
  }
  const nul = bytes.indexOf(0)
  if (nul !== -1) return fail(file, 'binary', `file looks binary (NUL byte at offset ${nul}); a manifest is YAML text`)
  let text: string
  try {
    // The default decoder drops a leading BOM; `fatal` turns bad sequences into an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return fail(file, 'encoding', 'file is not valid UTF-8; save it as UTF-8 text')
  }
  if (text.trim() === '')
    return fail(file, 'empty', 'file is empty; a manifest needs at least `version: 1` and `agents:`')
  return { ok: true, text }
}

function fail(file: string, keyword: string, message: string): Decoded {
  return { ok: false, diagnostic: errorAt(file, START, '', keyword, message) }
}
