/**
 * The one way `prepare` reads a file of the repo: contained, bounded and text only.
 * A path that is absolute, climbs with `..`, or resolves (through any symlink, of a
 * file or of a directory) outside the repo root is refused, as are secrets files,
 * non-regular files and binary files. Refusals are values, not exceptions: the caller
 * counts them as missing and warns.
 */
import { constants } from 'node:fs'
import { open, realpath } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'
import { secretFileReason } from './secret-paths.ts'
import { decodeUtf8, utf8PrefixLength } from './utf8.ts'

/** Default cap on the bytes read from one file. */
export const DEFAULT_READ_LIMIT = 1024 * 1024

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
  /** Read at most this many bytes (default 1 MiB); the rest is counted in `omittedBytes`. */
  readonly limit?: number
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

const isOutside = (fromRoot: string): boolean =>
  fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot)

/** Reads `relativePath` under `root`, refusing anything that is not a text file inside the root. */
export async function readRepoFile(
  root: string,
  relativePath: string,
  options: ReadRepoFileOptions = {},
): Promise<RepoFile> {
  const limit = options.limit ?? DEFAULT_READ_LIMIT
  const problem = lexicalProblem(relativePath)
  if (problem) return refused(relativePath, problem)

  let real: string
  let rootReal: string
  try {
    rootReal = await realpath(root)
    real = await realpath(join(rootReal, relativePath))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing', path: relativePath }
    if (code === 'ELOOP') return refused(relativePath, 'it is a symlink loop')
    return refused(relativePath, `it cannot be resolved (${code ?? 'error'})`)
  }
  const fromRoot = relative(rootReal, real)
  if (isOutside(fromRoot)) return refused(relativePath, 'it resolves outside the repo root (through a symlink)')
  const secret = secretFileReason(fromRoot.split(sep).join('/'))
  if (secret) return refused(relativePath, `${secret}; secrets are never bundled`)

  let handle: Awaited<ReturnType<typeof open>>
  try {
    // O_NOFOLLOW: the resolved path has no symlink left, so one appearing now is a swap.
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { status: 'missing', path: relativePath }
    return refused(relativePath, `it cannot be opened (${code ?? 'error'})`)
  }
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) return refused(relativePath, 'it is not a regular file')
    // One byte past the limit shows whether the cut would split a character.
    const buffer = new Uint8Array(Math.min(stats.size, limit + 1))
    const position = options.fromEnd ? Math.max(0, stats.size - buffer.length) : 0
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position)
    const bytes = buffer.subarray(0, bytesRead)
    const nul = bytes.indexOf(0)
    if (nul !== -1) return refused(relativePath, `it looks binary (NUL byte at offset ${position + nul})`)
    const size = Math.max(stats.size, position + bytesRead)
    if (options.fromEnd) {
      // The tail: skip continuation bytes (and the extra byte) so the text starts on a character.
      let start = bytes.length > limit ? bytes.length - limit : 0
      while (start < bytes.length && ((bytes[start] ?? 0) & 0xc0) === 0x80) start++
      return {
        status: 'found',
        path: relativePath,
        text: decodeUtf8(bytes.subarray(start)),
        size,
        omittedBytes: position + start,
      }
    }
    const kept = utf8PrefixLength(bytes, limit)
    return {
      status: 'found',
      path: relativePath,
      text: decodeUtf8(bytes.subarray(0, kept)),
      size,
      omittedBytes: size - kept,
    }
  } catch (error) {
    return refused(relativePath, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  } finally {
    await handle.close()
  }
}
