/** `npx tsx scripts/record.ts AGENT (--success | --failure) --time SECONDS [--quality 0..1] [--target DIR] [--run-id ID] [--tokens N]` */
import { runMetricsScript } from '../src/cli/script.ts'

await runMetricsScript('record')
