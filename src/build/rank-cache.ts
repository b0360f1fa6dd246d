/**
 * The tokenizer's rank-table caches (see src/bundle/tokenizer.ts): for each encoding,
 * gpt-tokenizer's own table as `v8.serialize` writes it, stamped with the library's
 * version so a stale cache is never used. Written by `npm run build` into dist/, which
 * the package ships.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { serialize } from 'node:v8'
import { type RankCache, rankCacheFile, TOKENIZERS } from '../bundle/tokenizer.ts'

/** Writes a cache for every encoding `--tokenizer` accepts into the package at `root`; resolves to the files written. */
export async function writeRankCaches(root: string): Promise<string[]> {
  const require = createRequire(import.meta.url)
  const { version } = require('gpt-tokenizer/package.json') as { version: string }
  const written: string[] = []
  for (const encoding of TOKENIZERS) {
    const ranks = (require(`gpt-tokenizer/cjs/bpeRanks/${encoding}`) as { default: RankCache['ranks'] }).default
    const cache: RankCache = { library: 'gpt-tokenizer', version, encoding, ranks }
    const file = rankCacheFile(root, encoding)
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, serialize(cache))
    written.push(file)
  }
  return written
}
