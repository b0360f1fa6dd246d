/** `npx tsx scripts/list.ts …`: `kaizen-agentic schedule list …` (see `--help`). */
import { runScheduleScript } from '../src/cli/script.ts'

await runScheduleScript('list')
