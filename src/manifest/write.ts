/**
 * Writing a repo's manifest (for `schedule init`): never over an existing manifest
 * unless forced, never outside the repo, never an invalid one, and always atomically:
 * a new manifest is created exclusively (one winner among racing inits), a replaced one
 * is first kept under the first free backup name (`.bak`, `.bak.1`, …; none overwritten).
 */
import { lstat, mkdir, realpath } from 'node:fs/promises'
import { dirname, join, sep } from 'node:path'
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { writeFileAtomic } from '../fs/atomic-write.ts'
import { readBounded } from '../fs/read-contained.ts'
import { createExclusive } from '../fs/safe-write.ts'
import { MAX_MANIFEST_BYTES } from './decode.ts'
import { parseManifestText } from './parse.ts'
import { MANIFEST_PATHS } from './read.ts'

/** The manifest was written (and the replaced one backed up), or why nothing was written. */
export type WriteManifestResult =
  | { readonly ok: true; readonly file: string; readonly backup?: string }
  | {
      readonly ok: false
      readonly reason: 'exists' | 'not-a-file' | 'outside-repo' | 'invalid' | 'io'
      readonly file: string
      readonly message: string
      readonly diagnostics?: readonly Diagnostic[]
    }

async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path)
  } catch {
    return undefined
  }
}

/** The repo-relative path of the repo's existing manifest, if it has one. */
async function findExistingManifest(root: string): Promise<string | undefined> {
  for (const relative of MANIFEST_PATHS) {
    if (await lstatOrUndefined(join(root, relative))) return relative
  }
  return undefined
}

/** Whether the directory the manifest goes into resolves inside the repo (a `.kaizen` symlink could lead out). */
async function staysInside(root: string, directory: string): Promise<boolean> {
  const realRoot = await realpath(root)
  let current = directory
  // The nearest existing ancestor decides: directories still to be created will be made inside it.
  while (!(await lstatOrUndefined(current))) current = dirname(current)
  const real = await realpath(current).catch(() => undefined)
  return real !== undefined && (real === realRoot || real.startsWith(realRoot + sep))
}

/**
 * Writes `text` as the manifest of the repo at `root`: to the existing manifest's path
 * when there is one (only with `force`), else `.kaizen/schedule.yml`. The text must load
 * cleanly through the same loader `validate` uses.
 */
export async function writeRepoManifest(
  root: string,
  text: string,
  options: { readonly force: boolean },
): Promise<WriteManifestResult> {
  const existing = await findExistingManifest(root)
  const file = existing ?? MANIFEST_PATHS[0]
  const path = join(root, file)
  if (existing !== undefined) {
    if (!options.force) {
      return {
        ok: false,
        reason: 'exists',
        file,
        message: `${file} already exists in ${root}; not overwriting it (use --force to replace it and keep a .bak copy)`,
      }
    }
    if (!(await lstat(path)).isFile()) {
      return {
        ok: false,
        reason: 'not-a-file',
        file,
        message: `${file} in ${root} is not a regular file (a symlink or a directory); refusing to replace it`,
      }
    }
  }
  const loaded = parseManifestText(text, file)
  if (!loaded.ok) {
    return {
      ok: false,
      reason: 'invalid',
      file,
      message: `the manifest to write is invalid`,
      diagnostics: loaded.diagnostics,
    }
  }
  if (!(await staysInside(root, dirname(path)))) {
    return {
      ok: false,
      reason: 'outside-repo',
      file,
      message: `${dirname(file)} in ${root} leads outside the repository; refusing to write there`,
    }
  }
  const existingBytes =
    existing === undefined
      ? undefined
      : await readBounded(path, { limit: 2 * MAX_MANIFEST_BYTES, followSymlinks: false })
  try {
    if (existingBytes === undefined) {
      await mkdir(dirname(path), { recursive: true })
      // Exclusive: of ten inits racing on a fresh repo, one creates the manifest and nine are told it exists.
      if ((await createExclusive(path, text)) === 'exists') {
        return {
          ok: false,
          reason: 'exists',
          file,
          message: `${file} was created in ${root} by another process just now; not overwriting it`,
        }
      }
      return { ok: true, file }
    }
    if (existingBytes.status !== 'found') {
      const why = existingBytes.status === 'missing' ? 'it disappeared' : existingBytes.reason
      return {
        ok: false,
        reason: 'io',
        file,
        message: `cannot back up ${file} in ${root}: ${why}; nothing was written`,
      }
    }
    const backup = await keepBackup(root, file, existingBytes.bytes)
    await writeFileAtomic(path, text)
    return { ok: true, file, backup }
  } catch (error) {
    return { ok: false, reason: 'io', file, message: ioMessage(root, file, error) }
  }
}

/** Most backups kept side by side; past that, `init --force` stops rather than overwrite one. */
export const MAX_BACKUPS = 1000

/**
 * Copies the manifest about to be replaced to the first free name of `.bak`, `.bak.1`,
 * `.bak.2`, …, created exclusively: an earlier backup (perhaps the hand-written
 * original) is never overwritten, even by two `init --force` racing.
 */
async function keepBackup(root: string, file: string, bytes: Uint8Array): Promise<string> {
  for (let n = 0; n < MAX_BACKUPS; n++) {
    const name = n === 0 ? `${file}.bak` : `${file}.bak.${n}`
    if ((await createExclusive(join(root, name), bytes)) === 'created') return name
  }
  throw Object.assign(new Error('too many backups'), { code: 'EBACKUPS' })
}

/** One line, in words, for a filesystem error while writing the manifest. */
function ioMessage(root: string, file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  const where = `${file} in ${root}`
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `cannot write ${where}: permission denied (is the directory writable by you?)`
    case 'EEXIST':
    case 'ENOTDIR':
      return `cannot write ${where}: ${dirname(file)} exists and is a file, not a directory`
    case 'EISDIR':
      return `cannot write ${where}: a directory is in the way`
    case 'EROFS':
      return `cannot write ${where}: the file system is read-only`
    case 'ENOSPC':
      return `cannot write ${where}: no space left on the device`
    case 'EBACKUPS':
      return `cannot replace ${where}: ${MAX_BACKUPS} backups (${file}.bak …) already exist; remove some first`
    case 'ENOTREGULAR':
      return `cannot replace ${where}: it is not a regular file`
    default:
      return `cannot write ${where} (${code ?? (error as Error).message})`
  }
}
