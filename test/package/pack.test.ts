/**
 * The package as a downstream TypeScript project gets it: `npm pack`, unpack the tarball
 * into a consumer's node_modules (no registry, no network: the consumer needs nothing
 * but this repo's TypeScript), then import a schema and the generated types and compile
 * under `moduleResolution: nodenext` and `bundler`, and run the emitted JavaScript.
 */
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
  readonly files: ReadonlyArray<{ readonly path: string }>
}

describe('the packed package, in a consumer project', () => {
  let work: string
  let consumer: string
  let packed: PackResult

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'kaizen-pack-'))
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    })
    expect(pack.status, pack.stderr).toBe(0)
    const [result] = JSON.parse(pack.stdout) as PackResult[]
    if (!result) throw new Error('npm pack printed no result')
    packed = result

    consumer = join(work, 'consumer')
    const installed = join(consumer, 'node_modules', 'kaizen-agentic-schedule')
    await mkdir(installed, { recursive: true })
    await mkdir(join(consumer, 'src'))
    // What `npm install <tarball>` would place, minus dependencies the types and schemas do not need.
    const untar = spawnSync('tar', ['-xzf', join(work, packed.filename), '-C', installed, '--strip-components=1'])
    expect(untar.status, String(untar.stderr)).toBe(0)
    await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
    await writeFile(join(consumer, 'src/index.ts'), CONSUMER_SOURCE)
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
      'generated/schemas/schedule-manifest.schema.json',
      'generated/types/schedule-manifest.ts',
      'generated/releases/schedule-manifest/1.0.0.schema.json',
      'generated/catalog.json',
      'generated/asyncapi.yaml',
      'contracts/index.ts',
    ]) {
      expect(paths).toContain(expected)
    }
    expect(paths.filter((p) => /^(test|bench|\.ci|node_modules)\//.test(p))).toEqual([])
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
