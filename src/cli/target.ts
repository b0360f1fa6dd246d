/** The repository a command works on: `--target DIR`, default the working directory. */
import { stat } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { targetDir } from './options.ts'

/** An existing target directory, or why it cannot be used. */
export type Target = { ok: true; root: string } | { ok: false; message: string }

/** Resolves `--target` against the working directory and checks that it is a directory. */
export async function findTarget(cwd: string, target: string | undefined): Promise<Target> {
  const root = targetDir(cwd, target)
  try {
    const info = await stat(root)
    return info.isDirectory() ? { ok: true, root } : { ok: false, message: `target ${root} is a file, not a directory` }
  } catch {
    return { ok: false, message: `target directory ${root} does not exist` }
  }
}

/** The manifest files that mark a repository root when walking up (`MANIFEST_PATHS` of src/manifest/read.ts). */
const MANIFEST_MARKERS = ['.kaizen/schedule.yml', '.kaizen/schedule.yaml'] as const

const exists = async (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  )

/** The manifest a repository root holds (absolute path; `.yml` first, as the reader), or undefined. */
export async function existingManifest(root: string): Promise<string | undefined> {
  for (const marker of MANIFEST_MARKERS) if (await exists(join(root, marker))) return join(root, marker)
  return undefined
}

/**
 * One walk from `cwd` upwards, as git finds `.git` from a subdirectory: the nearest
 * directory holding a manifest, else the repository root it stopped at (a directory
 * holding `.git`), else neither (the filesystem root was reached).
 */
async function walkUp(cwd: string): Promise<{ readonly manifestRoot?: string; readonly repoRoot?: string }> {
  let dir = resolve(cwd)
  for (;;) {
    if (await existingManifest(dir)) return { manifestRoot: dir }
    if (await exists(join(dir, '.git'))) return { repoRoot: dir }
    const parent = dirname(dir)
    if (parent === dir) return {}
    dir = parent
  }
}

/**
 * The repository a command works on when `--target` is not given: the nearest directory
 * from `cwd` upwards holding a manifest, up to a repository root; with no manifest on the
 * way, `cwd` itself, so the not-found message names it.
 */
export async function discoverRoot(cwd: string): Promise<string> {
  return (await walkUp(cwd)).manifestRoot ?? resolve(cwd)
}

/**
 * Where `init` writes when `--target` is not given: the repository `cwd` is in — the
 * nearest directory upwards holding a manifest (so init refuses, as it would there,
 * rather than nest a second manifest below the first) or `.git` — else `cwd` itself.
 */
export async function discoverInitRoot(cwd: string): Promise<string> {
  const found = await walkUp(cwd)
  return found.manifestRoot ?? found.repoRoot ?? resolve(cwd)
}

/** `--target DIR` as given, or the discovered repository root; checked to be a directory. */
export async function findTargetOrDiscover(cwd: string, target: string | undefined): Promise<Target> {
  return findTarget(cwd, target ?? (await discoverRoot(cwd)))
}

/** `path` relative to `cwd` when inside it (clickable in a terminal), else absolute. */
export function displayFrom(cwd: string, path: string): string {
  const rel = relative(cwd, path)
  return rel === '' ? '.' : rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? path : rel
}
