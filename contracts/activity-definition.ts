/** Front matter of the ActivityDefinition drafts handed to activity-core. */
import Type, { type Static } from 'typebox'
import { Command, defineContract, Slug, Timezone } from './common.ts'

/** Name of the activity-core resolver that emits `context.scheduled_runs`. */
export const RESOLVER_NAME = 'discover_kaizen_scheduled_repos'

/** Regex source for a five-field cron expression. */
export const CRON_PATTERN = '^\\S+( \\S+){4}$'

/** The ActivityDefinition front matter. */
export const ActivityDefinition = defineContract(
  {
    name: 'activity-definition',
    version: '1.1.0',
    direction: 'output',
    title: 'kaizen ActivityDefinition draft',
    description:
      'Front matter of an activity-core ActivityDefinition that runs one kaizen agent over the scheduled runs.',
    purpose:
      'The markdown drafts in `docs/integrations/activity-definitions/` are handed to activity-core: a cron trigger, the `discover_kaizen_scheduled_repos` resolver, a `for_each` over `context.scheduled_runs` filtered to one agent, and the prepare command template. Drafts ship disabled; activity-core owners enable them after a smoke test.',
    fileMatch: ['docs/integrations/activity-definitions/*.md'],
  },
  Type.Object({
    slug: Slug('Definition slug, unique in the activity-core catalog.'),
    title: Type.String({ minLength: 1, description: 'Human-readable title.' }),
    enabled: Type.Boolean({ description: 'Whether activity-core fires it; drafts ship with false.' }),
    trigger: Type.Object(
      {
        type: Type.Literal('cron', { description: 'Trigger kind.' }),
        cron: Type.String({ pattern: CRON_PATTERN, description: 'Five-field cron expression.' }),
        timezone: Timezone('Time zone the cron expression is evaluated in.'),
      },
      { description: 'When activity-core fires the definition.' },
    ),
    resolver: Type.Object(
      {
        name: Type.Literal(RESOLVER_NAME, { description: 'The resolver that emits context.scheduled_runs.' }),
        command: Command(
          'Reference CLI implementation of the resolver. `{{ trigger.previous_fire_time }}` and `{{ trigger.fire_time }}` (RFC 3339) are replaced by activity-core on each fire, so each call resolves the occurrences due since the previous fire.',
        ),
      },
      { description: 'The resolver that builds the run context.' },
    ),
    for_each: Type.Object(
      {
        items: Type.Literal('context.scheduled_runs', { description: 'The list iterated over.' }),
        where: Type.Object(
          { agent: Slug('Only runs of this agent.') },
          { description: 'Filter applied to each item.' },
        ),
      },
      { description: 'Fan-out over the resolver output.' },
    ),
    action: Type.Object(
      {
        type: Type.Literal('command', { description: 'Action kind.' }),
        command: Command('Command template; `{{ item.<field> }}` is replaced per scheduled run.'),
        workflow_id: Type.Optional(
          Type.String({
            minLength: 1,
            description:
              'Workflow id template, `{{ item.run_id }}`: one occurrence always gets the same id, so a retried or overlapping tick cannot start the same run twice (Temporal rejects a duplicate workflow id).',
          }),
        ),
      },
      { description: 'What runs for each item.' },
    ),
    session_close: Type.Array(Command('A close command template.'), {
      description: 'Commands the runner executes when the agent session closes.',
    }),
  }),
)

/** The ActivityDefinition front matter. */
export type ActivityDefinition = Static<typeof ActivityDefinition.schema>
