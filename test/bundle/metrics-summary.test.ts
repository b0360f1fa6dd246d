/** Execution records → metrics summary (pure), and the optimizer headline. */
import fc from 'fast-check'
import { Compile } from 'typebox/compile'
import { describe, expect, it } from 'vitest'
import { MetricsSummary } from '../../contracts/prepared-bundle.ts'
import {
  describeMetrics,
  instantOf,
  MAX_HEADLINE_LENGTH,
  optimizerHeadline,
  optimizerRecommendations,
  summariseExecutionRecords,
} from '../../src/bundle/metrics-summary.ts'
import { recordLine } from '../helpers/temp-repo.ts'

describe('summariseExecutionRecords', () => {
  it('counts runs and successes and averages quality and time over valid records', () => {
    const text = [
      recordLine({ success: true, quality: 0.7, time_s: 30, recorded_at: '2026-06-01T09:00:00Z' }),
      recordLine({ success: false, quality: 0.4, time_s: 60, recorded_at: '2026-06-15T09:00:00Z' }),
      recordLine({ success: true, quality: 0.9, time_s: 45.5, recorded_at: '2026-06-08T09:00:00Z', tokens: 12 }),
      '',
    ].join('\n')
    const { summary, problems } = summariseExecutionRecords(text, 'coach')
    expect(problems).toEqual([])
    expect(summary).toEqual({
      runs: 3,
      successes: 2,
      success_rate: 0.6667,
      mean_quality: 0.6667,
      mean_time_s: 45.17,
      last_run_at: '2026-06-15T09:00:00Z',
      malformed_lines: 0,
      // In time order: 0.7, 0.9 | 0.4 — the newer half against the older half.
      trend: { window: 3, recent_success_rate: 0.6667, recent_mean_quality: 0.6667, direction: 'declining' },
      last_failure: { recorded_at: '2026-06-15T09:00:00Z', quality: 0.4, time_s: 60, runs_since: 0 },
    })
  })

  it('compares the last five runs with the five before them, in recorded_at order', () => {
    const day = (d: number) => `2026-06-${String(d).padStart(2, '0')}T09:00:00Z`
    const older = [1, 2, 3, 4, 5].map((d) => recordLine({ success: d !== 3, quality: 0.5, recorded_at: day(d) }))
    const newer = [6, 7, 8, 9, 10].map((d) => recordLine({ success: true, quality: 0.9, recorded_at: day(d) }))
    // Written out of order: the log is append-only, but clocks and offsets are not to be trusted.
    const { summary } = summariseExecutionRecords([...newer, ...older].join('\n'), 'coach')
    expect(summary.trend).toEqual({
      window: 5,
      recent_success_rate: 1,
      recent_mean_quality: 0.9,
      previous_success_rate: 0.8,
      previous_mean_quality: 0.5,
      direction: 'improving',
    })
    expect(summary.last_failure).toEqual({ recorded_at: day(3), quality: 0.5, time_s: 40, runs_since: 7 })
    expect(describeMetrics(summary)).toContain(
      '- Trend: improving — last 5 runs: 100% success, quality 0.9 (before: 80% success, quality 0.5)\n- Last failure: 2026-06-03T09:00:00Z (quality 0.5, 40 s; 7 runs since)\n',
    )
  })

  it('reads a single run as new, and steady runs as steady', () => {
    expect(summariseExecutionRecords(recordLine(), 'coach').summary.trend?.direction).toBe('new')
    const same = [1, 2, 3, 4].map((d) => recordLine({ quality: 0.8, recorded_at: `2026-06-0${d}T09:00:00Z` }))
    expect(summariseExecutionRecords(same.join('\n'), 'coach').summary.trend?.direction).toBe('steady')
    expect(summariseExecutionRecords(same.join('\n'), 'coach').summary.last_failure).toBeUndefined()
  })

  it('picks the last run by instant, not by text, when offsets differ', () => {
    const text = [
      recordLine({ recorded_at: '2026-06-15T10:00:00+02:00' }), // 08:00Z
      recordLine({ recorded_at: '2026-06-15T09:00:00Z' }),
    ].join('\n')
    expect(summariseExecutionRecords(text, 'coach').summary.last_run_at).toBe('2026-06-15T09:00:00Z')
  })

  it('orders a leap second (23:59:60Z) after 23:59:59, in either line order', () => {
    const failed = recordLine({ success: false, recorded_at: '2026-01-01T00:00:00Z' })
    const leap = recordLine({ success: true, recorded_at: '2026-06-30T23:59:60Z' })
    for (const text of [`${failed}\n${leap}`, `${leap}\n${failed}`]) {
      const { summary } = summariseExecutionRecords(text, 'coach')
      expect(summary.last_run_at).toBe('2026-06-30T23:59:60Z')
      expect(summary.last_failure?.runs_since).toBe(1)
    }
    expect(instantOf('2016-12-31T23:59:60Z') - instantOf('2016-12-31T23:59:59Z')).toBe(1000)
    expect(instantOf('2016-12-31T23:59:60.5+00:00')).toBe(Date.parse('2017-01-01T00:00:00.5Z'))
  })

  it('counts and explains malformed lines, skips them, and ignores blank lines', () => {
    const text = [
      recordLine(),
      '{"agent": "coach", "success": true', // truncated JSON
      '',
      recordLine({ quality: 1.5 }),
      recordLine({ agent: 'optimization' }),
      '[1, 2]',
      '   ',
      recordLine({ success: false }),
    ].join('\r\n')
    const { summary, problems } = summariseExecutionRecords(text, 'coach')
    expect(summary.runs).toBe(2)
    expect(summary.successes).toBe(1)
    expect(summary.malformed_lines).toBe(4)
    expect(problems).toEqual([
      'line 2: not valid JSON',
      'line 4: /quality must be <= 1, got number 1.5',
      "line 5: the record is for agent 'optimization', not 'coach'",
      'line 6: the record must be an object, got an array',
    ])
  })

  it('gives a zero summary without means for a log with no valid record', () => {
    const { summary } = summariseExecutionRecords('not json\n', 'coach')
    expect(summary).toEqual({ runs: 0, successes: 0, success_rate: 0, malformed_lines: 1 })
  })

  it('always yields a summary that matches the MetricsSummary contract (property)', () => {
    const check = Compile(MetricsSummary)
    const record = fc.record({
      success: fc.boolean(),
      quality: fc.double({ min: 0, max: 1, noNaN: true }),
      time_s: fc.double({ min: 0, max: 1e6, noNaN: true }),
    })
    fc.assert(
      fc.property(fc.array(fc.oneof(record, fc.constant('garbage')), { maxLength: 40 }), (lines) => {
        const text = lines.map((l) => (typeof l === 'string' ? l : recordLine(l))).join('\n')
        const { summary } = summariseExecutionRecords(text, 'coach')
        expect(check.Check(summary), JSON.stringify(summary)).toBe(true)
        expect(summary.runs + summary.malformed_lines).toBe(lines.length)
      }),
    )
  })
})

describe('optimizerHeadline', () => {
  it('takes `headline`, else `summary`, first line only', () => {
    expect(optimizerHeadline('{"headline": "quality up", "summary": "x"}')).toEqual({ headline: 'quality up' })
    expect(optimizerHeadline('{"summary": "  two lines\\nsecond  "}')).toEqual({ headline: 'two lines' })
  })

  it('bounds a long headline on a character boundary', () => {
    const long = '😀'.repeat(MAX_HEADLINE_LENGTH + 10)
    const result = optimizerHeadline(JSON.stringify({ headline: long }))
    expect('headline' in result && [...result.headline].length).toBe(MAX_HEADLINE_LENGTH)
    expect('headline' in result && result.headline.endsWith('😀…')).toBe(true)
  })

  it.each([
    ['{oops', 'analysis.json is not valid JSON'],
    ['[]', 'analysis.json is not a JSON object'],
    ['{"headline": 3}', 'analysis.json has no headline or summary string'],
  ])('explains why %j has no headline', (text, problem) => {
    expect(optimizerHeadline(text)).toEqual({ problem })
  })
})

describe('describeMetrics', () => {
  it('words every figure, and leaves out the ones a summary does not have', () => {
    expect(
      describeMetrics({
        runs: 4,
        successes: 3,
        success_rate: 0.75,
        mean_quality: 0.675,
        mean_time_s: 45.15,
        last_run_at: '2026-06-15T09:03:00Z',
        malformed_lines: 1,
        optimizer_headline: 'quality rising',
      }),
    ).toBe(
      [
        '- Runs: 4 (3 succeeded, 75% success rate)',
        '- Mean quality: 0.675',
        '- Mean time: 45.15 s',
        '- Last run: 2026-06-15T09:03:00Z',
        '- Malformed lines skipped: 1',
        '- Optimizer: quality rising',
        '',
      ].join('\n'),
    )
    expect(describeMetrics({ runs: 0, successes: 0, success_rate: 0, malformed_lines: 0 })).toBe(
      '- Runs: 0 (0 succeeded, 0% success rate)\n',
    )
  })
})

describe('optimizerRecommendations', () => {
  it("summarises the agent's recommendations: the first three, one bounded line each, and counts the rest", () => {
    const analysis = JSON.stringify({
      recommendations: [
        { agent: 'coach', change: 'Ask for three items\nbefore reading the TODO list.', evidence: 'long evidence' },
        { agent: 'optimization', change: 'not for the coach' },
        'A plain string recommendation',
        { title: 'x'.repeat(500) },
        { agent: 'coach', change: 'a fourth one' },
        { agent: 'coach' },
      ],
    })
    expect(optimizerRecommendations(analysis, 'coach')).toEqual({
      recommendations: [
        'coach: Ask for three items before reading the TODO list.',
        'A plain string recommendation',
        `${'x'.repeat(199)}…`,
      ],
      omitted: 1,
    })
  })

  it('is undefined without recommendations, or for text that is not JSON', () => {
    expect(optimizerRecommendations('{"headline": "h"}', 'coach')).toBeUndefined()
    expect(optimizerRecommendations('{"recommendations": "nope"}', 'coach')).toBeUndefined()
    expect(optimizerRecommendations('not json', 'coach')).toBeUndefined()
  })
})
