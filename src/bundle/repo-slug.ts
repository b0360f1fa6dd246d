/** The repo slug a bundle and its event carry: the state-hub slug when given, else the directory name. */
import { basename } from 'node:path'
import { REPO_SLUG_PATTERN } from '../../contracts/constants.ts'

const REPO_SLUG = new RegExp(REPO_SLUG_PATTERN, 'u')

/** Whether `value` is a valid state-hub repo slug. */
export const isRepoSlug = (value: string): boolean => REPO_SLUG.test(value)

/**
 * A valid repo slug made from the checkout directory's name: characters a slug cannot
 * hold become `-`, leading punctuation is dropped, and the result is at most 128 long.
 */
export function repoSlugFromDirectory(root: string): string {
  const name = basename(root)
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 128)
  return isRepoSlug(name) ? name : 'repo'
}
