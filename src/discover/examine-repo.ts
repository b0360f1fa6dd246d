/**
 * Examining one roster entry on this host: the resolver's rules, in order —
 * disabled_by_hub, not_on_host, unreachable, not_opted_in, invalid_manifest,
 * no_enabled_agents — and otherwise one run per enabled agent (per occurrence, with a window). The filesystem edge of the resolver.
 *
 * At 10,000 repos the number of file-system calls is the cost, so the common
 * cases are decided with few: an opted-in repo costs the one contained read of its
 * manifest; the checkout itself is only examined when no manifest was found (or the
 * read was refused), to tell "unreachable" from "not opted in".
 */
import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
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

/** Applies the resolver's rules to one roster entry for `host`. Never throws for a bad repo. */
export async function examineRepo(entry: RosterRepo, host: string, plan: RunPlan = {}): Promise<RepoOutcome> {
  const checkout = checkoutOf(entry, host)
  if ('kind' in checkout) return checkout
  const { root } = checkout
  const repo = entry.slug
  try {
    // One lookup: readRepoManifest finds the manifest and refuses, on the opened descriptor,
    // one that leads out of the checkout, so nothing outside it is read.
    const result = await readRepoManifest(root)
    if (isMissing(result)) {
      // Only now is the checkout itself examined: "unreachable" or "not opted in" (rules 3, 4).
      const unreachable = await unreachableReason(root, undefined)
      if (unreachable !== undefined) return skip(repo, 'unreachable', unreachable, root)
      return skip(repo, 'not_opted_in', `no ${MANIFEST_PATHS[0]}`, root)
    }
    if (!result.ok) {
      // A read that was refused may be a checkout we cannot search at all (rule 3).
      const refusedRead = result.diagnostics.some((d) => d.keyword === 'read')
      const unreachable = refusedRead ? await unreachableReason(root, 'EACCES') : undefined
      if (unreachable !== undefined) return skip(repo, 'unreachable', unreachable, root)
      return skip(repo, 'invalid_manifest', result.diagnostics.map(formatDiagnostic).join('\n'), root)
    }
    return runsOf(repo, host, root, result.manifest, plan)
  } catch (error) {
    // An I/O failure between the checks (EIO, a checkout removed mid-run) concerns this repo only.
    return skip(repo, 'unreachable', `reading the checkout failed (${codeOf(error)})`, root)
  }
}
