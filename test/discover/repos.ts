/** Real checkouts in a temp dir for the resolver tests, and rosters pointing at them. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RosterRepo } from '../../contracts/roster.ts'

/** The host name the tests resolve for. */
export const HOST = 'test-host'

/** A manifest scheduling coach (weekly, Tuesday 08:30, Berlin) and optimization (daily), plus a disabled agent. */
export const TWO_AGENTS = `# yaml-language-server: $schema=../../generated/schemas/schedule-manifest.schema.json
version: 1
timezone: Europe/Berlin
agents:
  optimization:
    cadence: daily
  coach:
    cadence: weekly
    day: tue
    time: "08:30"
  retired:
    cadence: monthly
    enabled: false
`

/** A temp directory of checkouts; `dispose` removes it. */
export interface RepoTree {
  readonly dir: string
  /** Creates a checkout directory (and its manifest when given) and returns its absolute path. */
  checkout(name: string, manifest?: string): Promise<string>
  dispose(): Promise<void>
}

/** Creates an empty tree of checkouts under the system temp dir. */
export async function makeRepoTree(): Promise<RepoTree> {
  const dir = await mkdtemp(join(tmpdir(), 'kaizen-discover-'))
  return {
    dir,
    async checkout(name, manifest) {
      const root = join(dir, name)
      await mkdir(join(root, '.kaizen'), { recursive: true })
      if (manifest !== undefined) await writeFile(join(root, '.kaizen', 'schedule.yml'), manifest)
      return root
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  }
}

/** A roster entry with a checkout on `HOST` (and, like real hub entries, on another host). */
export const entryFor = (slug: string, root: string, extra: Partial<RosterRepo> = {}): RosterRepo => ({
  slug,
  host_paths: { [HOST]: root, 'other-host': '/srv/checkouts/elsewhere' },
  ...extra,
})
