/**
 * One hostile case in a fresh process, so its peak RSS is its own: prints
 * `{"ms": …, "rssMb": …, "baseRssMb": …, "outcome": …}`. Cases: `manifest FILE` (validate),
 * `discover ROSTER` (examine every repo), `prepare ROOT MAX_BYTES` (bundle with a huge memory file).
 */
import { performance } from 'node:perf_hooks'
import { prepareBundle } from '../src/bundle/prepare.ts'
import { discoverScheduledRuns } from '../src/discover/discover.ts'
import { readRosterFile } from '../src/discover/roster-file.ts'
import { readManifestFile } from '../src/manifest/read.ts'

const [kind, arg, extra] = process.argv.slice(2)
const baseRssMb = process.resourceUsage().maxRSS / 1024
const start = performance.now()
let outcome = ''
if (kind === 'manifest') {
  const result = await readManifestFile(arg ?? '')
  outcome = result.ok ? 'accepted' : (result.diagnostics[0]?.message ?? '')
} else if (kind === 'discover') {
  const roster = await readRosterFile(arg ?? '')
  if (!roster.ok) throw new Error(roster.message)
  const runs = await discoverScheduledRuns(roster.roster, { host: 'bench', concurrency: 8 })
  outcome = runs.ok ? `${runs.document.skipped.length} skipped` : 'contract violation'
} else if (kind === 'prepare') {
  const result = await prepareBundle({
    root: arg ?? '',
    agent: 'coach',
    format: 'markdown',
    maxBytes: Number(extra),
    now: new Date('2026-06-17T09:00:00Z'),
  })
  outcome = result.ok ? `bundle of ${result.bundle.bytes} bytes` : result.failure.kind
}
const ms = performance.now() - start
console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, baseRssMb, outcome }))
