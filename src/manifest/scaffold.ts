/** The commented manifest `schedule init` writes: every option shown, the defaults spelled out. */
import {
  CADENCES,
  DEFAULT_DAY,
  DEFAULT_TIME,
  DEFAULT_TIMEZONE,
  LAST_MONTH_DAY,
  WEEKDAYS,
} from '../../contracts/constants.ts'

/**
 * The seed's times for the agents the ActivityDefinition drafts name: the coach orients
 * the week at 09:00 on Monday, the optimization review follows an hour later, so that
 * morning's coach session is usually recorded by then. Other agents get the default time.
 */
export const SEED_TIMES: Readonly<Record<string, string>> = { coach: '09:00', optimization: '10:00' }

/** What a scaffold needs: the agents to schedule and the URL of the manifest schema for the modeline. */
export interface ScaffoldInput {
  readonly agents: readonly string[]
  readonly schemaId: string
}

/**
 * The manifest text. It starts with the `yaml-language-server` modeline so editors
 * validate and complete it against the published schema; each agent is weekly on the
 * default day, at its seed time (else the default time), written out so the file shows what to change.
 */
export function renderManifestScaffold({ agents, schemaId }: ScaffoldInput): string {
  const weekdays = `${WEEKDAYS[0]}..${WEEKDAYS.at(-1)}`
  const agentBlocks = agents.flatMap((agent) => [
    `  ${agent}:`,
    `    cadence: weekly # ${CADENCES.join(' | ')}`,
    `    day: ${DEFAULT_DAY.weekly} # weekly: ${weekdays}; monthly: 1..${LAST_MONTH_DAY}; leave out for daily`,
    `    time: "${SEED_TIMES[agent] ?? DEFAULT_TIME}" # HH:MM, 24 h, in the time zone above (default ${DEFAULT_TIME})`,
    '    enabled: true # false keeps the entry but stops scheduling it',
  ])
  return [
    `# yaml-language-server: $schema=${schemaId}`,
    '# Which kaizen agents run on a schedule in this repository.',
    '# Check it with `kaizen-agentic schedule validate`; see the next runs with `kaizen-agentic schedule list`.',
    '',
    'version: 1 # required: the opt-in marker',
    '',
    `# IANA time zone of the times below (default ${DEFAULT_TIMEZONE}).`,
    '# timezone: Europe/Berlin',
    '',
    'agents: # at least one; keys are agent names (lowercase slugs)',
    ...agentBlocks,
    '',
    '# Repo pointers bundled by `kaizen-agentic schedule prepare`: label -> repo-relative path.',
    '# Default: SCOPE.md and TODO.md when present.',
    '# pointers:',
    '#   scope: docs/SCOPE.md',
    '#   todo: TODO.md',
    '',
  ].join('\n')
}
