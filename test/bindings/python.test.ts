/**
 * The generated Python package `kaizen_schedule_contracts`, as a Python consumer gets it:
 * `mypy --strict` (Debian's) accepts the package and a typed consumer and rejects a wrong
 * document; Debian's Python runs every contract example through `validate` (valid ones
 * pass, invalid ones raise ContractValidationError naming the problem); `get_schema`
 * returns the published schema; without jsonschema, `validate` says what to install.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTRACTS } from '../../contracts/index.ts'
import type { SchemaName } from '../../generated/schemas/index.ts'
import { schemaFileOf } from '../../src/codegen/artifacts.ts'
import { loadContractExamples } from '../../src/codegen/examples.ts'
import { PYTHON_DIR } from '../../src/codegen/python-bindings.ts'
import { validatorFor } from '../../src/schema/validators.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'
import { MYPY, PYTHON, requireTool, shouldRun } from '../helpers/toolchains.ts'

const PACKAGE_ROOT = join(PROJECT_ROOT, PYTHON_DIR)
const run = shouldRun('the Python bindings tests', { 'python3 with jsonschema': PYTHON, mypy: MYPY })

/** Runs Python with the generated package importable and no bytecode written into the repo. */
function python(args: readonly string[], input?: string) {
  const result = spawnSync(requireTool('python3', PYTHON, 'python3-jsonschema'), ['-B', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: PACKAGE_ROOT, PYTHONDONTWRITEBYTECODE: '1' },
    maxBuffer: 64 * 1024 * 1024,
  })
  return result
}

/** Each example's verdict from `validate`: null when accepted, else the error's type and message. */
const VALIDATE_EVERY_EXAMPLE = `
import json, sys
from kaizen_schedule_contracts import ContractValidationError, validate
out = []
for job in json.load(sys.stdin):
    try:
        validate(job["contract"], job["data"])
        out.append(None)
    except ContractValidationError as error:
        out.append({"type": type(error).__name__, "message": str(error), "errors": error.errors})
print(json.dumps(out))
`

const TYPED_CONSUMER = `from kaizen_schedule_contracts import ScheduleManifest, ScheduleList, get_schema, validate

manifest: ScheduleManifest = {"version": 1, "agents": {"coach": {"cadence": "weekly", "day": "mon"}}}
validate("schedule-manifest", manifest)
wrong: ScheduleManifest = {"version": 1, "agents": {"coach": {"cadence": "hourly"}}}  # type: ignore
no_version: ScheduleManifest = {"agents": {}}  # type: ignore
listing: ScheduleList = {"file": ".kaizen/schedule.yml", "as_of": "2027-01-04T08:00:00Z", "agents": []}
first_next_run: str | None = None
for agent in listing["agents"]:
    first_next_run = agent["next_run"]
title: object = get_schema("roster")["title"]
validate("no-such-contract", {})  # type: ignore
`

describe.runIf(run)('the Python bindings', () => {
  let work: string
  beforeAll(async () => {
    requireTool('python3 with jsonschema', PYTHON, 'python3-jsonschema')
    requireTool('mypy', MYPY, 'mypy')
    work = await mkdtemp(join(tmpdir(), 'kaizen-python-'))
  })
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true })
  })

  it('pass mypy --strict, with a consumer whose wrong documents are type errors', async () => {
    // Under --strict an unneeded `# type: ignore` is itself an error: the ignores prove the types reject those lines.
    await writeFile(join(work, 'consumer.py'), TYPED_CONSUMER)
    const mypy = spawnSync(
      requireTool('mypy', MYPY, 'mypy'),
      [
        '--strict',
        '--cache-dir',
        join(work, '.mypy_cache'),
        join(PACKAGE_ROOT, 'kaizen_schedule_contracts'),
        'consumer.py',
      ],
      { cwd: work, encoding: 'utf8', env: { ...process.env, MYPYPATH: PACKAGE_ROOT } },
    )
    expect(mypy.stdout + mypy.stderr).toMatch(/^Success: no issues found in \d+ source files\n$/)
    expect(mypy.status).toBe(0)

    // And without the ignores, mypy names the very mistakes.
    await writeFile(join(work, 'consumer.py'), TYPED_CONSUMER.replaceAll('  # type: ignore', ''))
    const unignored = spawnSync(
      requireTool('mypy', MYPY, 'mypy'),
      ['--strict', '--cache-dir', join(work, '.mypy_cache'), 'consumer.py'],
      { cwd: work, encoding: 'utf8', env: { ...process.env, MYPYPATH: PACKAGE_ROOT } },
    )
    expect(unignored.status).toBe(1)
    expect(unignored.stdout).toContain(
      `consumer.py:5: error: Incompatible types (expression has type "Literal['hourly']", TypedDict item "cadence" has type "Literal['daily', 'weekly', 'monthly']")`,
    )
    expect(unignored.stdout).toContain('consumer.py:6: error: Missing key "version" for TypedDict "ScheduleManifest"')
    expect(unignored.stdout).toContain(
      `consumer.py:12: error: Argument 1 to "validate" has incompatible type "Literal['no-such-contract']"`,
    )
    expect(unignored.stdout).toContain('Found 3 errors in 1 file')
  })

  it('validate every contract example: valid ones pass, invalid ones raise ContractValidationError', async () => {
    const jobs = []
    for (const contract of CONTRACTS) {
      const { valid, invalid } = await loadContractExamples(PROJECT_ROOT, contract.name)
      for (const f of valid) jobs.push({ contract: contract.name, file: f.file, data: f.data, valid: true })
      for (const f of invalid) jobs.push({ contract: contract.name, file: f.file, data: f.data, valid: false })
    }
    const result = python(['-c', VALIDATE_EVERY_EXAMPLE], JSON.stringify(jobs))
    expect(result.stderr).toBe('')
    const verdicts = JSON.parse(result.stdout) as ({ type: string; message: string; errors: string[] } | null)[]
    expect(verdicts).toHaveLength(jobs.length)
    jobs.forEach((job, i) => {
      const verdict = verdicts[i]
      if (job.valid) expect(verdict, job.file).toBeNull()
      else {
        expect(verdict?.type, job.file).toBe('ContractValidationError')
        expect(verdict?.message, job.file).toMatch(new RegExp(`^not a valid ${job.contract} document \\(\\d+ problem`))
        expect(verdict?.errors.length, job.file).toBeGreaterThan(0)
      }
    })
    const hourly = jobs.findIndex((j) => j.file.endsWith('schedule-manifest/invalid/cadence-hourly.enum.yml'))
    expect(verdicts[hourly]?.errors).toEqual([
      "at /agents/coach/cadence: 'hourly' is not one of ['daily', 'weekly', 'monthly']",
    ])
  })

  it("reach the runtime's verdict where Python's regex dialect differs from ECMA ($ before a final newline, . and CR)", () => {
    const agent = (fields: Record<string, unknown>) => ({
      version: 1,
      agents: { coach: { cadence: 'weekly', ...fields } },
    })
    const cases: { contract: SchemaName; data: unknown }[] = [
      { contract: 'schedule-manifest', data: { version: 1, agents: { 'coach\n': { cadence: 'weekly' } } } },
      { contract: 'schedule-manifest', data: agent({ time: '09:00\n' }) },
      { contract: 'schedule-manifest', data: { ...agent({}), pointers: { scope: 'docs/SCOPE.md\n' } } },
      { contract: 'schedule-manifest', data: { ...agent({}), pointers: { scope: '\r/../x' } } },
      { contract: 'schedule-manifest', data: agent({ time: '09:00' }) },
      { contract: 'roster', data: [{ slug: 'a\n', host_paths: { h: '/srv/a' } }] },
      { contract: 'roster', data: [{ slug: 'a', host_paths: { h: '/srv/a' } }] },
    ]
    const runtime = cases.map(({ contract, data }) => validatorFor(contract)(data))
    const jobs = cases.map(({ contract, data }) => ({ contract, data, file: '', valid: true }))
    const result = python(['-c', VALIDATE_EVERY_EXAMPLE], JSON.stringify(jobs))
    expect(result.stderr).toBe('')
    const binding = (JSON.parse(result.stdout) as unknown[]).map((verdict) => verdict === null)
    expect(binding).toEqual(runtime)
    // Where it matters both refuse: an agent key, a time or a slug with a trailing newline.
    expect(runtime).toEqual([false, false, true, true, true, false, true])
  })

  it('read every published pattern as ECMA does (Ajv: the u flag), on inputs where the dialects part', async () => {
    const patterns = new Set<string>()
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) for (const item of node) collect(item)
      else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'pattern' && typeof value === 'string') patterns.add(value)
          else if (key === 'patternProperties' && value !== null && typeof value === 'object') {
            for (const [p, sub] of Object.entries(value)) {
              patterns.add(p)
              collect(sub)
            }
          } else if (key !== 'examples') collect(value)
        }
      }
    }
    for (const contract of CONTRACTS) {
      collect(JSON.parse(await readFile(join(PROJECT_ROOT, schemaFileOf(contract.name)), 'utf8')))
    }
    const inputs = ['coach', 'coach\n', '\ncoach', 'a\rb', '09:00', '09:00\n', '\u0661\u0662:\u0660\u0660']
      .concat(['0 9 * * 1', '0\ufeff9 * * * 1', '0\u001c 9 * * 1', 'docs/SCOPE.md', '\r/../x', '\u2028/../x'])
      .concat(['2026-06-15T09:00:00Z', '2026-06-15T09:00:00Z\n', '/srv/a', 'C:\\x', 'UTC', 'Europe/Berlin'])
    const pairs = [...patterns].flatMap((pattern) => inputs.map((input) => ({ pattern, input })))
    const ecma = pairs.map(({ pattern, input }) => new RegExp(pattern, 'u').test(input))
    const result = python(
      [
        '-c',
        'import json, re, sys\nfrom kaizen_schedule_contracts._schemas import _ecma_pattern\n' +
          'print(json.dumps([re.search(_ecma_pattern(p["pattern"]), p["input"]) is not None for p in json.load(sys.stdin)]))',
      ],
      JSON.stringify(pairs),
    )
    expect(result.stderr).toBe('')
    const dialect = JSON.parse(result.stdout) as boolean[]
    const differing = pairs.filter((_, i) => dialect[i] !== ecma[i])
    expect(differing).toEqual([])
    expect(patterns.size).toBeGreaterThan(5)
  })

  it('get_schema returns each published schema; an unknown name is a KeyError listing the known ones', async () => {
    const result = python([
      '-c',
      `import json
from kaizen_schedule_contracts import CONTRACT_NAMES, get_schema
print(json.dumps({name: get_schema(name) for name in CONTRACT_NAMES}))
try:
    get_schema("nope")  # type: ignore
except KeyError as error:
    print(error.args[0])`,
    ])
    expect(result.status, result.stderr).toBe(0)
    const [schemas, unknown] = result.stdout.split('\n')
    const published = Object.fromEntries(
      await Promise.all(
        CONTRACTS.map(async (c) => [
          c.name,
          JSON.parse(await readFile(join(PROJECT_ROOT, schemaFileOf(c.name)), 'utf8')),
        ]),
      ),
    )
    expect(JSON.parse(schemas ?? '')).toEqual(published)
    expect(unknown).toBe(`unknown contract 'nope'; known: ${CONTRACTS.map((c) => c.name).join(', ')}`)
  })

  it('work without jsonschema for types and schemas; validate then names what to install', () => {
    // -S leaves out site-packages, where Debian (and pip) put jsonschema.
    const result = python([
      '-S',
      '-c',
      `from kaizen_schedule_contracts import get_schema, validate
print(get_schema("roster")["title"])
validate("roster", [])`,
    ])
    expect(result.status).toBe(1)
    expect(result.stdout).toBe('state-hub roster\n')
    expect(result.stderr).toContain(
      "ImportError: kaizen_schedule_contracts.validate needs the 'jsonschema' package (4.0 or later): pip install 'kaizen-schedule-contracts[validate]' or apt-get install python3-jsonschema",
    )
  })
})
