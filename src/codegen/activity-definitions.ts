/**
 * Stage 5: the ActivityDefinition drafts. Each typed source in
 * src/integrations/activity-definitions.ts is validated against the published
 * activity-definition schema (a bad source fails `npm run generate`) and rendered
 * as markdown: YAML front matter (with the banner as a YAML comment, so the front
 * matter stays parseable) and a short body — what it does, how to smoke-test it.
 */
import { parse, stringify } from 'yaml'
import { BundleFlags } from '../../contracts/prepared-bundle.ts'
import type { ActivityDefinitionDraft } from '../integrations/activity-definitions.ts'
import { createAjv } from '../schema/ajv.ts'
import { checkDocument, problemText } from '../schema/check.ts'
import type { Artifact } from './artifacts.ts'
import { yamlBanner } from './banner.ts'
import type { JsonSchema } from './json-schema.ts'

/** Where the drafts are written; activity-core owners copy every `*.md` from here. */
export const ACTIVITY_DEFINITIONS_DIR = 'docs/integrations/activity-definitions'

/** The typed sources, for banners. */
const SOURCE = 'src/integrations/activity-definitions.ts'

/** The bundle flags the smoke test shows, named by the prepared-bundle contract. */
const FLAG_NAMES = Object.keys(BundleFlags.properties)

/** Path of one draft. */
export const activityDefinitionFileOf = (slug: string): string => `${ACTIVITY_DEFINITIONS_DIR}/${slug}.md`

/** The YAML between the leading `---` lines of a markdown file, or undefined when there is none. */
export function frontMatterText(markdown: string): string | undefined {
  const match = /^---\n([\s\S]*?\n)---\n/.exec(markdown)
  return match?.[1]
}

function frontMatterOf(draft: ActivityDefinitionDraft): string {
  const yaml = stringify(draft.definition, { lineWidth: 0 })
  // The rendering must read back as exactly the source, or activity-core would see something else.
  if (JSON.stringify(parse(yaml)) !== JSON.stringify(draft.definition)) {
    throw new Error(`activity definition ${draft.definition.slug}: its YAML does not read back as its source`)
  }
  return `---\n${yamlBanner(SOURCE)}\n${yaml}---\n`
}

/** Renders one draft as markdown. */
export function renderActivityDefinitionDraft(draft: ActivityDefinitionDraft): string {
  const { definition } = draft
  const agent = definition.for_each.where.agent
  const [closeCommand = ''] = definition.session_close
  return `${frontMatterOf(draft)}
# ${definition.title}

**Draft — ships with \`enabled: false\`.** activity-core owners enable it after the smoke test below; see the [hand-off checklist](../../activity-core-handoff.md).

## What it does

${draft.purpose}

The agent runs ${draft.when}. Every 15 minutes (cron \`${definition.trigger.cron}\` in ${definition.trigger.timezone}) activity-core calls the \`${definition.resolver.name}\` resolver for the window since its previous fire — reference implementation: \`${definition.resolver.command}\` — and gets one entry per occurrence due in \`(previous_fire_time, fire_time]\` according to each repo's \`.kaizen/schedule.yml\` (cadence, day, time, time zone). For each entry of \`${definition.for_each.items}\` whose \`agent\` is \`${agent}\`, it starts a workflow with id \`${definition.action.workflow_id ?? ''}\` (the entry's deterministic \`run_id\`, so a retried tick cannot start it twice) that runs the entry's \`prepare_command\` (\`${definition.action.command}\`), for example:

\`\`\`sh
kaizen-agentic schedule prepare ${agent} --target /srv/checkouts/acme-service
\`\`\`

A run starts at the first tick at or after its \`due_at\`: on time for times on the quarter hour (09:00, 10:15), at most 15 minutes late otherwise. After an outage, pass the last successful fire time as \`previous_fire_time\`: the wider window lists every missed occurrence once (at most 400 days). The [hand-off doc](../../activity-core-handoff.md) names the template variables and the [ADR](../../adr/ADR-002-schedule-is-the-truth.md) says why a tick rather than one trigger per schedule.

The bundle it prints (agent prompt, memory, metrics summary, repo pointers) is what the runner hands to its LLM runtime. When the agent session closes, the runner records the outcome:

\`\`\`sh
${closeCommand}
\`\`\`

Only checkouts on the runner's host whose \`.kaizen/schedule.yml\` schedules \`${agent}\` (and does not disable it) get a run of \`${agent}\`. Roster repos that yield no run at all are listed under \`skipped\` with a reason — the [resolver spec](../../resolver-spec.md) has the rules.

## Smoke test

On the runner host, with a pilot repo that schedules \`${agent}\`:

\`\`\`sh
# 1. The resolver finds the pilot repo's occurrences of the coming week on this host (no hub yet? use --roster roster.json)
kaizen-agentic schedule discover --hub-url "$STATE_HUB_URL" --from "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --to "$(date -u -d '+7 days' +%Y-%m-%dT%H:%M:%SZ)" --agent ${agent} > runs.json
jq '.scheduled_runs[] | select(.agent == "${agent}")' runs.json
jq '.skipped[] | select(.reason == "invalid_manifest")' runs.json   # expect nothing

# 2. The action works for one entry: run its prepare_command exactly as written
jq -r '.scheduled_runs[] | select(.agent == "${agent}") | .prepare_command' runs.json | head -n 1 | sh

# 3. The bundle found what it should
kaizen-agentic schedule prepare ${agent} --target /path/to/pilot-repo --format json | jq '{${['agent', ...FLAG_NAMES].join(', ')}}'
\`\`\`

Pass: step 1 lists the pilot repo with the \`due_at\` its manifest says, step 2 prints a bundle and exits 0, step 3 shows \`agent_prompt_found: true\`. Then set \`enabled: true\` in activity-core's copy — not here.
`
}

/**
 * Validates every draft against the published activity-definition schema and renders
 * it; throws (failing generation) with every problem of every bad draft.
 */
export function renderActivityDefinitionDrafts(
  drafts: readonly ActivityDefinitionDraft[],
  schema: JsonSchema,
): Artifact[] {
  const validate = createAjv({ verbose: true }).compile(schema)
  const problems = drafts.flatMap((draft) =>
    checkDocument(validate, draft.definition).map(
      (d) => `  ${draft.definition.slug || '(no slug)'}: ${problemText(d, '(front matter)')}`,
    ),
  )
  const slugs = drafts.map((d) => d.definition.slug)
  for (const [index, slug] of slugs.entries()) {
    if (slugs.indexOf(slug) !== index) problems.push(`  ${slug}: the slug is used by two drafts`)
  }
  if (problems.length > 0) {
    throw new Error(
      `ActivityDefinition drafts in ${SOURCE} do not match the activity-definition contract:\n${problems.join('\n')}`,
    )
  }
  return drafts.map((draft) => ({
    path: activityDefinitionFileOf(draft.definition.slug),
    content: renderActivityDefinitionDraft(draft),
  }))
}
