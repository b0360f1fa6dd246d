/**
 * The flag reference of docs/cli.md, generated from the commander definitions so it
 * cannot drift: `npx tsx scripts/cli-docs.ts` rewrites the part between the markers, and
 * `test/cli/cli-reference.test.ts` fails when the file and the program disagree.
 */
import type { Command } from 'commander'

export const BEGIN_MARKER = '<!-- BEGIN GENERATED: flag reference (npx tsx scripts/cli-docs.ts) -->'
export const END_MARKER = '<!-- END GENERATED: flag reference -->'

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

function section(command: Command, path: readonly string[]): string[] {
  const usage = `${path.join(' ')} ${command.usage()}`.trim()
  const lines = [`### \`${path.join(' ')}\``, '', command.description(), '', '```', usage, '```', '']
  const options = command.options
  if (options.length > 0) {
    lines.push('| Flag | What it does | Default |', '| --- | --- | --- |')
    for (const o of options) {
      // A description that states its default says it in words (the host name would differ per machine).
      // A default given in words (`.default(value, words)`) is shown as commander's help shows it.
      const stated = /\(default/.test(o.description)
      const words = o.defaultValueDescription
      const shown =
        o.defaultValue === undefined || o.negate || stated
          ? ''
          : words === undefined
            ? `\`${cell(JSON.stringify(o.defaultValue))}\``
            : /\s/.test(words)
              ? cell(words)
              : `\`${cell(words)}\``
      lines.push(`| \`${cell(o.flags)}\` | ${cell(o.description)} | ${shown} |`)
    }
    lines.push('')
  }
  return lines
}

/** Markdown for every command with options or sub-commands, depth first, the program first. */
export function cliReference(program: Command): string {
  const lines: string[] = []
  const walk = (command: Command, path: readonly string[]) => {
    lines.push(...section(command, path))
    for (const sub of command.commands) if (sub.name() !== 'help') walk(sub, [...path, sub.name()])
  }
  walk(program, [program.name()])
  return `${lines.join('\n').trimEnd()}\n`
}

/** `document` with the part between the markers replaced by `reference`; undefined when the markers are missing. */
export function withReference(document: string, reference: string): string | undefined {
  const begin = document.indexOf(BEGIN_MARKER)
  const end = document.indexOf(END_MARKER)
  if (begin === -1 || end < begin) return undefined
  return `${document.slice(0, begin + BEGIN_MARKER.length)}\n\n${reference}\n${document.slice(end)}`
}
