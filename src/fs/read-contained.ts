/**
 * The one bounded reader of input files, and the contained reader of repo content.
 *
 * `readContained(root, path)` never trusts a path check made before the open: an
 * attacker can swap a directory for a symlink between any check and the open. So it
 * opens first (`O_NOFOLLOW` for the last component, `O_NONBLOCK` so a FIFO cannot make
 * it wait), then asks the kernel which file the *descriptor* is: on Linux the link
 * `/proc/self/fd/N` names the path the kernel really opened. That path must lie inside
 * the root's real path, and a fresh `stat` of it must show the same device and inode as
 * `fstat` of the descriptor. Only then are bytes read, from the descriptor, at most the
 * limit. A file with more than one hard link is refused (its other name may be outside
 * the repo, e.g. `/etc/passwd`), as are directories, FIFOs, sockets and devices.
 *
 * Where `/proc/self/fd` does not exist (macOS, a container without /proc) the check
 * falls back to `realpath` of the opened path plus the same device/inode comparison:
 * a swap between the open and the check is still caught when it changes the inode
 * under the name, but a swap-and-swap-back in that window is not; the fallback is
 * weaker and says so in the README's security model.
 *
 * `readContainedSync` takes the same steps with synchronous calls, deciding with the
 * same functions (resolve failure, open failure, where the descriptor lies, identity,
 * kind): for thousands of tiny reads from a warm cache (discover), where a thread-pool
 * round trip per call costs more than the call. It differs only in how it resolves the
 * path before the open (an lstat per component under the real root, realpath from the
 * first symlink on), and a test holds it to readContained's answers case by case.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs'
import { type FileHandle, open, readlink, realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'

/** The outcome of a bounded read: the bytes (at most `limit` + 1, see below), or why there are none. */
export type BoundedRead =
  | {
      readonly status: 'found'
      /** At most `limit + 1` bytes from the start (the end with `fromEnd`): one byte past the limit shows that (and where) it was cut. */
      readonly bytes: Uint8Array
      /** The whole file's size in bytes (for pipes: the bytes seen). */
      readonly size: number
      /** The file's path relative to the root, as the kernel opened it (contained reads only). */
      readonly realRelative?: string
    }
  | { readonly status: 'missing' }
  | { readonly status: 'refused'; readonly reason: string; readonly code: RefusalCode }

/** Why a read was refused, as a stable code (the reason is the words for it). */
export type RefusalCode =
  | 'outside'
  | 'hardlink'
  | 'not-regular'
  | 'directory'
  | 'symlink'
  | 'permission'
  | 'changed'
  | 'error'

/** Options of the bounded readers. */
export interface BoundedReadOptions {
  /** Bytes wanted at most; `limit + 1` are read so a caller can tell a cut (and cut on a character boundary). */
  readonly limit: number
  /** Accept FIFOs and pipes (`<(…)`), read without waiting for a writer; default false. */
  readonly allowPipes?: boolean
  /** Regular files: read the last `limit + 1` bytes instead of the first (memory keeps its newest entries at the end). */
  readonly fromEnd?: boolean
}

const refused = (code: RefusalCode, reason: string): BoundedRead => ({ status: 'refused', code, reason })

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK

/** Words for the errno of a failed open or read. */
export function openErrorWords(code: string | undefined): { code: RefusalCode; reason: string } {
  switch (code) {
    case 'ELOOP':
      return { code: 'symlink', reason: 'it is a symlink (or a symlink loop); symlinks are not followed here' }
    case 'EACCES':
    case 'EPERM':
      return { code: 'permission', reason: 'it cannot be read: permission denied' }
    case 'EISDIR':
      return { code: 'directory', reason: 'it is a directory, not a regular file' }
    case 'ENXIO':
      return { code: 'not-regular', reason: 'it is a socket or a device without a reader, not a regular file' }
    default:
      return { code: 'error', reason: `it cannot be read (${code ?? 'error'})` }
  }
}

const isOutside = (fromRoot: string): boolean =>
  fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot)

let procFdAvailable: boolean | undefined

/** Whether `/proc/self/fd` can tell what a descriptor is (Linux with /proc mounted); asked once. */
function hasProcFd(): boolean {
  if (procFdAvailable === undefined) {
    try {
      procFdAvailable = statSync('/proc/self/fd').isDirectory()
    } catch {
      procFdAvailable = false
    }
  }
  return procFdAvailable
}

/** A `/proc/self/fd` link target as a path, or undefined for an unnamed file. */
const procTarget = (target: string | undefined): string | undefined =>
  // A deleted or otherwise unnamed file reads as "… (deleted)" or "pipe:[…]": not a path inside the root.
  target !== undefined && isAbsolute(target) && !target.endsWith(' (deleted)') ? target : undefined

/** The path the descriptor was really opened at, or undefined when that cannot be told (writers check theirs too). */
export async function openedPath(handle: FileHandle, requested: string): Promise<string | undefined> {
  if (hasProcFd()) return procTarget(await readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined))
  // Fallback without /proc: where the requested name leads now (checked against the descriptor below).
  return realpath(requested).catch(() => undefined)
}

/** `openedPath` for a raw descriptor, synchronously. */
function openedPathSync(fd: number, requested: string): string | undefined {
  try {
    return hasProcFd() ? procTarget(readlinkSync(`/proc/self/fd/${fd}`)) : realpathSync.native(requested)
  } catch {
    return undefined
  }
}

const sameFile = (a: Stats, b: Stats): boolean => a.dev === b.dev && a.ino === b.ino

/** Reads at most `max` bytes from the descriptor, chunk by chunk (pipes give what they have). */
async function readUpTo(handle: FileHandle, max: number, pipe: boolean, start = 0): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let total = 0
  let idle = 0
  for (;;) {
    const chunk = new Uint8Array(Math.min(1024 * 1024, max - total))
    if (chunk.length === 0) break
    let bytesRead: number
    try {
      ;({ bytesRead } = await handle.read(chunk, 0, chunk.length, pipe ? null : start + total))
    } catch (error) {
      // A non-blocking pipe with a writer but no data yet: wait a little, without a busy loop.
      if (pipe && (error as NodeJS.ErrnoException).code === 'EAGAIN') {
        idle++
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, idle)))
        continue
      }
      throw error
    }
    if (bytesRead === 0) break
    idle = 0
    chunks.push(chunk.subarray(0, bytesRead))
    total += bytesRead
  }
  return Buffer.concat(chunks, total)
}

/** Why a descriptor of this kind is not read, or undefined for a regular file (or an allowed pipe). */
function kindRefusal(info: Stats, allowPipes: boolean | undefined): BoundedRead | undefined {
  const pipe = info.isFIFO()
  if (info.isDirectory()) return refused('directory', 'it is a directory, not a regular file')
  if (pipe && !allowPipes) return refused('not-regular', 'it is a FIFO (named pipe), not a regular file')
  if (!info.isFile() && !pipe) {
    const kind = info.isSocket()
      ? 'a socket'
      : info.isCharacterDevice() || info.isBlockDevice()
        ? 'a device'
        : 'special'
    return refused('not-regular', `it is ${kind}, not a regular file`)
  }
  return undefined
}

/** Checks what the descriptor is (kind, links) and reads its bytes, bounded. */
async function checkAndRead(
  handle: FileHandle,
  info: Stats,
  options: BoundedReadOptions,
  extra: Partial<{ realRelative: string }> = {},
): Promise<BoundedRead> {
  const refusal = kindRefusal(info, options.allowPipes)
  if (refusal) return refusal
  const pipe = info.isFIFO()
  const wanted = options.limit + 1
  const start = !pipe && options.fromEnd ? Math.max(0, info.size - wanted) : 0
  const bytes = await readUpTo(handle, pipe ? wanted : Math.min(info.size, wanted), pipe, start)
  const size = pipe ? bytes.length : Math.max(info.size, start + bytes.length)
  return { status: 'found', bytes, size, ...extra }
}

/**
 * Reads a file an operator named (a manifest path, a roster file): bounded, not
 * following a final symlink only when asked, never waiting on a FIFO. No containment.
 */
export async function readBounded(
  path: string,
  options: BoundedReadOptions & { readonly followSymlinks?: boolean },
): Promise<BoundedRead> {
  let handle: FileHandle
  try {
    const flags = options.followSymlinks === false ? OPEN_FLAGS : constants.O_RDONLY | constants.O_NONBLOCK
    handle = await open(path, flags)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' }
    const words = openErrorWords(code)
    return refused(words.code, words.reason)
  }
  try {
    return await checkAndRead(handle, await handle.stat(), options)
  } catch (error) {
    const words = openErrorWords((error as NodeJS.ErrnoException).code)
    return refused(words.code, words.reason)
  } finally {
    await handle.close()
  }
}

/** A failed `realpath` of the root or of the file under it, as an outcome. */
function resolveFailure(error: unknown): BoundedRead {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' }
  if (code === 'ELOOP') return refused('symlink', 'it is a symlink loop')
  return refused('error', `it cannot be resolved (${code ?? 'error'})`)
}

/** A failed open of the resolved path, as an outcome. */
function openFailure(error: unknown): BoundedRead {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' }
  // ELOOP here: the resolved path had no symlink left a moment ago, so one appearing now is a swap.
  if (code === 'ELOOP') return refused('changed', 'it changed while being opened (a symlink appeared); not read')
  const words = openErrorWords(code)
  return refused(words.code, words.reason)
}

/** A refusal when the resolved path already leads out: a first, cheap answer (the descriptor decides). */
const resolvedOutside = (rootReal: string, resolved: string): BoundedRead | undefined =>
  isOutside(relative(rootReal, resolved))
    ? refused('outside', 'it resolves outside the repo root (through a symlink)')
    : undefined

/** Where the opened descriptor lies relative to the root (forward slashes), or the refusal. */
function locateOpened(
  rootReal: string,
  opened: string | undefined,
): { readonly opened: string; readonly fromRoot: string } | BoundedRead {
  if (opened === undefined) return refused('changed', 'it cannot be located after opening (deleted or moved); not read')
  const fromRoot = relative(rootReal, opened)
  if (isOutside(fromRoot) || fromRoot === '')
    return refused('outside', 'it was opened outside the repo root (a directory on its path was swapped for a symlink)')
  return { opened, fromRoot }
}

/** The refusal when the name no longer shows the opened file, or the file has other names; else undefined. */
function identityRefusal(info: Stats, now: Stats | undefined): BoundedRead | undefined {
  if (now === undefined || !sameFile(now, info))
    return refused('changed', 'it changed while being opened (another file is at its path now); not read')
  if (info.isFile() && info.nlink > 1) {
    return refused(
      'hardlink',
      `it has ${info.nlink} hard links; a hard-linked file may be a file outside the repo under another name`,
    )
  }
  return undefined
}

/**
 * Reads `relativePath` under `root`, only if the file the kernel opened is a regular,
 * singly-linked file inside the root's real path (see the module comment). Symlinks
 * inside the repo that stay inside it are followed (they are resolved before the
 * open); anything that leads out, at any moment, is refused.
 */
export async function readContained(
  root: string,
  relativePath: string,
  options: BoundedReadOptions,
): Promise<BoundedRead> {
  let rootReal: string
  let resolved: string
  try {
    rootReal = await realpath(root)
    resolved = await realpath(join(rootReal, relativePath))
  } catch (error) {
    return resolveFailure(error)
  }
  const outside = resolvedOutside(rootReal, resolved)
  if (outside) return outside
  let handle: FileHandle
  try {
    handle = await open(resolved, OPEN_FLAGS)
  } catch (error) {
    return openFailure(error)
  }
  try {
    const info = await handle.stat()
    const located = locateOpened(rootReal, await openedPath(handle, resolved))
    if ('status' in located) return located
    const changed = identityRefusal(info, await stat(located.opened).catch(() => undefined))
    if (changed) return changed
    return await checkAndRead(handle, info, options, { realRelative: located.fromRoot.split(sep).join('/') })
  } catch (error) {
    const words = openErrorWords((error as NodeJS.ErrnoException).code)
    return refused(words.code, words.reason)
  } finally {
    await handle.close()
  }
}

/** A repo root's real path, resolved once for several contained reads under it (`realRootSync`). */
export interface RealRoot {
  readonly real: string
}

/**
 * Resolves `root` for `readContainedSync`, or says why nothing under it can be read
 * (missing, a loop, …: what `readContainedSync` itself would answer). Reads under a
 * `RealRoot` are checked against it exactly as against a root resolved per read: a root
 * that changes in between leads every opened path elsewhere, so they are refused.
 */
export function realRootSync(root: string): RealRoot | BoundedRead {
  try {
    return { real: realpathSync.native(root) }
  } catch (error) {
    return resolveFailure(error)
  }
}

/**
 * `readContained` with synchronous calls: the same steps and checks, in the same
 * order. For many tiny reads from a warm cache, where each asynchronous call's
 * thread-pool round trip costs more than the system call itself (`npm run bench`,
 * discover). Pipes are never read here (a contained read refuses FIFOs anyway).
 */
export function readContainedSync(
  root: string | RealRoot,
  relativePath: string,
  options: Omit<BoundedReadOptions, 'allowPipes'>,
): BoundedRead {
  let rootReal: string
  let resolved: string
  try {
    rootReal = typeof root === 'string' ? realpathSync.native(root) : root.real
    const under = resolveUnderSync(rootReal, relativePath)
    if (under === undefined) return { status: 'missing' }
    resolved = under
  } catch (error) {
    return resolveFailure(error)
  }
  const outside = resolvedOutside(rootReal, resolved)
  if (outside) return outside
  let fd: number
  try {
    fd = openSync(resolved, OPEN_FLAGS)
  } catch (error) {
    return openFailure(error)
  }
  try {
    const info = fstatSync(fd)
    const located = locateOpened(rootReal, openedPathSync(fd, resolved))
    if ('status' in located) return located
    const changed = identityRefusal(info, statOrUndefinedSync(located.opened))
    if (changed) return changed
    const refusal = kindRefusal(info, false)
    if (refusal) return refusal
    const wanted = options.limit + 1
    const start = options.fromEnd ? Math.max(0, info.size - wanted) : 0
    const bytes = readUpToSync(fd, Math.min(info.size, wanted), start)
    return {
      status: 'found',
      bytes,
      size: Math.max(info.size, start + bytes.length),
      realRelative: located.fromRoot.split(sep).join('/'),
    }
  } catch (error) {
    const words = openErrorWords((error as NodeJS.ErrnoException).code)
    return refused(words.code, words.reason)
  } finally {
    closeSync(fd)
  }
}

/**
 * `realpath(join(rootReal, relativePath))` for a root already real: only the relative
 * components can be symlinks, so each is lstat-ed (no exception object for a missing
 * one, where realpath would throw); the first symlink hands over to realpath itself.
 * Undefined when a component is missing (ENOENT); other errors throw, as realpath's do.
 */
function resolveUnderSync(rootReal: string, relativePath: string): string | undefined {
  const parts = relativePath.split('/')
  // Anything but plain names joined by single slashes (POSIX) is left to realpath itself.
  if (sep !== '/' || parts.some((part) => part === '' || part === '.' || part === '..'))
    return realpathSync.native(join(rootReal, relativePath))
  let path = rootReal
  for (const part of parts) {
    path = join(path, part)
    const info = lstatSync(path, { throwIfNoEntry: false })
    if (info === undefined) return undefined
    if (info.isSymbolicLink()) return realpathSync.native(join(rootReal, relativePath))
  }
  return path
}

/** A fresh stat of the path, or undefined when it cannot be had (as the asynchronous `.catch`). */
function statOrUndefinedSync(path: string): Stats | undefined {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

/** Reads at most `max` bytes of a regular file from `start`, into one buffer sized by fstat. */
function readUpToSync(fd: number, max: number, start: number): Uint8Array {
  // Zero-filled and not from the shared pool: the bytes handed back view no other data.
  const buffer = Buffer.alloc(max)
  let total = 0
  while (total < max) {
    const bytesRead = readSync(fd, buffer, total, max - total, start + total)
    if (bytesRead === 0) break
    total += bytesRead
  }
  return buffer.subarray(0, total)
}
