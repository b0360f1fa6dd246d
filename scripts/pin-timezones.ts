/** `npx tsx scripts/pin-timezones.ts`: rewrite contracts/timezones.ts from the installed moment-timezone data. */
import { join } from 'node:path'
import { readTzdbNames, renderTimezonesModule, TIMEZONES_MODULE } from '../src/codegen/timezones.ts'
import { writeFileAtomic } from '../src/fs/atomic-write.ts'

const tzdb = await readTzdbNames()
await writeFileAtomic(join(process.cwd(), TIMEZONES_MODULE), renderTimezonesModule(tzdb))
console.log(`${TIMEZONES_MODULE}: ${tzdb.names.length} names from tz database ${tzdb.version} (${tzdb.source})`)
