/** Atomic file writes: readers see the old file or the new one, never half of either. */
import { randomBytes } from 'node:crypto'
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** Writes `content` to `path` through a temp file in the same directory and a rename. */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const dir = dirname(path)
  await mkdir(dir, { recursive: true })
  // A rename replaces whatever has the name: a symlink, a FIFO, a device node. Only a regular file may go.
  const existing = await lstat(path).catch(() => undefined)
  if (existing !== undefined && !existing.isFile()) {
    const what = existing.isSymbolicLink() ? 'a symlink' : existing.isDirectory() ? 'a directory' : 'not a regular file'
    throw Object.assign(new Error(`${path} is ${what}; refusing to replace it`), { code: 'ENOTREGULAR' })
  }
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    await writeFile(temp, content, { flag: 'wx' })
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
