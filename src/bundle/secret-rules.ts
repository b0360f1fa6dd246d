/**
 * Rules of our own, run beside secretlint's recommended preset, for secrets the preset
 * misses. Each is a plain secretlint rule (the shape `@secretlint/types` describes), so
 * findings flow through the same redaction and reporting as the preset's.
 *
 * The AWS secret access key: the preset's pattern ends with `\b`, so a key whose last
 * character is `/`, `+` or `=` (about 3 in 100 random keys) followed by a line end or a
 * space is not matched, and reached the model. This rule ends the key where the key's
 * alphabet ends instead, and reports under the preset's message id, so the marker is the
 * same (`[REDACTED:aws-secret-access-key]`) and an overlap with the preset's own finding
 * merges into one.
 */

interface Source {
  readonly content: string
}

interface RuleContext {
  createTranslator(
    messages: Record<string, { en: (data: Record<string, string>) => string }>,
  ): (id: string, data: Record<string, string>) => unknown
  report(descriptor: { message: unknown; range: readonly [number, number] }): void
}

/** A secretlint rule, as `@secretlint/core`'s `lintSource` takes it. */
export interface SecretRule {
  readonly messages: Record<string, { en: (data: Record<string, string>) => string }>
  readonly meta: {
    readonly id: string
    readonly type: 'scanner'
    readonly recommended: boolean
    readonly supportedContentTypes: readonly ['text']
  }
  create(context: RuleContext): { file(source: Source): void }
}

/** The key AWS's documentation uses as its example (the preset ignores it too). */
const AWS_EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

/**
 * `AWS_SECRET_ACCESS_KEY=…` and its spellings (as the preset and git-secrets write them),
 * then exactly 40 characters of the key's alphabet not followed by a 41st.
 */
const AWS_SECRET =
  /["']?(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/dg

/**
 * A scanner rule of ours: `find` lists the findings of one text, each a range and the
 * words of its message, reported under `messageId` (the preset's, so markers match).
 */
function scannerRule(
  id: string,
  messageId: string,
  find: (
    content: string,
  ) => Iterable<{ readonly range: readonly [number, number]; readonly data: Record<string, string> }>,
): SecretRule {
  return {
    messages: { [messageId]: { en: (data) => `found ${messageId}${data.KEY ? `: ${data.KEY}` : ''}` } },
    meta: { id: `kaizen-agentic/${id}`, type: 'scanner', recommended: true, supportedContentTypes: ['text'] },
    create(context) {
      const t = context.createTranslator(this.messages)
      return {
        file(source) {
          for (const { range, data } of find(source.content)) context.report({ message: t(messageId, data), range })
        },
      }
    },
  }
}

/** The AWS secret access key, to its last character. */
export const awsSecretKeyRule: SecretRule = scannerRule(
  'aws-secret-access-key',
  'AWSSecretAccessKey',
  function* (content) {
    for (const match of content.matchAll(AWS_SECRET)) {
      const key = match[1]
      const range = match.indices?.[1]
      if (key === undefined || range === undefined || key === AWS_EXAMPLE_SECRET) continue
      yield { range, data: { KEY: key } }
    }
  },
)

/** Armour lines of a PEM private key: PKCS#8, PKCS#1 (RSA, EC, DSA), OpenSSH, encrypted, PGP. */
const BEGIN_PRIVATE_KEY = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----/g
const END_PRIVATE_KEY = /-----END ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----/g

/**
 * Key text up to an END line, from the start of a text that a read began inside a key.
 * A backslash belongs to key text: a key pasted into JSON has `\n` for its line breaks.
 */
const KEY_TEXT_THEN_END = /^[A-Za-z0-9+/=\s\\]*-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/

/** What may follow an armour line in a key: base64, line breaks (escaped too), PEM headers (`Proc-Type: 4,ENCRYPTED`). */
const KEY_TEXT = /[A-Za-z0-9+/=\s\\:,.-]*/y

/** Whether `text` starts inside a private key (key text, then an END line). */
export const startsInsideKey = (text: string): boolean => KEY_TEXT_THEN_END.test(text)

/**
 * The spans of PEM private keys in `text`, whole or cut, in one pass. Every END line is
 * found once, up front; each BEGIN then takes the first END of its label after it (a
 * cursor per label only moves forward), so a text of many BEGIN lines, of one label or
 * of thousands, costs no more than reading it.
 */
export function privateKeySpans(text: string): [number, number][] {
  const spans: [number, number][] = []
  const head = KEY_TEXT_THEN_END.exec(text)
  if (head) spans.push([0, head[0].length])
  const ends = new Map<string, number[]>()
  for (const match of text.matchAll(END_PRIVATE_KEY)) {
    const label = match[1] ?? ''
    const list = ends.get(label) ?? []
    list.push(match.index)
    ends.set(label, list)
  }
  const cursors = new Map<string, number>()
  const begin = new RegExp(BEGIN_PRIVATE_KEY.source, 'g')
  begin.lastIndex = head ? head[0].length : 0
  for (let match = begin.exec(text); match; match = begin.exec(text)) {
    const label = match[1] ?? ''
    const list = ends.get(label) ?? []
    let cursor = cursors.get(label) ?? 0
    while (cursor < list.length && (list[cursor] ?? 0) < begin.lastIndex) cursor++
    cursors.set(label, cursor)
    const at = list[cursor]
    if (at !== undefined) {
      const endOfKey = at + `-----END ${label}-----`.length
      spans.push([match.index, endOfKey])
      begin.lastIndex = endOfKey
      continue
    }
    // No END: the key runs on as far as key text does — to the end of a text cut inside it.
    KEY_TEXT.lastIndex = begin.lastIndex
    KEY_TEXT.exec(text)
    spans.push([match.index, KEY_TEXT.lastIndex])
    begin.lastIndex = Math.max(KEY_TEXT.lastIndex, begin.lastIndex)
  }
  return spans
}

/**
 * A PEM private key, of any length and wherever it is cut. The preset's rule wants a body
 * of 100 characters or more (an Ed25519 key has 64) and both armour lines; a read that
 * stops inside a key (the budget, the read cap) or a memory file read from its end leaves
 * one armour line only. Reported under the preset's message id, so the marker is the same
 * (`[REDACTED:private-key]`) and an overlap with the preset's finding merges into one.
 */
export const privateKeyBlockRule: SecretRule = scannerRule('private-key-block', 'PrivateKey', (content) =>
  privateKeySpans(content).map((range) => ({ range, data: {} })),
)
