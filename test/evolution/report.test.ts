/** The three renderings of a gate result. */
import { describe, expect, it } from 'vitest'
import { evaluateGate } from '../../src/evolution/gate.ts'
import type { Release } from '../../src/evolution/releases.ts'
import { renderJson, renderMarkdown, renderText } from '../../src/evolution/report.ts'

const released = {
  $id: 'https://schemas.example/event/v1.schema.json',
  type: 'object',
  properties: { format: { type: 'string', enum: ['markdown', 'json'] } },
}
const release: Release = {
  name: 'event',
  version: '1.0.0',
  file: 'generated/releases/event/1.0.0.schema.json',
  text: '',
  schema: released,
}
const widened = {
  ...released,
  description: 'Now with html.',
  properties: { format: { type: 'string', enum: ['markdown', 'json', 'html'] } },
}
const failed = evaluateGate([{ name: 'event', version: '1.0.0', direction: 'output', schema: widened }], [release])
const passed = evaluateGate([{ name: 'event', version: '1.0.0', direction: 'output', schema: released }], [release])

describe('renderText', () => {
  it('lists each change with its level, message and schema path, then the verdict', () => {
    const text = renderText(failed)
    expect(text).toContain('✖ event 1.0.0 (output, must stay forward compatible): 1 breaking, 1 compatible since 1.0.0')
    expect(text).toContain(
      '✖ breaking   ENUM_VALUE_ADDED at $.format: value "html" added — breaking for an output (must stay forward compatible)',
    )
    expect(text).toContain('[#/properties/format/enum]')
    expect(text).toContain('· compatible DESCRIPTION_CHANGED at $: `description` changed')
    expect(text).toContain('→ bump the major in contracts/event.ts to 2.0.0')
    expect(text.trimEnd().split('\n').at(-1)).toBe('Gate failed: breaking changes without a major bump in event.')
    expect(text).not.toContain('\u001b[')
  })

  it('says so when the gate passes', () => {
    expect(renderText(passed)).toContain('✔ event 1.0.0 (output, must stay forward compatible): unchanged since 1.0.0')
    expect(renderText(passed)).toContain('Gate passed: 1 contracts, no breaking change without a major bump.')
  })

  it('colours only when asked', () => {
    expect(renderText(failed, { color: true })).toContain('\u001b[31m✖')
  })
})

describe('renderJson', () => {
  it('is the gate result as JSON, with the compatibility each contract must keep', () => {
    const json = JSON.parse(renderJson(failed))
    expect(json.ok).toBe(false)
    expect(json.contracts[0]).toMatchObject({
      name: 'event',
      direction: 'output',
      compatibility: 'forward',
      baseline: '1.0.0',
      status: 'breaking',
      failing: true,
    })
    expect(json.contracts[0].changes[0]).toMatchObject({
      rule: 'ENUM_VALUE_ADDED',
      level: 'breaking',
      path: '$.format',
      schemaPath: '#/properties/format/enum',
      after: 'html',
    })
  })
})

describe('renderMarkdown', () => {
  it('is a Keep a Changelog fragment, breaking changes first', () => {
    expect(renderMarkdown(failed)).toBe(
      [
        '### Changed',
        '',
        '- **Breaking:** `event` 1.0.0 (output): `ENUM_VALUE_ADDED` at `$.format`: value "html" added',
        '- `event` 1.0.0 (output): `DESCRIPTION_CHANGED` at `$`: `description` changed',
        '',
      ].join('\n'),
    )
    expect(renderMarkdown(passed)).toBe('_No contract changes since the last release._\n')
  })
})
