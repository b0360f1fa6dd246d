/**
 * Events per second acknowledged by JetStream: a real nats-server with a stream on
 * `kaizen.>` on a loopback port. In process, each event is what one `prepare --emit`
 * does (connect, ask for the stream, publish, wait for the PubAck, close); as a
 * subprocess, one whole `prepare --emit` per event. Peer: the client's own ceiling,
 * acknowledged publishes on one open connection, measured here.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { jetstream, jetstreamManager } from '@nats-io/jetstream'
import { connect } from '@nats-io/transport-node'
import { prepareBundle } from '../src/bundle/prepare.ts'
import { buildPreparedEvent } from '../src/event/build-event.ts'
import { natsEventMessage } from '../src/event/cloudevents.ts'
import { publishEvent } from '../src/event/publish-nats.ts'
import { findNatsServer, startNatsServer } from '../test/helpers/nats-server.ts'

const ROOT = process.cwd()
const COMPILED_CLI = join(ROOT, 'dist/src/cli/bin.js')

/** Goals: a scheduled prepare emits one event per run, so a few per second per process is ample. */
const GOAL_IN_PROCESS = 50
const GOAL_PROCESS = 2
/** What publishing may add to one prepare process: connect, ask, publish, ack, close. */
const GOAL_EMIT_OVERHEAD_MS = 250

const rate = (events: number, ms: number): string => `${((events * 1000) / ms).toFixed(1).padStart(8)} events/s`

/** Prints the NATS figures, or why they were skipped. */
export async function runNatsBench(): Promise<void> {
  const binary = findNatsServer()
  if (!binary) {
    console.log('\nNATS JetStream: skipped (no nats-server binary; apt-get install nats-server)')
    return
  }
  const server = await startNatsServer(binary, { jetstream: true })
  const nc = await connect({ servers: `127.0.0.1:${server.port}` })
  try {
    const jsm = await jetstreamManager(nc)
    await jsm.streams.add({ name: 'KAIZEN', subjects: ['kaizen.>'] })
    const prepared = await prepareBundle({
      root: join(ROOT, 'examples/acme-service'),
      agent: 'coach',
      format: 'markdown',
      now: new Date('2026-06-17T09:00:12Z'),
    })
    if (!prepared.ok) throw new Error('prepare failed')
    const built = buildPreparedEvent(prepared.bundle, 'markdown')
    if (!built.ok) throw new Error('event failed')
    const connection = {
      servers: [`127.0.0.1:${server.port}`],
      url: server.url,
      auth: { kind: 'none' } as const,
      secrets: [],
    }

    const inProcessEvents = 200
    let start = performance.now()
    for (let i = 0; i < inProcessEvents; i++) {
      const message = natsEventMessage(built.event, 'binary')
      if (!message.ok) throw new Error('message failed')
      const result = await publishEvent(connection, message.message, { requireAck: true })
      if (!result.ok || result.ack === null || result.ack.duplicate) throw new Error(JSON.stringify(result))
    }
    const inProcessMs = performance.now() - start

    const peerEvents = 2000
    const js = jetstream(nc)
    const body = JSON.stringify(built.event)
    start = performance.now()
    for (let i = 0; i < peerEvents; i++) await js.publish('kaizen.schedule.prepared', body, { msgID: `peer-${i}` })
    const peerMs = performance.now() - start

    const command = existsSync(COMPILED_CLI)
      ? { label: 'compiled CLI', file: process.execPath, args: [COMPILED_CLI, 'schedule', 'prepare'] }
      : { label: 'tsx', file: 'npx', args: ['tsx', 'scripts/prepare.ts'] }
    const processEvents = 5
    start = performance.now()
    for (let i = 0; i < processEvents; i++) {
      const run = spawnSync(
        command.file,
        [...command.args, 'coach', '--target', 'examples/acme-service', '--emit', server.url, '--require-ack'],
        { cwd: ROOT, encoding: 'utf8' },
      )
      if (run.status !== 0) throw new Error(`prepare --emit exited ${run.status}: ${run.stderr}`)
    }
    const processMs = performance.now() - start
    // Peer of the process figure: the same prepare without --emit, so start-up is not blamed on NATS.
    start = performance.now()
    for (let i = 0; i < processEvents; i++) {
      const run = spawnSync(command.file, [...command.args, 'coach', '--target', 'examples/acme-service'], {
        cwd: ROOT,
        encoding: 'utf8',
      })
      if (run.status !== 0) throw new Error(`prepare exited ${run.status}: ${run.stderr}`)
    }
    const plainMs = performance.now() - start
    const stored = (await jsm.streams.info('KAIZEN')).state.messages

    const perPeer = (events: number, ms: number) =>
      `${((events * 1000) / ms / ((peerEvents * 1000) / peerMs)).toFixed(3)}× the open-connection ceiling`
    console.log('\nNATS JetStream, events acknowledged by a stream on kaizen.> (loopback nats-server)')
    console.log(
      `  in process, connect+publish+ack each (${inProcessEvents})   ${rate(inProcessEvents, inProcessMs)}   goal ≥ ${GOAL_IN_PROCESS}; ${perPeer(inProcessEvents, inProcessMs)}`,
    )
    console.log(
      `  one prepare --emit process each, ${command.label} (${processEvents})   ${rate(processEvents, processMs)}   goal ≥ ${GOAL_PROCESS}; --emit adds ${((processMs - plainMs) / processEvents).toFixed(0)} ms to a ${(plainMs / processEvents).toFixed(0)} ms prepare (goal ≤ ${GOAL_EMIT_OVERHEAD_MS} ms)`,
    )
    console.log(`  peer: acknowledged publishes on one open connection (${peerEvents})   ${rate(peerEvents, peerMs)}`)
    console.log(`  stored: ${stored} messages (${inProcessEvents + peerEvents + processEvents} expected)`)
  } finally {
    await nc.close()
    await server.stop()
  }
}
