/**
 * A roster for checkouts on this machine, without state-hub: one entry per
 * subdirectory of the given directories (slug = directory name, host path = its
 * absolute path). For trying `discover` on `examples/` and for hosts that keep
 * their checkouts side by side.
 */
import { readdir, realpath, stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { REPO_SLUG_PATTERN } from '../../contracts/constants.ts'
import type { Roster } from '../../contracts/roster.ts'
import { compareOrdinal } from './assemble.ts'
import { checkRoster } from './roster.ts'

/** The roster, plus the subdirectories left out because their names are not repo slugs. */
export type LocalRoster =
  | { readonly ok: true; readonly roster: Roster; readonly ignored: readonly string[] }
  | { readonly ok: false; readonly message: string }

const SLUG = new RegExp(REPO_SLUG_PATTERN)

/** Pure: roster entries for checkout paths on `host`, ordered by slug. */
export function rosterForCheckouts(paths: readonly string[], host: string): Roster {
  return [...paths]
    .sort((a, b) => compareOrdinal(basename(a), basename(b)))
    .map((path) => ({ slug: basename(path), host_paths: { [host]: path } }))
}

/** Lists the subdirectories of `dirs` (hidden ones excluded) and builds their roster for `host`. */
export async function readLocalRoster(dirs: readonly string[], host: string, cwd: string): Promise<LocalRoster> {
  const checkouts: string[] = []
  const ignored: string[] = []
  for (const dir of dirs) {
    let parent: string
    let names: string[]
    try {
      parent = await realpath(resolve(cwd, dir))
      names = await readdir(parent)
    } catch (error) {
      return { ok: false, message: `cannot list ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'})` }
    }
    for (const name of names.filter((n) => !n.startsWith('.'))) {
      const path = join(parent, name)
      if (!(await stat(path).catch(() => undefined))?.isDirectory()) continue
      if (SLUG.test(name)) checkouts.push(path)
      else ignored.push(path)
    }
  }
  const roster = rosterForCheckouts(checkouts, host)
  const check = checkRoster(roster)
  if (!check.ok) return { ok: false, message: check.problems.join('\n') }
  return { ok: true, roster: check.roster, ignored }
}
