/** A real `nats-server` on a free loopback port, for the NATS integration tests. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Where Debian's `nats-server` package installs the binary. */
const DEBIAN_PATH = '/usr/sbin/nats-server'

/** The `nats-server` binary: on PATH, else the Debian location, else null. */
export function findNatsServer(): string | null {
  const which = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' })
  const onPath = which.status === 0 ? which.stdout.trim() : ''
  if (onPath !== '') return onPath
  return existsSync(DEBIAN_PATH) ? DEBIAN_PATH : null
}

/** A free TCP port on 127.0.0.1 (bound, then released). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** A running server and how to stop it. */
export interface RunningNats {
  readonly port: number
  readonly url: string
  stop(): Promise<void>
}

/** How to configure the server beyond its loopback port. */
export interface NatsServerOptions {
  /** nats-server configuration text (authorization, tls, …) added after the `listen` line. */
  readonly config?: string
  /** Enable JetStream, storing in a temporary directory removed on stop. */
  readonly jetstream?: boolean
}

function waitUntilReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = ''
    const timer = setTimeout(() => reject(new Error(`nats-server not ready after ${timeoutMs} ms:\n${log}`)), timeoutMs)
    const onData = (chunk: Buffer) => {
      log += chunk.toString('utf8')
      if (log.includes('Server is ready')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stderr?.on('data', onData)
    child.stdout?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`nats-server exited (${code}) before it was ready:\n${log}`))
    })
  })
}

/** Starts `binary` on a free loopback port and waits until it accepts clients (retries a taken port). */
export async function startNatsServer(binary: string, options: NatsServerOptions = {}): Promise<RunningNats> {
  let lastError: unknown
  const dir = await mkdtemp(join(tmpdir(), 'kaizen-nats-'))
  const config = join(dir, 'server.conf')
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freeLoopbackPort()
    const jetstream = options.jetstream ? `jetstream { store_dir: ${JSON.stringify(join(dir, 'js'))} }\n` : ''
    await writeFile(config, `listen: "127.0.0.1:${port}"\n${jetstream}${options.config ?? ''}\n`)
    const child = spawn(binary, ['-c', config], { stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    try {
      await waitUntilReady(child, 10_000)
    } catch (error) {
      lastError = error
      child.kill('SIGKILL')
      await exited
      continue
    }
    return {
      port,
      url: `nats://127.0.0.1:${port}`,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
        await exited
        await rm(dir, { recursive: true, force: true })
      },
    }
  }
  await rm(dir, { recursive: true, force: true })
  throw lastError
}
