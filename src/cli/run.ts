/**
 * How every commander program here runs, the operator CLI (`kaizen-agentic`) and the
 * contract owner's dev commands (`npm run generate`, …) alike: commander's usage errors
 * → exit 2, a `UsageError` → one line and exit 2, anything else → one line and exit 1
 * (the stack only with KAIZEN_DEBUG or --verbose). Commands report their code through `done`.
 */
import { type Command, CommanderError } from 'commander'
import { escapeControl } from '../diagnostics/safe-text.ts'
import { EXIT, UsageError } from './exit-codes.ts'
import type { CliIo } from './io.ts'

/** Routes commander's own output through `io` and stops it from exiting the process, on every command. */
export function wireOutput(program: Command, io: CliIo): Command {
  const wire = (command: Command): void => {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      // commander quotes the argv it refuses ("unknown option '…'"): made visible line by line.
      writeErr: (text) => io.stderr.write(text.split('\n').map(escapeControl).join('\n')),
    })
    for (const sub of command.commands) wire(sub)
  }
  wire(program)
  return program
}

/** Builds a program with `build`, runs it on `argv` (without node and script) and resolves to the exit code. */
export async function runProgram(
  build: (io: CliIo, done: (code: number) => void, argv: readonly string[]) => Command | Promise<Command>,
  argv: readonly string[],
  io: CliIo,
): Promise<number> {
  let code: number = EXIT.ok
  const program = await build(
    io,
    (c) => {
      code = c
    },
    argv,
  )
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return code
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through exitOverride with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${escapeControl(error.message)}\n`)
      return EXIT.usage
    }
    io.stderr.write(`error: ${escapeControl((error as Error).message ?? String(error))}\n`)
    if (io.env.KAIZEN_DEBUG || io.verbose === true) io.stderr.write(`${(error as Error).stack ?? ''}\n`)
    return EXIT.invalid
  }
}
