/** `npx tsx scripts/init.ts …`: `kaizen-agentic schedule init …` (see `--help`). */
import { runScheduleScript } from '../src/cli/script.ts'

await runScheduleScript('init')
