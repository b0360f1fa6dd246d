/**
 * Token counting for `--max-tokens` / `--tokenizer`: gpt-tokenizer (pure JS, maintained,
 * the library repomix counts with), exact for the text it is given.
 *
 * Loading an encoding is the expensive part: o200k_base parses a 200,000-entry rank table
 * and builds its maps, about 450 ms of one core. So the encoding loads in a worker thread
 * that `startTokenCounter` starts before `prepare` even loads its pipeline, and module
 * loading, the manifest read, the contained reads and the secret scan run on the main
 * thread meanwhile (`npm run bench`,
 * "prepare vs repomix", shows the difference). Counting stays synchronous, so the budget
 * stays a pure function: each count is a message to the worker and an `Atomics.wait` for
 * its answer (the pattern of synckit, in a few lines). One worker per encoding per
 * process, unreferenced: it never keeps the process alive.
 *
 * The rank table itself loads from a cache `npm run build` writes (src/build/rank-cache.ts):
 * the library's own table, `v8.serialize`d, which V8 reads in about 77 ms where parsing the
 * library's 2.4 MB JavaScript module takes about 260 (the maps are built either way). The cache names the library version it
 * was made from; when it is missing or stale the worker loads the library's module, and
 * the counts are the same either way (test/bundle/tokenizer.test.ts).
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads'

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

/** How long one answer may take, loading included, before counting is given up as broken. */
const ANSWER_TIMEOUT_MS = 120_000

/**
 * The worker, as plain JavaScript evaluated in a fresh thread with no loader hooks: under
 * tsx a worker would otherwise inherit tsx and pay its start-up again. It answers each
 * request on `port`, then raises `flag` so the waiting main thread wakes; a load error is
 * an answer too, so a failed load is reported at the first count, not waited out (only a
 * worker that dies outright, out of memory, leaves the wait to its timeout).
 * A file may contain "<|endoftext|>": it is text to count, not a special token (the
 * library's default throws on it, which a hostile TODO.md must not be able to cause).
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads')
const { port, flag, name, encodingPath, coreModulePath, cacheFile, libraryManifest } = workerData
const raised = new Int32Array(flag)
const asText = { disallowedSpecial: new Set() }
function fromCache() {
  if (!cacheFile) return undefined
  try {
    const cached = require('node:v8').deserialize(require('node:fs').readFileSync(cacheFile))
    const { version } = require(libraryManifest)
    if (cached.library !== 'gpt-tokenizer' || cached.version !== version || cached.encoding !== name) return undefined
    return require(coreModulePath).GptEncoding.getEncodingApi(name, () => cached.ranks)
  } catch {
    return undefined
  }
}
let encoding, source, loadError
try {
  encoding = fromCache()
  source = encoding ? 'cache' : 'library'
  encoding = encoding || require(encodingPath)
} catch (error) {
  loadError = String(error && error.message || error)
}
port.on('message', ({ op, text, limit }) => {
  let reply
  try {
    if (loadError) throw new Error(loadError)
    reply = {
      value: op === 'source' ? source
        : op === 'count' ? encoding.countTokens(text, asText)
        : encoding.isWithinTokenLimit(text, limit, asText),
    }
  } catch (error) {
    reply = { error: String(error && error.message || error) }
  }
  port.postMessage(reply)
  Atomics.store(raised, 0, 1)
  Atomics.notify(raised, 0)
})
`

/** gpt-tokenizer's encoder class, which builds an encoding from a rank table. */
export const GPT_ENCODING_MODULE = 'gpt-tokenizer/cjs/GptEncoding'

/** Where the build puts the rank-table cache of encoding `name`, in the package at `root`. */
export const rankCacheFile = (root: string, name: TokenizerName): string =>
  join(root, 'dist', 'tokenizers', `${name}.v8`)

/** The rank-table cache's content: the library's table, and what it was made from. */
export interface RankCache {
  readonly library: 'gpt-tokenizer'
  readonly version: string
  readonly encoding: TokenizerName
  readonly ranks: readonly (string | readonly number[])[]
}

type Request =
  | { readonly op: 'count'; readonly text: string }
  | { readonly op: 'within'; readonly text: string; readonly limit: number }
  | { readonly op: 'source' }
type Reply = { readonly value: number | false | string } | { readonly error: string }

/** What the worker loads: the library's modules, and the cache to try first. */
export interface EncodingFiles {
  readonly name: TokenizerName
  /** The installed gpt-tokenizer's package.json (a cache made from another version is ignored). */
  readonly libraryManifest: string
  /** The library's module for the encoding (the fallback). */
  readonly encodingPath: string
  /** The library's encoder class module. */
  readonly coreModulePath: string
  /** The rank-table cache, when the package it runs from has a place for one. */
  readonly cacheFile?: string
}

/** The root of the package this module runs from (source, dist/ or a temp build), if it can be found. */
function packageRoot(require: NodeJS.Require): string | undefined {
  try {
    // The package's own name resolves from anywhere inside it.
    return dirname(require.resolve('kaizen-agentic-schedule/package.json'))
  } catch {
    return undefined
  }
}

/** The files of encoding `name` as installed beside this module. */
export function encodingFiles(name: TokenizerName): EncodingFiles {
  const require = createRequire(import.meta.url)
  const root = packageRoot(require)
  return {
    name,
    libraryManifest: require.resolve('gpt-tokenizer/package.json'),
    encodingPath: require.resolve(`gpt-tokenizer/encoding/${name}`),
    coreModulePath: require.resolve(GPT_ENCODING_MODULE),
    ...(root === undefined ? {} : { cacheFile: rankCacheFile(root, name) }),
  }
}

/** A counter loading from `files` in a worker thread of its own. */
export interface WorkerTokenCounter extends TokenCounter {
  /** Where the rank table came from: the build's cache, or the library's module. */
  source(): 'cache' | 'library'
}

/** Starts a worker that loads the encoding in `files`; the first answer waits for the load. */
export function spawnTokenCounter(files: EncodingFiles): WorkerTokenCounter {
  const flag = new SharedArrayBuffer(4)
  const raised = new Int32Array(flag)
  const { port1, port2 } = new MessageChannel()
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { port: port2, flag, ...files },
    transferList: [port2],
  })
  worker.unref()
  port1.unref()
  const ask = (request: Request) => answer(port1, raised, request)
  return {
    name: files.name,
    count: (text) => ask({ op: 'count', text }) as number,
    within: (text, limit) => ask({ op: 'within', text, limit }) as number | false,
    source: () => ask({ op: 'source' }) as 'cache' | 'library',
  }
}

const started = new Map<TokenizerName, WorkerTokenCounter>()

/**
 * The counter for `name` (one per process), its encoding already loading; the first count
 * waits for the load. Call it as early as possible, before the work the load should overlap.
 */
export function startTokenCounter(name: TokenizerName = DEFAULT_TOKENIZER): WorkerTokenCounter {
  let counter = started.get(name)
  if (!counter) {
    counter = spawnTokenCounter(encodingFiles(name))
    started.set(name, counter)
  }
  return counter
}

/** Sends `request` and blocks until the worker has answered it. */
function answer(port: MessagePort, raised: Int32Array, request: Request): number | false | string {
  Atomics.store(raised, 0, 0)
  port.postMessage(request)
  if (Atomics.wait(raised, 0, 0, ANSWER_TIMEOUT_MS) === 'timed-out') {
    throw new Error(`the tokenizer did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`)
  }
  const reply = receiveMessageOnPort(port)?.message as Reply | undefined
  if (!reply) throw new Error('the tokenizer woke without an answer')
  if ('error' in reply) throw new Error(`the tokenizer failed: ${reply.error}`)
  return reply.value
}
