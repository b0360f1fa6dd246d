/**
 * `kaizen-agentic completion bash|zsh|fish`: shell completion generated from the
 * commander tree itself (every command, sub-command and option), so a new flag is
 * completed without anyone editing a script. zsh runs the bash function through
 * `bashcompinit`, as many CLIs do, so bash and zsh complete the same words.
 */
import type { Command } from 'commander'
import type { ChoicesOf } from './options.ts'

export const SHELLS = ['bash', 'zsh', 'fish'] as const
export type Shell = (typeof SHELLS)[number]

/** One command of the tree: its path of names, sub-command names and option flags. */
interface Node {
  readonly path: readonly string[]
  readonly description: string
  readonly subcommands: readonly string[]
  readonly options: readonly {
    readonly long?: string
    readonly short?: string
    readonly description: string
    /** Whether the flag takes a value (`--target <dir>`): a path, a name or a number, never a flag. */
    readonly takesValue?: boolean
    /** The values the flag accepts, when it names them (`--format`: formatOption's choices). */
    readonly choices?: readonly string[]
  }[]
}

/** Every command of the tree, the root first (its path is empty). */
export function commandTree(program: Command, path: readonly string[] = []): Node[] {
  const visible = program.commands.filter((c) => c.name() !== 'help')
  const options = [
    ...program.options.map((o) => ({
      ...(o.long ? { long: o.long } : {}),
      ...(o.short ? { short: o.short } : {}),
      description: o.description,
      ...(o.required || o.optional ? { takesValue: true } : {}),
      ...choicesOf(o.parseArg),
    })),
    { long: '--help', short: '-h', description: 'display help' },
  ]
  const node: Node = {
    path,
    description: program.description(),
    subcommands: visible.map((c) => c.name()),
    options,
  }
  return [node, ...visible.flatMap((c) => commandTree(c, [...path, c.name()]))]
}

/** The choices a parser made by formatOption carries, if any. */
function choicesOf(parser: unknown): { choices?: readonly string[] } {
  const choices = (parser as Partial<ChoicesOf> | undefined)?.choices
  return Array.isArray(choices) ? { choices } : {}
}

const shellWord = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`

function bash(nodes: readonly Node[], name: string): string {
  const fn = `_${name.replace(/[^A-Za-z0-9]/g, '_')}`
  const paths = nodes.filter((n) => n.path.length > 0).map((n) => n.path.join('/'))
  const flagsOf = (options: Node['options']) =>
    options.flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined))
  const cases = nodes.map((n) => {
    const valued = flagsOf(n.options.filter((o) => o.takesValue))
    return [
      `    ${shellWord(n.path.join('/'))})`,
      `      subs=${shellWord(n.subcommands.join(' '))} flags=${shellWord(flagsOf(n.options).join(' '))}`,
      `      valued=${shellWord(` ${valued.join(' ')} `)} ;;`,
    ].join('\n')
  })
  const choiceCases = nodes.flatMap((n) =>
    n.options
      .filter((o) => o.choices !== undefined)
      .map((o) => {
        const keys = [o.long, o.short].filter((f) => f !== undefined).map((f) => shellWord(`${n.path.join('/')} ${f}`))
        return `    ${keys.join('|')}) COMPREPLY=($(compgen -W ${shellWord((o.choices ?? []).join(' '))} -- "$cur")); return ;;`
      }),
  )
  return `# ${name} completion for bash (generated from the CLI's own command tree).
# Load it with: source <(${name} completion bash)
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path="" word subs flags valued candidate i
  local known=${shellWord(` ${paths.join(' ')} `)}
  COMPREPLY=()
  # The command path so far: the words that name a known (sub-)command, in order.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ -z "$path" ]]; then candidate="$word"; else candidate="$path/$word"; fi
    [[ "$known" == *" $candidate "* ]] && path="$candidate"
  done
  case "$path" in
${cases.join('\n')}
    *) subs="" flags="" valued=" " ;;
  esac
  # The value of a flag that names its values (--format): those values.
  case "$path $prev" in
${choiceCases.join('\n')}
  esac
  # The value of any other flag (--target DIR, --emit FILE) and a command's own arguments
  # (FILE): no words, so "complete -o default" offers file names.
  [[ "$valued" == *" $prev "* ]] && return
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$flags" -- "$cur")); return; fi
  [[ -n "$subs" ]] && COMPREPLY=($(compgen -W "$subs" -- "$cur"))
}
complete -o default -F ${fn} ${name}
`
}

function zsh(nodes: readonly Node[], name: string): string {
  return `#compdef ${name}
# ${name} completion for zsh: the bash completion through bashcompinit.
# Load it with: source <(${name} completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bash(nodes, name).split('\n').slice(2).join('\n')}`
}

function fish(nodes: readonly Node[], name: string): string {
  const lines = [
    `# ${name} completion for fish (generated from the CLI's own command tree).`,
    `# Load it with: ${name} completion fish | source`,
  ]
  const all = nodes.flatMap((n) => n.subcommands)
  for (const node of nodes) {
    const last = node.path.at(-1)
    const condition =
      last === undefined
        ? '__fish_use_subcommand'
        : `__fish_seen_subcommand_from ${last}; and not __fish_seen_subcommand_from ${all.filter((s) => !node.path.includes(s)).join(' ')}`
    for (const sub of node.subcommands) {
      const description = nodes.find((n) => n.path.join('/') === [...node.path, sub].join('/'))?.description ?? ''
      lines.push(`complete -c ${name} -f -n ${shellWord(condition)} -a ${sub} -d ${shellWord(description)}`)
    }
    for (const option of node.options) {
      const flags = [
        option.long ? `-l ${option.long.slice(2)}` : '',
        option.short ? `-s ${option.short.slice(1)}` : '',
      ].filter((f) => f !== '')
      // -x -a: one of these values; -r: some value (fish then completes file names for it).
      const value = option.choices ? ` -x -a ${shellWord(option.choices.join(' '))}` : option.takesValue ? ' -r' : ''
      lines.push(
        `complete -c ${name} -n ${shellWord(condition)} ${flags.join(' ')}${value} -d ${shellWord(option.description)}`,
      )
    }
  }
  return `${lines.join('\n')}\n`
}

/** The completion script of `program` for `shell`. */
export function completionScript(program: Command, shell: Shell): string {
  const nodes = commandTree(program)
  const name = program.name()
  if (shell === 'bash') return bash(nodes, name)
  return shell === 'zsh' ? zsh(nodes, name) : fish(nodes, name)
}
