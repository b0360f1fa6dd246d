/** `npx tsx scripts/discover.ts (--roster FILE | --hub-url URL) [--host NAME] [--format json]` */
import { runScheduleScript } from '../src/cli/script.ts'

await runScheduleScript('discover')
