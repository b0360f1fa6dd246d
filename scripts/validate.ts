/** `npx tsx scripts/validate.ts [--target DIR | FILE] [--format text|json]` */
import { runScheduleScript } from '../src/cli/script.ts'

await runScheduleScript('validate')
