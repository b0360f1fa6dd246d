/**
 * Secrets inside bundled text (SPEC §7): every embedded file is scanned with secretlint's
 * recommended preset (the scanner repomix's security check uses) before it is budgeted,
 * and each finding is replaced by `[REDACTED:<rule>]`. Findings carry the file, line and
 * rule — never the value. Credential *files* are refused earlier, by path
 * (`secret-paths.ts`); this catches a key pasted into memory or TODO.md.
 */
import { awsSecretKeyRule, privateKeyBlockRule, startsInsideKey } from './secret-rules.ts'

/** One secret found (and removed). */
export interface SecretFinding {
  /** Repo-relative path of the file it was found in. */
  readonly path: string
  /** 1-based line of the finding in the text as read; absent for a value decoded from the file (JSON). */
  readonly line?: number
  /** The marker's rule name, e.g. `aws-secret-access-key`. */
  readonly rule: string
}

/** Where a finding is, in words: `TODO.md line 3`, or `analysis.json (a decoded value)`. */
export const findingPlace = (f: SecretFinding): string =>
  f.line === undefined ? `${f.path} (a decoded value)` : `${f.path} line ${f.line}`

/** A text with its secrets replaced. */
export interface ScannedText {
  readonly text: string
  readonly findings: readonly SecretFinding[]
}

interface LintMessage {
  readonly ruleId: string
  readonly messageId?: string
  readonly range: readonly [number, number]
  readonly data?: Record<string, unknown>
}

type Lint = (path: string, content: string) => Promise<readonly LintMessage[]>

/**
 * The preset's rule that obeys `secretlint-disable` comments. Those comments are for a
 * repo's own CI; here they are text the scanned repo controls, and a scan the scanned
 * text can switch off protects nothing. (`disabled: true` in the preset's rule list is
 * not honoured for a preset's rules by @secretlint/core 10, hence the wrapper below.)
 */
export const FILTER_COMMENTS_RULE = '@secretlint/secretlint-rule-filter-comments'

interface RulePreset {
  readonly meta: { readonly id: string }
  create(context: { registerRule(rule: { meta: { id: string } }, ...rest: unknown[]): void }, options: unknown): void
}

/** `preset` registering all its rules but `ruleId`. */
function withoutRule<P extends RulePreset>(preset: P, ruleId: string): P {
  return {
    ...preset,
    create: (context, options) =>
      preset.create(
        {
          ...context,
          registerRule: (rule, ...rest) => {
            if (rule.meta.id !== ruleId) context.registerRule(rule, ...rest)
          },
        },
        options,
      ),
  }
}

let linter: Promise<Lint> | undefined

/** secretlint, loaded on first use (see secretlint.cjs for how, and why). */
function loadLinter(): Promise<Lint> {
  linter ??= (async () => {
    // `default` is module.exports both in Node and in esbuild's bundle (which gives no named exports).
    const { lintSource, creator } = (await import('./secretlint.cjs')).default
    const config = {
      rules: [
        { id: awsSecretKeyRule.meta.id, rule: awsSecretKeyRule },
        { id: privateKeyBlockRule.meta.id, rule: privateKeyBlockRule },
        {
          id: '@secretlint/secretlint-rule-preset-recommend',
          rule: withoutRule(creator, FILTER_COMMENTS_RULE),
          // A bare AWS access key id names a credential too; the preset leaves it off by default.
          rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }],
        },
      ],
    }
    return async (filePath: string, content: string) => {
      const result = await lintSource({
        source: { filePath, content, contentType: 'text' },
        // Unmasked: the value is needed to find its extent (never printed, never kept).
        options: { config: config as never, maskSecrets: false },
      })
      return result.messages as unknown as LintMessage[]
    }
  })()
  return linter
}

const kebab = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()

/** The marker name of a finding: the message id in kebab case (`AWSSecretAccessKey` → `aws-secret-access-key`), else the rule. */
export function ruleName(message: Pick<LintMessage, 'ruleId' | 'messageId'>): string {
  const name = message.messageId
    ? kebab(message.messageId)
    : message.ruleId.replace(/^@secretlint\/secretlint-rule-/, '')
  return name.replace(/[^a-z0-9-]/g, '-')
}

/** The marker that replaces a secret. */
export const redactionMarker = (rule: string): string => `[REDACTED:${rule}]`

/**
 * The span to blank out for one message: where the secret value the message names
 * occurs at or near its range, else the range. (secretlint's AWS secret rule reports a
 * range starting at `AWS_SECRET_ACCESS_KEY=`, which is not the secret, and as long as
 * the value, so the range alone would leave the value's tail in place.)
 */
function spanOf(content: string, message: LintMessage): [number, number] {
  const [start, end] = message.range
  let span: [number, number] | undefined
  for (const [key, value] of Object.entries(message.data ?? {})) {
    if (typeof value !== 'string' || value.length < 8 || key === 'typeName') continue
    const at = content.indexOf(value, Math.max(0, start - value.length))
    if (at === -1 || at > end + 256) continue
    span = span ? [Math.min(span[0], at), Math.max(span[1], at + value.length)] : [at, at + value.length]
  }
  return span ?? [start, end]
}

/**
 * The 1-based line of each offset in `offsets` (ascending), counted in one pass over
 * `content`: a text of thousands of findings costs one read, not one per finding.
 */
function linesAt(content: string, offsets: readonly number[]): number[] {
  const lines: number[] = []
  let line = 1
  let next = content.indexOf('\n')
  for (const offset of offsets) {
    while (next !== -1 && next < offset) {
      line++
      next = content.indexOf('\n', next + 1)
    }
    lines.push(line)
  }
  return lines
}

/** Scans `text` (read from `path`) and replaces every secret found by its marker. */
export async function redactSecrets(path: string, text: string): Promise<ScannedText> {
  if (text === '') return { text, findings: [] }
  const lint = await loadLinter()
  const messages = await lint(path, text)
  if (messages.length === 0) return { text, findings: [] }
  const spans = messages
    .map((m) => ({ span: spanOf(text, m), rule: ruleName(m) }))
    .sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1])
  // Overlapping findings (a key inside a connection string) merge into one marker.
  const merged: { span: [number, number]; rule: string }[] = []
  for (const next of spans) {
    const last = merged[merged.length - 1]
    if (last && next.span[0] < last.span[1]) last.span[1] = Math.max(last.span[1], next.span[1])
    else merged.push({ span: [...next.span], rule: next.rule })
  }
  let out = ''
  let from = 0
  for (const { span, rule } of merged) {
    out += text.slice(from, span[0]) + redactionMarker(rule)
    from = span[1]
  }
  out += text.slice(from)
  const lines = linesAt(
    text,
    merged.map(({ span }) => span[0]),
  )
  return { text: out, findings: merged.map(({ rule }, index) => ({ path, line: lines[index] ?? 1, rule })) }
}

/**
 * Scans a value derived from a file — a JSON string decoded, a warning quoting a log
 * line — and replaces each secret by its marker. The file's raw text is not enough:
 * `\/` or `\u0051` in JSON hides a key from a scan of the raw text and is decoded
 * into the bundle all the same.
 */
async function redactDerivedText(path: string, text: string): Promise<ScannedText> {
  const scanned = await redactSecrets(path, text)
  return { text: scanned.text, findings: scanned.findings.map(({ path, rule }) => ({ path, rule })) }
}

/** A value derived from the file at `path`. */
export interface DerivedText {
  readonly path: string
  readonly text: string
}

/**
 * `redactDerivedText` over many values, in one scan when none holds a secret (the usual
 * case: each scan has a fixed cost of its own); only when that scan finds something is
 * each value scanned on its own, so every marker lands in the value it belongs to.
 */
export async function redactDerivedTexts(
  values: readonly DerivedText[],
): Promise<{ texts: string[]; findings: SecretFinding[] }> {
  const texts = values.map((v) => v.text)
  if (values.length === 0) return { texts, findings: [] }
  // A value that starts inside a key is found only at the start of a text: not joined.
  const joinable = !texts.some((text, index) => index > 0 && startsInsideKey(text))
  const probe = joinable ? await redactSecrets(values[0]?.path ?? '', texts.join('\n')) : undefined
  if (probe?.findings.length === 0) return { texts, findings: [] }
  const findings: SecretFinding[] = []
  for (const [index, value] of values.entries()) {
    const scanned = await redactDerivedText(value.path, value.text)
    texts[index] = scanned.text
    findings.push(...scanned.findings)
  }
  return { texts, findings }
}

/** Secrets warned about one by one; the rest are counted. */
export const LISTED_SECRET_WARNINGS = 20

/** The warnings for redacted secrets: file, line and rule, never the value. */
export function secretWarnings(findings: readonly SecretFinding[]): string[] {
  const listed = findings
    .slice(0, LISTED_SECRET_WARNINGS)
    .map((f) => `secret: ${findingPlace(f)}: ${f.rule} found and redacted`)
  const more = findings.length - listed.length
  return more > 0 ? [...listed, `secret: ${more} more secret${more === 1 ? '' : 's'} redacted`] : listed
}
