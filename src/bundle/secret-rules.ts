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

/** The AWS secret access key, to its last character. */
export const awsSecretKeyRule: SecretRule = {
  messages: { AWSSecretAccessKey: { en: (data) => `found AWS Secret Access Key: ${data.KEY}` } },
  meta: {
    id: 'kaizen-agentic/aws-secret-access-key',
    type: 'scanner',
    recommended: true,
    supportedContentTypes: ['text'],
  },
  create(context) {
    const t = context.createTranslator(this.messages)
    return {
      file(source) {
        for (const match of source.content.matchAll(AWS_SECRET)) {
          const key = match[1]
          const at = match.indices?.[1]
          if (key === undefined || at === undefined || key === AWS_EXAMPLE_SECRET) continue
          context.report({ message: t('AWSSecretAccessKey', { KEY: key }), range: at })
        }
      },
    }
  },
}
