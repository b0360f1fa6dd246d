/**
 * The Python (with mypy) and Go toolchains the binding tests run, found once. Missing
 * tools skip those tests with a message, except under CI=true, where they fail.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mustRunExternalTools } from './python.ts'

const works = (command: string, args: readonly string[]): boolean =>
  spawnSync(command, args, { stdio: 'ignore' }).status === 0

/** The first of the candidates that runs `args` successfully, or null. */
const firstWorking = (candidates: readonly (string | undefined)[], args: readonly string[]): string | null =>
  candidates.filter((c): c is string => !!c).find((c) => works(c, args)) ?? null

/** A Python with jsonschema and mypy, Debian's by preference (the bindings target what Debian ships). */
export const PYTHON = firstWorking(
  [process.env.KAIZEN_PYTHON, '/usr/bin/python3', 'python3'],
  ['-c', 'import jsonschema'],
)
export const MYPY = firstWorking([process.env.KAIZEN_MYPY, '/usr/bin/mypy', 'mypy'], ['--version'])
/** Go (Debian's golang-go puts it on PATH; /usr/lib/go/bin as a fallback). */
export const GO = firstWorking([process.env.KAIZEN_GO, 'go', '/usr/lib/go/bin/go'], ['version'])

/**
 * Whether a suite needing these tools runs. Under CI=true it always does (and its
 * `beforeAll` fails on the missing tool); otherwise it skips, printing what is missing.
 */
export function shouldRun(suite: string, tools: Record<string, string | null>): boolean {
  const missing = Object.entries(tools)
    .filter(([, path]) => path === null)
    .map(([name]) => name)
  if (missing.length === 0 || mustRunExternalTools()) return true
  console.warn(`skipping ${suite}: ${missing.join(', ')} not found (required under CI=true)`)
  return false
}

/** Throws, naming the Debian package, when a required tool is missing (the CI=true case). */
export function requireTool(name: string, path: string | null, apt: string): string {
  if (path === null) throw new Error(`${name} not found: apt-get install ${apt}`)
  return path
}

/** An isolated, offline Go environment: GOPATH in a temp dir, no proxy, no toolchain download. */
export async function goEnv(): Promise<{ env: NodeJS.ProcessEnv; dispose: () => Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), 'kaizen-go-'))
  const env = {
    ...process.env,
    GOPATH: join(home, 'path'),
    // The build cache is content-addressed and safe to share: later runs skip recompiling the standard library.
    GOCACHE: join(tmpdir(), 'kaizen-go-build-cache'),
    GOMODCACHE: join(home, 'path', 'pkg', 'mod'),
    GOFLAGS: '-mod=mod',
    GOPROXY: 'off',
    GOSUMDB: 'off',
    GOTOOLCHAIN: 'local',
    GOWORK: 'off',
    CGO_ENABLED: '0',
  }
  return { env, dispose: () => rm(home, { recursive: true, force: true }) }
}
