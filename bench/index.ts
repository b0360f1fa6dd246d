/** `npm run bench`: figures and ratios, each against a peer measured in the same process. */
import { performance } from 'node:perf_hooks'
import { buildArtifacts, emitSchemas } from '../src/codegen/artifacts.ts'
import { runRepomixBench } from './bundle-vs-repomix.ts'
import { runDiscoverBench } from './discover.ts'
import { runMetricsBench } from './metrics.ts'
import { runNatsBench } from './nats.ts'
import { runPrepareBench } from './prepare.ts'
import { runStartupBench } from './startup.ts'

const root = process.cwd()

async function median(runs: number, task: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await task()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] ?? Number.NaN
}

const schemasOnly = await median(15, () => emitSchemas(root))
const full = await median(15, () => buildArtifacts(root))
console.log('generator (in process, median of 15)')
console.log(`  schemas only          ${schemasOnly.toFixed(1)} ms`)
console.log(`  all artifacts         ${full.toFixed(1)} ms   (${(full / schemasOnly).toFixed(1)}× schemas only)`)

await runStartupBench()

const { runManifestBench } = await import('./manifest.ts')
await runManifestBench()
await runPrepareBench()
await runRepomixBench()
await runDiscoverBench()
await runNatsBench()
await runMetricsBench()
const { runHostileBench } = await import('./hostile.ts')
await runHostileBench()

const { runScheduleBench } = await import('./schedule.ts')
runScheduleBench()
