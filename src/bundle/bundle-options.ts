/**
 * What `prepare`'s options need to know of the bundle before the pipeline loads: the
 * renderings and the default byte budget. Kept apart so the command can define its
 * options, and start the tokenizer's worker, without loading the pipeline first.
 */

/** The byte budget when `--max-bytes` is not given: 64 KiB, a comfortable share of an LLM context. */
export const DEFAULT_MAX_BYTES = 64 * 1024

/**
 * The renderings `prepare` can print. `xml` is not in the contracts' BUNDLE_FORMATS:
 * that enum is the event's `bundle.format`, an output enum consumers switch on, and
 * adding a value to it breaks them (a major of the event). An XML bundle is printed,
 * but not announced: `--emit` with `--format xml` is refused.
 */
export const RENDER_FORMATS = ['markdown', 'json', 'xml'] as const

/** A rendering `prepare` can print. */
export type BundleFormat = (typeof RENDER_FORMATS)[number]
