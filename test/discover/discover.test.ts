/**
 * The whole resolver on real checkouts: ordering, disabled agents, determinism, the
 * document validated by Ajv and Python jsonschema against the published schema, and
 * prepare commands that survive a real shell whatever the checkout path holds.
 */
import { spawnSync } from 'node:child_process'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Roster } from '../../contracts/roster.ts'
import type { ScheduledRuns } from '../../contracts/scheduled-runs.ts'
import { schemaFileOf } from '../../src/codegen/artifacts.ts'
import { type DiscoverOptions, discoverScheduledRuns } from '../../src/discover/discover.ts'
import { createAjv } from '../../src/schema/ajv.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'
import { findPythonWithJsonschema, mustRunExternalTools, validateWithPython } from '../helpers/python.ts'
import { snapshotTree } from '../helpers/temp-project.ts'
import { entryFor, HOST, makeRepoTree, type RepoTree, TWO_AGENTS } from './repos.ts'

const ONE_AGENT = 'version: 1\nagents:\n  coach:\n    cadence: weekly\n'

let tree: RepoTree
beforeAll(async () => {
  tree = await makeRepoTree()
})
afterAll(async () => {
  await tree.dispose()
})

const discover = async (
  roster: Roster,
  concurrency?: number,
  extra: Partial<DiscoverOptions> = {},
): Promise<ScheduledRuns> => {
  const result = await discoverScheduledRuns(roster, { host: HOST, ...(concurrency ? { concurrency } : {}), ...extra })
  if (!result.ok) throw new Error(result.error.problems.join('\n'))
  return result.document
}

describe('ordering', () => {
  let roster: Roster
  beforeAll(async () => {
    roster = [
      entryFor('zeta', await tree.checkout('zeta', TWO_AGENTS)),
      entryFor('beta', join(tree.dir, 'missing')),
      entryFor('Alpha', await tree.checkout('Alpha', ONE_AGENT)),
      { slug: 'off', host_paths: {}, kaizen_schedule_enabled: false },
      entryFor('alpha-2', await tree.checkout('alpha-2', TWO_AGENTS), { team: 'x', tags: ['a'] } as object),
      entryFor('0-first', await tree.checkout('0-first')),
      { slug: 'Remote', host_paths: { elsewhere: '/srv/remote' } },
    ]
  })

  it('orders runs by repo slug (code-point order, as Python sorts), then agent; skipped repos by slug', async () => {
    const document = await discover(roster)
    expect(document.scheduled_runs.map((r) => `${r.repo}/${r.agent}`)).toEqual([
      'Alpha/coach',
      'alpha-2/coach',
      'alpha-2/optimization',
      'zeta/coach',
      'zeta/optimization',
    ])
    expect(document.skipped.map((s) => `${s.repo}:${s.reason}`)).toEqual([
      '0-first:not_opted_in',
      'Remote:not_on_host',
      'beta:unreachable',
      'off:disabled_by_hub',
    ])
  })

  it('gives the same document whatever the roster order and the concurrency', async () => {
    const expected = JSON.stringify(await discover(roster, 1))
    expect(JSON.stringify(await discover([...roster].reverse(), 64))).toBe(expected)
    expect(
      JSON.stringify(
        await discover([roster[3], roster[0], roster[5], roster[1], roster[6], roster[2], roster[4]] as Roster, 2),
      ),
    ).toBe(expected)
  })

  it('gives the same document examined synchronously, asynchronously, or switching between them mid-roster', async () => {
    // 300 entries: more than one synchronous batch (256), so a switch happens after the first.
    const many: Roster = [
      ...roster,
      ...Array.from({ length: 293 }, (_, i) => ({ slug: `remote-${i}`, host_paths: { elsewhere: '/srv/r' } })),
    ]
    const ways: Record<string, Partial<DiscoverOptions>> = {
      sync: {},
      async: { syncLimitMsPerRepo: 0 },
      // Any batch is "slow" against a limit this small: the first is synchronous, the rest asynchronous.
      switching: { syncLimitMsPerRepo: Number.MIN_VALUE },
    }
    const documents: Record<string, string> = {}
    for (const [way, options] of Object.entries(ways)) {
      const progress: number[] = []
      documents[way] = JSON.stringify(
        await discover(many, 4, { ...options, onProgress: (done, total) => progress.push(total - done) }),
      )
      // Progress counts every repo once, in order, whichever way it was examined.
      expect(progress).toEqual(Array.from({ length: many.length }, (_, i) => many.length - 1 - i))
    }
    expect(documents.async).toBe(documents.sync)
    expect(documents.switching).toBe(documents.sync)
    expect(JSON.parse(documents.sync ?? '').scheduled_runs).toHaveLength(5)
  })

  it('writes nothing into the checkouts', async () => {
    const before = await snapshotTree(tree.dir)
    await discover(roster)
    expect(await snapshotTree(tree.dir)).toEqual(before)
  })
})

describe('disabled agents', () => {
  it('yield no run; a repo whose agents are all disabled is skipped as no_enabled_agents', async () => {
    const some = await tree.checkout(
      'some-off',
      'version: 1\nagents:\n  coach:\n    cadence: weekly\n    enabled: false\n  optimization:\n    cadence: daily\n',
    )
    const all = await tree.checkout(
      'all-off',
      'version: 1\nagents:\n  coach:\n    cadence: weekly\n    enabled: false\n',
    )
    const document = await discover([entryFor('some-off', some), entryFor('all-off', all)])
    expect(document.scheduled_runs.map((r) => `${r.repo}/${r.agent}`)).toEqual(['some-off/optimization'])
    expect(document.skipped).toEqual([
      { repo: 'all-off', reason: 'no_enabled_agents', detail: 'every agent is enabled: false (coach)', root: all },
    ])
  })
})

describe('the document validates against the published schema', () => {
  let document: ScheduledRuns
  const schemaPath = join(PROJECT_ROOT, schemaFileOf('scheduled-runs'))

  beforeAll(async () => {
    const odd = await tree.checkout(
      "with space and 'quote'",
      'version: 1\nagents:\n  review:\n    cadence: monthly\n    day: 28\n    time: "23:59"\n',
    )
    document = await discover([
      entryFor('full', await tree.checkout('full', TWO_AGENTS)),
      entryFor('odd', odd),
      entryFor('bare', await tree.checkout('bare')),
      entryFor('broken', await tree.checkout('broken', 'version: 1\nagents:\n  coach: {cadence: hourly}\n')),
      entryFor('gone', join(tree.dir, 'gone')),
      { slug: 'remote', host_paths: {} },
      { slug: 'off', host_paths: {}, kaizen_schedule_enabled: false },
    ])
  })

  it('covers every skip reason and a numeric day', () => {
    expect(new Set(document.skipped.map((s) => s.reason))).toEqual(
      new Set(['not_on_host', 'unreachable', 'not_opted_in', 'invalid_manifest', 'disabled_by_hub']),
    )
    expect(document.scheduled_runs.some((r) => typeof r.day === 'number')).toBe(true)
  })

  it('Ajv, on the schema file', async () => {
    const validate = createAjv().compile(JSON.parse(await readFile(schemaPath, 'utf8')))
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true)
  })

  const python = findPythonWithJsonschema()
  it.skipIf(python === null && !mustRunExternalTools())('Python jsonschema, on the schema file', () => {
    if (python === null) throw new Error('CI=true but no python3 with jsonschema: apt-get install python3-jsonschema')
    const verdicts = validateWithPython(python, [
      { id: 'document', schema: schemaPath, instance: document },
      // The cross-check can fail: a run without its command must be rejected.
      {
        id: 'broken',
        schema: schemaPath,
        instance: { ...document, scheduled_runs: [{ ...document.scheduled_runs[0], prepare_command: undefined }] },
      },
    ])
    expect(verdicts.get('document')).toMatchObject({ valid: true })
    expect(verdicts.get('broken')).toMatchObject({ valid: false, keywords: ['required'] })
  })
})

describe('prepare_command round-trips through a real shell', () => {
  const NASTY = [
    'with space',
    "it's",
    'say "hi"',
    '$(touch pwned)',
    '`touch pwned`',
    'a;b&c|d>e',
    '*glob?[x]',
    'tab\there',
    'new\nline',
    'mixed \'single\' and "double" $HOME \\back',
  ]

  it.each(NASTY)('checkout path %j', async (name) => {
    const root = await tree.checkout(join('nasty', name), ONE_AGENT)
    const [run] = (await discover([entryFor('nasty', root)])).scheduled_runs
    expect(run?.root).toBe(root)

    // A stand-in kaizen-agentic on PATH that prints the words it was given, NUL-separated.
    const bin = join(tree.dir, 'bin')
    await mkdir(bin, { recursive: true })
    await writeFile(join(bin, 'kaizen-agentic'), '#!/bin/sh\nprintf \'%s\\0\' "$@"\n')
    await chmod(join(bin, 'kaizen-agentic'), 0o755)
    const shell = spawnSync('sh', ['-c', run?.prepare_command ?? 'false'], {
      cwd: tree.dir,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
    })
    expect(shell.stderr).toBe('')
    expect(shell.status).toBe(0)
    // The slug ('nasty') is not the one the directory name gives, so --repo carries it.
    expect(shell.stdout.split('\0').slice(0, -1)).toEqual([
      'schedule',
      'prepare',
      'coach',
      '--target',
      root,
      '--repo',
      'nasty',
    ])
    expect(spawnSync('ls', [tree.dir], { encoding: 'utf8' }).stdout).not.toContain('pwned')
  })
})
