/**
 * The token counter: a worker thread loads the encoding, from the build's rank-table cache
 * when it matches the installed gpt-tokenizer, else from the library's module. Either
 * way the counts are the library's own, recounted here through its public entry point.
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serialize } from 'node:v8'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeRankCaches } from '../../src/build/rank-cache.ts'
import {
  encodingFiles,
  type RankCache,
  rankCacheFile,
  spawnTokenCounter,
  startTokenCounter,
  TOKENIZERS,
  type TokenizerName,
} from '../../src/bundle/tokenizer.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

const require = createRequire(import.meta.url)
/** The library's own count, special tokens as text. */
const libraryCount = (name: TokenizerName, text: string): number =>
  (
    require(`gpt-tokenizer/encoding/${name}`) as {
      countTokens(text: string, options: { disallowedSpecial: Set<string> }): number
    }
  ).countTokens(text, { disallowedSpecial: new Set() })

const SAMPLES = [
  '',
  readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8').slice(0, 20_000),
  'A TODO.md may say <|endoftext|> or <|im_start|>: text to count, never a special token.',
  '日本語のテキスト、emoji 🧪🔑, combining e\u0301, and bytes that are not words: \u0000\u0001\uFFFD',
]

let scratch: string
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kaizen-tokenizer-'))
})
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

describe('rank-table caches', () => {
  it('the build writes one per encoding, and each counts exactly as the library does', async () => {
    const root = join(scratch, 'package')
    const written = await writeRankCaches(root)
    expect(written).toEqual(TOKENIZERS.map((name) => rankCacheFile(root, name)))
    for (const name of TOKENIZERS) {
      const counter = spawnTokenCounter({ ...encodingFiles(name), cacheFile: rankCacheFile(root, name) })
      expect(counter.source()).toBe('cache')
      for (const text of SAMPLES)
        expect(counter.count(text), `${name}: ${text.slice(0, 20)}`).toBe(libraryCount(name, text))
    }
  })

  it('a cache from another library version is ignored: the library module loads, with the same counts', async () => {
    const cacheFile = join(scratch, 'stale.v8')
    const stale: RankCache = { library: 'gpt-tokenizer', version: '0.0.1', encoding: 'r50k_base', ranks: ['a', 'b'] }
    await writeFile(cacheFile, serialize(stale))
    const counter = spawnTokenCounter({ ...encodingFiles('r50k_base'), cacheFile })
    expect(counter.source()).toBe('library')
    expect(counter.count(SAMPLES[1] ?? '')).toBe(libraryCount('r50k_base', SAMPLES[1] ?? ''))
  })

  it('a corrupt or missing cache falls back to the library module', async () => {
    const corrupt = join(scratch, 'corrupt.v8')
    await writeFile(corrupt, Buffer.from('not a v8 serialization at all'))
    for (const cacheFile of [corrupt, join(scratch, 'missing.v8')]) {
      const counter = spawnTokenCounter({ ...encodingFiles('p50k_base'), cacheFile })
      expect(counter.source()).toBe('library')
      expect(counter.count(SAMPLES[3] ?? '')).toBe(libraryCount('p50k_base', SAMPLES[3] ?? ''))
    }
  })

  it('a cache written for another encoding is not used for this one', async () => {
    const root = join(scratch, 'package')
    const counter = spawnTokenCounter({ ...encodingFiles('cl100k_base'), cacheFile: rankCacheFile(root, 'r50k_base') })
    expect(counter.source()).toBe('library')
    expect(counter.count(SAMPLES[1] ?? '')).toBe(libraryCount('cl100k_base', SAMPLES[1] ?? ''))
  })
})

describe('the worker', () => {
  it('within() stops at the limit and agrees with count()', () => {
    const counter = startTokenCounter('o200k_base')
    const text = SAMPLES[1] ?? ''
    const total = counter.count(text)
    expect(total).toBe(libraryCount('o200k_base', text))
    expect(counter.within(text, total)).toBe(total)
    expect(counter.within(text, total - 1)).toBe(false)
  })

  it('one worker per encoding per process', () => {
    expect(startTokenCounter('o200k_base')).toBe(startTokenCounter('o200k_base'))
    expect(startTokenCounter('o200k_base')).not.toBe(startTokenCounter('cl100k_base'))
  })

  it('a load that fails is an answer, not a hang: the count throws with the reason', () => {
    const counter = spawnTokenCounter({
      ...encodingFiles('o200k_base'),
      cacheFile: join(scratch, 'missing.v8'),
      encodingPath: join(scratch, 'no-such-module.js'),
    })
    expect(() => counter.count('text')).toThrow(/^the tokenizer failed: Cannot find module .*no-such-module\.js/)
  })
})
