/**
 * What a run loads. TypeBox (hundreds of module files) belongs to the generator, and the
 * NATS client to `--emit nats://` alone; if either creeps back into the start-up of
 * `--version`, `validate` or a plain `prepare`, these fail (speed itself is measured by
 * `npm run bench`, not here). Every run records its modules through a `--import` hook
 * (test/helpers/loaded-modules/), from source through tsx and from the esbuild bundle.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { YAML_DOOR, YAML_VENDOR_FILE } from '../../src/build/bundle-cli.ts'
import { bundledCli } from '../helpers/bundled-cli.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

const RECORDER = pathToFileURL(join(PROJECT_ROOT, 'test/helpers/loaded-modules/register.mjs')).href
const MANIFEST = 'examples/acme-service/.kaizen/schedule.yml'
const INVALID_MANIFEST = 'contracts/examples/schedule-manifest/invalid/weekly-with-month-day.if.yml'
const PREPARE = ['schedule', 'prepare', 'coach', '--target', 'examples/acme-service']
/** Nothing listens on port 1: the emit fails at once, after the client has loaded. */
const NATS_EMIT = [...PREPARE, '--emit', 'nats://127.0.0.1:1']

let scratch: string
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kaizen-loaded-'))
})
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

interface Loaded {
  readonly code: number | null
  readonly stderr: string
  readonly modules: readonly string[]
}

let runs = 0
/** Runs node with `args` under the recorder; resolves to the exit code and every module file loaded. */
async function loaded(args: readonly string[]): Promise<Loaded> {
  const record = join(scratch, `run-${++runs}.txt`)
  const run = spawnSync(process.execPath, ['--import', RECORDER, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOADED_MODULES_FILE: record, NO_COLOR: '1' },
    encoding: 'utf8',
  })
  const modules = (await readFile(record, 'utf8')).split('\n').filter((line) => line !== '')
  return { code: run.status, stderr: run.stderr, modules }
}

const packageOf = (module: string): string | undefined => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(module)?.[1]
const packages = (run: Loaded): Set<string> => new Set(run.modules.map(packageOf).filter((p) => p !== undefined))

describe('from source (node --import tsx src/cli/bin.ts)', () => {
  const source = (args: readonly string[]) => loaded(['--import', 'tsx', 'src/cli/bin.ts', ...args])

  it('--version loads commander and neither TypeBox, the NATS client nor the YAML parser', async () => {
    const run = await source(['--version'])
    expect(run.code).toBe(0)
    const used = packages(run)
    expect(used).toContain('commander')
    for (const absent of ['typebox', '@nats-io/transport-node', 'yaml', 'ajv']) expect(used).not.toContain(absent)
  })

  it('schedule validate loads the precompiled validator, not TypeBox or NATS; the YAML parser only for an invalid manifest', async () => {
    const run = await source(['schedule', 'validate', MANIFEST])
    expect(run.code).toBe(0)
    const used = packages(run)
    expect(run.modules.some((m) => m.endsWith('generated/validators/schedule-manifest.ts'))).toBe(true)
    expect(used).not.toContain('typebox')
    expect(used).not.toContain('@nats-io/transport-node')
    // A valid manifest in plain YAML takes the fast path; positions are needed only to report a problem.
    expect(used).not.toContain('yaml')
    const invalid = await source(['schedule', 'validate', INVALID_MANIFEST])
    expect(invalid.code).toBe(1)
    expect(invalid.stderr).toMatch(/:\d+:\d+/)
    expect(packages(invalid)).toContain('yaml')
  })

  it('schedule prepare loads neither TypeBox nor the NATS client when it emits nowhere or to a file', async () => {
    for (const args of [PREPARE, [...PREPARE, '--emit', join(scratch, 'event.json')]]) {
      const run = await source(args)
      expect(run.code).toBe(0)
      expect(packages(run)).not.toContain('typebox')
      expect(packages(run)).not.toContain('@nats-io/transport-node')
    }
  })

  it('a plain schedule prepare loads no event pipeline and no tokenizer; --emit FILE loads the event validators', async () => {
    const plain = await source(PREPARE)
    expect(plain.code).toBe(0)
    const eventModules = (run: Loaded) =>
      run.modules.filter((m) =>
        /generated\/validators\/(schedule-prepared-event|cloud-event-headers|structured-cloud-event)\.ts$/.test(m),
      )
    expect(eventModules(plain)).toEqual([])
    expect(plain.modules.filter((m) => /src\/event\/(emit-event|cloudevents|emit-nats)\.ts$/.test(m))).toEqual([])
    expect(packages(plain)).not.toContain('gpt-tokenizer')
    const toFile = await source([...PREPARE, '--emit', join(scratch, 'event-2.json')])
    expect(toFile.code).toBe(0)
    expect(eventModules(toFile)).toEqual([
      pathToFileURL(join(PROJECT_ROOT, 'generated/validators/schedule-prepared-event.ts')).href,
    ])
  })

  it('schedule prepare --tokenizer counts in a worker thread: gpt-tokenizer never loads on the main thread', async () => {
    const run = await source([...PREPARE, '--format', 'json', '--tokenizer', 'o200k_base'])
    expect(run.code).toBe(0)
    expect(packages(run)).not.toContain('gpt-tokenizer')
    expect(run.modules).toContain('node:worker_threads')
  })

  it('schedule prepare --emit nats:// loads the NATS client (and still not TypeBox)', async () => {
    const run = await source(NATS_EMIT)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('cannot connect to NATS at nats://127.0.0.1:1')
    expect(packages(run)).toContain('@nats-io/transport-node')
    expect(packages(run)).not.toContain('typebox')
  })
})

describe('the bundled binary (npm run build)', () => {
  // Bundled once per run by test/setup/bundle-cli.ts, inside the project as dist/ is.
  const { metafile, bin } = bundledCli()

  /** The bundle's output files (absolute) whose code comes from `pkg`. */
  const outputsWith = (pkg: string): string[] =>
    Object.entries(metafile.outputs)
      .filter(([, output]) => Object.keys(output.inputs).some((input) => input.includes(`node_modules/${pkg}/`)))
      .map(([file]) => join(PROJECT_ROOT, file))

  it('holds no TypeBox at all, and the NATS client only in chunks of its own', () => {
    expect(outputsWith('typebox')).toEqual([])
    const nats = outputsWith('@nats-io/transport-node')
    expect(nats.length).toBeGreaterThan(0)
    expect(nats).not.toContain(bin)
  })

  it("holds secretlint's core but its profiler switched off (src/bundle/secretlint-profiler-off.cjs)", () => {
    expect(outputsWith('@secretlint/core').length).toBeGreaterThan(0)
    expect(outputsWith('@secretlint/profiler')).toEqual([])
    const inputs = Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs))
    expect(inputs).toContain('src/bundle/secretlint-profiler-off.cjs')
  })

  it('keeps the yaml library in a file of its own: a valid manifest never loads it, an invalid one does', async () => {
    expect(outputsWith('yaml')).toEqual([])
    const door = Object.entries(metafile.outputs).find(([, o]) => Object.keys(o.inputs).includes(YAML_DOOR))?.[0]
    expect(door).toBeDefined()
    const vendored = join(PROJECT_ROOT, dirname(door ?? ''), YAML_VENDOR_FILE)
    const valid = await loaded([bin, 'schedule', 'validate', MANIFEST])
    expect(valid.code).toBe(0)
    expect(valid.modules.some((m) => m.endsWith(`/${YAML_VENDOR_FILE}`))).toBe(false)
    const invalid = await loaded([bin, 'schedule', 'validate', INVALID_MANIFEST])
    expect(invalid.code).toBe(1)
    expect(invalid.stderr).toMatch(/weekly-with-month-day\.if\.yml:\d+:\d+ /)
    expect(invalid.modules.map((m) => m.replace(/^file:\/\//, ''))).toContain(vendored)
  })

  it('--version and schedule validate load no chunk holding the NATS client; a nats:// emit does', async () => {
    const nats = outputsWith('@nats-io/transport-node').map((file) => pathToFileURL(file).href)
    const version = await loaded([bin, '--version'])
    expect(version.code).toBe(0)
    expect(version.modules).toContain(pathToFileURL(bin).href)
    const validate = await loaded([bin, 'schedule', 'validate', MANIFEST])
    expect(validate.code).toBe(0)
    for (const run of [version, validate]) expect(run.modules.filter((m) => nats.includes(m))).toEqual([])
    const emit = await loaded([bin, ...NATS_EMIT])
    expect(emit.code).toBe(1)
    expect(emit.modules.filter((m) => nats.includes(m)).length).toBeGreaterThan(0)
  })
})
