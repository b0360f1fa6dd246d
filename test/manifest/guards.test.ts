/** The loader's guards against hostile YAML, exercised directly. */
import { describe, expect, it } from 'vitest'
import { findExcessiveNesting, MAX_NESTING } from '../../src/manifest/nesting.ts'
import { parseManifestText } from '../../src/manifest/parse.ts'

describe('findExcessiveNesting', () => {
  it.each([
    ['a flat manifest', 'version: 1\nagents:\n  coach:\n    cadence: weekly\n'],
    ['a flow manifest', '{version: 1, agents: {coach: {cadence: weekly}}}'],
    ['brackets inside quotes', `x: "${'['.repeat(500)}"\n`],
    ['brackets inside a comment', `x: 1 # ${'['.repeat(500)}\n`],
    ['brackets inside a block scalar', `x: |\n  ${'['.repeat(500)}\n`],
    ['indented comments', `x: 1\n${' '.repeat(400)}# far right\n`],
    ['many sibling flow maps', `agents: [${Array.from({ length: 500 }, () => '{a: 1}').join(', ')}]\n`],
  ])('lets %s through', (_name, text) => {
    expect(findExcessiveNesting(text)).toBe(-1)
  })

  it.each([
    ['nested flow sequences', '['.repeat(MAX_NESTING), 0],
    ['nested flow maps', `k: ${'{a: '.repeat(MAX_NESTING)}`, 3],
    ['compact nested sequences', '- '.repeat(MAX_NESTING), 0],
    ['deep indentation', Array.from({ length: MAX_NESTING }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'), 0],
  ])('stops %s, at a position inside the text', (_name, text, atLeast) => {
    const at = findExcessiveNesting(text)
    expect(at).toBeGreaterThanOrEqual(atLeast)
    expect(at).toBeLessThan(text.length)
  })

  it('reads a megabyte of brackets without recursing (the parser alone would take seconds)', () => {
    const text = '['.repeat(1024 * 1024 - 1)
    expect(findExcessiveNesting(text)).toBeGreaterThan(0)
    const result = parseManifestText(text, 'deep.yml')
    // A million brackets are a million YAML nodes: the node budget, counted first in one
    // linear scan, refuses the text before the nesting check or the parser sees it.
    expect(result.ok ? [] : result.diagnostics.map((d) => d.keyword)).toEqual(['size'])
  })
})

describe('duplicate keys', () => {
  it('are found among tens of thousands of keys (yaml’s own check is quadratic)', () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  a${i}: {cadence: daily}`)
    keys.push('  a17: {cadence: weekly}')
    const result = parseManifestText(`version: 1\nagents:\n${keys.join('\n')}\n`, 'big.yml')
    expect(result.ok).toBe(false)
    const duplicates = result.ok ? [] : result.diagnostics.filter((d) => d.keyword === 'duplicate-key')
    expect(duplicates.map((d) => [d.line, d.path, d.message])).toEqual([
      [40_003, '/agents/a17', "duplicate key 'a17' (first on line 20); a key may appear only once in a mapping"],
    ])
  })

  it('are reported together with the other problems of the file', () => {
    const text = 'version: 1\nagents:\n  coach: {cadence: daily}\n  coach: {cadence: daily}\ncolour: blue\n'
    const result = parseManifestText(text, 'm.yml')
    expect(result.ok ? [] : result.diagnostics.map((d) => d.keyword)).toEqual(['duplicate-key', 'additionalProperties'])
  })
})
