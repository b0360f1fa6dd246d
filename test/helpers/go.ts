/** Building the Go NATS consumer offline, in GOPATH mode, from Debian's nats.go sources. */
import { execFile, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

/** Where Debian's golang-github-nats-io-go-nats-dev puts the sources (a GOPATH). */
export const DEBIAN_GOPATH = '/usr/share/gocode'

/** The `go` binary when it and the nats.go sources are installed, else null. */
export function findGoWithNats(): string | null {
  const which = spawnSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' })
  const go = which.status === 0 ? which.stdout.trim() : ''
  if (go === '') return null
  return existsSync(join(DEBIAN_GOPATH, 'src/github.com/nats-io/nats.go')) ? go : null
}

/** Builds the Go program in `sourceDir` into `outDir`; returns the binary path. */
export async function buildGoProgram(go: string, sourceDir: string, outDir: string): Promise<string> {
  const binary = join(outDir, 'go-consumer')
  await promisify(execFile)(go, ['build', '-o', binary, '.'], {
    cwd: sourceDir,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: outDir,
      // GOPATH mode: no module download, the Debian package's sources only.
      GO111MODULE: 'off',
      GOPATH: DEBIAN_GOPATH,
      // The build cache test/helpers/toolchains.ts shares too (content-addressed, safe for concurrent
      // builds): nats.go is compiled once per machine, not on every run.
      GOCACHE: join(tmpdir(), 'kaizen-go-build-cache'),
      GOFLAGS: '',
      GOPROXY: 'off',
    },
  })
  return binary
}
