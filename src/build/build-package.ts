/**
 * `npm run build` as one call: the bundled binary (bundle-cli.ts) into dist/, then the
 * tokenizer's rank-table caches (rank-cache.ts) into dist/tokenizers/. The bundle step
 * empties dist/ first, so the caches come second.
 */
import { bundleCli } from './bundle-cli.ts'
import { writeRankCaches } from './rank-cache.ts'

/** What a build wrote. */
export interface Built {
  readonly bundled: number
  readonly caches: readonly string[]
}

/** Builds the package at `root`. */
export async function buildPackage(root: string): Promise<Built> {
  const { outputs } = await bundleCli(root, 'dist')
  const caches = await writeRankCaches(root)
  return { bundled: Object.keys(outputs).length, caches }
}
