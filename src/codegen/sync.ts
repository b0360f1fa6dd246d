/**
 * Writes generated artifacts, or checks that the tree already matches them.
 * One function for both, so `--check` can never disagree with what `generate` writes.
 */
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../fs/atomic-write.ts'
import type { Artifact } from './artifacts.ts'

/** What differs between the artifacts and the tree. */
export interface DriftReport {
  /** Files that are missing or whose content differs. */
  readonly changed: readonly string[]
  /** Files in a generated directory that no stage produces any more. */
  readonly stale: readonly string[]
}

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8')
  } catch {
    return null
  }
}

/**
 * Directories that interpreters and tools leave beside the generated bindings: importing
 * generated/python writes __pycache__, `mypy --strict` writes .mypy_cache. They are not
 * ours to report as stale or to delete (and .gitignore keeps them out of commits).
 */
const TOOL_CACHE_DIRS = new Set(['__pycache__', '.mypy_cache', '.pytest_cache', '.ruff_cache'])

/** Whether a path (relative, `/`-separated) is an interpreter's or tool's cache, not an artifact. */
export function isToolCache(path: string): boolean {
  const parts = path.split('/')
  const name = parts.at(-1) ?? ''
  return parts.some((part) => TOOL_CACHE_DIRS.has(part)) || name.endsWith('.pyc') || name.endsWith('.pyo')
}

async function listFiles(root: string, dir: string): Promise<string[]> {
  try {
    const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true })
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) =>
        join(entry.parentPath, entry.name)
          .slice(root.length + 1)
          .replaceAll('\\', '/'),
      )
      .filter((path) => !isToolCache(path))
  } catch {
    return []
  }
}

/**
 * Compares artifacts with the tree under `root` without writing anything. Files under
 * `ownedDirs` that no artifact produces are stale, except under `preservedDirs` and
 * the tool caches ({@link isToolCache}).
 */
export async function detectDrift(
  root: string,
  artifacts: readonly Artifact[],
  ownedDirs: readonly string[],
  preservedDirs: readonly string[] = [],
): Promise<DriftReport> {
  const changed: string[] = []
  for (const artifact of artifacts) {
    if ((await readOrNull(join(root, artifact.path))) !== artifact.content) changed.push(artifact.path)
  }
  const produced = new Set(artifacts.map((a) => a.path))
  const present = (await Promise.all(ownedDirs.map((dir) => listFiles(root, dir)))).flat()
  const preserved = (path: string) => preservedDirs.some((dir) => path.startsWith(`${dir}/`))
  const stale = present.filter((path) => !produced.has(path) && !preserved(path)).sort()
  return { changed, stale }
}

/** Brings the tree in line with the artifacts: atomic writes for changes, removal of stale files. */
export async function applyArtifacts(root: string, artifacts: readonly Artifact[], drift: DriftReport): Promise<void> {
  const byPath = new Map(artifacts.map((a) => [a.path, a.content]))
  for (const path of drift.changed) await writeFileAtomic(join(root, path), byPath.get(path) ?? '')
  for (const path of drift.stale) await rm(join(root, path))
}
