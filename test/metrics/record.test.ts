/** `buildExecutionRecord`: flags over the HELIX_* environment, checked by the contract's validator. */
import { describe, expect, it } from 'vitest'
import { buildExecutionRecord } from '../../src/metrics/record.ts'
import { schemaErrors } from '../../src/schema/validators.ts'

const NOW = new Date('2027-01-04T08:41:07.250Z')
const flags = { agent: 'coach', success: true, timeS: 312 }

describe('buildExecutionRecord', () => {
  it('builds a valid record from the flags alone, stamped with the time', () => {
    const result = buildExecutionRecord({ ...flags, quality: 0.8, runId: 'acme.coach.20270104T0800Z' }, {}, NOW)
    expect(result).toEqual({
      ok: true,
      record: {
        agent: 'coach',
        success: true,
        time_s: 312,
        quality: 0.8,
        recorded_at: '2027-01-04T08:41:07.250Z',
        run_id: 'acme.coach.20270104T0800Z',
      },
    })
    expect(schemaErrors('execution-record', result.ok ? result.record : undefined)).toEqual([])
  })

  it('merges every HELIX_* variable into its field; empty variables count as unset', () => {
    const env = {
      HELIX_SESSION_UID: 'hx-42',
      HELIX_REPO: 'acme-service',
      HELIX_FLAVOR: 'claude-code',
      HELIX_TOKENS: '48211',
      HELIX_INFRA_OVERHEAD_SHARE: '0.12',
      UNRELATED: 'x',
    }
    const result = buildExecutionRecord(flags, env, NOW)
    expect(result.ok && result.record).toMatchObject({
      helix_session_uid: 'hx-42',
      helix_repo: 'acme-service',
      helix_flavor: 'claude-code',
      tokens: 48211,
      helix_infra_overhead_share: 0.12,
    })
    const empty = buildExecutionRecord(flags, { HELIX_SESSION_UID: '', HELIX_TOKENS: '' }, NOW)
    expect(empty.ok && Object.keys(empty.record)).toEqual(['agent', 'success', 'time_s', 'recorded_at'])
  })

  it('lets a flag beat the environment', () => {
    const result = buildExecutionRecord({ ...flags, tokens: 7 }, { HELIX_TOKENS: '48211' }, NOW)
    expect(result.ok && result.record.tokens).toBe(7)
    // The environment value is not even checked when a flag replaces it.
    expect(buildExecutionRecord({ ...flags, tokens: 7 }, { HELIX_TOKENS: 'lots' }, NOW).ok).toBe(false)
  })

  it('names the variable of every malformed environment value', () => {
    const result = buildExecutionRecord(
      flags,
      { HELIX_TOKENS: '12.5', HELIX_INFRA_OVERHEAD_SHARE: '1.5', HELIX_FLAVOR: 'x'.repeat(65) },
      NOW,
    )
    expect(result.ok ? [] : result.problems).toEqual([
      { source: { kind: 'env', variable: 'HELIX_TOKENS' }, value: '12.5', message: 'must be a non-negative integer' },
      {
        source: { kind: 'env', variable: 'HELIX_FLAVOR' },
        value: 'x'.repeat(65),
        message: 'must NOT have more than 64 characters',
      },
      { source: { kind: 'env', variable: 'HELIX_INFRA_OVERHEAD_SHARE' }, value: '1.5', message: 'must be <= 1' },
    ])
  })

  it('names the flag of every out-of-range value', () => {
    const result = buildExecutionRecord({ ...flags, timeS: -3, quality: 1.5 }, {}, NOW)
    expect(result.ok ? [] : result.problems).toEqual([
      { source: { kind: 'flag', flag: '--time' }, value: '-3', message: 'must be >= 0' },
      { source: { kind: 'flag', flag: '--quality' }, value: '1.5', message: 'must be <= 1' },
    ])
  })
})
