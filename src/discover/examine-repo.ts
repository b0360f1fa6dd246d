/**
 * Examining one roster entry on this host: the resolver's rules, in order —
 * disabled_by_hub, not_on_host, unreachable, not_opted_in, invalid_manifest,
 * no_enabled_agents — and otherwise one run per enabled agent (per occurrence, with a window). The filesystem edge of the resolver.
 *
 * At 10,000 repos the number of file-system calls is the cost, so the common
 * cases are decided with few: an opted-in repo costs the one contained read of its
 * manifest; the checkout itself is only examined when no manifest was found (or the
 * read was refused), to tell "unreachable" from "not opted in".
 *
 * The rules exist twice over one decision: `examineRepo` with asynchronous calls and
 * `examineRepoSync` with synchronous ones (on a warm cache a thread-pool round trip
 * costs more than the system call; discover.ts picks). Both read through the same
 * contained reader's checks and decide with the same functions below.
 */
import { accessSync, constants, statSync } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import type { RosterRepo } from '../../contracts/roster.ts'
import { formatDiagnostic } from '../diagnostics/diagnostic.ts'
import {
  isMissing,
  MANIFEST_PATHS,
  type ManifestReadResult,
  readRepoManifest,
  readRepoManifestSync,
} from '../manifest/read.ts'
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

/** `unreachableReason` with synchronous calls. */
function unreachableReasonSync(root: string, lookupCode: string | undefined): string | undefined {
  try {
    // No exception object for a missing checkout: the common "unreachable" case stays cheap.
    const info = statSync(root, { throwIfNoEntry: false })
    if (info === undefined) return unreachableDetail('ENOENT')
    if (!info.isDirectory()) return unreachableDetail('ENOTDIR')
    if (lookupCode === 'EACCES') accessSync(root, constants.R_OK | constants.X_OK)
    return undefined
  } catch (error) {
    return unreachableDetail(codeOf(error))
  }
}

/** The question a manifest read leaves about the checkout itself: none, or rule 3's with the lookup's error. */
type CheckoutQuestion = { readonly lookupCode: string | undefined } | undefined

/** Whether the checkout must be examined after this read: no manifest, or a refused read. */
function questionAfter(result: ManifestReadResult): CheckoutQuestion {
  if (isMissing(result)) return { lookupCode: undefined }
  // A read that was refused may be a checkout we cannot search at all (rule 3).
  if (!result.ok && result.diagnostics.some((d) => d.keyword === 'read')) return { lookupCode: 'EACCES' }
  return undefined
}

/** Rules 3 to 6 once the read (and, if asked, the checkout) has answered. */
function decide(
  repo: string,
  host: string,
  root: string,
  result: ManifestReadResult,
  unreachable: string | undefined,
  plan: RunPlan,
): RepoOutcome {
  if (unreachable !== undefined) return skip(repo, 'unreachable', unreachable, root)
  if (isMissing(result)) return skip(repo, 'not_opted_in', `no ${MANIFEST_PATHS[0]}`, root)
  if (!result.ok) return skip(repo, 'invalid_manifest', result.diagnostics.map(formatDiagnostic).join('\n'), root)
  return runsOf(repo, host, root, result.manifest, plan)
}

/** Applies the resolver's rules to one roster entry for `host`. Never throws for a bad repo. */
export async function examineRepo(entry: RosterRepo, host: string, plan: RunPlan = {}): Promise<RepoOutcome> {
  const checkout = checkoutOf(entry, host)
  if ('kind' in checkout) return checkout
  const { root } = checkout
  try {
    // One lookup: readRepoManifest finds the manifest and refuses, on the opened descriptor,
    // one that leads out of the checkout, so nothing outside it is read.
    const result = await readRepoManifest(root)
    // Only now, if at all, is the checkout itself examined: "unreachable" or "not opted in" (rules 3, 4).
    const question = questionAfter(result)
    const unreachable = question && (await unreachableReason(root, question.lookupCode))
    return decide(entry.slug, host, root, result, unreachable, plan)
  } catch (error) {
    // An I/O failure between the checks (EIO, a checkout removed mid-run) concerns this repo only.
    return skip(entry.slug, 'unreachable', `reading the checkout failed (${codeOf(error)})`, root)
  }
}

/** `examineRepo` with synchronous, equally contained calls: the same rules, the same outcomes. */
export function examineRepoSync(entry: RosterRepo, host: string, plan: RunPlan = {}): RepoOutcome {
  const checkout = checkoutOf(entry, host)
  if ('kind' in checkout) return checkout
  const { root } = checkout
  try {
    const result = readRepoManifestSync(root)
    const question = questionAfter(result)
    const unreachable = question && unreachableReasonSync(root, question.lookupCode)
    return decide(entry.slug, host, root, result, unreachable, plan)
  } catch (error) {
    return skip(entry.slug, 'unreachable', `reading the checkout failed (${codeOf(error)})`, root)
  }
}
