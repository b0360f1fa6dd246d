/**
 * Regression tests for the operator-facing defects of issue 14, each through the CLI in
 * process (stdout, stderr and the exit code checked separately).
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'shell-quote'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PreparedBundle } from '../../contracts/prepared-bundle.ts'
import type { ScheduledRuns } from '../../contracts/scheduled-runs.ts'
import { entryFor, HOST, makeRepoTree, type RepoTree, TWO_AGENTS } from '../discover/repos.ts'
import { runCliCaptured } from '../helpers/cli.ts'

const NOW = { KAIZEN_NOW: '2027-01-04T08:00:00Z' }

let tree: RepoTree
beforeAll(async () => {
  tree = await makeRepoTree()
})
afterAll(async () => {
  await tree.dispose()
})

describe('discover: prepare_command reproduces the run (issue 14, defect a)', () => {
  it('carries --repo when the hub slug differs from the directory name, and the bundle gets that slug', async () => {
    const root = await tree.checkout('acme', TWO_AGENTS)
    await writeFile(join(tree.dir, 'roster-a.json'), JSON.stringify([entryFor('acme-svc', root)]))
    const discovered = await runCliCaptured(['schedule', 'discover', '--roster', 'roster-a.json', '--host', HOST], {
      cwd: tree.dir,
    })
    expect(discovered.stderr).toBe('')
    expect(discovered.code).toBe(0)
    const [run] = (JSON.parse(discovered.stdout) as ScheduledRuns).scheduled_runs
    expect(run?.prepare_command).toBe(`kaizen-agentic schedule prepare coach --target ${root} --repo acme-svc`)

    const words = parse(run?.prepare_command ?? '') as string[]
    expect(words[0]).toBe('kaizen-agentic')
    const prepared = await runCliCaptured([...words.slice(1), '--format', 'json'], { cwd: tree.dir, env: NOW })
    expect(prepared.stderr).toBe('')
    expect(prepared.code).toBe(0)
    const bundle = JSON.parse(prepared.stdout) as PreparedBundle
    expect(bundle.repo).toBe('acme-svc')
  })

  it('leaves --repo out when the directory name already is the slug', async () => {
    const root = await tree.checkout('same-name', TWO_AGENTS)
    await writeFile(join(tree.dir, 'roster-b.json'), JSON.stringify([entryFor('same-name', root)]))
    const discovered = await runCliCaptured(['schedule', 'discover', '--roster', 'roster-b.json', '--host', HOST], {
      cwd: tree.dir,
    })
    expect(discovered.code).toBe(0)
    const [run] = (JSON.parse(discovered.stdout) as ScheduledRuns).scheduled_runs
    expect(run?.prepare_command).toBe(`kaizen-agentic schedule prepare coach --target ${root}`)
  })
})
