/**
 * The command lines this project prints for others to run: the prepare command
 * (in scheduled runs, bundles and events) and the session-close commands. Built in
 * one place so the resolver, `prepare` and the ActivityDefinition drafts agree.
 */
import { quote } from 'shell-quote'

/** The installed binary name, as the seeds write it. */
export const BINARY = 'kaizen-agentic'

/** What a prepare command line should reproduce. */
export interface PrepareCommandInput {
  readonly agent: string
  readonly root: string
  readonly format?: 'markdown' | 'json'
  readonly maxBytes?: number
  readonly repo?: string
}

/**
 * `kaizen-agentic schedule prepare AGENT --target ROOT [...]`, each word quoted for a
 * POSIX shell, so a root with spaces or quotes survives a round trip through `sh -c`.
 * Options equal to the defaults are left out, so the common command stays short.
 */
export function prepareCommandLine(input: PrepareCommandInput): string {
  const words = [BINARY, 'schedule', 'prepare', input.agent, '--target', input.root]
  if (input.format && input.format !== 'markdown') words.push('--format', input.format)
  if (input.maxBytes !== undefined) words.push('--max-bytes', String(input.maxBytes))
  if (input.repo !== undefined) words.push('--repo', input.repo)
  return quote(words)
}

/** The commands a runner executes when the agent session closes (placeholders in angle brackets). */
export function sessionCloseCommands(agent: string): string[] {
  return [`${BINARY} metrics record ${quote([agent])} --success --time <s> --quality <0-1>`]
}
