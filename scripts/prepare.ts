/** `npx tsx scripts/prepare.ts AGENT [--target DIR] [--format markdown|json] [--max-bytes N] [--emit FILE|-|nats://HOST:PORT] [--repo SLUG]` */
import { runScheduleScript } from '../src/cli/script.ts'

await runScheduleScript('prepare')
