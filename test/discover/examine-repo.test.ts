/** The resolver's rules for one repo, on real checkouts: every skip reason, the rule order, and the runs. */

import { execFileSync } from 'node:child_process'
import { chmod, mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { examineRepo, examineRepoSync } from '../../src/discover/examine-repo.ts'
import type { RepoOutcome } from '../../src/discover/rules.ts'
import { snapshotTree } from '../helpers/temp-project.ts'
import { entryFor, HOST, makeRepoTree, type RepoTree, TWO_AGENTS } from './repos.ts'

let tree: RepoTree
beforeEach(async () => {
  tree = await makeRepoTree()
})
afterEach(async () => {
  await tree.dispose()
})

const skipped = (outcome: RepoOutcome) => {
  if (outcome.kind !== 'skipped') throw new Error(`expected a skip, got ${JSON.stringify(outcome)}`)
  return outcome.skipped
}

const runs = (outcome: RepoOutcome) => {
  if (outcome.kind !== 'runs') throw new Error(`expected runs, got ${JSON.stringify(outcome)}`)
  return outcome.runs
}

/** Both ways of examining a repo (discover picks one per batch) must give the same outcomes. */
describe.each([
  ['examineRepo', examineRepo],
  ['examineRepoSync', examineRepoSync],
] as const)('%s', (_, examine) => {
  describe('skip reasons', () => {
    it('disabled_by_hub: the hub override wins even over a valid, opted-in checkout', async () => {
      const root = await tree.checkout('svc', TWO_AGENTS)
      const outcome = await examine(entryFor('svc', root, { kaizen_schedule_enabled: false }), HOST)
      expect(skipped(outcome)).toEqual({
        repo: 'svc',
        reason: 'disabled_by_hub',
        detail: 'kaizen_schedule_enabled is false',
      })
    })

    it('kaizen_schedule_enabled: true defers to the repo', async () => {
      const root = await tree.checkout('svc', TWO_AGENTS)
      expect(runs(await examine(entryFor('svc', root, { kaizen_schedule_enabled: true }), HOST))).toHaveLength(2)
    })

    it('not_on_host: names the host and the hosts the repo does have', async () => {
      const outcome = await examine({ slug: 'svc', host_paths: { 'ci-01': '/srv/svc', devbox: '/home/x/svc' } }, HOST)
      expect(skipped(outcome)).toEqual({
        repo: 'svc',
        reason: 'not_on_host',
        detail: `no host_paths entry for host "${HOST}"; it has host_paths for ci-01, devbox`,
      })
    })

    it('not_on_host: a repo with no host_paths at all', async () => {
      const outcome = await examine({ slug: 'svc', host_paths: {} }, HOST)
      expect(skipped(outcome).detail).toContain('it has no host_paths')
    })

    it('not_on_host: an inherited property name is not a host', async () => {
      const outcome = await examine({ slug: 'svc', host_paths: {} }, 'constructor')
      expect(skipped(outcome).reason).toBe('not_on_host')
    })

    it('unreachable: the checkout path does not exist', async () => {
      const root = join(tree.dir, 'gone')
      expect(skipped(await examine(entryFor('svc', root), HOST))).toEqual({
        repo: 'svc',
        reason: 'unreachable',
        detail: 'the checkout path does not exist',
        root,
      })
    })

    it('unreachable: the checkout path is a file', async () => {
      const root = join(tree.dir, 'file')
      await writeFile(root, 'not a directory')
      const skip = skipped(await examine(entryFor('svc', root), HOST))
      expect(skip.reason).toBe('unreachable')
      expect(skip.detail).toBe('the checkout path is not a directory')
    })

    it('unreachable: the checkout path is a symlink loop', async () => {
      const root = join(tree.dir, 'loop')
      await symlink(root, root)
      const skip = skipped(await examine(entryFor('svc', root), HOST))
      expect(skip).toMatchObject({ reason: 'unreachable', detail: 'the checkout path is a symlink loop' })
    })

    // Root can read any directory, so the permission check can only fail for other users.
    it.skipIf(process.getuid?.() === 0)('unreachable: the checkout cannot be searched', async () => {
      const root = await tree.checkout('locked', TWO_AGENTS)
      await chmod(root, 0o000)
      try {
        const skip = skipped(await examine(entryFor('svc', root), HOST))
        expect(skip).toMatchObject({
          reason: 'unreachable',
          detail: 'the checkout path is not readable (permission denied)',
        })
      } finally {
        await chmod(root, 0o755)
      }
    })

    it('not_opted_in: no .kaizen directory', async () => {
      const root = join(tree.dir, 'plain')
      await mkdir(root)
      expect(skipped(await examine(entryFor('svc', root), HOST))).toEqual({
        repo: 'svc',
        reason: 'not_opted_in',
        detail: 'no .kaizen/schedule.yml',
        root,
      })
    })

    it('not_opted_in: a .kaizen directory without a manifest, or a .kaizen file', async () => {
      const empty = await tree.checkout('empty')
      expect(skipped(await examine(entryFor('a', empty), HOST)).reason).toBe('not_opted_in')
      const withFile = join(tree.dir, 'with-file')
      await mkdir(withFile)
      await writeFile(join(withFile, '.kaizen'), 'not a directory')
      expect(skipped(await examine(entryFor('b', withFile), HOST)).reason).toBe('not_opted_in')
    })

    it('invalid_manifest: the detail holds every located error, one per line', async () => {
      const root = await tree.checkout(
        'bad',
        'version: 1\nagents:\n  coach:\n    cadense: weekly\n  Review:\n    cadence: weekly\n',
      )
      const skip = skipped(await examine(entryFor('svc', root), HOST))
      expect(skip).toMatchObject({ repo: 'svc', reason: 'invalid_manifest', root })
      const lines = skip.detail.split('\n')
      expect(lines.length).toBeGreaterThanOrEqual(2)
      expect(lines.some((l) => /^\.kaizen\/schedule\.yml:4:5 {2}\/agents\/coach\/cadense {2}.*cadence/.test(l))).toBe(
        true,
      )
      expect(lines.some((l) => /^\.kaizen\/schedule\.yml:5:3 .*Review/.test(l))).toBe(true)
    })

    it('invalid_manifest: malformed YAML is located too', async () => {
      const root = await tree.checkout('bad', 'version: 1\nagents: [\n')
      const skip = skipped(await examine(entryFor('svc', root), HOST))
      expect(skip.reason).toBe('invalid_manifest')
      expect(skip.detail).toMatch(/^\.kaizen\/schedule\.yml:\d+:\d+ /)
    })

    it('invalid_manifest: a manifest symlinked to a file outside the repo is refused without reading it', async () => {
      const outside = join(tree.dir, 'outside.yml')
      await writeFile(outside, TWO_AGENTS)
      const root = await tree.checkout('escape')
      await symlink(outside, join(root, '.kaizen', 'schedule.yml'))
      expect(skipped(await examine(entryFor('svc', root), HOST))).toEqual({
        repo: 'svc',
        reason: 'invalid_manifest',
        detail:
          '.kaizen/schedule.yml:1:1  (document)  .kaizen/schedule.yml is a symlink leading outside the repository; refusing to read it',
        root,
      })
    })

    it('invalid_manifest: a .kaizen directory symlinked outside the repo is refused', async () => {
      const elsewhere = await tree.checkout('elsewhere', TWO_AGENTS)
      const root = join(tree.dir, 'escape')
      await mkdir(root)
      await symlink(join(elsewhere, '.kaizen'), join(root, '.kaizen'))
      const skip = skipped(await examine(entryFor('svc', root), HOST))
      expect(skip.reason).toBe('invalid_manifest')
      expect(skip.detail).toContain('leading outside the repository; refusing to read it')
    })

    it('invalid_manifest: a FIFO at the manifest path is refused without blocking', async () => {
      const root = await tree.checkout('fifo')
      execFileSync('mkfifo', [join(root, '.kaizen', 'schedule.yml')])
      const skip = skipped(await examine(entryFor('svc', root), HOST))
      expect(skip.reason).toBe('invalid_manifest')
      expect(skip.detail).toContain('is not a regular file')
    })

    it('leaves the checkout as it was', async () => {
      const root = await tree.checkout('svc', 'version: 1\nagents: {}\n')
      const before = await snapshotTree(tree.dir)
      expect(skipped(await examine(entryFor('svc', root), HOST)).reason).toBe('invalid_manifest')
      expect(await snapshotTree(tree.dir)).toEqual(before)
    })
  })

  describe('the rule order', () => {
    it.each([
      [
        'disabled_by_hub before not_on_host',
        { slug: 'x', host_paths: {}, kaizen_schedule_enabled: false },
        'disabled_by_hub',
      ],
      ['not_on_host before unreachable', { slug: 'x', host_paths: { elsewhere: '/does/not/exist' } }, 'not_on_host'],
    ] as const)('%s', async (_name, entry, reason) => {
      expect(skipped(await examine(entry, HOST)).reason).toBe(reason)
    })

    it('unreachable before the manifest rules: the same checkout, removed, is unreachable', async () => {
      const root = join(tree.dir, 'svc')
      await mkdir(join(root, '.kaizen'), { recursive: true })
      await writeFile(join(root, '.kaizen', 'schedule.yaml'), 'version: 2\n')
      expect(skipped(await examine(entryFor('svc', root), HOST)).reason).toBe('invalid_manifest')
      await rm(root, { recursive: true })
      expect(skipped(await examine(entryFor('svc', root), HOST)).reason).toBe('unreachable')
    })
  })

  describe('runs', () => {
    it('one run per enabled agent, in agent order, with day/time/timezone only where the manifest sets them', async () => {
      const root = await tree.checkout('svc', TWO_AGENTS)
      expect(runs(await examine(entryFor('svc', root), HOST))).toEqual([
        {
          repo: 'svc',
          host: HOST,
          root,
          agent: 'coach',
          cadence: 'weekly',
          day: 'tue',
          time: '08:30',
          timezone: 'Europe/Berlin',
          prepare_command: `kaizen-agentic schedule prepare coach --target ${root}`,
        },
        {
          repo: 'svc',
          host: HOST,
          root,
          agent: 'optimization',
          cadence: 'daily',
          timezone: 'Europe/Berlin',
          prepare_command: `kaizen-agentic schedule prepare optimization --target ${root}`,
        },
      ])
    })

    it('leaves out the time zone when the manifest does not write one, and keeps a monthly day number', async () => {
      const root = await tree.checkout('svc', 'version: 1\nagents:\n  coach:\n    cadence: monthly\n    day: 15\n')
      const [run] = runs(await examine(entryFor('svc', root), HOST))
      expect(run).toEqual({
        repo: 'svc',
        host: HOST,
        root,
        agent: 'coach',
        cadence: 'monthly',
        day: 15,
        prepare_command: `kaizen-agentic schedule prepare coach --target ${root}`,
      })
    })

    it('skips a repo whose agents are all disabled as no_enabled_agents, naming them', async () => {
      const root = await tree.checkout(
        'svc',
        'version: 1\nagents:\n  coach:\n    cadence: weekly\n    enabled: false\n  retro:\n    cadence: daily\n    enabled: false\n',
      )
      expect(skipped(await examine(entryFor('svc', root), HOST))).toEqual({
        repo: 'svc',
        reason: 'no_enabled_agents',
        detail: 'every agent is enabled: false (coach, retro)',
        root,
      })
    })

    it('reads .kaizen/schedule.yaml when there is no .yml', async () => {
      const root = await tree.checkout('svc')
      await writeFile(join(root, '.kaizen', 'schedule.yaml'), 'version: 1\nagents:\n  coach:\n    cadence: daily\n')
      expect(runs(await examine(entryFor('svc', root), HOST)).map((r) => r.agent)).toEqual(['coach'])
    })

    it('accepts a checkout reached through a symlink, and names it as the roster does', async () => {
      const real = await tree.checkout('real', TWO_AGENTS)
      const root = join(tree.dir, 'link')
      await symlink(real, root)
      const result = runs(await examine(entryFor('svc', root), HOST))
      expect(result.map((r) => r.root)).toEqual([root, root])
    })

    it('accepts a manifest symlinked to another file inside the repo', async () => {
      const root = await tree.checkout('svc')
      await writeFile(join(root, 'schedule.yml'), TWO_AGENTS)
      await symlink('../schedule.yml', join(root, '.kaizen', 'schedule.yml'))
      expect(runs(await examine(entryFor('svc', root), HOST))).toHaveLength(2)
    })
  })
})
