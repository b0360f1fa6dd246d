/**
 * Writing a repo's manifest (for `schedule init`): never over an existing manifest
 * unless forced, never outside the repo, never an invalid one, and always atomically,
 * with the old file kept as `.bak` when it is replaced.
 */
import { lstat, readFile, realpath } from 'node:fs/promises'
import { dirname, join, sep } from 'node:path'
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { writeFileAtomic } from '../fs/atomic-write.ts'
import { parseManifestText } from './parse.ts'
import { MANIFEST_PATHS } from './read.ts'

/** The manifest was written (and the replaced one backed up), or why nothing was written. */
export type WriteManifestResult =
  | { readonly ok: true; readonly file: string; readonly backup?: string }
  | {
      readonly ok: false
      readonly reason: 'exists' | 'not-a-file' | 'outside-repo' | 'invalid'
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
  let backup: string | undefined
  if (existing !== undefined) {
    backup = `${file}.bak`
    await writeFileAtomic(join(root, backup), await readFile(path))
  }
  await writeFileAtomic(path, text)
  return backup === undefined ? { ok: true, file } : { ok: true, file, backup }
}
