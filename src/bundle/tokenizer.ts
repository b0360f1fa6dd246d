/**
 * Token counting for `--max-tokens` / `--tokenizer`: gpt-tokenizer (pure JS, maintained,
 * the same library repomix counts with), loaded only when a token count is asked for.
 * Loading o200k_base parses a 2.4 MB rank table — hundreds of milliseconds — so a plain
 * `prepare` never pays for it (start-up time matters; see `npm run bench`).
 */

/** The encodings `--tokenizer` accepts; o200k_base is the GPT-4o / o-series / GPT-5 one. */
export const TOKENIZERS = ['o200k_base', 'cl100k_base', 'p50k_base', 'r50k_base'] as const

/** A tokenizer name. */
export type TokenizerName = (typeof TOKENIZERS)[number]

/** The encoding used when `--max-tokens` is given without `--tokenizer`. */
export const DEFAULT_TOKENIZER: TokenizerName = 'o200k_base'

/** Counts tokens of text exactly as a model with this encoding would see it. */
export interface TokenCounter {
  readonly name: TokenizerName
  /** Tokens in `text`. */
  count(text: string): number
  /** Tokens in `text` when at most `limit`, else false (stops early: cheaper than `count`). */
  within(text: string, limit: number): number | false
}

interface Encoding {
  countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number
  isWithinTokenLimit(text: string, limit: number, options?: { disallowedSpecial?: Set<string> }): number | false
}

// A file may contain "<|endoftext|>": it is text to count, not a special token (the
// library's default throws on it, which a hostile TODO.md must not be able to cause).
const AS_TEXT = { disallowedSpecial: new Set<string>() }

const loaders: Record<TokenizerName, () => Promise<Encoding>> = {
  o200k_base: () => import('gpt-tokenizer/encoding/o200k_base'),
  cl100k_base: () => import('gpt-tokenizer/encoding/cl100k_base'),
  p50k_base: () => import('gpt-tokenizer/encoding/p50k_base'),
  r50k_base: () => import('gpt-tokenizer/encoding/r50k_base'),
}

/** Loads the encoding `name` (lazily imported, once per process). */
export async function loadTokenCounter(name: TokenizerName = DEFAULT_TOKENIZER): Promise<TokenCounter> {
  const encoding = await loaders[name]()
  return {
    name,
    count: (text) => encoding.countTokens(text, AS_TEXT),
    within: (text, limit) => encoding.isWithinTokenLimit(text, limit, AS_TEXT),
  }
}
