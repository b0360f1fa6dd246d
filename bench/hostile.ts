/**
 * Hostile inputs must be cheap to refuse (issue 12): time and peak RSS of each case in
 * its own process, with the goal beside it.
 * - a 1 MiB manifest of ~350,000 empty flow maps: goal ≤ 1 s and ≤ 150 MB;
 * - a roster of 32 repos holding that manifest: goal ≤ 32 × the single case;
 * - `prepare --max-bytes 400000000` with a 600 MB memory file: no heap blow-up
 *   (reads stop at the 16 MiB per-file cap).
 */
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href
const CHILD = join(process.cwd(), 'bench', 'hostile-child.ts')

interface Figures {
  readonly ms: number
  readonly rssMb: number
  readonly baseRssMb: number
  readonly outcome: string
}

function measure(...args: string[]): Figures {
  const run = spawnSync(process.execPath, ['--import', TSX, CHILD, ...args], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`hostile bench child failed: ${run.stderr}`)
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Figures
}

const line = (label: string, f: Figures, goal: string, ok: boolean): void =>
  console.log(
    `  ${label.padEnd(34)} ${f.ms.toFixed(0).padStart(6)} ms  peak RSS ${f.rssMb.toFixed(0).padStart(4)} MB (${f.baseRssMb.toFixed(0)} MB at start)   goal ${goal} ${ok ? '✓' : '✗'}   ${f.outcome.slice(0, 70)}`,
  )

const FLOW_BOMB = `version: 1\nagents: [${'{},'.repeat(349_000)}{}]\n`

export async function runHostileBench(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kaizen-hostile-'))
  try {
    console.log('hostile inputs (each in its own process; issue 12)')
    const bomb = join(dir, 'bomb.yml')
    await writeFile(bomb, FLOW_BOMB)
    const single = measure('manifest', bomb)
    line('1 MiB manifest, 350k flow maps', single, '≤ 1000 ms, ≤ 150 MB', single.ms <= 1000 && single.rssMb <= 150)

    const roster: unknown[] = []
    for (let i = 0; i < 32; i++) {
      const root = join(dir, `repo-${i}`)
      await mkdir(join(root, '.kaizen'), { recursive: true })
      await writeFile(join(root, '.kaizen', 'schedule.yml'), FLOW_BOMB)
      roster.push({ slug: `repo-${i}`, host_paths: { bench: root } })
    }
    await writeFile(join(dir, 'roster.json'), JSON.stringify(roster))
    const many = measure('discover', join(dir, 'roster.json'))
    const goal = Math.max(1000, 32 * single.ms)
    line('roster of 32 such repos', many, `≤ ${goal.toFixed(0)} ms, ≤ 250 MB`, many.ms <= goal && many.rssMb <= 250)

    const repo = join(dir, 'big-memory')
    await mkdir(join(repo, '.kaizen', 'memory'), { recursive: true })
    await mkdir(join(repo, '.kaizen', 'agents'), { recursive: true })
    await writeFile(join(repo, '.kaizen', 'schedule.yml'), 'version: 1\nagents:\n  coach:\n    cadence: daily\n')
    await writeFile(join(repo, '.kaizen', 'agents', 'coach.md'), 'You are the coach.\n')
    // 600 MB of text lines, written in 16 MiB chunks (never held whole here either).
    const memory = await open(join(repo, '.kaizen', 'memory', 'coach.md'), 'w')
    const chunk = Buffer.alloc(16 * 1024 * 1024, 'remember this line.\n')
    for (let written = 0; written < 600e6; written += chunk.length) await memory.write(chunk)
    await memory.close()
    const big = measure('prepare', repo, '400000000')
    line('600 MB memory, --max-bytes 4e8', big, '≤ 300 MB RSS, no OOM', big.rssMb <= 300)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
