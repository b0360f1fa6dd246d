/** The bundle flags the event repeats are named once in constants and once in the contract: the two agree. */
import { describe, expect, it } from 'vitest'
import { BUNDLE_FLAG_KEYS } from '../../contracts/constants.ts'
import { BundleFlags } from '../../contracts/prepared-bundle.ts'
import eventSchema from '../../generated/schemas/schedule-prepared-event.schema.json' with { type: 'json' }

describe('BUNDLE_FLAG_KEYS', () => {
  it('are exactly the properties of the BundleFlags contract', () => {
    expect(Object.keys(BundleFlags.properties).sort()).toEqual([...BUNDLE_FLAG_KEYS].sort())
  })

  it('are all required properties of the published event’s bundle', () => {
    const bundle = eventSchema.properties.bundle
    for (const key of BUNDLE_FLAG_KEYS) {
      expect(Object.keys(bundle.properties)).toContain(key)
      expect(bundle.required).toContain(key)
    }
  })
})
