/**
 * The precompiled validators in generated/validators/ (Ajv standalone code, checked by
 * no compiler) give the same verdicts and the same errors as Ajv compiling the published
 * schema at run time, on every example of every contract.
 */
import { describe, expect, it } from 'vitest'
import { VALIDATORS } from '../../generated/validators/index.ts'
import { createAjv } from '../../src/schema/ajv.ts'
import { schemaErrors, validatorFor } from '../../src/schema/validators.ts'
import { loadContracts } from '../helpers/contract-fixtures.ts'

const contracts = await loadContracts()
const ajv = createAjv({ verbose: true })

describe('every contract has a precompiled validator', () => {
  it('and no validator lacks a contract', () => {
    expect(Object.keys(VALIDATORS).sort()).toEqual(contracts.map((c) => c.contract.name).sort())
  })
})

describe.each(contracts.map((c) => [c.contract.name, c] as const))('%s', (name, loaded) => {
  const compiled = ajv.compile(loaded.schema)
  const precompiled = validatorFor(name as keyof typeof VALIDATORS)
  const fixtures = [...loaded.examples.valid, ...loaded.examples.invalid]

  it.each(fixtures.map((f) => [f.file, f] as const))('agrees with Ajv on %s', (_file, fixture) => {
    const expected = compiled(fixture.data)
    expect(precompiled(fixture.data)).toBe(expected)
    const strip = (errors: typeof compiled.errors) =>
      (errors ?? []).map(({ keyword, instancePath, schemaPath, params, message, data }) => ({
        keyword,
        instancePath,
        schemaPath,
        params,
        message,
        data,
      }))
    expect(strip(precompiled.errors)).toEqual(strip(compiled.errors))
    expect(schemaErrors(name as keyof typeof VALIDATORS, fixture.data).length > 0).toBe(!expected)
  })

  it('reports verbose errors (parentSchema and data), which the diagnostics rely on', () => {
    const invalid = loaded.examples.invalid[0]
    expect(precompiled(invalid?.data)).toBe(false)
    const first = precompiled.errors?.[0]
    expect(first?.parentSchema).toBeTypeOf('object')
    expect(first && 'data' in first).toBe(true)
  })
})
