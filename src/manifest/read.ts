/** Reading a repo's manifest from disk: the only I/O of manifest loading. */
import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { type Diagnostic, errorAt, START } from '../diagnostics/diagnostic.ts'
import { MAX_MANIFEST_BYTES } from './decode.ts'
import { type ManifestResult, parseManifest } from './parse.ts'

/** Where a repo keeps its manifest, relative to the repo root (first match wins). */
export const MANIFEST_PATHS = ['.kaizen/schedule.yml', '.kaizen/schedule.yaml'] as const

/** A manifest read from disk: loaded, invalid, or absent (the repo has not opted in). */
export type ManifestReadResult = ManifestResult | MissingManifest

/** No manifest where one was looked for. */
export interface MissingManifest {
  readonly ok: false
  readonly missing: true
  readonly file: string
  readonly diagnostics: readonly Diagnostic[]
}

/** Whether a read found no manifest at all (as opposed to an invalid one). */
export const isMissing = (result: ManifestReadResult): result is MissingManifest =>
  'missing' in result && result.missing

/**
 * Reads and loads a manifest file. Reads at most the size cap plus one byte, so a
 * huge file is refused without being read whole.
 */
export async function readManifestFile(path: string, displayName = path): Promise<ManifestReadResult> {
  let handle: Awaited<ReturnType<typeof open>>
  try {
    // O_NONBLOCK: opening a FIFO planted at the manifest path would otherwise block
    // forever; the regular-file check below then refuses it. No effect on regular files.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const message =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, not a manifest file'
          : `cannot read file (${code ?? 'error'})`
    const diagnostics = [errorAt(displayName, START, '', 'read', message)]
    return code === 'ENOENT'
      ? { ok: false, missing: true, file: displayName, diagnostics }
      : { ok: false, file: displayName, diagnostics }
  }
  try {
    const { size, isFile } = await handle.stat().then((s) => ({ size: s.size, isFile: s.isFile() }))
    if (!isFile) {
      return {
        ok: false,
        file: displayName,
        diagnostics: [errorAt(displayName, START, '', 'read', 'is not a regular file')],
      }
    }
    const buffer = new Uint8Array(Math.min(size, MAX_MANIFEST_BYTES + 1))
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    return parseManifest(buffer.subarray(0, bytesRead), displayName, Math.max(size, bytesRead))
  } finally {
    await handle.close()
  }
}

/** Finds and loads the manifest of the repo at `root`; `missing` when it has none. */
export async function readRepoManifest(root: string): Promise<ManifestReadResult> {
  for (const relative of MANIFEST_PATHS) {
    const result = await readManifestFile(join(root, relative), relative)
    if (!isMissing(result)) return result
  }
  const file = MANIFEST_PATHS[0]
  return {
    ok: false,
    missing: true,
    file,
    diagnostics: [
      errorAt(file, START, '', 'not-found', `no ${file} in ${root}; run \`kaizen-agentic schedule init\` to opt in`),
    ],
  }
}
