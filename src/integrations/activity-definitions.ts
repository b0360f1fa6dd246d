/**
 * The typed sources of the ActivityDefinition drafts handed to activity-core. The
 * generator (src/codegen/activity-definitions.ts) validates each against the
 * activity-definition contract and renders it into
 * `docs/integrations/activity-definitions/<slug>.md`; edit here, then `npm run generate`.
 */
import { type ActivityDefinition, RESOLVER_NAME } from '../../contracts/activity-definition.ts'
import { BINARY, sessionCloseCommands } from '../command-lines/command-lines.ts'

/** One draft: the front matter, plus what the body says about it. */
export interface ActivityDefinitionDraft {
  /** The front matter, exactly as activity-core reads it. */
  readonly definition: ActivityDefinition
  /** When the agent runs, in words. */
  readonly when: string
  /** What a run of the agent is for, one paragraph of markdown. */
  readonly purpose: string
}

/** The environment variable the runner sets to the state-hub base URL. */
export const STATE_HUB_URL_ENV = 'STATE_HUB_URL'

/** How often the drafts' trigger fires: every 15 minutes, in UTC (see docs/adr/ADR-002). */
export const TICK_CRON = '*/15 * * * *'

/** The template variables activity-core replaces in the resolver command on each fire (RFC 3339). */
export const FIRE_TIME_VARIABLES = {
  previous: '{{ trigger.previous_fire_time }}',
  current: '{{ trigger.fire_time }}',
} as const

/**
 * The resolver command as a template. Each fire asks for the occurrences due since the
 * previous fire, `(previous_fire_time, fire_time]`: consecutive windows tile, so every
 * occurrence of every repo's own schedule is listed by exactly one tick. The hub URL is
 * expanded by the runner's shell (double-quoted, so a URL with `&` or spaces stays one
 * word); the host defaults to the runner's host name.
 */
export const RESOLVER_COMMAND = `${BINARY} schedule discover --hub-url "$${STATE_HUB_URL_ENV}" --from "${FIRE_TIME_VARIABLES.previous}" --to "${FIRE_TIME_VARIABLES.current}"`

/** The Temporal workflow id of one run: its deterministic run id. */
export const WORKFLOW_ID = '{{ item.run_id }}'

/**
 * The action: the run's own `prepare_command`, which the resolver built and
 * shell-quoted for its checkout path, so the template adds no quoting of its own.
 */
export const PREPARE_ACTION = '{{ item.prepare_command }}'

interface DraftInput {
  readonly slug: string
  readonly title: string
  readonly agent: string
  readonly when: string
  readonly purpose: string
}

function draft(input: DraftInput): ActivityDefinitionDraft {
  return {
    definition: {
      slug: input.slug,
      title: input.title,
      enabled: false,
      trigger: { type: 'cron', cron: TICK_CRON, timezone: 'UTC' },
      resolver: { name: RESOLVER_NAME, command: RESOLVER_COMMAND },
      for_each: { items: 'context.scheduled_runs', where: { agent: input.agent } },
      action: { type: 'command', command: PREPARE_ACTION, workflow_id: WORKFLOW_ID },
      session_close: sessionCloseCommands(input.agent),
    },
    when: input.when,
    purpose: input.purpose,
  }
}

/** Every draft, in the order the docs list them. */
export const ACTIVITY_DEFINITION_DRAFTS: readonly ActivityDefinitionDraft[] = [
  draft({
    slug: 'weekly-coach-orientation',
    title: 'Weekly coach orientation',
    agent: 'coach',
    when: "at each repo's own coach schedule (the seed: every Monday at 09:00)",
    purpose:
      'The `coach` agent orients a repository for the week: it reads its prompt, its memory of earlier sessions, the metrics summary and the repo pointers (scope, TODO) that `prepare` bundles, and leaves the team a short orientation.',
  }),
  draft({
    slug: 'weekly-optimization-review',
    title: 'Weekly optimization review',
    agent: 'optimization',
    when: "at each repo's own optimization schedule (the seed: every Monday at 10:00)",
    purpose:
      'The `optimization` agent reviews how the repository’s kaizen agents performed: the bundle carries its metrics summary (runs, success rate, mean quality and time) and the optimizer’s last `analysis.json` when there is one. It runs an hour after the coach, so that morning’s coach session is usually recorded by then.',
  }),
]
