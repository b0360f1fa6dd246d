/**
 * One concurrent writer of the metrics bench: waits for "go" on stdin (so start-up is not
 * measured), appends COUNT records with `appendLine`, prints the elapsed milliseconds.
 * Usage: tsx bench/append-worker.ts ROOT COUNT WRITER
 */
import { performance } from 'node:perf_hooks'
import { appendLine } from '../src/fs/append-line.ts'

const [root = '', countText = '0', writer = '0'] = process.argv.slice(2)
const count = Number(countText)
process.stdout.write('ready\n')
process.stdin.once('data', async () => {
  const start = performance.now()
  for (let i = 0; i < count; i++) {
    const line = JSON.stringify({
      agent: 'coach',
      success: i % 3 !== 0,
      time_s: i,
      recorded_at: new Date().toISOString(),
      run_id: `bench.coach.w${writer}-${i}`,
    })
    const outcome = await appendLine(root, '.kaizen/metrics/coach.jsonl', line)
    if (!outcome.ok) throw new Error(outcome.reason)
  }
  process.stdout.write(`${performance.now() - start}\n`)
  process.exit(0)
})
