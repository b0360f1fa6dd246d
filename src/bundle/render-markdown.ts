/**
 * The markdown rendering (the default): a header naming repo, agent, cadence, schedule
 * and time of preparation; one headed section per part — its file quoted in a fence, or
 * a line saying what was looked for; the warnings; and the session-close commands last.
 *
 * No file can forge, add or swallow a section (SPEC §7): every file sits in a backtick
 * fence longer than any backtick run inside it (CommonMark closes a fence of N backticks
 * only with a line of at least N), the info string holds only our own words (a backtick
 * fence's info string may not contain backticks), and every string that comes from
 * outside (paths, the root, warnings, metrics words) is printed inside a fence or a code
 * span with control characters escaped, so it cannot start a line of its own. A CommonMark
 * parser sees exactly one H1, the section H2s and one "Session close".
 */
import type { BundleSection, PreparedBundle } from '../../contracts/prepared-bundle.ts'
import { agentPromptPaths } from './locations.ts'
import { utf8Length } from './utf8.ts'

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

const longestRun = (text: string, char: '`' | '~'): number => {
  let longest = 0
  let run = 0
  for (const c of text) {
    run = c === char ? run + 1 : 0
    if (run > longest) longest = run
  }
  return longest
}

/** A backtick fence longer than any run of backticks in `text`, so no line of it can close the fence. */
export function fenceFor(text: string): string {
  return '`'.repeat(Math.max(3, longestRun(text, '`') + 1))
}

/** Control characters (line breaks included) shown as `\uXXXX`, so a string stays on its line. */
export const escapeControls = (text: string): string =>
  text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    /[\u0000-\u001f\u007f\u0085\u2028\u2029]/g,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  )

/**
 * A quoted file's text with the control characters no text needs (C0 but tab and line
 * ends, DEL, C1) replaced by U+FFFD, as the XML rendering does: printed in a terminal, a
 * memory file's ESC sequences would otherwise drive it (retitle, clear, hide lines).
 */
export const withoutTerminalControls = (text: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\uFFFD')

/** `text` as a code span: control characters escaped, delimited by more backticks than it holds. */
export function codeSpan(text: string): string {
  const safe = escapeControls(text)
  const ticks = '`'.repeat(longestRun(safe, '`') + 1)
  const pad = safe.startsWith('`') || safe.endsWith('`') || safe.startsWith(' ') ? ' ' : ''
  return `${ticks}${pad}${safe}${pad}${ticks}`
}

/** `text` in a fence with info string `info` (our own words: letters only). */
export function fenced(text: string, info: string): string {
  const fence = fenceFor(text)
  return `${fence}${info}\n${withNewline(text)}${fence}\n`
}

const withNewline = (text: string): string => (text.endsWith('\n') || text === '' ? text : `${text}\n`)

/** The info string of a quoted file: its kind of text, never anything read from the repo. */
const infoFor = (section: BundleSection): string => {
  if (section.kind === 'optimizer_analysis') return 'json'
  return /\.(md|markdown)$/i.test(section.path) ? 'markdown' : 'text'
}

function renderSection(section: BundleSection, agent: string): string {
  const title = section.kind === 'pointer' ? `${TITLES.pointer}: ${section.label}` : TITLES[section.kind]
  const heading = `## ${title} (${codeSpan(section.path)})\n\n`
  if (!section.found) {
    const paths = lookedFor(section, agent).map(codeSpan).join(', then ')
    return `${heading}_Missing — looked for ${paths}._\n`
  }
  if (section.content === '') return `${heading}_(empty file)_\n`
  if (section.kind === 'metrics') {
    // Our own bullets; words from the analysis are single lines, and \r (a CommonMark line end) is escaped too.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    const controls = /[\u0000-\u0009\u000b-\u001f]/g
    const lines = section.content.split('\n').map((line) => line.replace(controls, ' '))
    return `${heading}${withNewline(lines.join('\n'))}`
  }
  const size =
    section.truncated_bytes === 0
      ? `${utf8Length(section.content)} bytes`
      : `cut to fit: ${section.truncated_bytes} bytes left out, marked where`
  return `${heading}Quoted from ${codeSpan(section.path)} (${size}):\n\n${fenced(withoutTerminalControls(section.content), infoFor(section))}`
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'no')

/** Renders the bundle as markdown; `schedule` is the agent's schedule in words. */
export function renderMarkdown(bundle: PreparedBundle, schedule: string): string {
  const header = [
    `# Kaizen bundle: ${bundle.agent} for ${bundle.repo}`,
    '',
    `- Repo: ${bundle.repo} (${codeSpan(bundle.root)})`,
    `- Agent: ${bundle.agent}`,
    `- Cadence: ${bundle.cadence}`,
    `- Schedule: ${schedule}`,
    `- Prepared: ${bundle.prepared_at}`,
    `- Found: agent prompt ${yesNo(bundle.agent_prompt_found)}, memory ${yesNo(bundle.has_memory)}, metrics ${yesNo(bundle.has_metrics)}, pointers ${bundle.pointers.length > 0 ? bundle.pointers.join(', ') : 'none'}`,
    `- Reproduce: ${codeSpan(bundle.prepare_command)}`,
    ...(bundle.redactions ? [`- Secrets redacted: ${bundle.redactions}`] : []),
    '',
    'Each file is quoted in a fenced block: headings inside a block belong to the file, not to this bundle.',
    '',
  ].join('\n')
  const sections = bundle.sections.map((s) => renderSection(s, bundle.agent))
  const warnings =
    bundle.warnings.length === 0
      ? []
      : [`## Warnings\n\n${fenced(bundle.warnings.map(escapeControls).join('\n'), 'text')}`]
  const close = bundle.session_close.map(escapeControls).join('\n')
  const sessionClose = `## Session close\n\nWhen the session ends, run:\n\n${fenced(close, 'sh')}`
  return [header, ...sections, ...warnings, sessionClose].join('\n')
}
