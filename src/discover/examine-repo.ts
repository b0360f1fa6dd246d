/**
 * Examining one roster entry on this host: the resolver's rules, in order —
 * disabled_by_hub, not_on_host, unreachable, not_opted_in, invalid_manifest — and
 * otherwise one run per enabled agent. The filesystem edge of the resolver.
 */
import { constants } from 'node:fs'
import { access, realpath, stat } from 'node:fs/promises'
import { join, sep } from 'node:path'
import type { RosterRepo } from '../../contracts/roster.ts'
import { formatDiagnostic } from '../diagnostics/diagnostic.ts'
import { isMissing, MANIFEST_PATHS, readRepoManifest } from '../manifest/read.ts'
import { checkoutOf, type RepoOutcome, runsOf, skip } from './rules.ts'

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error'

const UNREACHABLE: Readonly<Record<string, string>> = {
  ENOENT: 'the checkout path does not exist',
  ENOTDIR: 'a parent of the checkout path is not a directory',
  EACCES: 'the checkout path is not readable (permission denied)',
  ELOOP: 'the checkout path is a symlink loop',
}

/** Why `root` cannot be examined, or undefined when it is a readable, searchable directory. */
async function unreachableReason(root: string): Promise<string | undefined> {
  try {
    if (!(await stat(root)).isDirectory()) return 'the checkout path is not a directory'
    await access(root, constants.R_OK | constants.X_OK)
    return undefined
  } catch (error) {
    const code = codeOf(error)
    return UNREACHABLE[code] ?? `the checkout path cannot be read (${code})`
  }
}

async function realpathOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await realpath(path)
  } catch {
    return undefined
  }
}

/**
 * Why a manifest must not be read, if one must not: it resolves outside the checkout
 * (a symlink), or it is not a regular file (opening a FIFO would block forever).
 * Checked before reading, so nothing outside the repo is read.
 */
async function manifestRefusal(root: string): Promise<string | undefined> {
  let realRoot: string | undefined
  for (const relative of MANIFEST_PATHS) {
    const real = await realpathOrUndefined(join(root, relative))
    if (real === undefined) continue
    realRoot ??= await realpath(root)
    if (!real.startsWith(realRoot.endsWith(sep) ? realRoot : `${realRoot}${sep}`)) {
      return `${relative} resolves outside the repo (symlink); refused without reading it`
    }
    if (!(await stat(real)).isFile()) return `${relative} is not a regular file; refused without reading it`
  }
  return undefined
}

/** Applies the resolver's rules to one roster entry for `host`. Never throws for a bad repo. */
export async function examineRepo(entry: RosterRepo, host: string): Promise<RepoOutcome> {
  const checkout = checkoutOf(entry, host)
  if ('kind' in checkout) return checkout
  const { root } = checkout
  const repo = entry.slug
  const unreachable = await unreachableReason(root)
  if (unreachable !== undefined) return skip(repo, 'unreachable', unreachable, root)
  try {
    const refusal = await manifestRefusal(root)
    if (refusal !== undefined) return skip(repo, 'invalid_manifest', refusal, root)
    const result = await readRepoManifest(root)
    if (isMissing(result)) return skip(repo, 'not_opted_in', `no ${MANIFEST_PATHS[0]}`, root)
    if (!result.ok) return skip(repo, 'invalid_manifest', result.diagnostics.map(formatDiagnostic).join('\n'), root)
    return { kind: 'runs', runs: runsOf(repo, host, root, result.manifest) }
  } catch (error) {
    // An I/O failure between the checks (EIO, a checkout removed mid-run) concerns this repo only.
    return skip(repo, 'unreachable', `reading the checkout failed (${codeOf(error)})`, root)
  }
}
