/**
 * Appends one line to a file inside a repo: contained, never through a link, and in one
 * `write(2)` so concurrent writers cannot interleave.
 *
 * Why no lock: the file is opened with `O_APPEND` and each line goes out in a single
 * `write`. On a local POSIX filesystem (ext4, xfs, btrfs, tmpfs, APFS) the kernel seeks
 * to the end and writes under the inode's lock, so two appends never interleave or
 * overwrite each other. POSIX itself only promises atomicity up to PIPE_BUF for pipes,
 * so lines are held to `MAX_LINE_BYTES` (4 KiB, PIPE_BUF on Linux): a size every local
 * filesystem writes in one piece. NFS does not honour `O_APPEND` across clients; keep the
 * metrics log on a local disk. `test/fs/append-line.test.ts` starts 20 recorders at once
 * and `npm run bench` 8 concurrent writers; both check that every line arrives whole.
 *
 * Why a leading newline sometimes: a crash (or a full disk) mid-write can leave a line
 * without its "\n". Such a line is never valid JSON (a strict prefix of a JSON object
 * lacks its closing brace), and the next line starts with "\n" so the torn one stays a
 * separate, malformed line that readers report and skip instead of merging it with a
 * good record.
 */
import { constants, type Stats } from 'node:fs'
import { type FileHandle, mkdir, open, realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'
import { openedPath } from './read-contained.ts'

/** The longest line appended in one piece (bytes, including the newlines added here). */
export const MAX_LINE_BYTES = 4096

/** What happened to the line. */
export type AppendOutcome =
  | {
      readonly ok: true
      /** Absolute path of the file written. */
      readonly path: string
      /** Bytes written. */
      readonly bytes: number
      /** Whether the file did not end with a newline (a torn earlier write) and one was added first. */
      readonly repairedTornLine: boolean
    }
  | { readonly ok: false; readonly reason: string }

const refuse = (reason: string): AppendOutcome => ({ ok: false, reason })

const isOutside = (fromRoot: string): boolean =>
  fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot)

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error'

/**
 * The real path of `root/dirs…`, creating each missing directory, or why not. Every step
 * must resolve inside the root: a directory symlink that stays inside is followed (as the
 * readers do), one that leads out is refused, and nothing is created beyond it.
 */
async function containedDirectory(rootReal: string, dirs: readonly string[]): Promise<string | { reason: string }> {
  let current = rootReal
  for (const [index, name] of dirs.entries()) {
    const shown = dirs.slice(0, index + 1).join('/')
    const next = join(current, name)
    let real: string
    try {
      real = await realpath(next)
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') return { reason: `${shown} cannot be resolved (${codeOf(error)})` }
      try {
        // mkdir never follows a link at `next`: a dangling link planted there is EEXIST, then refused below.
        await mkdir(next, { mode: 0o755 })
      } catch (mkdirError) {
        if (codeOf(mkdirError) !== 'EEXIST') return { reason: `${shown} cannot be created (${codeOf(mkdirError)})` }
      }
      try {
        real = await realpath(next)
      } catch (again) {
        return { reason: `${shown} cannot be resolved (${codeOf(again)}); a dangling symlink?` }
      }
    }
    if (isOutside(relative(rootReal, real))) return { reason: `${shown} resolves outside the repo (through a symlink)` }
    if (!(await stat(real)).isDirectory()) return { reason: `${shown} is not a directory` }
    current = real
  }
  return current
}

/** Whether the last byte of the open file is a newline (true for an empty file). */
async function endsWithNewline(handle: FileHandle, size: number): Promise<boolean> {
  if (size === 0) return true
  const last = new Uint8Array(1)
  const { bytesRead } = await handle.read(last, 0, 1, size - 1)
  return bytesRead === 1 && last[0] === 0x0a
}

/** Checks the open file (`opened`: its fstat) is a regular, singly linked file that is still `path`, inside the root. */
async function openedFileProblem(
  handle: FileHandle,
  opened: Stats,
  path: string,
  rootReal: string,
): Promise<string | undefined> {
  if (!opened.isFile()) return 'it is not a regular file'
  // A hard link would let a write land in a file outside the repo that shares the inode.
  if (opened.nlink > 1) return `it has ${opened.nlink} hard links; records are never written through a link`
  // The directories were checked before the open; a swap in between shows up here. Where the
  // *descriptor* lies (as readContained asks it): a name resolved again could be swapped back.
  const real = await openedPath(handle, path)
  if (real === undefined) return 'it cannot be resolved after opening'
  if (isOutside(relative(rootReal, real))) return 'it resolves outside the repo (through a symlink)'
  const named = await stat(real)
  if (named.dev !== opened.dev || named.ino !== opened.ino) return 'it was replaced while being opened'
  return undefined
}

/**
 * Appends `line` (without its newline) to `relativePath` under `root`, creating the file
 * and its directories when missing. Refuses (as a value, nothing written) a path whose
 * directories lead out of the root, a file that is a symlink, a hard link or not a
 * regular file, a line holding a newline, and a line over `MAX_LINE_BYTES`.
 */
export async function appendLine(root: string, relativePath: string, line: string): Promise<AppendOutcome> {
  if (line.includes('\n') || line.includes('\r')) return refuse('the line holds a line break')
  // Checked before anything is created; +2 for the newline and a possible leading one.
  const lineBytes = Buffer.byteLength(line, 'utf8') + 2
  if (lineBytes > MAX_LINE_BYTES) {
    return refuse(`the line is ${lineBytes - 2} bytes; at most ${MAX_LINE_BYTES - 2} are appended in one piece`)
  }
  const segments = relativePath.split('/')
  const fileName = segments.at(-1) ?? ''
  if (isAbsolute(relativePath) || segments.some((s) => s === '' || s === '.' || s === '..')) {
    return refuse(`${relativePath} is not a plain repo-relative path`)
  }
  let rootReal: string
  try {
    rootReal = await realpath(root)
  } catch (error) {
    return refuse(`the repo root ${root} cannot be resolved (${codeOf(error)})`)
  }
  const dir = await containedDirectory(rootReal, segments.slice(0, -1))
  if (typeof dir !== 'string') return refuse(dir.reason)
  const path = join(dir, fileName)

  let handle: FileHandle
  try {
    // O_RDWR, not O_WRONLY: the last byte is read to spot a torn line (O_APPEND still sends writes to the end).
    // O_NOFOLLOW: a symlink at the file itself is refused, never written through.
    // O_NONBLOCK: a FIFO planted there fails at once (ENXIO) instead of blocking.
    handle = await open(
      path,
      constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK,
      0o644,
    )
  } catch (error) {
    const code = codeOf(error)
    if (code === 'ELOOP') return refuse(`${relativePath} is a symlink; records are never written through a link`)
    if (code === 'ENXIO') return refuse(`${relativePath} is not a regular file`)
    return refuse(`${relativePath} cannot be opened (${code})`)
  }
  try {
    const opened = await handle.stat()
    const problem = await openedFileProblem(handle, opened, path, rootReal)
    if (problem) return refuse(`${relativePath}: ${problem}`)
    const { size } = opened
    const repairedTornLine = !(await endsWithNewline(handle, size))
    const bytes = Buffer.from(`${repairedTornLine ? '\n' : ''}${line}\n`, 'utf8')
    // One write: with O_APPEND this is what keeps concurrent lines whole (see the header).
    const { bytesWritten } = await handle.write(bytes, 0, bytes.length, null)
    if (bytesWritten !== bytes.length) {
      return refuse(`${relativePath}: only ${bytesWritten} of ${bytes.length} bytes were written (disk full?)`)
    }
    return { ok: true, path, bytes: bytesWritten, repairedTornLine }
  } catch (error) {
    return refuse(`${relativePath} cannot be written (${codeOf(error)})`)
  } finally {
    await handle.close()
  }
}
