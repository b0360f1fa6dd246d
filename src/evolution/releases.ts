/**
 * The released schema snapshots on disk: `generated/releases/<contract>/<version>.schema.json`.
 * Written once by `npm run release-contracts`, never rewritten; `npm run generate` does not
 * own this directory. Reading returns problems as values, so one bad file cannot hide the rest.
 */
import { access, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../fs/atomic-write.ts'
import { isObject, type SchemaObject } from './json.ts'
import { compareVersions, parseVersion } from './version.ts'

/** Where released snapshots live, relative to the project root. */
export const RELEASES_DIR = 'generated/releases'

/** The snapshot file of one contract version. */
export const releaseFileOf = (name: string, version: string): string => `${RELEASES_DIR}/${name}/${version}.schema.json`

/** One released snapshot. */
export interface Release {
  readonly name: string
  readonly version: string
  /** Project-relative path. */
  readonly file: string
  /** The exact bytes on disk, to refuse rewriting them with anything else. */
  readonly text: string
  readonly schema: SchemaObject
}

/** Something wrong with the releases directory, as a located message. */
export interface ReleaseProblem {
  readonly file: string
  readonly message: string
  /** The gate rule it amounts to, when it is one. */
  readonly rule?: string
}

const SNAPSHOT_NAME = /^(.+)\.schema\.json$/

async function listDir(path: string): Promise<string[]> {
  try {
    return (await readdir(path, { withFileTypes: true }))
      .filter((e) => !e.name.startsWith('.'))
      .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
      .sort()
  } catch {
    return []
  }
}

/** Reads every snapshot under `root`, sorted by contract name then version. */
export async function readReleases(root: string): Promise<{ releases: Release[]; problems: ReleaseProblem[] }> {
  const releases: Release[] = []
  const problems: ReleaseProblem[] = []
  for (const entry of await listDir(join(root, RELEASES_DIR))) {
    if (!entry.endsWith('/')) {
      problems.push({ file: `${RELEASES_DIR}/${entry}`, message: 'unexpected file; snapshots live in <contract>/' })
      continue
    }
    const name = entry.slice(0, -1)
    for (const fileName of await listDir(join(root, RELEASES_DIR, name))) {
      const file = `${RELEASES_DIR}/${name}/${fileName}`
      const version = SNAPSHOT_NAME.exec(fileName)?.[1]
      if (version === undefined || parseVersion(version) === null) {
        problems.push({ file, message: 'not named <MAJOR.MINOR.PATCH>.schema.json' })
        continue
      }
      const text = await readFile(join(root, file), 'utf8')
      let schema: unknown
      try {
        schema = JSON.parse(text)
      } catch (error) {
        problems.push({ file, message: `not valid JSON: ${(error as Error).message}` })
        continue
      }
      if (!isObject(schema)) {
        problems.push({ file, message: 'not a JSON Schema object' })
        continue
      }
      releases.push({ name, version, file, text, schema })
    }
  }
  releases.sort((a, b) => (a.name === b.name ? compareVersions(a.version, b.version) : a.name < b.name ? -1 : 1))
  return { releases, problems }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

/**
 * Writes new snapshots atomically. Refuses (and writes nothing) if any target already
 * exists: the plan checked that, but a release must never be rewritten, so check again.
 */
export async function writeReleaseFiles(
  root: string,
  files: ReadonlyArray<{ readonly path: string; readonly content: string }>,
): Promise<{ ok: true } | { ok: false; error: string }> {
  for (const { path } of files) {
    if (await exists(join(root, path)))
      return { ok: false, error: `${path} already exists; releases are never rewritten` }
  }
  for (const { path, content } of files) await writeFileAtomic(join(root, path), content)
  return { ok: true }
}
