/**
 * Cold starts of any commands side by side, as the start-up bench measures its goals
 * (interleaved rounds, medians of wall and CPU time), for trying a change against the
 * build before it:
 *
 *   npx tsx bench/compare.ts [--rounds N] "-e 0" "dist/src/cli/bin.js schedule validate FILE" …
 *
 * Each contender is the arguments of one `node` run, split on spaces; ratios are to the first.
 */
import { type Contender, interleavedColdStarts } from './startup.ts'

const args = process.argv.slice(2)
const at = args.indexOf('--rounds')
const rounds = at === -1 ? 11 : Number(args[at + 1])
const commands = at === -1 ? args : [...args.slice(0, at), ...args.slice(at + 2)]
if (commands.length === 0 || !Number.isInteger(rounds) || rounds < 1) {
  console.error('usage: npx tsx bench/compare.ts [--rounds N] "NODE ARGS" "NODE ARGS" …')
  process.exit(2)
}
const contenders: Contender[] = commands.map((command) => ({ name: command, argv: command.split(' ') }))
const { wall, cpu } = interleavedColdStarts(contenders, rounds)
const first = contenders[0]?.name ?? ''
const ratio = (of: number | undefined, to: number | undefined) => ((of ?? Number.NaN) / (to ?? Number.NaN)).toFixed(2)
console.log(`median of ${rounds} interleaved rounds (wall, then CPU; ratios to the first)`)
for (const { name } of contenders) {
  const w = wall.get(name)
  const c = cpu?.get(name)
  console.log(
    `  ${(w ?? Number.NaN).toFixed(0).padStart(6)} ms ${ratio(w, wall.get(first)).padStart(6)}×` +
      `  ${(c ?? Number.NaN).toFixed(0).padStart(6)} ms ${ratio(c, cpu?.get(first)).padStart(6)}×  node ${name}`,
  )
}
