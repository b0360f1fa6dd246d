/** The gate: baseline choice, statuses, major bumps, and the committed tree passing it. */
import { describe, expect, it } from 'vitest'
import { CONTRACTS } from '../../contracts/index.ts'
import { runGate } from '../../src/cli/dev/contracts.ts'
import { type CurrentContract, evaluateGate, judgeContract } from '../../src/evolution/gate.ts'
import type { Release } from '../../src/evolution/releases.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

const schemaV = (major: number, extra: Record<string, unknown> = {}) => ({
  $id: `https://schemas.example/thing/v${major}.schema.json`,
  type: 'object',
  properties: { kind: { type: 'string', enum: ['a', 'b'] } },
  ...extra,
})

const current = (version: string, schema: Record<string, unknown>, direction: 'input' | 'output' = 'output') =>
  ({ name: 'thing', version, direction, schema }) satisfies CurrentContract

const release = (version: string, schema: Record<string, unknown>): Release => ({
  name: 'thing',
  version,
  file: `generated/releases/thing/${version}.schema.json`,
  text: JSON.stringify(schema),
  schema,
})

describe('judgeContract', () => {
  it('is unchanged against an identical release', () => {
    const verdict = judgeContract(current('1.0.0', schemaV(1)), [release('1.0.0', schemaV(1))])
    expect(verdict).toMatchObject({ status: 'unchanged', failing: false, baseline: '1.0.0', changes: [] })
  })

  it('compares with the latest release of the same major', () => {
    const verdict = judgeContract(current('1.2.0', schemaV(1)), [
      release('1.0.0', schemaV(1, { required: ['kind'] })),
      release('1.1.0', schemaV(1)),
    ])
    expect(verdict.baseline).toBe('1.1.0')
    expect(verdict.status).toBe('unchanged')
  })

  it('fails on a breaking change without a major bump, and says what to bump', () => {
    const after = schemaV(1, { properties: { kind: { type: 'string', enum: ['a', 'b', 'c'] } } })
    const verdict = judgeContract(current('1.0.0', after), [release('1.0.0', schemaV(1))])
    expect(verdict.status).toBe('breaking')
    expect(verdict.failing).toBe(true)
    expect(verdict.changes.map((c) => [c.rule, c.path, c.level])).toEqual([['ENUM_VALUE_ADDED', '$.kind', 'breaking']])
    expect(verdict.notes.join()).toContain('bump the major in contracts/thing.ts to 2.0.0')
  })

  it('lets the same change pass for an input, and asks for a minor bump', () => {
    const after = schemaV(1, { properties: { kind: { type: 'string', enum: ['a', 'b', 'c'] } } })
    const verdict = judgeContract(current('1.0.0', after, 'input'), [release('1.0.0', schemaV(1))])
    expect(verdict).toMatchObject({ status: 'compatible', failing: false })
    expect(verdict.notes.join()).toContain('bump the minor version before `npm run release-contracts`')
  })

  it('asks only for a patch bump when annotations changed', () => {
    const verdict = judgeContract(current('1.0.0', schemaV(1, { description: 'new' })), [release('1.0.0', schemaV(1))])
    expect(verdict.notes.join()).toContain('bump the patch version')
  })

  it('reports a major bump as intentional: changes listed, gate not failed', () => {
    const after = schemaV(2, { required: ['kind'] })
    const verdict = judgeContract(current('2.0.0', after, 'input'), [release('1.0.0', schemaV(1))])
    expect(verdict.status).toBe('major-bump')
    expect(verdict.failing).toBe(false)
    expect(verdict.changes.map((c) => c.rule)).toEqual(['ID_CHANGED', 'PROPERTY_REQUIRED_ADDED'])
    expect(verdict.notes.join()).toContain('major bump 1.0.0 → 2.0.0')
  })

  it('holds a bumped major to its own release once it exists', () => {
    const after = schemaV(2, { properties: { kind: { type: 'string', enum: ['a'] } } })
    const verdict = judgeContract(current('2.0.0', after, 'input'), [
      release('1.0.0', schemaV(1)),
      release('2.0.0', schemaV(2)),
    ])
    expect(verdict).toMatchObject({ status: 'breaking', failing: true, baseline: '2.0.0' })
  })

  it('fails when the version went below the latest release', () => {
    const verdict = judgeContract(current('1.0.0', schemaV(1)), [release('1.1.0', schemaV(1))])
    expect(verdict.failing).toBe(true)
    expect(verdict.changes[0]?.message).toContain(
      'VERSION_DECREASED at $: version 1.0.0 is lower than the released 1.1.0',
    )
  })

  it('does not fail a contract that was never released', () => {
    const verdict = judgeContract(current('1.0.0', schemaV(1)), [])
    expect(verdict).toMatchObject({ status: 'unreleased', failing: false, baseline: null })
  })
})

describe('evaluateGate', () => {
  it('fails when a released contract left the registry', () => {
    const gone = { ...release('1.0.0', schemaV(1)), name: 'retired' }
    const result = evaluateGate([current('1.0.0', schemaV(1))], [release('1.0.0', schemaV(1)), gone])
    expect(result.ok).toBe(false)
    expect(result.problems).toEqual([
      expect.objectContaining({ rule: 'CONTRACT_REMOVED', file: 'generated/releases/retired/' }),
    ])
  })

  it('passes on the committed tree, where every contract has a release of its current major', async () => {
    const result = await runGate(PROJECT_ROOT)
    expect(result.problems).toEqual([])
    for (const verdict of result.contracts) {
      // Compatible, unreleased edits are allowed (contracts:diff asks for a bump); breaking ones are not.
      expect(['unchanged', 'compatible'], verdict.name).toContain(verdict.status)
      expect(verdict.baseline?.split('.')[0], verdict.name).toBe(verdict.version.split('.')[0])
    }
    expect(result.contracts.map((c) => c.name)).toEqual(CONTRACTS.map((c) => c.name))
    expect(result.ok).toBe(true)
  })
})
