/**
 * The single source holds: every example of every contract is accepted, and every
 * invalid fixture rejected for the keyword its name gives, by Ajv (on the published
 * schema), TypeBox (on the contract itself) and Python's jsonschema (on the published
 * schema, no format checker) alike.
 */
import { Compile } from 'typebox/compile'
import { beforeAll, describe, expect, it } from 'vitest'
import { createAjv } from '../../src/schema/ajv.ts'
import { type LoadedContract, loadContracts } from '../helpers/contract-fixtures.ts'
import {
  findPythonWithJsonschema,
  mustRunExternalTools,
  type PythonVerdict,
  validateWithPython,
} from '../helpers/python.ts'

const contracts = await loadContracts()
const ajv = createAjv()

describe.each(contracts.map((c) => [c.contract.name, c] as const))('%s', (_name, loaded: LoadedContract) => {
  const ajvCheck = ajv.compile(loaded.schema)
  const typeboxCheck = Compile(loaded.contract.schema)

  it('has valid and invalid examples', () => {
    expect(loaded.examples.valid.length).toBeGreaterThan(0)
    expect(loaded.examples.invalid.length).toBeGreaterThan(2)
  })

  it.each(loaded.examples.valid.map((f) => [f.file, f] as const))('accepts %s', (_file, fixture) => {
    expect(ajvCheck(fixture.data), JSON.stringify(ajvCheck.errors)).toBe(true)
    expect(typeboxCheck.Check(fixture.data), JSON.stringify([...typeboxCheck.Errors(fixture.data)])).toBe(true)
  })

  it.each(loaded.examples.invalid.map((f) => [f.file, f] as const))(
    'rejects %s for its named keyword',
    (_file, fixture) => {
      expect(ajvCheck(fixture.data)).toBe(false)
      expect((ajvCheck.errors ?? []).map((e) => e.keyword)).toContain(fixture.keyword)
      expect(typeboxCheck.Check(fixture.data)).toBe(false)
      expect([...typeboxCheck.Errors(fixture.data)].map((e) => e.keyword)).toContain(fixture.keyword)
    },
  )
})

describe('the invalid fixtures of the manifest and the event exercise each kind of constraint', () => {
  // What a reader can get wrong: a missing key, a wrong type, a value outside a set or a pattern, a fixed value.
  it.each([
    ['schedule-manifest', ['additionalProperties', 'const', 'enum', 'minProperties', 'pattern', 'required', 'type']],
    ['schedule-prepared-event', ['const', 'enum', 'minimum', 'pattern', 'required', 'type']],
  ])('%s', (name, keywords) => {
    const loaded = contracts.find((c) => c.contract.name === name)
    const covered = new Set(loaded?.examples.invalid.map((f) => f.keyword))
    expect(keywords.filter((k) => !covered.has(k))).toEqual([])
  })
})

describe('Python jsonschema (Draft202012Validator, no format checker) agrees', () => {
  const python = findPythonWithJsonschema()
  const skip = python === null && !mustRunExternalTools()
  let verdicts = new Map<string, PythonVerdict>()

  beforeAll(() => {
    if (skip) return
    if (python === null) throw new Error('CI=true but no python3 with jsonschema: apt-get install python3-jsonschema')
    const jobs = contracts.flatMap((c) =>
      [...c.examples.valid, ...c.examples.invalid].map((f) => ({ id: f.file, schema: c.schemaPath, instance: f.data })),
    )
    verdicts = validateWithPython(python, jobs)
  })

  const all = contracts.flatMap((c) => [
    ...c.examples.valid.map((f) => [f.file, true, undefined] as const),
    ...c.examples.invalid.map((f) => [f.file, false, f.keyword] as const),
  ])
  it.skipIf(skip).each(all)('%s → valid=%s', (file, valid, keyword) => {
    const verdict = verdicts.get(file)
    expect(verdict?.valid).toBe(valid)
    if (keyword) expect(verdict?.keywords).toContain(keyword)
  })
})
