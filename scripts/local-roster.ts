/**
 * `npx tsx scripts/local-roster.ts DIR... [--host NAME]` — prints a roster (state-hub's
 * `GET /repos/` shape) with one entry per subdirectory of each DIR, for this host:
 *   npx tsx scripts/local-roster.ts examples > /tmp/roster.json
 *   npx tsx scripts/discover.ts --roster /tmp/roster.json
 */
import { hostname } from 'node:os'
import { parseArgs } from 'node:util'
import { readLocalRoster } from '../src/discover/local-roster.ts'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { host: { type: 'string' } } })
const result = await readLocalRoster(
  positionals.length > 0 ? positionals : ['.'],
  values.host ?? hostname(),
  process.cwd(),
)
if (result.ok) {
  for (const path of result.ignored) process.stderr.write(`note: ${path} left out: its name is not a repo slug\n`)
  process.stdout.write(`${JSON.stringify(result.roster, null, 2)}\n`)
} else process.stderr.write(`error: ${result.message}\n`)
process.exitCode = result.ok ? 0 : 1
