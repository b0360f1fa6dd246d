/** What the example-running tests (docs/cli.md, every --help) share. */

/** A kind of example that is not run here, and why (matched against the whole line). */
export interface SkippedExample {
  readonly match: RegExp
  readonly reason: string
}

/** Examples that need a server this machine does not run for them. */
export const NETWORK_EXAMPLES: readonly SkippedExample[] = [
  { match: /--hub-url/, reason: 'needs the network: a state-hub answering the roster' },
  { match: /--emit (nats|tls:)/, reason: 'needs the network: a NATS server' },
]
