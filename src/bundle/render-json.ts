/**
 * The JSON rendering (`--format json`). `bytes` sits inside the document it measures,
 * so the size is found as a fixpoint: render, measure, put the size in, render again,
 * until the size no longer changes (it only grows by a digit at a time, so this takes
 * two or three passes).
 */
import type { PreparedBundle } from '../../contracts/prepared-bundle.ts'
import { utf8Length } from './utf8.ts'

const MAX_PASSES = 16

/** The printed JSON of `bundle` (pretty, with a final newline) with `bytes` equal to its own UTF-8 size. */
export function renderJson(bundle: PreparedBundle): string {
  let bytes = 0
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const text = `${JSON.stringify({ ...bundle, bytes }, null, 2)}\n`
    const size = utf8Length(text)
    if (size === bytes) return text
    bytes = size
  }
  // Unreachable: each pass can only add digits to `bytes`, and the digit count converges.
  throw new Error('bundle size did not settle')
}
