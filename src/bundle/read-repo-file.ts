/**
 * The one way `prepare` reads a file of the repo: contained, bounded and text only.
 * A path that is absolute, climbs with `..`, or resolves (through any symlink, of a
 * file or of a directory, even one swapped in while reading) outside the repo root is
 * refused, as are hard-linked files, secrets files, non-regular files and binary files
 * (the checks on the opened descriptor live in `src/fs/read-contained.ts`). Refusals are values, not exceptions: the caller
 * counts them as missing and warns.
 */
import { isAbsolute, sep } from 'node:path'
import { readContained } from '../fs/read-contained.ts'
import { secretFileReason } from './secret-paths.ts'
import { decodeUtf8, utf8PrefixLength } from './utf8.ts'

/** Default cap on the bytes read from one file. */
export const DEFAULT_READ_LIMIT = 1024 * 1024

/**
 * Hard cap on the bytes read from one file, whatever the budget asks: 16 MiB of text is
 * more than any LLM context, and a 400 MB budget must not mean 400 MB (times the string
 * copies of rendering) on the heap.
 */
export const MAX_READ_LIMIT = 16 * 1024 * 1024

/** The outcome of reading one repo file. */
export type RepoFile =
  | {
      readonly status: 'found'
      /** The repo-relative path as asked for. */
      readonly path: string
      /** The text read: at most `limit` bytes, cut on a character boundary. */
      readonly text: string
      /** Size of the whole file in bytes. */
      readonly size: number
      /** Bytes of the file that were not read because of the limit. */
      readonly omittedBytes: number
    }
  | { readonly status: 'missing'; readonly path: string }
  | { readonly status: 'refused'; readonly path: string; readonly reason: string }

/** Options of `readRepoFile`. */
export interface ReadRepoFileOptions {
  /** Read at most this many bytes (default 1 MiB, never more than `MAX_READ_LIMIT`); the rest is counted in `omittedBytes`. */
  readonly limit?: number
  /** Keep NUL bytes instead of refusing the file as binary (JSON-lines logs: a bad line is dropped, not the file). */
  readonly allowNul?: boolean
  /** Read the last `limit` bytes instead of the first (memory: its newest entries are at the end). */
  readonly fromEnd?: boolean
}

const refused = (path: string, reason: string): RepoFile => ({ status: 'refused', path, reason })

/** Why a path is refused before touching the filesystem, or undefined. */
function lexicalProblem(path: string): string | undefined {
  if (path === '' || path === '.') return 'it names no file'
  if (path.includes('\0')) return 'it contains a NUL character'
  if (isAbsolute(path) || /^[A-Za-z]:/.test(path) || path.startsWith('\\')) {
    return 'it is an absolute path; only repo-relative paths are read'
  }
  if (path.split(/[\\/]/).includes('..')) return "it climbs out with '..'; only paths inside the repo are read"
  return undefined
}

/** Reads `relativePath` under `root`, refusing anything that is not a text file inside the root. */
export async function readRepoFile(
  root: string,
  relativePath: string,
  options: ReadRepoFileOptions = {},
): Promise<RepoFile> {
  // However large the budget, one file is never held beyond the hard cap (no heap blow-up).
  const limit = Math.min(options.limit ?? DEFAULT_READ_LIMIT, MAX_READ_LIMIT)
  const problem = lexicalProblem(relativePath)
  if (problem) return refused(relativePath, problem)
  const asked = secretFileReason(relativePath.split(sep).join('/'))
  if (asked) return refused(relativePath, `${asked}; secrets are never bundled`)

  const read = await readContained(root, relativePath, { limit, fromEnd: options.fromEnd === true })
  if (read.status === 'missing') return { status: 'missing', path: relativePath }
  if (read.status === 'refused') return refused(relativePath, read.reason)
  // The name the kernel opened decides too: a symlink inside the repo may lead to `.env`.
  const secret = read.realRelative === undefined ? undefined : secretFileReason(read.realRelative)
  if (secret) return refused(relativePath, `${secret}; secrets are never bundled`)
  const bytes = read.bytes
  // Where the bytes start in the file: 0, or the tail's offset with `fromEnd`.
  const position = options.fromEnd ? read.size - bytes.length : 0
  if (!options.allowNul) {
    const nul = bytes.indexOf(0)
    if (nul !== -1) return refused(relativePath, `it looks binary (NUL byte at offset ${position + nul})`)
  }
  if (options.fromEnd) {
    // The tail: skip continuation bytes (and the extra byte) so the text starts on a character.
    let start = bytes.length > limit ? bytes.length - limit : 0
    while (start < bytes.length && ((bytes[start] ?? 0) & 0xc0) === 0x80) start++
    return {
      status: 'found',
      path: relativePath,
      text: decodeUtf8(bytes.subarray(start)),
      size: read.size,
      omittedBytes: position + start,
    }
  }
  const kept = utf8PrefixLength(bytes, limit)
  return {
    status: 'found',
    path: relativePath,
    text: decodeUtf8(bytes.subarray(0, kept)),
    size: read.size,
    omittedBytes: read.size - kept,
  }
}
