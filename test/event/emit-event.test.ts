/** The event pipeline behind `emitEvent`: build → (headers) → file | stdout | NATS, one outcome value. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PreparedBundle } from '../../contracts/prepared-bundle.ts'
import { prepareBundle } from '../../src/bundle/prepare.ts'
import { describeEmitFailure, emitEvent } from '../../src/event/emit-event.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

let bundle: PreparedBundle
let dir: string
beforeAll(async () => {
  const result = await prepareBundle({
    root: join(PROJECT_ROOT, 'examples/acme-service'),
    agent: 'coach',
    format: 'json',
    now: new Date('2026-06-17T09:00:12Z'),
  })
  if (!result.ok) throw new Error(`prepare failed: ${JSON.stringify(result.failure)}`)
  bundle = result.bundle
  dir = await mkdtemp(join(tmpdir(), 'emit-event-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('emitEvent', () => {
  it('returns the JSON line for stdout and prints nothing itself', async () => {
    const outcome = await emitEvent(bundle, 'json', { kind: 'stdout' })
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(JSON.parse(outcome.stdoutLine ?? '')).toEqual(outcome.event)
    expect(outcome.event).toMatchObject({ event: 'kaizen.schedule.prepared', agent: 'coach', repo: bundle.repo })
    expect(outcome.notice).toBeUndefined()
  })

  it('writes the event file and says where', async () => {
    const path = join(dir, 'event.json')
    const outcome = await emitEvent(bundle, 'json', { kind: 'file', path })
    expect(outcome).toMatchObject({ ok: true, notice: `event written to ${path}` })
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(outcome.ok && outcome.event)
  })

  it('refuses a bundle whose event would break its contract, and writes nothing', async () => {
    const path = join(dir, 'never.json')
    const outcome = await emitEvent({ ...bundle, repo: 'not a slug' }, 'json', { kind: 'file', path })
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.error).toMatchObject({ kind: 'contract-violation', contract: 'schedule-prepared-event' })
    expect(describeEmitFailure(outcome.error)).toMatch(
      /^internal error: the event breaks the schedule-prepared-event contract: \/repo must be a repo slug/,
    )
    expect(await readdir(dir)).not.toContain('never.json')
  })
})
