/**
 * The loop, end to end on a temp repo, with every command run through a real `sh -c`
 * and a `kaizen-agentic` on PATH (a shim that execs the bundled binary, as installed:
 * test/setup/bundle-cli.ts builds it once per run):
 * discover (roster file) → the run's prepare command with `--emit FILE --run-id ID` →
 * the event's `session_close[0]` with its placeholders filled → `prepare --format json`
 * counts one more run. And every session-close command we print — in bundles, events
 * and the ActivityDefinition drafts — runs as printed.
 */
import { spawnSync } from 'node:child_process'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { quote } from 'shell-quote'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PreparedBundle } from '../../contracts/prepared-bundle.ts'
import type { SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'
import type { ScheduledRuns } from '../../contracts/scheduled-runs.ts'
import { SESSION_CLOSE_PLACEHOLDERS } from '../../src/command-lines/command-lines.ts'
import { ACTIVITY_DEFINITION_DRAFTS } from '../../src/integrations/activity-definitions.ts'
import { schemaErrors } from '../../src/schema/validators.ts'
import { bundledCli } from '../helpers/bundled-cli.ts'
import { runCliCaptured } from '../helpers/cli.ts'
import { MANIFEST, makeRepo, recordLine, type TempRepo } from '../helpers/temp-repo.ts'

const HOST = 'test-host'
const RUN_ID = 'acme-service.coach.20270104T0800Z'
const LOG = '.kaizen/metrics/coach.jsonl'
const SEEDED = `${recordLine({ success: true })}\n${recordLine({ success: false })}\n`

let repo: TempRepo
let bin: string
beforeEach(async () => {
  repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST, [LOG]: SEEDED })
  bin = join(repo.base, 'bin')
  await mkdir(bin)
  // What an installed binary is to a runner: `kaizen-agentic` on PATH.
  const shim = join(bin, 'kaizen-agentic')
  await writeFile(shim, `#!/bin/sh\nexec ${quote([process.execPath, bundledCli().bin])} "$@"\n`)
  await chmod(shim, 0o755)
})
afterEach(async () => {
  await repo.dispose()
})

/** Runs `command` through `sh -c` in `cwd` with the shim first on PATH. */
function sh(command: string, cwd: string, env: Record<string, string> = {}) {
  const run = spawnSync('sh', ['-c', command], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', PATH: `${bin}:${process.env.PATH ?? ''}`, ...env },
    encoding: 'utf8',
  })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** A printed session-close command with the outcome filled in where the placeholders are. */
const filled = (command: string, time: string, quality: string): string =>
  command.replace(SESSION_CLOSE_PLACEHOLDERS.time, time).replace(SESSION_CLOSE_PLACEHOLDERS.quality, quality)

const logLines = async (agent = 'coach') =>
  (await readFile(join(repo.root, `.kaizen/metrics/${agent}.jsonl`), 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l))

async function bundleOf(agent = 'coach', extra: readonly string[] = []): Promise<PreparedBundle> {
  const run = await runCliCaptured(['schedule', 'prepare', agent, '--format', 'json', ...extra], {
    cwd: repo.root,
    env: { KAIZEN_NOW: '2027-01-04T08:00:00Z' },
  })
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout) as PreparedBundle
}

describe('closing the loop', () => {
  it('discover → prepare --emit → session_close[0] through sh → the next prepare counts the run', async () => {
    const roster = join(repo.base, 'roster.json')
    await writeFile(roster, JSON.stringify([{ slug: 'acme-service', host_paths: { [HOST]: repo.root } }]))
    const discovered = await runCliCaptured(['schedule', 'discover', '--roster', roster, '--host', HOST])
    expect(discovered.code).toBe(0)
    const runs = (JSON.parse(discovered.stdout) as ScheduledRuns).scheduled_runs
    const coach = runs.find((r) => r.agent === 'coach')
    expect(coach?.prepare_command).toBeDefined()

    const before = await bundleOf()
    expect(before.metrics).toMatchObject({ runs: 2, successes: 1, success_rate: 0.5 })

    // The runner runs the discovered command as printed, from anywhere, adding the emit and the run id.
    const eventFile = join(repo.base, 'event.json')
    const prepared = sh(`${coach?.prepare_command} ${quote(['--emit', eventFile, '--run-id', RUN_ID])}`, repo.base, {
      KAIZEN_NOW: '2027-01-04T08:00:00Z',
    })
    expect(prepared.stderr).toBe('')
    expect(prepared.code).toBe(0)
    const event = JSON.parse(await readFile(eventFile, 'utf8')) as SchedulePreparedEvent
    expect(schemaErrors('schedule-prepared-event', event)).toEqual([])
    expect(event.run_id).toBe(RUN_ID)
    expect(event.session_close[0]).toBe(
      `kaizen-agentic metrics record coach --success --time <s> --quality <0-1> --run-id ${RUN_ID}`,
    )

    // The session closes: the runner fills in the outcome and runs the command from the repo.
    const closed = sh(filled(event.session_close[0] ?? '', '42', '0.9'), repo.root, { HELIX_SESSION_UID: 'hx-e2e-1' })
    expect(closed).toMatchObject({ code: 0, stderr: '' })

    const after = await bundleOf()
    expect(after.metrics).toMatchObject({ runs: 3, successes: 2, success_rate: 0.6667, malformed_lines: 0 })
    const last = (await logLines()).at(-1)
    expect(last).toMatchObject({
      agent: 'coach',
      success: true,
      time_s: 42,
      quality: 0.9,
      run_id: RUN_ID,
      helix_session_uid: 'hx-e2e-1',
    })
  }, 600_000)

  it('prepare --run-id puts the run id in the bundle, its prepare_command and its session_close', async () => {
    const bundle = await bundleOf('coach', ['--run-id', RUN_ID])
    expect(bundle.run_id).toBe(RUN_ID)
    expect(bundle.prepare_command).toContain(` --run-id ${RUN_ID}`)
    expect(bundle.session_close).toEqual([
      `kaizen-agentic metrics record coach --success --time <s> --quality <0-1> --run-id ${RUN_ID}`,
    ])
    const without = await bundleOf()
    expect(without.run_id).toBeUndefined()
    expect(without.session_close).toEqual(['kaizen-agentic metrics record coach --success --time <s> --quality <0-1>'])
  })

  it('every printed session-close command (bundle, markdown bundle, event, drafts) runs as printed', async () => {
    const bundle = await bundleOf('coach', ['--run-id', RUN_ID])
    const markdown = await runCliCaptured(['schedule', 'prepare', 'coach', '--emit', '-'], {
      cwd: repo.root,
      env: { KAIZEN_NOW: '2027-01-04T08:00:00Z' },
    })
    const [bundleText, eventLine] = [
      markdown.stdout.slice(0, markdown.stdout.lastIndexOf('\n{')),
      markdown.stdout.slice(markdown.stdout.lastIndexOf('\n{') + 1),
    ]
    const event = JSON.parse(eventLine) as SchedulePreparedEvent
    const fromMarkdown = bundleText.match(/```sh\n(kaizen-agentic metrics record[^\n]*)\n```/)?.[1]
    const printed: [string, string][] = [
      ['bundle', bundle.session_close[0] ?? ''],
      ['markdown bundle', fromMarkdown ?? ''],
      ['event', event.session_close[0] ?? ''],
      ...ACTIVITY_DEFINITION_DRAFTS.map((d): [string, string] => [
        d.definition.slug,
        d.definition.session_close[0] ?? '',
      ]),
    ]
    for (const [where, command] of printed) {
      expect(command, where).toMatch(/^kaizen-agentic metrics record [a-z]/)
      const agent = command.split(' ')[3] ?? ''
      const before = (await logLines(agent).catch(() => [])).length
      const run = sh(filled(command, '7', '0.5'), repo.root)
      // MANIFEST names optimization disabled: its draft's command records, with metrics record's warning.
      const warning =
        agent === 'optimization'
          ? "warning: agent 'optimization' is disabled (enabled: false) in .kaizen/schedule.yml; recorded anyway\n"
          : ''
      expect({ where, code: run.code, stderr: run.stderr }).toEqual({ where, code: 0, stderr: warning })
      const lines = await logLines(agent)
      expect(lines).toHaveLength(before + 1)
      expect(lines.at(-1), where).toMatchObject({ agent, success: true, time_s: 7, quality: 0.5 })
    }
  }, 600_000)
})
