/**
 * Secrets pasted into bundled text: randomly generated AWS keys, GitHub tokens and
 * private keys in every part never reach the markdown, JSON or XML bundle, nor the
 * event; each is replaced by a marker naming the rule and warned about with file and
 * line (never the value); `--strict` fails instead, printing nothing.
 */
import { generateKeyPairSync, randomInt } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { prepareBundle } from '../../src/bundle/prepare.ts'
import { privateKeySpans } from '../../src/bundle/secret-rules.ts'
import { redactDerivedTexts, redactSecrets } from '../../src/bundle/secret-scan.ts'
import { buildPreparedEvent } from '../../src/event/build-event.ts'
import { runCliCaptured } from '../helpers/cli.ts'
import { MANIFEST, makeRepo, recordLine, type TempRepo } from '../helpers/temp-repo.ts'

const NOW = new Date('2026-06-17T09:00:12Z')
const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const B64 = `${ALNUM}/+`
const pick = (alphabet: string, n: number) =>
  Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('')

/** Fresh secrets: an AWS key pair, a GitHub token and an RSA private key (PEM). */
function secrets() {
  // Any last character, / and + included (the preset alone misses those: src/bundle/secret-rules.ts).
  const awsSecret = pick(B64, 40)
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 1024,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })
  return {
    awsId: `AKIA${pick(UPPER32, 16)}`,
    awsSecret,
    github: `ghp_${pick(ALNUM, 36)}`,
    privateKey,
  }
}

type Secrets = ReturnType<typeof secrets>

/** A text holding every secret, on known lines. */
const leaky = (s: Secrets, what: string) =>
  [
    `# ${what}`,
    `AWS_ACCESS_KEY_ID=${s.awsId}`,
    `AWS_SECRET_ACCESS_KEY=${s.awsSecret}`,
    `the token is ${s.github} — rotate it`,
    s.privateKey.trimEnd(),
    'end',
    '',
  ].join('\n')

/** Every piece of a secret that must not appear: the whole values and each line of the key's body. */
const pieces = (s: Secrets): string[] => [
  s.awsId,
  s.awsSecret,
  s.github,
  ...s.privateKey.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----')),
]

const WITH_POINTERS = `${MANIFEST}pointers:\n  scope: docs/SCOPE.md\n  todo: TODO.md\n`

let repo: TempRepo | undefined
afterEach(async () => {
  await repo?.dispose()
  repo = undefined
})

async function leakyRepo(s: Secrets) {
  repo = await makeRepo({
    '.kaizen/schedule.yml': WITH_POINTERS,
    '.kaizen/agents/coach.md': leaky(s, 'Coach'),
    '.kaizen/memory/coach.md': leaky(s, 'Memory'),
    '.kaizen/metrics/coach.jsonl': `${recordLine({ success: true })}\n{"agent":"coach","token":"${s.github}"\n`,
    '.kaizen/metrics/optimizer/analysis.json': JSON.stringify({
      headline: `rotate ${s.github}`,
      recommendations: [{ agent: 'coach', change: `stop pasting ${s.awsId} into memory` }],
      notes: leaky(s, 'Analysis'),
    }),
    'docs/SCOPE.md': leaky(s, 'Scope'),
    'TODO.md': leaky(s, 'TODO'),
  })
  return repo
}

describe('secrets in bundled text', () => {
  it('reach no rendering and no event: each is a [REDACTED:<rule>] marker, warned with file and line', async () => {
    const s = secrets()
    const { root } = await leakyRepo(s)
    for (const format of ['markdown', 'json', 'xml'] as const) {
      const result = await prepareBundle({ root, agent: 'coach', format, now: NOW })
      if (!result.ok) throw new Error(JSON.stringify(result.failure))
      const { bundle, text } = result
      const outputs = [text, JSON.stringify(bundle)]
      if (format !== 'xml') {
        const event = buildPreparedEvent(bundle, format)
        if (!event.ok) throw new Error(JSON.stringify(event.error))
        expect(event.event.bundle.redactions).toBe(bundle.redactions)
        outputs.push(JSON.stringify(event.event))
      }
      for (const output of outputs) for (const piece of pieces(s)) expect(output).not.toContain(piece)
      // Four secrets in each of the prompt, memory, scope and TODO; the analysis has them in
      // its headline, recommendation and notes (the AWS id twice).
      expect(bundle.redactions).toBeGreaterThanOrEqual(4 * 4 + 4)
      for (const marker of ['aws-access-key-id', 'aws-secret-access-key', 'private-key']) {
        expect(text).toContain(`[REDACTED:${marker}]`)
      }
      expect(text).toMatch(/\[REDACTED:github[a-z-]*\]/)
      expect(bundle.warnings).toContain('secret: .kaizen/memory/coach.md line 2: aws-access-key-id found and redacted')
      expect(bundle.warnings).toContain('secret: .kaizen/memory/coach.md line 5: private-key found and redacted')
      // Past the first twenty, the rest are counted.
      expect(bundle.warnings).toContain(`secret: ${(bundle.redactions ?? 0) - 20} more secrets redacted`)
      // The memory keeps its shape around the markers.
      const memory = bundle.sections.find((x) => x.label === 'memory')?.content ?? ''
      expect(memory.split('\n').slice(0, 4)).toEqual([
        '# Memory',
        'AWS_ACCESS_KEY_ID=[REDACTED:aws-access-key-id]',
        'AWS_SECRET_ACCESS_KEY=[REDACTED:aws-secret-access-key]',
        expect.stringMatching(/^the token is \[REDACTED:github[a-z-]*\] — rotate it$/),
      ])
    }
  })

  it('--strict fails with exit 1, naming file, line and rule but not the value, and prints no bundle', async () => {
    const s = secrets()
    const { root } = await leakyRepo(s)
    const event = join(root, 'event.json')
    const run = await runCliCaptured(['schedule', 'prepare', 'coach', '--target', root, '--strict', '--emit', event], {
      env: { KAIZEN_NOW: '2026-06-17T09:00:12Z' },
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('error: .kaizen/memory/coach.md line 3: aws-secret-access-key found')
    expect(run.stderr).toMatch(/error: \d+ secrets found in the bundled text \(--strict\)/)
    for (const piece of pieces(s)) expect(run.stderr).not.toContain(piece)
    await expect(readFile(event)).rejects.toThrow(/ENOENT/)
  })

  it('without --strict warns on stderr with file and line, never the value, and the event counts them', async () => {
    const s = secrets()
    const { root } = await leakyRepo(s)
    const run = await runCliCaptured(['schedule', 'prepare', 'coach', '--target', root, '--emit', '-'], {
      env: { KAIZEN_NOW: '2026-06-17T09:00:12Z' },
    })
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('warning: secret: docs/SCOPE.md line 4: github')
    for (const piece of pieces(s)) {
      expect(run.stderr).not.toContain(piece)
      expect(run.stdout).not.toContain(piece)
    }
    const event = JSON.parse(run.stdout.trimEnd().split('\n').at(-1) ?? '{}')
    expect(event.bundle.redactions).toBeGreaterThanOrEqual(20)
  })
})

describe('secrets the scanned text tries to hide', () => {
  it('a secretlint-disable comment in a repo file switches nothing off: redacted, and --strict fails', async () => {
    const s = secrets()
    repo = await makeRepo({
      '.kaizen/schedule.yml': MANIFEST,
      '.kaizen/agents/coach.md': '# Coach\n',
      '.kaizen/memory/coach.md': [
        '<!-- secretlint-disable -->',
        `AWS_SECRET_ACCESS_KEY=${s.awsSecret}`,
        `${s.github} <!-- secretlint-disable-line -->`,
        '<!-- secretlint-disable-next-line -->',
        `AWS_ACCESS_KEY_ID=${s.awsId}`,
        '',
      ].join('\n'),
    })
    const result = await prepareBundle({ root: repo.root, agent: 'coach', format: 'markdown', now: NOW })
    if (!result.ok) throw new Error(JSON.stringify(result.failure))
    for (const piece of [s.awsSecret, s.github, s.awsId]) expect(result.text).not.toContain(piece)
    expect(result.bundle.redactions).toBe(3)
    const strict = await prepareBundle({ root: repo.root, agent: 'coach', format: 'markdown', now: NOW, strict: true })
    expect(strict.ok).toBe(false)
  })

  it('a token quoted by a metrics warning, or JSON-escaped in analysis.json, is redacted where it is decoded', async () => {
    // A slash inside, so the escaped form hides the key from the raw text's scan.
    const s = { ...secrets(), awsSecret: `${pick(ALNUM, 20)}/${pick(ALNUM, 19)}` }
    // `\/` and `\u0051` are what PHP's json_encode and others write: the raw text shows no key.
    const escapedSecret = s.awsSecret.replaceAll('/', '\\/')
    const escapedToken = `${s.github.slice(0, 10)}\\u00${s.github.charCodeAt(10).toString(16)}${s.github.slice(11)}`
    repo = await makeRepo({
      '.kaizen/schedule.yml': MANIFEST,
      '.kaizen/agents/coach.md': '# Coach\n',
      '.kaizen/metrics/coach.jsonl': `${recordLine({ success: true })}\n{"agent":"coach","success":true,"time_s":1,"recorded_at":"${s.github}"}\n`,
      '.kaizen/metrics/optimizer/analysis.json': `{"headline":"aws_secret_access_key=${escapedSecret} and ${escapedToken}","recommendations":[{"agent":"coach","change":"rotate ${escapedToken}"}]}`,
    })
    const result = await prepareBundle({ root: repo.root, agent: 'coach', format: 'json', now: NOW })
    if (!result.ok) throw new Error(JSON.stringify(result.failure))
    for (const piece of [s.awsSecret, s.github]) expect(result.text).not.toContain(piece)
    expect(result.bundle.metrics?.optimizer_headline).toMatch(/\[REDACTED:aws-secret-access-key\].*\[REDACTED:github/)
    expect(result.bundle.warnings).toContain(
      'secret: .kaizen/metrics/optimizer/analysis.json (a decoded value): aws-secret-access-key found and redacted',
    )
    expect(result.bundle.warnings.some((w) => /^metrics: .*\[REDACTED:github/.test(w))).toBe(true)
    const show = await runCliCaptured(['metrics', 'show', 'coach', '--target', repo.root])
    expect(show.code).toBe(0)
    for (const piece of [s.awsSecret, s.github]) expect(show.stdout + show.stderr).not.toContain(piece)
    expect(show.stdout).toContain('[REDACTED:aws-secret-access-key]')
  })
})

describe('redactSecrets', () => {
  it('leaves clean text alone', async () => {
    const text = '# Memory\n- 2026-06-15: nothing secret here, AKIA is just a prefix\n'
    expect(await redactSecrets('m.md', text)).toEqual({ text, findings: [] })
  })

  it.each(['/', '+', '=', 'A'])(
    'redacts an AWS secret access key ending in %j whole, at a line end, before a space or a quote',
    async (last) => {
      const key = pick(B64, 39) + last
      const text = [
        `AWS_SECRET_ACCESS_KEY=${key}`,
        `export aws_secret_access_key = ${key} # rotated`,
        `{"AwsSecretAccessKey": "${key}"}`,
        '',
      ].join('\n')
      const scanned = await redactSecrets('memory.md', text)
      expect(scanned.text).toBe(
        [
          'AWS_SECRET_ACCESS_KEY=[REDACTED:aws-secret-access-key]',
          'export aws_secret_access_key = [REDACTED:aws-secret-access-key] # rotated',
          '{"AwsSecretAccessKey": "[REDACTED:aws-secret-access-key]"}',
          '',
        ].join('\n'),
      )
      expect(scanned.findings).toEqual(
        [1, 2, 3].map((line) => ({ path: 'memory.md', line, rule: 'aws-secret-access-key' })),
      )
    },
  )

  it('redacts an Ed25519 key (a body the preset finds too short) and a key cut at either end', async () => {
    const { privateKey } = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    })
    const rsa = secrets().privateKey.trimEnd()
    const middle = rsa.indexOf('\n', rsa.length / 2)
    const cases = {
      whole: `note\n${privateKey.trimEnd()}\nafter\n`,
      cutAtTheEnd: `note\n${rsa.slice(0, middle)}`,
      cutAtTheStart: `${rsa.slice(middle + 1)}\nafter\n`,
    }
    for (const [name, text] of Object.entries(cases)) {
      const scanned = await redactSecrets('memory.md', text)
      const body = (name === 'whole' ? privateKey : rsa)
        .split('\n')
        .filter((l) => l.length >= 16 && !l.startsWith('-----'))
      for (const line of body) expect(scanned.text, name).not.toContain(line)
      expect(scanned.text, name).toContain('[REDACTED:private-key]')
      expect(scanned.findings.map((f) => f.rule)).toContain('private-key')
    }
    expect((await redactSecrets('m.md', cases.whole)).text).toBe('note\n[REDACTED:private-key]\nafter\n')
  })

  it('reads 200,000 BEGIN lines without an END once, not once per line, of one label or of many', () => {
    const text = '-----BEGIN PRIVATE KEY-----!\n'.repeat(200_000)
    const spans = privateKeySpans(text)
    expect(spans).toHaveLength(200_000)
    expect(spans[1]).toEqual([29, 56])
    // Distinct labels, and one END at the very end: each BEGIN still looks for its END once.
    const labels = Array.from({ length: 50_000 }, (_, i) => `-----BEGIN K${i} PRIVATE KEY-----!${'x'.repeat(40)}\n`)
    const many = `${labels.join('')}-----END K0 PRIVATE KEY-----\n`
    const found = privateKeySpans(many)
    expect(found[0]).toEqual([0, many.length - 1])
  })

  it('redacts a key pasted into JSON (\\n for its line breaks), whole or cut at either end', async () => {
    const rsa = secrets().privateKey.trimEnd()
    const json = JSON.stringify({ private_key: `${rsa}\n` })
    const body = rsa.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'))
    const middle = json.indexOf('\\n', json.length / 2)
    for (const text of [json, json.slice(0, middle), json.slice(middle)]) {
      const scanned = await redactSecrets('memory.md', text)
      for (const line of body) expect(scanned.text).not.toContain(line)
    }
  })

  it('scans values one by one and joined alike: a value that starts inside a key is redacted in either place', async () => {
    const rsa = secrets().privateKey.trimEnd()
    const tail = rsa.slice(rsa.indexOf('\n', rsa.length / 2) + 1)
    const one = await redactDerivedTexts([{ path: 'a.json', text: tail }])
    const two = await redactDerivedTexts([
      { path: 'log', text: 'line 3: not JSON: {oops' },
      { path: 'a.json', text: tail },
    ])
    expect(one.texts).toEqual(['[REDACTED:private-key]'])
    expect(two.texts).toEqual(['line 3: not JSON: {oops', '[REDACTED:private-key]'])
  })

  it('leaves a 41-character run alone (not a key), and AWS’s documented example key', async () => {
    const text = `AWS_SECRET_ACCESS_KEY=${pick(ALNUM, 41)}\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`
    expect(await redactSecrets('m.md', text)).toEqual({ text, findings: [] })
  })
})
