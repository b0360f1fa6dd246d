/**
 * Examining one roster entry on this host: the resolver's rules, in order —
 * disabled_by_hub, not_on_host, unreachable, not_opted_in, invalid_manifest,
 * no_enabled_agents — and otherwise one run per enabled agent (per occurrence, with a window). The filesystem edge of the resolver.
 *
 * At 10,000 repos the number of file-system calls is the cost, so the common
 * cases are decided with few: an opted-in repo costs one `realpath` of its manifest
 * before the read; the checkout itself is only examined when no manifest was
 * found, to tell "unreachable" from "not opted in".
 */
import { constants } from 'node:fs'
import { access, realpath, stat } from 'node:fs/promises'
import { join, sep } from 'node:path'
import type { RosterRepo } from '../../contracts/roster.ts'
import { formatDiagnostic } from '../diagnostics/diagnostic.ts'
import { isMissing, MANIFEST_PATHS, readRepoManifest } from '../manifest/read.ts'
import { checkoutOf, type RepoOutcome, type RunPlan, runsOf, skip } from './rules.ts'

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error'

const UNREACHABLE: Readonly<Record<string, string>> = {
  ENOENT: 'the checkout path does not exist',
  ENOTDIR: 'the checkout path is not a directory',
  EACCES: 'the checkout path is not readable (permission denied)',
  ELOOP: 'the checkout path is a symlink loop',
}

const unreachableDetail = (code: string): string => UNREACHABLE[code] ?? `the checkout path cannot be read (${code})`

/** Whether `path` is `dir` or inside it. */
const isWithin = (dir: string, path: string): boolean =>
  path === dir || path.startsWith(dir.endsWith(sep) ? dir : `${dir}${sep}`)

/**
 * Why the checkout cannot be examined (rule 3), or undefined when it is a directory
 * we can search. Only asked once no manifest was found; `lookupCode` is the error
 * the manifest lookup met (permission is checked only when that lookup was refused).
 */
async function unreachableReason(root: string, lookupCode: string | undefined): Promise<string | undefined> {
  try {
    if (!(await stat(root)).isDirectory()) return unreachableDetail('ENOTDIR')
    if (lookupCode === 'EACCES') await access(root, constants.R_OK | constants.X_OK)
    return undefined
  } catch (error) {
    return unreachableDetail(codeOf(error))
  }
}

/** The first manifest path that exists, with its real path; or the first error other than "not there". */
async function findManifest(
  root: string,
): Promise<{ readonly relative: string; readonly real: string } | { readonly code: string | undefined }> {
  for (const relative of MANIFEST_PATHS) {
    try {
      return { relative, real: await realpath(join(root, relative)) }
    } catch (error) {
      const code = codeOf(error)
      if (code !== 'ENOENT') return { code }
    }
  }
  return { code: undefined }
}

/**
 * Whether a real path lies inside the checkout. A real path has no symlink in it,
 * so when it starts with `root` textually, `root` is real too; only otherwise is
 * `root` resolved (a checkout reached through a symlink, or written with `..`).
 */
async function isInsideCheckout(root: string, real: string): Promise<boolean> {
  return isWithin(root, real) || isWithin(await realpath(root), real)
}

/** Applies the resolver's rules to one roster entry for `host`. Never throws for a bad repo. */
export async function examineRepo(entry: RosterRepo, host: string, plan: RunPlan = {}): Promise<RepoOutcome> {
  const checkout = checkoutOf(entry, host)
  if ('kind' in checkout) return checkout
  const { root } = checkout
  const repo = entry.slug
  try {
    const found = await findManifest(root)
    if ('code' in found) {
      const unreachable = await unreachableReason(root, found.code)
      if (unreachable !== undefined) return skip(repo, 'unreachable', unreachable, root)
      // The checkout is fine: `.kaizen` is missing or a file (rule 4), or cannot be searched (rule 5).
      if (found.code === undefined || found.code === 'ENOTDIR')
        return skip(repo, 'not_opted_in', `no ${MANIFEST_PATHS[0]}`, root)
      return skip(repo, 'invalid_manifest', `cannot look for ${MANIFEST_PATHS[0]} (${found.code})`, root)
    }
    // Refused before reading, so nothing outside the checkout is read. (A FIFO or a
    // directory there is refused by readRepoManifest, which opens without blocking.)
    if (!(await isInsideCheckout(root, found.real))) {
      return skip(
        repo,
        'invalid_manifest',
        `${found.relative} resolves outside the repo (symlink); refused without reading it`,
        root,
      )
    }
    const result = await readRepoManifest(root)
    if (isMissing(result)) return skip(repo, 'not_opted_in', `no ${MANIFEST_PATHS[0]}`, root)
    if (!result.ok) return skip(repo, 'invalid_manifest', result.diagnostics.map(formatDiagnostic).join('\n'), root)
    return runsOf(repo, host, root, result.manifest, plan)
  } catch (error) {
    // An I/O failure between the checks (EIO, a checkout removed mid-run) concerns this repo only.
    return skip(repo, 'unreachable', `reading the checkout failed (${codeOf(error)})`, root)
  }
}
