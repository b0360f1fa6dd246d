/** "Did you mean …?" — the closest candidate by edit distance, when it is close enough to be a typo. */
import { closest, distance } from 'fastest-levenshtein'

/** The candidate nearest to `word`, or undefined when none is plausibly a typo of it. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined
  const best = closest(word.toLowerCase(), [...candidates])
  const limit = Math.max(2, Math.floor(best.length / 3))
  return distance(word.toLowerCase(), best) <= limit ? best : undefined
}
