/**
 * The markdown rendering (the default): a header naming repo, agent, cadence, schedule
 * and time of preparation; one headed section per part — its body, or a line saying
 * what was looked for; the warnings; and the session-close commands last.
 */
import type { BundleSection, PreparedBundle } from '../../contracts/prepared-bundle.ts'
import { agentPromptPaths } from './locations.ts'

const TITLES: Readonly<Record<BundleSection['kind'], string>> = {
  agent_prompt: 'Agent prompt',
  memory: 'Memory',
  metrics: 'Metrics',
  optimizer_analysis: 'Optimizer analysis',
  pointer: 'Pointer',
}

/** Every path a missing section was looked for, in order. */
const lookedFor = (section: BundleSection, agent: string): readonly string[] =>
  section.kind === 'agent_prompt' ? agentPromptPaths(agent) : [section.path]

/** A code fence longer than any run of backticks in `text`, so the body cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  return '`'.repeat(Math.max(3, longest + 1))
}

const withNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`)

function renderSection(section: BundleSection, agent: string): string {
  const title = section.kind === 'pointer' ? `${TITLES.pointer}: ${section.label}` : TITLES[section.kind]
  const heading = `## ${title} (\`${section.path}\`)\n\n`
  if (!section.found) {
    const paths = lookedFor(section, agent)
      .map((p) => `\`${p}\``)
      .join(', then ')
    return `${heading}_Missing — looked for ${paths}._\n`
  }
  if (section.content === '') return `${heading}_(empty file)_\n`
  if (section.kind === 'optimizer_analysis') {
    const fence = fenceFor(section.content)
    return `${heading}${fence}json\n${withNewline(section.content)}${fence}\n`
  }
  return `${heading}${withNewline(section.content)}`
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'no')

/** Renders the bundle as markdown; `schedule` is the agent's schedule in words. */
export function renderMarkdown(bundle: PreparedBundle, schedule: string): string {
  const header = [
    `# Kaizen bundle: ${bundle.agent} for ${bundle.repo}`,
    '',
    `- Repo: ${bundle.repo} (\`${bundle.root}\`)`,
    `- Agent: ${bundle.agent}`,
    `- Cadence: ${bundle.cadence}`,
    `- Schedule: ${schedule}`,
    `- Prepared: ${bundle.prepared_at}`,
    `- Found: agent prompt ${yesNo(bundle.agent_prompt_found)}, memory ${yesNo(bundle.has_memory)}, metrics ${yesNo(bundle.has_metrics)}, pointers ${bundle.pointers.length > 0 ? bundle.pointers.join(', ') : 'none'}`,
    `- Reproduce: \`${bundle.prepare_command}\``,
    '',
  ].join('\n')
  const sections = bundle.sections.map((s) => renderSection(s, bundle.agent))
  const warnings =
    bundle.warnings.length === 0 ? [] : [`## Warnings\n\n${bundle.warnings.map((w) => `- ${w}`).join('\n')}\n`]
  const close = bundle.session_close.join('\n')
  const fence = fenceFor(close)
  const sessionClose = `## Session close\n\nWhen the session ends, run:\n\n${fence}sh\n${close}\n${fence}\n`
  return [header, ...sections, ...warnings, sessionClose].join('\n')
}
