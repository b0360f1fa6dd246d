/**
 * The invalid-manifest corpus: every file is run through `schedule validate --format json`
 * (in process) and must fail with exit 1 and exactly the listed problems, in order, each
 * at its line:column and JSON path and with the listed words in its message. Byte-level
 * cases (sizes, encodings, nesting) are generated into a temp dir.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ValidationReport } from '../../contracts/validation-report.ts'
import { MAX_MANIFEST_BYTES } from '../../src/manifest/decode.ts'
import { runCliCaptured } from '../helpers/cli.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

/** `[line:column, JSON path, words the message must contain]`. */
type Expected = readonly [position: string, path: string, words: string]

const FIXTURES = join(import.meta.dirname, 'fixtures', 'invalid')
const EXAMPLES = join(PROJECT_ROOT, 'contracts', 'examples', 'schedule-manifest', 'invalid')

/** Files in fixtures/invalid/ — cases beyond the schema (YAML, rules, guards) — and what validating each must report. */
const FILE_CASES: Readonly<Record<string, readonly Expected[]>> = {
  'missing-agents.yml': [['2:1', '/agents', "missing required key 'agents'"]],
  'agents-empty-value.yml': [['3:8', '/agents', 'must be a mapping; got nothing']],
  'agent-not-a-mapping.yml': [['4:10', '/agents/coach', "must be a mapping; got string 'weekly'"]],
  'cadence-misspelt-value.yml': [['5:14', '/agents/coach/cadence', "got 'Weekley' — did you mean 'weekly'?"]],
  'missing-cadence.yml': [['4:3', '/agents/coach/cadence', "missing required key 'cadence' — add `cadence:`"]],
  'day-for-daily.yml': [['6:10', '/agents/coach/day', "'day' is not allowed for a daily cadence"]],
  'weekday-for-monthly.yml': [
    ['6:10', '/agents/retro/day', "a monthly cadence needs a day of the month 1..28; got 'fri'"],
  ],
  'number-for-weekly.yml': [['6:10', '/agents/coach/day', 'a weekly cadence needs a weekday mon..sun; got 3']],
  'day-31.yml': [['6:10', '/agents/retro/day', 'or an integer 1..28; got 31']],
  'day-spelt-out.yml': [['6:10', '/agents/coach/day', "got 'monday' — did you mean 'mon'?"]],
  'time-unquoted-number.yml': [
    ['6:11', '/agents/coach/time', 'a 24-hour time HH:MM, such as "09:00" (in quotes); got number 900'],
  ],
  'enabled-yes.yml': [['6:14', '/agents/coach/enabled', "must be a boolean; got string 'yes' (write true or false"]],
  'timezone-unknown.yml': [['3:11', '/timezone', "unknown time zone 'Europe/Berln' — did you mean 'Europe/Berlin'?"]],
  'pointer-label-spaces.yml': [['7:3', '/pointers/Scope Doc', "pointer label 'Scope Doc' is not valid"]],
  'version-quoted.yml': [
    ['2:10', '/version', "version must be the number 1, written without quotes (`version: 1`); got the string '1'"],
  ],
  'duplicate-key.yml': [['6:5', '/agents/coach/cadence', "duplicate key 'cadence' (first on line 5)"]],
  'duplicate-agent.yml': [['8:3', '/agents/coach', "duplicate key 'coach' (first on line 4)"]],
  'malformed-flow.yml': [
    ['5:1', '', 'invalid YAML: flow map in block collection must be sufficiently indented and end with a }'],
  ],
  'tab-indent.yml': [
    ['4:1', '', 'tabs are not allowed as indentation in YAML; indent with spaces'],
    ['5:1', '', 'tabs are not allowed as indentation'],
  ],
  'multi-document.yml': [['6:1', '', 'more than one YAML document']],
  'top-level-list.yml': [['2:1', '', 'the top level must be a mapping (version, agents, …); got a list']],
  'top-level-scalar.yml': [['2:1', '', 'the top level must be a mapping (version, agents, …); got a string']],
  'only-comments.yml': [['1:1', '', 'file has no content (only comments or blank lines)']],
  'alias-bomb.yml': [['3:8', '', 'the file looks like an alias bomb']],
  'undefined-alias.yml': [['4:10', '', "alias '*weekly' refers to no anchor; define '&weekly' before using it"]],
  'unknown-tag.yml': [['5:14', '', "unknown YAML tag '!secret'; a manifest uses plain values, without tags"]],
  'many-problems.yml': [
    ['3:11', '/timezone', "unknown time zone 'Mars/Olympus'; expected an IANA zone"],
    ['6:14', '/agents/coach/cadence', "got 'hourly'"],
    ['7:14', '/agents/coach/enabled', "must be a boolean; got string 'no'"],
    ['8:5', '/agents/coach/colour', "unknown key 'colour'; expected one of cadence, day, time, enabled"],
    [
      '9:3',
      '/agents/Optimization',
      "agent name 'Optimization' is not valid: use a lowercase slug (a-z, 0-9 and \"-\", starting with a letter, at most 63 characters) — did you mean 'optimization'?",
    ],
  ],
}

/** The contract's own invalid examples (contracts/examples/schedule-manifest/invalid/), the schema cases, and what each must report. */
const EXAMPLE_CASES: Readonly<Record<string, readonly Expected[]>> = {
  'cadence-typo.additionalProperties.yml': [
    ['5:5', '/agents/coach/cadance', "unknown key 'cadance' — did you mean 'cadence'?"],
  ],
  'unknown-top-level-key.additionalProperties.yml': [
    ['3:1', '/timezon', "unknown key 'timezon' — did you mean 'timezone'?"],
  ],
  'missing-version.required.yml': [
    ['2:1', '/version', "missing required key 'version' (the opt-in marker) — add `version: 1`"],
  ],
  'no-agents.minProperties.yml': [['3:9', '/agents', 'at least one agent is required']],
  'cadence-hourly.enum.yml': [['5:14', '/agents/coach/cadence', "must be one of daily, weekly, monthly; got 'hourly'"]],
  'time-25h.pattern.yml': [
    ['6:11', '/agents/coach/time', `must be a 24-hour time HH:MM, such as "09:00"; got '25:00'`],
  ],
  'timezone-with-spaces.enum.yml': [
    ['3:11', '/timezone', "unknown time zone 'Europe Berlin' — did you mean 'Europe/Berlin'?"],
  ],
  'timezone-lowercase.enum.yml': [
    ['3:11', '/timezone', "unknown time zone 'europe/berlin' — did you mean 'Europe/Berlin'?"],
  ],
  'timezone-misspelt.enum.yml': [
    ['3:11', '/timezone', "unknown time zone 'Europe/Berln' — did you mean 'Europe/Berlin'?"],
  ],
  'timezone-offset.enum.yml': [['3:11', '/timezone', "unknown time zone 'UTC+2'"]],
  'timezone-unknown-city.enum.yml': [['3:11', '/timezone', "unknown time zone 'Europe/Springfield'"]],
  'daily-with-month-day.if.yml': [['6:10', '/agents/coach/day', "'day' is not allowed for a daily cadence"]],
  'daily-with-weekday.if.yml': [['6:10', '/agents/coach/day', "'day' is not allowed for a daily cadence"]],
  'monthly-with-weekday.if.yml': [
    ['6:10', '/agents/retro/day', "a monthly cadence needs a day of the month 1..28; got 'mon'"],
  ],
  'weekly-with-month-day.if.yml': [['6:10', '/agents/coach/day', 'a weekly cadence needs a weekday mon..sun; got 5']],
  'agent-name-uppercase.additionalProperties.yml': [
    ['4:3', '/agents/Coach', "agent name 'Coach' is not valid: use a lowercase slug"],
  ],
  'agent-name-shell.additionalProperties.yml': [
    ['4:3', '/agents/coach; rm -rf ~1', "agent name 'coach; rm -rf /' is not valid"],
  ],
  'pointer-parent.pattern.yml': [
    [
      '7:10',
      '/pointers/scope',
      'repo-relative path that stays inside the repo (no leading "/", no "..", no "\\"); got \'../SCOPE.md\'',
    ],
  ],
  'pointer-absolute.pattern.yml': [
    ['7:10', '/pointers/scope', 'stays inside the repo (no leading "/", no "..", no "\\"); got \'/etc/passwd\''],
  ],
  'version-two.const.yml': [
    ['2:10', '/version', 'manifest version 2 is not supported; this build understands version 1'],
  ],
  'day-out-of-range.maximum.yml': [['6:10', '/agents/coach/day', 'or an integer 1..28; got 31']],
  'enabled-string.type.yml': [
    ['6:14', '/agents/coach/enabled', "must be a boolean; got string 'yes' (write true or false"],
  ],
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text)
const VALID_BODY = 'version: 1\nagents:\n  coach:\n    cadence: weekly\n'

/** Cases built from bytes: what cannot (or should not) live in a text fixture. */
const BYTE_CASES: Readonly<Record<string, { bytes: () => Uint8Array; expected: readonly Expected[] }>> = {
  'empty.yml': { bytes: () => new Uint8Array(), expected: [['1:1', '', 'file is empty']] },
  'blank-lines.yml': { bytes: () => encode('\n  \n\n'), expected: [['1:1', '', 'file is empty']] },
  'nul-byte.yml': {
    bytes: () => encode('version: 1\nagents:\n  co\u0000ach:\n'),
    expected: [['3:5', '', 'file looks binary (NUL byte at offset 23); a manifest is YAML text']],
  },
  'png-header.yml': {
    bytes: () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    expected: [['3:1', '', 'file looks binary (NUL byte at offset 8)']],
  },
  'latin-1.yml': {
    bytes: () => Uint8Array.from([...encode(`${VALID_BODY}    day: "mo`), 0xe9, ...encode('"\n')]),
    expected: [['5:13', '', 'file is not valid UTF-8 (byte 0xE9 at offset 60); save it as UTF-8 text']],
  },
  'utf-16.yml': {
    bytes: () => Uint8Array.from([0xff, 0xfe, ...[...'version: 1'].flatMap((c) => [c.charCodeAt(0), 0])]),
    expected: [['1:1', '', 'file is UTF-16 text; save it as UTF-8']],
  },
  'over-1-mib.yml': {
    bytes: () => encode(`${VALID_BODY}# ${'x'.repeat(MAX_MANIFEST_BYTES)}\n`),
    expected: [['1:1', '', `a manifest may be at most ${MAX_MANIFEST_BYTES} bytes (1 MiB)`]],
  },
  'deep-brackets.yml': {
    bytes: () => encode(`version: 1\nagents: ${'['.repeat(20_000)}`),
    expected: [['2:', '', 'nesting or indentation is too deep here (limit 100 levels)']],
  },
  'deep-dashes.yml': {
    bytes: () => encode(`version: 1\nagents:\n${'- '.repeat(5_000)}x\n`),
    expected: [['3:', '', 'nesting or indentation is too deep']],
  },
}

let scratch = ''
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kaizen-invalid-'))
  for (const [name, { bytes }] of Object.entries(BYTE_CASES)) await writeFile(join(scratch, name), bytes())
})
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

async function validateJson(file: string): Promise<{ code: number; report: ValidationReport; stderr: string }> {
  const run = await runCliCaptured(['schedule', 'validate', file, '--format', 'json'])
  return { code: run.code, report: JSON.parse(run.stdout) as ValidationReport, stderr: run.stderr }
}

function expectProblems(report: ValidationReport, expected: readonly Expected[]): void {
  expect(report.valid).toBe(false)
  const got = report.diagnostics.map((d) => `${d.line}:${d.column}  ${d.path}  ${d.message}`)
  expect(report.diagnostics, got.join('\n')).toHaveLength(expected.length)
  expected.forEach(([position, path, words], index) => {
    const d = report.diagnostics[index]
    const at = `${d?.line}:${d?.column}`
    // A position ending in ':' fixes only the line (a generated case's column is not worth spelling out).
    if (position.endsWith(':')) expect(at.startsWith(position), got[index]).toBe(true)
    else expect(at, got[index]).toBe(position)
    expect(d?.path).toBe(path)
    expect(d?.message).toContain(words)
    expect(d?.severity).toBe('error')
  })
}

describe('the invalid corpus', () => {
  it.each([
    [FIXTURES, FILE_CASES],
    [EXAMPLES, EXAMPLE_CASES],
  ])('has an expectation for every file in %s', async (dir, cases) => {
    const files = (await readdir(dir)).filter((f) => f.endsWith('.yml')).sort()
    expect(files).toEqual(Object.keys(cases).sort())
  })

  it('keeps each case once: no test fixture repeats a contract example', async () => {
    const examples = new Set(
      await Promise.all(Object.keys(EXAMPLE_CASES).map((f) => readFile(join(EXAMPLES, f), 'utf8'))),
    )
    for (const file of Object.keys(FILE_CASES)) {
      expect(examples.has(await readFile(join(FIXTURES, file), 'utf8')), file).toBe(false)
    }
  })

  it.each([
    ...Object.entries(FILE_CASES).map(([name, expected]) => [name, join(FIXTURES, name), expected] as const),
    ...Object.entries(EXAMPLE_CASES).map(([name, expected]) => [name, join(EXAMPLES, name), expected] as const),
  ])('%s', async (_name, file, expected) => {
    const { code, report, stderr } = await validateJson(file)
    expect(code).toBe(1)
    expect(stderr).toBe('')
    expectProblems(report, expected)
  })

  it.each(Object.entries(BYTE_CASES))('%s', async (name, { expected }) => {
    const { code, report } = await validateJson(join(scratch, name))
    expect(code).toBe(1)
    expectProblems(report, expected)
  })
})
