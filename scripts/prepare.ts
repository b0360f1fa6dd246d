/** `npx tsx scripts/prepare.ts AGENT [--target DIR] [--format markdown|json] [--max-bytes N] [--emit FILE|-|nats|nats://HOST:PORT] [--repo SLUG] [--nats-* …] [--require-ack] [--ce-mode structured]` */
import { runScheduleScript } from '../src/cli/script.ts'

await runScheduleScript('prepare')
