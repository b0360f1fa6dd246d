/**
 * Both packages as a downstream TypeScript project gets them: `npm pack` the CLI package
 * and the schemas-only package (`generated/`), unpack each tarball into a consumer's
 * node_modules (no registry, no network: the consumer needs nothing but this repo's
 * TypeScript), then import schemas and the generated types from each, compile under
 * `moduleResolution: nodenext` and `bundler`, and run the emitted JavaScript. The
 * schemas package's file list also proves every CDN URL we hand out names a shipped file.
 */
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTRACTS } from '../../contracts/index.ts'
import { SCHEMAS_PACKAGE, SCHEMAS_PACKAGE_VERSION, schemaUrlOf } from '../../contracts/package.ts'
import { CATALOG_FILE } from '../../src/codegen/catalog.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')

const CONSUMER_SOURCE = `import manifestSchema from 'kaizen-agentic-schedule/schemas/schedule-manifest.schema.json' with { type: 'json' }
import type { ScheduleManifest } from 'kaizen-agentic-schedule/types/schedule-manifest'
import type { SchedulePreparedEvent } from 'kaizen-agentic-schedule/types/schedule-prepared-event'

const manifest: ScheduleManifest = { version: 1, agents: { coach: { cadence: 'weekly', day: 'mon' } } }
// @ts-expect-error -- proves the type is real: 'hourly' is not a cadence
const wrong: ScheduleManifest = { version: 1, agents: { coach: { cadence: 'hourly' } } }
const format: SchedulePreparedEvent['bundle']['format'] = 'markdown'
const id: string = manifestSchema.$id
console.log(JSON.stringify({ id, agents: Object.keys(manifest.agents), version: wrong.version, format }))
`

const SCHEMAS_CONSUMER_SOURCE = `import manifestSchema from '${SCHEMAS_PACKAGE}/schemas/schedule-manifest.schema.json' with { type: 'json' }
import released from '${SCHEMAS_PACKAGE}/releases/schedule-manifest/1.0.0.schema.json' with { type: 'json' }
import catalog from '${SCHEMAS_PACKAGE}/catalog.json' with { type: 'json' }
import type { ScheduleManifest } from '${SCHEMAS_PACKAGE}/types/schedule-manifest'
import type { ScheduledRuns } from '${SCHEMAS_PACKAGE}/types/scheduled-runs'

const manifest: ScheduleManifest = { version: 1, agents: { retro: { cadence: 'monthly', day: 1 } } }
// @ts-expect-error -- proves the type is real: 'hourly' is not a cadence
const wrong: ScheduleManifest = { version: 1, agents: { coach: { cadence: 'hourly' } } }
const runs: ScheduledRuns['scheduled_runs'] = []
console.log(JSON.stringify({ id: manifestSchema.$id, released: released.$id, catalog: catalog.schemas.length, agents: Object.keys(manifest.agents), version: wrong.version, runs: runs.length }))
`

const compilerOptions = (resolution: 'nodenext' | 'bundler') => ({
  target: 'ES2022',
  module: resolution === 'nodenext' ? 'NodeNext' : 'ESNext',
  moduleResolution: resolution === 'nodenext' ? 'NodeNext' : 'Bundler',
  strict: true,
  resolveJsonModule: true,
  types: [],
  ...(resolution === 'nodenext' ? { outDir: 'out', rootDir: 'src' } : { noEmit: true }),
})

interface PackResult {
  readonly filename: string
  readonly version: string
  readonly files: ReadonlyArray<{ readonly path: string }>
}

/** Packs the package in `dir` into `work` and unpacks it as `node_modules/<name>` of `consumer`. */
async function packInto(dir: string, work: string, consumer: string, name: string): Promise<PackResult> {
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: dir,
    encoding: 'utf8',
  })
  expect(pack.status, pack.stderr).toBe(0)
  const [result] = JSON.parse(pack.stdout) as PackResult[]
  if (!result) throw new Error('npm pack printed no result')
  const installed = join(consumer, 'node_modules', name)
  await mkdir(installed, { recursive: true })
  // What \`npm install <tarball>\` would place, minus dependencies the types and schemas do not need.
  const untar = spawnSync('tar', ['-xzf', join(work, result.filename), '-C', installed, '--strip-components=1'])
  expect(untar.status, String(untar.stderr)).toBe(0)
  return result
}

describe('the packed package, in a consumer project', () => {
  let work: string
  let consumer: string
  let packed: PackResult
  let schemasPacked: PackResult

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'kaizen-pack-'))
    consumer = join(work, 'consumer')
    await mkdir(join(consumer, 'src'), { recursive: true })
    packed = await packInto(PROJECT_ROOT, work, consumer, 'kaizen-agentic-schedule')
    schemasPacked = await packInto(join(PROJECT_ROOT, 'generated'), work, consumer, SCHEMAS_PACKAGE)
    await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
    await writeFile(join(consumer, 'src/index.ts'), CONSUMER_SOURCE)
    await writeFile(join(consumer, 'src/contracts.ts'), SCHEMAS_CONSUMER_SOURCE)
    for (const resolution of ['nodenext', 'bundler'] as const) {
      const config = { compilerOptions: compilerOptions(resolution), include: ['src'] }
      await writeFile(join(consumer, `tsconfig.${resolution}.json`), JSON.stringify(config))
    }
  })
  afterAll(async () => {
    await rm(work, { recursive: true, force: true })
  })

  it('ships the generated artefacts, the contracts and the changelog, and no tests', () => {
    const paths = packed.files.map((f) => f.path)
    for (const expected of [
      'package.json',
      'CHANGELOG.md',
      'LICENSE',
      'generated/schemas/schedule-manifest.schema.json',
      'generated/types/schedule-manifest.ts',
      'generated/releases/schedule-manifest/1.0.0.schema.json',
      'generated/catalog.json',
      'generated/asyncapi.yaml',
      'contracts/index.ts',
    ]) {
      expect(paths).toContain(expected)
    }
    expect(paths.filter((p) => /^(test|bench|\.ci)\//.test(p))).toEqual([])
    // The only node_modules entry is the bundled schemas-only package: it is a workspace, not on the
    // registry, so `npm install -g ./<tarball>` must find it inside the tarball (README, "Installing").
    const bundled = 'node_modules/kaizen-agentic-schedule-contracts/'
    expect(paths.filter((p) => p.startsWith('node_modules/') && !p.startsWith(bundled))).toEqual([])
    expect(paths).toContain(`${bundled}schemas/schedule-manifest.schema.json`)
    expect(paths.filter((p) => p.startsWith(bundled) && /\/(python|go|schemastore)\//.test(p))).toEqual([])
    // The other consumers' trees ship elsewhere (PyPI-style package, Go module, SchemaStore PR).
    expect(paths.filter((p) => /^generated\/(python|go|schemastore)\//.test(p))).toEqual([])
  })

  it('the CLI depends on the schemas package, at a range its packed version satisfies', async () => {
    const cli = JSON.parse(await readFile(join(consumer, 'node_modules/kaizen-agentic-schedule/package.json'), 'utf8'))
    const major = schemasPacked.version.split('.')[0]
    expect(cli.dependencies[SCHEMAS_PACKAGE]).toBe(`^${major}.0.0`)
    expect(schemasPacked.version).toBe(SCHEMAS_PACKAGE_VERSION)
  })

  it('the schemas package ships schemas, types, releases, catalog and AsyncAPI, and has no dependencies', async () => {
    const paths = schemasPacked.files.map((f) => f.path).sort()
    for (const expected of [
      'package.json',
      'README.md',
      'schemas/schedule-manifest.schema.json',
      'types/schedule-manifest.ts',
      'releases/schedule-manifest/1.0.0.schema.json',
      'catalog.json',
      'asyncapi.yaml',
    ]) {
      expect(paths).toContain(expected)
    }
    expect(
      paths.filter(
        (p) => !/^(schemas|types|releases)\/|^(package\.json|README\.md|catalog\.json|asyncapi\.yaml)$/.test(p),
      ),
    ).toEqual([])
    const manifest = JSON.parse(await readFile(join(consumer, 'node_modules', SCHEMAS_PACKAGE, 'package.json'), 'utf8'))
    expect(manifest.dependencies ?? {}).toEqual({})
    expect(manifest.peerDependencies ?? {}).toEqual({})
  })

  it('every CDN URL (catalog entries, the init modeline) names a file in the schemas package, at its major', async () => {
    const catalog = JSON.parse(await readFile(join(PROJECT_ROOT, CATALOG_FILE), 'utf8')) as {
      schemas: { url: string }[]
    }
    const urls = [...catalog.schemas.map((s) => s.url), schemaUrlOf('schedule-manifest')]
    const prefix = `https://cdn.jsdelivr.net/npm/${SCHEMAS_PACKAGE}@${schemasPacked.version.split('.')[0]}/`
    const paths = schemasPacked.files.map((f) => f.path)
    for (const url of urls) {
      expect(url.startsWith(prefix), url).toBe(true)
      expect(paths, url).toContain(url.slice(prefix.length))
    }
  })

  it('compiles a schema import and the types under nodenext and bundler, and Node resolves the schema', async () => {
    // One build-mode run checks both projects and pays the compiler start-up once.
    const build = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.nodenext.json', 'tsconfig.bundler.json'], {
      cwd: consumer,
      encoding: 'utf8',
    })
    expect(build.stdout + build.stderr).toBe('')
    expect(build.status).toBe(0)
    for (const resolution of ['nodenext', 'bundler']) {
      await expect(stat(join(consumer, `tsconfig.${resolution}.tsbuildinfo`))).resolves.toBeTruthy()
    }
    const run = spawnSync(process.execPath, ['--no-warnings', 'out/index.js'], { cwd: consumer, encoding: 'utf8' })
    expect(run.status, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({
      id: 'https://schemas.kaizen-agentic.dev/schedule-manifest/v2.schema.json',
      agents: ['coach'],
      version: 1,
      format: 'markdown',
    })
    const contracts = spawnSync(process.execPath, ['--no-warnings', 'out/contracts.js'], {
      cwd: consumer,
      encoding: 'utf8',
    })
    expect(contracts.status, contracts.stderr).toBe(0)
    expect(JSON.parse(contracts.stdout)).toEqual({
      id: 'https://schemas.kaizen-agentic.dev/schedule-manifest/v2.schema.json',
      released: 'https://schemas.kaizen-agentic.dev/schedule-manifest/v1.schema.json',
      catalog: CONTRACTS.length,
      agents: ['retro'],
      version: 1,
      runs: 0,
    })
  })

  it("resolves the schemas package's AsyncAPI document and package.json through its exports map", () => {
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `for (const p of ['asyncapi.yaml', 'package.json']) console.log(import.meta.resolve('${SCHEMAS_PACKAGE}/' + p))`,
      ],
      { cwd: consumer, encoding: 'utf8' },
    )
    expect(run.status, run.stderr).toBe(0)
    expect(
      run.stdout
        .split('\n')
        .filter(Boolean)
        .map((u) => u.slice(u.indexOf('/node_modules/'))),
    ).toEqual([`/node_modules/${SCHEMAS_PACKAGE}/asyncapi.yaml`, `/node_modules/${SCHEMAS_PACKAGE}/package.json`])
  })

  it('exposes only what the exports map lists', () => {
    const run = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "await import('kaizen-agentic-schedule/src/evolution/diff.ts')"],
      { cwd: consumer, encoding: 'utf8' },
    )
    expect(run.status).not.toBe(0)
    expect(run.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED')
  })
})
