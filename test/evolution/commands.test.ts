/**
 * `npm run contracts:diff` and the gate inside `npm run check`, run as a contract owner
 * would: a breaking edit in a temp copy fails the gate's npm script with rule and path
 * (and `npm run check` runs that script); bumping the major makes it pass, and
 * release-contracts snapshots the new major. The other stages of `npm run check` (drift,
 * tsc, biome) have tests of their own, so they are not re-run here.
 */
import { spawnSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contractsDiff } from '../../src/evolution/commands.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'
import { copyProject } from '../helpers/temp-project.ts'

const tsx = (cwd: string, script: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd, encoding: 'utf8' })

describe('contracts:diff on the committed tree', () => {
  it('passes, with a text report on stdout', async () => {
    const outcome = await contractsDiff(PROJECT_ROOT, [])
    expect(outcome.exitCode).toBe(0)
    expect(outcome.stderr).toBe('')
    expect(outcome.stdout).toContain('schedule-manifest 1.0.0 (input, must stay backward compatible)')
    expect(outcome.stdout).toContain('Gate passed')
  })

  it('prints JSON with --format json', async () => {
    const outcome = await contractsDiff(PROJECT_ROOT, ['--format', 'json'])
    expect(outcome.exitCode).toBe(0)
    const report = JSON.parse(outcome.stdout)
    expect(report.ok).toBe(true)
    expect(report.contracts.map((c: { compatibility: string }) => c.compatibility)).toContain('forward')
  })

  it('rejects an unknown format or option as a usage error (exit 2)', async () => {
    const format = await contractsDiff(PROJECT_ROOT, ['--format', 'yaml'])
    expect(format).toMatchObject({ exitCode: 2, stdout: '' })
    expect(format.stderr).toContain('unknown --format "yaml"')
    expect(format.stderr).toContain('usage: npm run contracts:diff [-- --format text|json|markdown]')
    const option = await contractsDiff(PROJECT_ROOT, ['--since', '1.0.0'])
    expect(option.exitCode).toBe(2)
    expect(option.stderr).toContain("Unknown option '--since'")
  })
})

describe('a contract owner in a temp copy', () => {
  let project: Awaited<ReturnType<typeof copyProject>>
  const manifest = () => join(project.root, 'contracts/schedule-manifest.ts')

  beforeAll(async () => {
    project = await copyProject()
    // A deliberately breaking edit to an input: every manifest now needs two agents.
    const text = await readFile(manifest(), 'utf8')
    expect(text).toContain('minProperties: 1,')
    await writeFile(manifest(), text.replace('minProperties: 1,', 'minProperties: 2,'))
  })
  afterAll(async () => {
    await project.dispose()
  })

  it('sees the gate of `npm run check` fail on the breaking edit, naming the rule and the path', async () => {
    const scripts = JSON.parse(await readFile(join(project.root, 'package.json'), 'utf8')).scripts
    expect(scripts.check).toContain('npm run check:contracts')
    const run = spawnSync('npm', ['run', 'check:contracts'], { cwd: project.root, encoding: 'utf8' })
    expect(run.status).not.toBe(0)
    expect(run.stderr).toContain(
      'MIN_PROPERTIES_INCREASED at $.agents: `minProperties` increased from 1 to 2 — breaking for an input (must stay backward compatible)',
    )
    expect(run.stderr).toContain('[#/properties/agents/minProperties]')
    expect(run.stderr).toContain('Gate failed: breaking changes without a major bump in schedule-manifest.')
  })

  it('passes the gate after a major bump, and releases 2.0.0 next to 1.0.0', async () => {
    const text = await readFile(manifest(), 'utf8')
    await writeFile(manifest(), text.replace("version: '1.0.0'", "version: '2.0.0'"))

    const diff = tsx(project.root, 'scripts/contracts-diff.ts', '--format', 'json')
    expect(diff.status, diff.stderr).toBe(0)
    const verdict = JSON.parse(diff.stdout).contracts.find((c: { name: string }) => c.name === 'schedule-manifest')
    expect(verdict).toMatchObject({ status: 'major-bump', failing: false, baseline: '1.0.0', version: '2.0.0' })
    expect(verdict.changes.map((c: { rule: string }) => c.rule)).toEqual(['ID_CHANGED', 'MIN_PROPERTIES_INCREASED'])

    const release = tsx(project.root, 'scripts/release-contracts.ts')
    expect(release.status, release.stderr).toBe(0)
    expect(release.stdout).toContain(
      'released schedule-manifest 2.0.0 → generated/releases/schedule-manifest/2.0.0.schema.json',
    )
    const v2 = JSON.parse(
      await readFile(join(project.root, 'generated/releases/schedule-manifest/2.0.0.schema.json'), 'utf8'),
    )
    expect(v2.$id).toBe('https://schemas.kaizen-agentic.dev/schedule-manifest/v2.schema.json')
    expect(v2.properties.agents.minProperties).toBe(2)
    await expect(
      readFile(join(project.root, 'generated/releases/schedule-manifest/1.0.0.schema.json'), 'utf8'),
    ).resolves.toContain('/v1.schema.json')
  })
})
