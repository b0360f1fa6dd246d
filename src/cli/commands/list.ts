/** `schedule list [--target DIR] [--format table|json] [--at TIMESTAMP]`. */
import { join } from 'node:path'
import type { Command } from 'commander'
import { EXIT } from '../exit-codes.ts'
import { helpFooter } from '../help-text.ts'
import { type CliIo, messageLine, verboseLine } from '../io.ts'
import { formatOption, instantOption, pathOption } from '../options.ts'
import { writeDiagnostics } from '../report.ts'
import { findTargetOrDiscover } from '../target.ts'

const FORMATS = ['table', 'json'] as const

interface ListOptions {
  readonly target?: string
  readonly format: (typeof FORMATS)[number]
  readonly at?: Date
}

/** Registers `list` on the `schedule` group. */
export function registerList(schedule: Command, io: CliIo, done: (code: number) => void): void {
  schedule
    .command('list')
    .description('List the scheduled agents with cadence, day, time, time zone and next run')
    .option(
      '-t, --target <dir>',
      'repository root (default: the nearest directory up from here with a manifest)',
      pathOption('--target'),
    )
    .option('-f, --format <format>', 'output format: table or json', formatOption(FORMATS), 'table')
    .option('--at <timestamp>', 'compute next runs as of this RFC 3339 instant (default: now)', instantOption)
    .addHelpText(
      'after',
      helpFooter([
        'kaizen-agentic schedule list',
        'kaizen-agentic schedule list --format json --at 2027-01-04T08:00:00Z',
        'kaizen-agentic schedule list --target ~/src/acme-service',
      ]),
    )
    .action(async (options: ListOptions) => {
      done(await runList(io, options, options.at ?? new Date()))
    })
}

async function runList(io: CliIo, options: ListOptions, now: Date): Promise<number> {
  const target = await findTargetOrDiscover(io.cwd, options.target)
  if (!target.ok) {
    messageLine(io, 'error', target.message)
    return EXIT.invalid
  }
  const [{ readRepoManifest }, { listSchedule }] = await Promise.all([
    import('../../manifest/read.ts'),
    import('../../schedule/listing.ts'),
  ])
  const result = await readRepoManifest(target.root)
  verboseLine(io, `repository root: ${target.root}`)
  verboseLine(io, `manifest: ${join(target.root, result.file)}`)
  if (!result.ok) {
    writeDiagnostics(io, result.file, result.diagnostics)
    return EXIT.invalid
  }
  const list = listSchedule(result.manifest, result.file, now)
  if (options.format === 'json') {
    const [{ assertContract }, { default: validateList }] = await Promise.all([
      import('../contract-output.ts'),
      import('../../../generated/validators/schedule-list.ts'),
    ])
    assertContract('schedule-list', validateList, list)
    io.stdout.write(`${JSON.stringify(list, null, 2)}\n`)
  } else {
    const { renderListTable } = await import('../../schedule/table.ts')
    io.stdout.write(renderListTable(list.agents))
  }
  return EXIT.ok
}
