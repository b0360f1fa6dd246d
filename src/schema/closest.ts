/** "Did you mean …?" — the closest candidate by edit distance, when it is close enough to be a typo. */
import { closest, distance } from 'fastest-levenshtein'

/**
 * The candidate nearest to `word`, or undefined when none is plausibly a typo of it.
 * A word that spells a candidate out (`monday` for `mon`) counts as close too.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined
  const lower = word.toLowerCase()
  const abbreviated = candidates.filter((c) => c.length >= 3 && lower.startsWith(c))
  if (abbreviated.length === 1) return abbreviated[0]
  const best = closest(lower, [...candidates])
  const limit = Math.max(2, Math.floor(best.length / 3))
  return distance(lower, best) <= limit ? best : undefined
}
