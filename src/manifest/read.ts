/** Reading a repo's manifest from disk: the only I/O of manifest loading. */
import { type Diagnostic, errorAt, START } from '../diagnostics/diagnostic.ts'
import {
  type BoundedRead,
  type RefusalCode,
  readBounded,
  readContained,
  readContainedSync,
  realRootSync,
} from '../fs/read-contained.ts'
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

/** The diagnostic words for a refused manifest read. */
function refusalMessage(code: RefusalCode, reason: string, relative?: string): string {
  switch (code) {
    case 'directory':
      return 'is a directory, not a manifest file'
    case 'not-regular':
      return `is not a regular file (${reason.replace(/^it is /, '').replace(/, not a regular file$/, '')})`
    case 'permission':
      return 'cannot be read: permission denied'
    case 'outside':
      return `${relative ?? 'the manifest'} is a symlink leading outside the repository; refusing to read it`
    default:
      return reason.replace(/^it /, '')
  }
}

/** A read that found no manifest, or could not read it, as a `ManifestReadResult`. */
function unread(read: Exclude<BoundedRead, { status: 'found' }>, displayName: string): ManifestReadResult {
  if (read.status === 'missing') {
    const diagnostics = [errorAt(displayName, START, '', 'read', 'file not found')]
    return { ok: false, missing: true, file: displayName, diagnostics }
  }
  const message = refusalMessage(read.code, read.reason)
  return { ok: false, file: displayName, diagnostics: [errorAt(displayName, START, '', 'read', message)] }
}

/**
 * Reads and loads a manifest file an operator named. Reads at most the size cap plus
 * one byte, so a huge file is refused without being read whole; a FIFO is refused
 * without waiting for a writer.
 */
export async function readManifestFile(path: string, displayName = path): Promise<ManifestReadResult> {
  // Named by the operator, so a pipe is welcome (`validate <(git show HEAD:.kaizen/schedule.yml)`),
  // as for --roster; a FIFO with no writer reads as empty instead of hanging.
  const read = await readBounded(path, { limit: MAX_MANIFEST_BYTES, allowPipes: true })
  if (read.status !== 'found') return unread(read, displayName)
  return parseManifest(read.bytes, displayName, read.size)
}

/** The outcome for a repo with none of the MANIFEST_PATHS. */
function noManifest(root: string): MissingManifest {
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

/** The manifest a contained read found (or the refusal); undefined when the file is missing. */
function loadRead(read: BoundedRead, relative: string): ManifestResult | undefined {
  if (read.status === 'missing') return undefined
  if (read.status === 'refused') {
    const message = refusalMessage(read.code, read.reason, relative)
    return { ok: false, file: relative, diagnostics: [errorAt(relative, START, '', 'read', message)] }
  }
  return parseManifest(read.bytes, relative, read.size)
}

/**
 * Finds and loads the manifest of the repo at `root`; `missing` when it has none. A
 * manifest (or `.kaizen`) that leads out of the repo, even for an instant, is refused
 * without reading it (`readContained`); so is a hard-linked one.
 */
export async function readRepoManifest(root: string): Promise<ManifestReadResult> {
  for (const relative of MANIFEST_PATHS) {
    // Contained: the descriptor itself is checked, so swapping `.kaizen` for a symlink mid-read gains nothing.
    const loaded = loadRead(await readContained(root, relative, { limit: MAX_MANIFEST_BYTES }), relative)
    if (loaded) return loaded
  }
  return noManifest(root)
}

/**
 * `readRepoManifest` with synchronous, equally contained reads (`readContainedSync`):
 * for the resolver, which reads thousands of tiny manifests from a warm cache.
 */
export function readRepoManifestSync(root: string): ManifestReadResult {
  // The root is resolved once for both names (a repo without a manifest is looked up twice).
  const real = realRootSync(root)
  for (const relative of MANIFEST_PATHS) {
    const read = 'real' in real ? readContainedSync(real, relative, { limit: MAX_MANIFEST_BYTES }) : real
    const loaded = loadRead(read, relative)
    if (loaded) return loaded
  }
  return noManifest(root)
}
