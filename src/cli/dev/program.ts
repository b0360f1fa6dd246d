/**
 * The contract owner's and developer's commands (`npm run generate`, `contracts:diff`,
 * `release-contracts`, the local roster): the same commander conventions, exit codes and
 * error handling as `kaizen-agentic` (see ../run.ts), in a program of their own because
 * they need the generator, which the published CLI does not ship to operators.
 */
import { Command } from 'commander'
import type { CliIo } from '../io.ts'
import { runProgram, wireOutput } from '../run.ts'
import { registerCliDocs } from './cli-docs.ts'
import { registerContractsDiff, registerReleaseContracts } from './contracts.ts'
import { registerGenerate } from './generate.ts'
import { registerLocalRoster } from './local-roster.ts'

/** Builds the dev program writing to `io`. */
export function buildDevProgram(io: CliIo, done: (code: number) => void): Command {
  const program = new Command('kaizen-agentic-dev')
    .description('Contract owner and developer commands (run through npm run / scripts/*.ts)')
    .showHelpAfterError('(add --help for usage)')
  for (const register of [
    registerGenerate,
    registerContractsDiff,
    registerReleaseContracts,
    registerLocalRoster,
    registerCliDocs,
  ]) {
    register(program, io, done)
  }
  return wireOutput(program, io)
}

/** Runs a dev command on `argv` (`['generate', '--check']`) and resolves to the exit code. */
export const runDevCli = (argv: readonly string[], io: CliIo): Promise<number> => runProgram(buildDevProgram, argv, io)
