/**
 * Regression tests for the operator-facing defects of issue 14, each through the CLI in
 * process (stdout, stderr and the exit code checked separately).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'shell-quote'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PreparedBundle } from '../../contracts/prepared-bundle.ts'
import type { SchedulePreparedEvent } from '../../contracts/schedule-prepared-event.ts'
import type { ScheduledRuns } from '../../contracts/scheduled-runs.ts'
import { validatorFor } from '../../src/schema/validators.ts'
import { entryFor, HOST, makeRepoTree, type RepoTree, TWO_AGENTS } from '../discover/repos.ts'
import { runCliCaptured } from '../helpers/cli.ts'
import { MANIFEST, makeRepo } from '../helpers/temp-repo.ts'

const NOW = { KAIZEN_NOW: '2027-01-04T08:00:00Z' }

let tree: RepoTree
beforeAll(async () => {
  tree = await makeRepoTree()
})
afterAll(async () => {
  await tree.dispose()
})

describe('discover: prepare_command reproduces the run (issue 14, defect a)', () => {
  it('carries --repo when the hub slug differs from the directory name, and the bundle gets that slug', async () => {
    const root = await tree.checkout('acme', TWO_AGENTS)
    await mkdir(join(root, '.kaizen/agents'), { recursive: true })
    await writeFile(join(root, '.kaizen/agents/coach.md'), '# Coach\n')
    await writeFile(join(tree.dir, 'roster-a.json'), JSON.stringify([entryFor('acme-svc', root)]))
    const discovered = await runCliCaptured(['schedule', 'discover', '--roster', 'roster-a.json', '--host', HOST], {
      cwd: tree.dir,
    })
    expect(discovered.stderr).toBe('')
    expect(discovered.code).toBe(0)
    const [run] = (JSON.parse(discovered.stdout) as ScheduledRuns).scheduled_runs
    expect(run?.prepare_command).toBe(`kaizen-agentic schedule prepare coach --target ${root} --repo acme-svc`)

    const words = parse(run?.prepare_command ?? '') as string[]
    expect(words[0]).toBe('kaizen-agentic')
    const prepared = await runCliCaptured([...words.slice(1), '--format', 'json'], { cwd: tree.dir, env: NOW })
    expect(prepared.stderr).toBe('')
    expect(prepared.code).toBe(0)
    const bundle = JSON.parse(prepared.stdout) as PreparedBundle
    expect(bundle.repo).toBe('acme-svc')
  })

  it('leaves --repo out when the directory name already is the slug', async () => {
    const root = await tree.checkout('same-name', TWO_AGENTS)
    await writeFile(join(tree.dir, 'roster-b.json'), JSON.stringify([entryFor('same-name', root)]))
    const discovered = await runCliCaptured(['schedule', 'discover', '--roster', 'roster-b.json', '--host', HOST], {
      cwd: tree.dir,
    })
    expect(discovered.code).toBe(0)
    const [run] = (JSON.parse(discovered.stdout) as ScheduledRuns).scheduled_runs
    expect(run?.prepare_command).toBe(`kaizen-agentic schedule prepare coach --target ${root}`)
  })
})

describe('prepare --format json --emit -: stdout is NDJSON (issue 14, defect b)', () => {
  it('writes exactly two lines, the bundle then the event, each parsed on its own', async () => {
    const repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST, '.kaizen/agents/coach.md': '# Coach\n' })
    try {
      const run = await runCliCaptured(['schedule', 'prepare', 'coach', '--format', 'json', '--emit', '-'], {
        cwd: repo.root,
        env: NOW,
      })
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.stdout.endsWith('\n')).toBe(true)
      const lines = run.stdout.slice(0, -1).split('\n')
      expect(lines).toHaveLength(2)
      const [bundle, event] = lines.map((line) => JSON.parse(line)) as [PreparedBundle, SchedulePreparedEvent]
      expect(validatorFor('prepared-bundle')(bundle)).toBe(true)
      expect(validatorFor('schedule-prepared-event')(event)).toBe(true)
      expect(bundle.agent).toBe('coach')
      // bytes measures the line as printed (with its newline), and the event agrees.
      expect(bundle.bytes).toBe(Buffer.byteLength(`${lines[0]}\n`, 'utf8'))
      expect(event.bundle).toMatchObject({ format: 'json', bytes: bundle.bytes })
    } finally {
      await repo.dispose()
    }
  })

  it('without --emit the json bundle stays pretty-printed, one document', async () => {
    const repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    try {
      const run = await runCliCaptured(['schedule', 'prepare', 'coach', '--format', 'json'], {
        cwd: repo.root,
        env: NOW,
      })
      expect(run.code).toBe(0)
      expect(run.stdout.startsWith('{\n  "')).toBe(true)
      const bundle = JSON.parse(run.stdout) as PreparedBundle
      expect(bundle.bytes).toBe(Buffer.byteLength(run.stdout, 'utf8'))
    } finally {
      await repo.dispose()
    }
  })
})

/** Runs `schedule validate` in a repo holding `manifest`. */
async function validateManifest(manifest: string, argv: readonly string[] = []) {
  const repo = await makeRepo({ '.kaizen/schedule.yml': manifest })
  try {
    return await runCliCaptured(['schedule', 'validate', ...argv], { cwd: repo.root })
  } finally {
    await repo.dispose()
  }
}

describe('validate reports every problem in one pass (issue 14, defect c)', () => {
  const MISNAMED = `version: 1
agents:
  Coach:
    cadence: weekly
    tme: "09:00"
    time: "25:00"
`
  it('an uppercase agent name does not hide the problems inside the agent', async () => {
    const run = await validateManifest(MISNAMED)
    expect(run.stdout).toBe('')
    expect(run.code).toBe(1)
    expect(run.stderr.split('\n')).toEqual([
      expect.stringMatching(
        /^✖ \.kaizen\/schedule\.yml:3:3 {2}\/agents\/Coach {2}agent name 'Coach' is not valid: .* did you mean 'coach'\?$/,
      ),
      "✖ .kaizen/schedule.yml:5:5  /agents/Coach/tme  unknown key 'tme' — did you mean 'time'?",
      `✖ .kaizen/schedule.yml:6:11  /agents/Coach/time  must be a 24-hour time HH:MM, such as "09:00"; got '25:00'`,
      '3 problems in .kaizen/schedule.yml',
      '',
    ])
  })

  it('the JSON report lists the same three problems, with their paths under the name as written', async () => {
    const run = await validateManifest(MISNAMED, ['--format', 'json'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as { valid: boolean; diagnostics: { path: string; line: number }[] }
    expect(report.valid).toBe(false)
    expect(report.diagnostics.map((d) => `${d.line} ${d.path}`)).toEqual([
      '3 /agents/Coach',
      '5 /agents/Coach/tme',
      '6 /agents/Coach/time',
    ])
  })

  it('an unknown zone the runtime rule would check is still reported beside other schema problems', async () => {
    const run = await validateManifest('version: 1\ntimezone: Europe/Berlin\nagents:\n  coach:\n    cadence: hourly\n')
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('/agents/coach/cadence')
  })
})

describe('timezone inside an agent (issue 14, defect d)', () => {
  it('says it belongs at the top level, not "did you mean time"', async () => {
    const run = await validateManifest(
      'version: 1\nagents:\n  coach:\n    cadence: daily\n    timezone: Europe/Berlin\n',
    )
    expect(run.stdout).toBe('')
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      '✖ .kaizen/schedule.yml:5:5  /agents/coach/timezone  timezone belongs at the top level of the manifest (one zone for every agent); move it out of this agent\n1 problem in .kaizen/schedule.yml\n',
    )
    expect(run.stderr).not.toContain("did you mean 'time'")
  })
})

describe('init --agents is repeatable (issue 14, defect e)', () => {
  it('--agents a --agents b schedules both, in order, without repeats', async () => {
    const repo = await makeRepo()
    try {
      const run = await runCliCaptured(
        ['schedule', 'init', '--agents', 'coach', '--agents', 'retro,coach', '--agents', 'triage'],
        { cwd: repo.root },
      )
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.stdout).toContain('✓ wrote .kaizen/schedule.yml (agents: coach, retro, triage); it is valid')
      const text = await readFile(join(repo.root, '.kaizen/schedule.yml'), 'utf8')
      expect(text).toMatch(/^ {2}coach:$/m)
      expect(text).toMatch(/^ {2}retro:$/m)
      expect(text).toMatch(/^ {2}triage:$/m)
      expect(text).not.toMatch(/^ {2}optimization:$/m)
    } finally {
      await repo.dispose()
    }
  })

  it('a bad name in a later --agents is a usage error (exit 2) and writes nothing', async () => {
    const repo = await makeRepo()
    try {
      const run = await runCliCaptured(['schedule', 'init', '--agents', 'coach', '--agents', 'Bad'], { cwd: repo.root })
      expect(run.stdout).toBe('')
      expect(run.code).toBe(2)
      expect(run.stderr).toContain("'Bad' is not a valid agent name")
      await expect(readFile(join(repo.root, '.kaizen/schedule.yml'), 'utf8')).rejects.toThrow(/ENOENT/)
    } finally {
      await repo.dispose()
    }
  })
})

describe('prepare on a repo where nothing was found (issue 14, defect g)', () => {
  it('warns on stderr, still prints the bundle and exits 0', async () => {
    const repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    try {
      const run = await runCliCaptured(['schedule', 'prepare', 'coach'], { cwd: repo.root, env: NOW })
      expect(run.code).toBe(0)
      expect(run.stdout).toContain('coach')
      expect(run.stderr).toBe(
        `warning: nothing was found for agent 'coach' in ${repo.root}: no agent prompt (.kaizen/agents/coach.md), memory (.kaizen/memory/coach.md), metrics (.kaizen/metrics/coach.jsonl) or pointers; the bundle holds only the schedule\n`,
      )
    } finally {
      await repo.dispose()
    }
  })

  it('with --strict: exit 1, the error on stderr, nothing on stdout and no event written', async () => {
    const repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    try {
      const event = join(repo.base, 'event.json')
      const run = await runCliCaptured(['schedule', 'prepare', 'coach', '--strict', '--emit', event], {
        cwd: repo.root,
        env: NOW,
      })
      expect(run.stdout).toBe('')
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/^error: nothing was found for agent 'coach' in .* \(--strict\)\n$/)
      await expect(readFile(event, 'utf8')).rejects.toThrow(/ENOENT/)
    } finally {
      await repo.dispose()
    }
  })

  it('is quiet when any part was found', async () => {
    const repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST, '.kaizen/memory/coach.md': '- learnt\n' })
    try {
      const run = await runCliCaptured(['schedule', 'prepare', 'coach', '--strict'], { cwd: repo.root, env: NOW })
      expect(run).toMatchObject({ code: 0, stderr: '' })
    } finally {
      await repo.dispose()
    }
  })
})

describe('discover --format table', () => {
  it('prints one row per run and the skipped repos, for people; JSON stays the default', async () => {
    const root = await tree.checkout('table-svc', TWO_AGENTS)
    await writeFile(
      join(tree.dir, 'roster-t.json'),
      JSON.stringify([entryFor('table-svc', root), { slug: 'off', host_paths: {}, kaizen_schedule_enabled: false }]),
    )
    const run = await runCliCaptured(
      ['schedule', 'discover', '--roster', 'roster-t.json', '--host', HOST, '--format', 'table'],
      { cwd: tree.dir },
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toMatch(/^REPO +AGENT +CADENCE +DAY +TIME +TIMEZONE +DUE AT +ROOT$/)
    expect(lines[1]).toMatch(new RegExp(`^table-svc +coach +weekly +tue +08:30 +Europe/Berlin +- +${root}$`))
    expect(lines[2]).toMatch(/^table-svc +optimization +daily +- +- +Europe\/Berlin/)
    expect(lines.slice(3)).toEqual([
      '',
      'SKIPPED  REASON           DETAIL',
      'off      disabled_by_hub  kaizen_schedule_enabled is false',
      '',
    ])
  })

  it('an unknown format is a usage error: exit 2, nothing on stdout', async () => {
    const run = await runCliCaptured(['schedule', 'discover', '--roster', 'x.json', '--format', 'yaml'], {
      cwd: tree.dir,
    })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('expected one of json, table')
  })
})

describe('discover --local DIR (the local roster, in the binary)', () => {
  it('resolves the checkouts side by side under DIR on --host, without a hub', async () => {
    const root = await tree.checkout('local-svc', TWO_AGENTS)
    const run = await runCliCaptured(['schedule', 'discover', '--local', '.', '--host', HOST], { cwd: tree.dir })
    expect(run.code).toBe(0)
    const document = JSON.parse(run.stdout) as ScheduledRuns
    const local = document.scheduled_runs.filter((r) => r.repo === 'local-svc')
    expect(local.map((r) => [r.agent, r.root, r.host])).toEqual([
      ['coach', root, HOST],
      ['optimization', root, HOST],
    ])
    // The slug is the directory name, so the prepare command needs no --repo.
    expect(local[0]?.prepare_command).toBe(`kaizen-agentic schedule prepare coach --target ${root}`)
  })

  it('a DIR that does not exist: exit 1, the error on stderr, nothing on stdout', async () => {
    const run = await runCliCaptured(['schedule', 'discover', '--local', 'no-such-dir', '--host', HOST], {
      cwd: tree.dir,
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^error: .*no-such-dir/)
  })

  it('--local with --roster is a usage error, exit 2', async () => {
    const run = await runCliCaptured(['schedule', 'discover', '--local', '.', '--roster', 'x.json'], { cwd: tree.dir })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe('error: give exactly one roster source: --roster FILE, --hub-url URL or --local DIR\n')
  })
})
