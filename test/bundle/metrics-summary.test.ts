/** Execution records → metrics summary (pure), and the optimizer headline. */
import fc from 'fast-check'
import { Compile } from 'typebox/compile'
import { describe, expect, it } from 'vitest'
import { MetricsSummary } from '../../contracts/prepared-bundle.ts'
import {
  describeMetrics,
  MAX_HEADLINE_LENGTH,
  optimizerHeadline,
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
    })
  })

  it('picks the last run by instant, not by text, when offsets differ', () => {
    const text = [
      recordLine({ recorded_at: '2026-06-15T10:00:00+02:00' }), // 08:00Z
      recordLine({ recorded_at: '2026-06-15T09:00:00Z' }),
    ].join('\n')
    expect(summariseExecutionRecords(text, 'coach').summary.last_run_at).toBe('2026-06-15T09:00:00Z')
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
