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
import { runDevCaptured, runScript } from '../helpers/cli.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'
import { copyProject } from '../helpers/temp-project.ts'

const contractsDiff = (root: string, args: readonly string[]) =>
  runDevCaptured(['contracts-diff', ...args], { cwd: root })

const tsx = (root: string, script: string, ...args: string[]) => runScript(script, args, { cwd: root, project: root })

describe('contracts:diff on the committed tree', () => {
  it('passes, with a text report on stdout', async () => {
    const outcome = await contractsDiff(PROJECT_ROOT, [])
    expect(outcome.code).toBe(0)
    expect(outcome.stderr).toBe('')
    expect(outcome.stdout).toContain('schedule-manifest 2.0.0 (input, must stay backward compatible)')
    expect(outcome.stdout).toContain('Gate passed')
  })

  it('prints JSON with --format json', async () => {
    const outcome = await contractsDiff(PROJECT_ROOT, ['--format', 'json'])
    expect(outcome.code).toBe(0)
    const report = JSON.parse(outcome.stdout)
    expect(report.ok).toBe(true)
    expect(report.contracts.map((c: { compatibility: string }) => c.compatibility)).toContain('forward')
  })

  it('rejects an unknown format or option as a usage error (exit 2)', async () => {
    const format = await contractsDiff(PROJECT_ROOT, ['--format', 'yaml'])
    expect(format).toMatchObject({ code: 2, stdout: '' })
    expect(format.stderr).toContain(
      "error: option '-f, --format <format>' argument 'yaml' is invalid. expected one of text, json, markdown",
    )
    expect(format.stderr).toContain('(add --help for usage)')
    const option = await contractsDiff(PROJECT_ROOT, ['--since', '1.0.0'])
    expect(option).toMatchObject({ code: 2, stdout: '' })
    expect(option.stderr).toContain("error: unknown option '--since'")
  })
})

describe('release-contracts --only', () => {
  it('plans only the named contracts; the gate still covers all (dry run, nothing written)', async () => {
    const outcome = await runDevCaptured(['release-contracts', '--dry-run', '--only', 'roster'], { cwd: PROJECT_ROOT })
    expect(outcome.code, outcome.stderr).toBe(0)
    expect(outcome.stdout).not.toContain('would release')
    expect(outcome.stdout).toContain('already released: roster 1.0.0')
  })

  it('an unknown contract name is a usage error (exit 2) naming the known ones', async () => {
    const outcome = await runDevCaptured(['release-contracts', '--only', 'schedule-manfest'], { cwd: PROJECT_ROOT })
    expect(outcome).toMatchObject({ code: 2, stdout: '' })
    expect(outcome.stderr).toContain('unknown contract schedule-manfest for --only; one of schedule-manifest,')
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

  it('passes the gate after a major bump, and releases 3.0.0 next to 2.0.0 and 1.0.0', async () => {
    const text = await readFile(manifest(), 'utf8')
    await writeFile(manifest(), text.replace("version: '2.0.0'", "version: '3.0.0'"))

    const diff = await tsx(project.root, 'contracts-diff', '--format', 'json')
    expect(diff.code, diff.stderr).toBe(0)
    const verdict = JSON.parse(diff.stdout).contracts.find((c: { name: string }) => c.name === 'schedule-manifest')
    expect(verdict).toMatchObject({ status: 'major-bump', failing: false, baseline: '2.0.0', version: '3.0.0' })
    expect(verdict.changes.map((c: { rule: string }) => c.rule)).toEqual(['ID_CHANGED', 'MIN_PROPERTIES_INCREASED'])

    const release = await tsx(project.root, 'release-contracts')
    expect(release.code, release.stderr).toBe(0)
    expect(release.stdout).toContain(
      'released schedule-manifest 3.0.0 → generated/releases/schedule-manifest/3.0.0.schema.json',
    )
    const v3 = JSON.parse(
      await readFile(join(project.root, 'generated/releases/schedule-manifest/3.0.0.schema.json'), 'utf8'),
    )
    expect(v3.$id).toBe('https://schemas.kaizen-agentic.dev/schedule-manifest/v3.schema.json')
    expect(v3.properties.agents.minProperties).toBe(2)
    await expect(
      readFile(join(project.root, 'generated/releases/schedule-manifest/2.0.0.schema.json'), 'utf8'),
    ).resolves.toContain('/v2.schema.json')
    await expect(
      readFile(join(project.root, 'generated/releases/schedule-manifest/1.0.0.schema.json'), 'utf8'),
    ).resolves.toContain('/v1.schema.json')
  })
})
