/** `npx tsx scripts/metrics-show.ts AGENT [--target DIR] [--format table|json] [--last N]` */
import { runMetricsScript } from '../src/cli/script.ts'

await runMetricsScript('show')
