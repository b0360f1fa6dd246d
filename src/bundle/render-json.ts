/**
 * The JSON rendering (`--format json`). `bytes` (and `tokens`, when counted) sit inside
 * the document they measure, so they are found as a fixpoint: render, measure, put the
 * figures in, render again, until they no longer change (they only grow by a digit at a
 * time, so this takes two or three passes).
 */
import type { PreparedBundle } from '../../contracts/prepared-bundle.ts'
import type { TokenCounter } from './tokenizer.ts'
import { utf8Length } from './utf8.ts'

const MAX_PASSES = 16

/**
 * The printed JSON of `bundle` (pretty, with a final newline) with `bytes` (and `tokens`,
 * given a counter) equal to its own size. `oneLine` prints it on a single line instead:
 * the first record of the NDJSON stream `prepare --format json --emit -` writes.
 */
export function renderJson(bundle: PreparedBundle, counter?: TokenCounter, oneLine = false): string {
  let bytes = 0
  let tokens = counter ? 0 : undefined
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const text = `${JSON.stringify({ ...bundle, bytes, ...(tokens === undefined ? {} : { tokens }) }, null, oneLine ? undefined : 2)}\n`
    const size = utf8Length(text)
    const counted = counter?.count(text)
    if (size === bytes && counted === tokens) return text
    bytes = size
    tokens = counted
  }
  // Unreachable in practice: each pass can only add digits, and the digit counts converge.
  throw new Error('bundle size did not settle')
}
