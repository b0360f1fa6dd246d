/** A roster over local checkouts (scripts/local-roster.ts), and discover run on it end to end. */
import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Roster } from '../../contracts/roster.ts'
import type { ScheduledRuns } from '../../contracts/scheduled-runs.ts'
import { readLocalRoster, rosterForCheckouts } from '../../src/discover/local-roster.ts'
import { runDevCaptured, runScript } from '../helpers/cli.ts'
import { HOST, makeRepoTree, type RepoTree, TWO_AGENTS } from './repos.ts'

let tree: RepoTree
let examples: string
beforeAll(async () => {
  tree = await makeRepoTree()
  await tree.checkout('examples/acme-service', TWO_AGENTS)
  await tree.checkout('examples/bare')
  // Real path: the roster resolves the directory it lists (the temp dir may sit behind a symlink).
  examples = await realpath(join(tree.dir, 'examples'))
  await mkdir(join(examples, '.hidden'))
  await mkdir(join(examples, 'not a slug'))
  await writeFile(join(examples, 'README.md'), '# not a checkout\n')
})
afterAll(async () => {
  await tree.dispose()
})

describe('rosterForCheckouts', () => {
  it('one entry per path, slug = directory name, ordered by slug', () => {
    expect(rosterForCheckouts(['/srv/b', '/srv/a'], 'h')).toEqual([
      { slug: 'a', host_paths: { h: '/srv/a' } },
      { slug: 'b', host_paths: { h: '/srv/b' } },
    ])
  })
})

describe('readLocalRoster', () => {
  it('lists subdirectories with absolute paths; leaves out hidden ones, files and names that are not slugs', async () => {
    const result = await readLocalRoster(['examples'], HOST, tree.dir)
    expect(result).toEqual({
      ok: true,
      roster: [
        { slug: 'acme-service', host_paths: { [HOST]: join(examples, 'acme-service') } },
        { slug: 'bare', host_paths: { [HOST]: join(examples, 'bare') } },
      ],
      ignored: [join(examples, 'not a slug')],
    })
  })

  it('resolves a directory given through a symlink to its real path', async () => {
    await symlink(examples, join(tree.dir, 'link'))
    const result = await readLocalRoster(['link'], HOST, tree.dir)
    expect(result.ok && result.roster.map((r) => r.host_paths[HOST])).toEqual([
      join(examples, 'acme-service'),
      join(examples, 'bare'),
    ])
  })

  it('a directory that cannot be listed is an error', async () => {
    expect(await readLocalRoster(['nope'], HOST, tree.dir)).toEqual({ ok: false, message: 'cannot list nope (ENOENT)' })
  })
})

describe('scripts/local-roster.ts piped into scripts/discover.ts', () => {
  it('prints runs for the example repo', async () => {
    const roster = await runScript('local-roster', [examples, '--host', HOST])
    expect(roster.code).toBe(0)
    expect(roster.stderr).toBe(`note: ${join(examples, 'not a slug')} left out: its name is not a repo slug\n`)
    expect((JSON.parse(roster.stdout) as Roster).map((r) => r.slug)).toEqual(['acme-service', 'bare'])

    const file = join(tree.dir, 'roster.json')
    await writeFile(file, roster.stdout)
    const discover = await runScript('discover', ['--roster', file, '--host', HOST])
    expect(discover.stderr).toBe('')
    expect(discover.code).toBe(0)
    const document = JSON.parse(discover.stdout) as ScheduledRuns
    expect(document.scheduled_runs.map((r) => `${r.repo}/${r.agent}`)).toEqual([
      'acme-service/coach',
      'acme-service/optimization',
    ])
    expect(document.skipped).toEqual([
      { repo: 'bare', reason: 'not_opted_in', detail: 'no .kaizen/schedule.yml', root: join(examples, 'bare') },
    ])
  })

  // In process: test/cli/dev-commands.test.ts runs the script on a missing directory.
  it('exit 1 for a directory that does not exist', async () => {
    const result = await runDevCaptured(['local-roster', join(tree.dir, 'missing')])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(`error: cannot list ${join(tree.dir, 'missing')} (ENOENT)\n`)
  })
})
