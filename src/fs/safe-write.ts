/**
 * Writing outputs without losing anything. The rules, in the order they are applied:
 *
 * - A pipe, FIFO or character device (`--emit /dev/stdout`, `--emit >(cat)`, a FIFO
 *   with a reader, `/dev/null`) is written *through*, like a shell redirect: opened
 *   for writing, never created, truncated or replaced. A FIFO without a reader is an
 *   error, not a wait.
 * - Any other symlink, a directory, a socket or a block device is refused: a
 *   temp-file-and-rename would replace the link or the node itself.
 * - An existing regular file is replaced (temp file + rename: readers see the old or
 *   the new content, never half) only when it is a previous output of ours (the caller
 *   says how to recognise one) or with `force`; a read-only file only with `force`.
 * - A new file is created exclusively (temp file + `link`, which fails when the name
 *   exists): of two writers racing for the same new name, exactly one wins, and the
 *   loser replaces nothing.
 */
import { randomBytes } from 'node:crypto'
import { constants, fstat, write as fsWrite, type Stats } from 'node:fs'
import { link, lstat, open, rename, rm, stat, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { readBounded } from './read-contained.ts'

/** Written, or why not (nothing was changed then). */
export type SafeWriteResult =
  | { readonly ok: true; readonly how: 'created' | 'replaced' | 'streamed' }
  | { readonly ok: false; readonly reason: SafeWriteRefusal; readonly message: string }

/** Why a write was refused. */
export type SafeWriteRefusal = 'exists' | 'not-ours' | 'not-regular' | 'symlink' | 'read-only' | 'no-reader' | 'error'

/** Options of `writeOutputFile`. */
export interface SafeWriteOptions {
  /** Whether existing content is a previous output of ours (may be replaced without `force`). */
  readonly isOurs?: (existing: string) => boolean
  /** Replace an existing regular file even when it is not ours (never a non-regular file or a symlink). */
  readonly force?: boolean
  /** Create only: an existing file of any kind is refused (`init`). */
  readonly exclusive?: boolean
  /** How the file is described in messages (default: the path). */
  readonly label?: string
}

const refuse = (reason: SafeWriteRefusal, message: string): SafeWriteResult => ({ ok: false, reason, message })

/** Largest existing file read to decide whether it is ours; our outputs are far smaller. */
const OURS_READ_LIMIT = 16 * 1024 * 1024

/** Words for an errno met while writing. */
export function writeErrorWords(code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'it is a directory'
    case 'EEXIST':
      return 'it already exists'
    case 'ENOSPC':
      return 'no space left on the device'
    case 'EROFS':
      return 'the file system is read-only'
    case 'ENOENT':
      return 'its directory does not exist'
    case 'ENOTDIR':
      return 'a part of its path is a file, not a directory'
    case 'EPIPE':
      return 'the reading end of the pipe was closed'
    default:
      return `error ${code ?? 'unknown'}`
  }
}

/** Whether a node is written through (like a shell redirect) rather than replaced. */
const isStreamTarget = (info: Stats): boolean => info.isFIFO() || info.isCharacterDevice() || info.isSocket()

/**
 * `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`: a descriptor this process already holds,
 * opened by the shell. Written through whatever it is (a redirect to a file included).
 */
const OWN_DESCRIPTOR = /^\/(?:dev\/(?:stdout|stderr|fd\/\d+)|proc\/self\/fd\/\d+)$/

const writesThrough = (path: string, target: Stats | undefined): boolean =>
  OWN_DESCRIPTOR.test(path) || (target !== undefined && isStreamTarget(target))

/** The descriptor number `/dev/stdout`, `/dev/fd/N` or `/proc/self/fd/N` names. */
function ownDescriptor(path: string): number | undefined {
  if (!OWN_DESCRIPTOR.test(path)) return undefined
  if (path === '/dev/stdout') return 1
  if (path === '/dev/stderr') return 2
  return Number(path.slice(path.lastIndexOf('/') + 1))
}

/** Writes all of `content` to an open descriptor, waiting (not failing) while a non-blocking pipe is full. */
async function writeAll(fd: number, content: Uint8Array): Promise<void> {
  let offset = 0
  let idle = 0
  while (offset < content.length) {
    try {
      offset += await new Promise<number>((resolve, reject) =>
        fsWrite(fd, content, offset, content.length - offset, null, (error, n) => (error ? reject(error) : resolve(n))),
      )
      idle = 0
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error
      idle++
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, idle)))
    }
  }
}

async function statOrUndefined(path: string, follow: boolean): Promise<Stats | undefined> {
  try {
    return follow ? await stat(path) : await lstat(path)
  } catch {
    return undefined
  }
}

/** Writes through a pipe, FIFO or character device; a pipe that is full is waited on, not failed. */
async function writeThrough(path: string, content: Uint8Array, label: string): Promise<SafeWriteResult> {
  const own = ownDescriptor(path)
  if (own !== undefined) {
    // A descriptor we hold (a socket pair from a parent process cannot be reopened by name): write to it as is.
    try {
      await writeAll(own, content)
      return { ok: true, how: 'streamed' }
    } catch (error) {
      return refuse('error', `cannot write ${label}: ${writeErrorWords((error as NodeJS.ErrnoException).code)}`)
    }
  }
  let handle: Awaited<ReturnType<typeof open>>
  try {
    // O_NONBLOCK: a FIFO without a reader fails at once (ENXIO) instead of waiting forever.
    handle = await open(path, constants.O_WRONLY | constants.O_NONBLOCK | constants.O_APPEND)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENXIO') return refuse('no-reader', `cannot write ${label}: it is a FIFO with no reader`)
    return refuse('error', `cannot write ${label}: ${writeErrorWords(code)}`)
  }
  try {
    await writeAll(handle.fd, content)
    return { ok: true, how: 'streamed' }
  } catch (error) {
    return refuse('error', `cannot write ${label}: ${writeErrorWords((error as NodeJS.ErrnoException).code)}`)
  } finally {
    await handle.close()
  }
}

const tempNameFor = (path: string): string =>
  join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)

/** Creates `path` atomically and exclusively: temp file, then `link` (fails on any existing name). */
export async function createExclusive(path: string, content: string | Uint8Array): Promise<'created' | 'exists'> {
  const temp = tempNameFor(path)
  await writeFile(temp, content, { flag: 'wx', mode: 0o644 })
  try {
    await link(temp, path)
    return 'created'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return 'exists'
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error
  } finally {
    await unlink(temp).catch(() => undefined)
  }
  // A file system without hard links: still exclusive (O_EXCL), though a reader may see it half-written.
  try {
    await writeFile(path, content, { flag: 'wx', mode: 0o644 })
    return 'created'
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists'
    throw error
  }
}

/** Replaces the regular file at `path` atomically (temp file + rename). */
async function replaceRegular(path: string, content: string | Uint8Array): Promise<void> {
  const temp = tempNameFor(path)
  try {
    await writeFile(temp, content, { flag: 'wx', mode: 0o644 })
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** Why `path` may not be written under `options`, checked without writing; undefined when it may. */
export async function outputFileProblem(
  path: string,
  options: SafeWriteOptions = {},
): Promise<{ reason: SafeWriteRefusal; message: string } | undefined> {
  const label = options.label ?? path
  const fd = ownDescriptor(path)
  if (fd !== undefined) {
    const open = await new Promise<boolean>((resolve) => fstat(fd, (error) => resolve(error === null)))
    return open ? undefined : { reason: 'error', message: `cannot write ${label}: descriptor ${fd} is not open` }
  }
  const own = await statOrUndefined(path, false)
  if (own === undefined) return undefined
  if (options.exclusive) return { reason: 'exists', message: `${label} already exists; not overwriting it` }
  if (own.isSymbolicLink()) {
    if (writesThrough(path, await statOrUndefined(path, true))) return undefined
    const target = await statOrUndefined(path, true)
    return {
      reason: 'symlink',
      message: `cannot write ${label}: it is a symlink${target ? '' : ' to nothing'}; refusing to replace or follow it`,
    }
  }
  if (isStreamTarget(own)) return undefined
  if (own.isDirectory()) return { reason: 'not-regular', message: `cannot write ${label}: it is a directory` }
  if (!own.isFile()) return { reason: 'not-regular', message: `cannot write ${label}: it is not a regular file` }
  if (options.force) return undefined
  if ((own.mode & 0o222) === 0) {
    return { reason: 'read-only', message: `cannot write ${label}: it is read-only (use --force to replace it)` }
  }
  const existing = await readBounded(path, { limit: OURS_READ_LIMIT, followSymlinks: false })
  const text = existing.status === 'found' ? new TextDecoder().decode(existing.bytes) : undefined
  if (text !== undefined && options.isOurs?.(text)) return undefined
  return {
    reason: 'not-ours',
    message: `cannot write ${label}: it exists and is not a previous output of this command; not overwriting it (use --force to replace it)`,
  }
}

/** Writes `content` to `path` by the rules in the module comment. */
export async function writeOutputFile(
  path: string,
  content: string | Uint8Array,
  options: SafeWriteOptions = {},
): Promise<SafeWriteResult> {
  const label = options.label ?? path
  const problem = await outputFileProblem(path, options)
  if (problem) return refuse(problem.reason, problem.message)
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content
  const target = await statOrUndefined(path, true)
  try {
    if (writesThrough(path, target)) return await writeThrough(path, bytes, label)
    if (target === undefined) {
      const created = await createExclusive(path, bytes)
      // Someone created the name between the check and now: theirs stands, ours is dropped.
      if (created === 'exists')
        return refuse('exists', `${label} was created by another process just now; not overwriting it`)
      return { ok: true, how: 'created' }
    }
    await replaceRegular(path, bytes)
    return { ok: true, how: 'replaced' }
  } catch (error) {
    return refuse('error', `cannot write ${label}: ${writeErrorWords((error as NodeJS.ErrnoException).code)}`)
  }
}
