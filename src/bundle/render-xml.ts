/**
 * The XML rendering (`--format xml`), for runners that prefer document tags, as
 * files-to-prompt's `--cxml` prints them for Claude: `<documents><document index="1">
 * <source>…</source><document_content>…</document_content></document></documents>`,
 * inside one `<kaizen_bundle>` root with the header, warnings and session close.
 *
 * A file cannot close its tag: its text sits in CDATA (verbatim, which reads better to a
 * model than entities), every `]]>` split across two CDATA sections, and characters XML
 * 1.0 forbids (C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. Everything
 * else is entity-escaped. The result is well-formed XML.
 */
import type { BundleSection, PreparedBundle } from '../../contracts/prepared-bundle.ts'
import { agentPromptPaths } from './locations.ts'

const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text with the characters XML 1.0 cannot carry replaced by U+FFFD. */
const xmlChars = (text: string): string => text.replace(NOT_XML, '\uFFFD')

/** Escaped for a text node or an attribute value. */
export const escapeXml = (text: string): string =>
  xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** `text` as CDATA sections: `]]>` is split so it never ends one early. */
export const cdata = (text: string): string => `<![CDATA[${xmlChars(text).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`

const attributes = (values: Record<string, string | number | boolean>): string =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('')

function renderDocument(section: BundleSection, index: number, agent: string): string {
  const attrs = attributes({
    index,
    kind: section.kind,
    label: section.label,
    found: section.found,
    ...(section.truncated_bytes > 0 ? { truncated_bytes: section.truncated_bytes } : {}),
  })
  const source = `<source>${escapeXml(section.path)}</source>`
  if (!section.found) {
    const paths = section.kind === 'agent_prompt' ? agentPromptPaths(agent) : [section.path]
    return `<document${attrs}>\n${source}\n<missing>looked for ${escapeXml(paths.join(', then '))}</missing>\n</document>`
  }
  return `<document${attrs}>\n${source}\n<document_content>${cdata(section.content)}</document_content>\n</document>`
}

/** Renders the bundle as XML; `schedule` is the agent's schedule in words. */
export function renderXml(bundle: PreparedBundle, schedule: string): string {
  const header = [
    `Repo: ${bundle.repo} (${bundle.root})`,
    `Agent: ${bundle.agent}`,
    `Cadence: ${bundle.cadence}`,
    `Schedule: ${schedule}`,
    `Prepared: ${bundle.prepared_at}`,
    `Reproduce: ${bundle.prepare_command}`,
    ...(bundle.redactions ? [`Secrets redacted: ${bundle.redactions}`] : []),
  ].join('\n')
  const root = attributes({ repo: bundle.repo, agent: bundle.agent, prepared_at: bundle.prepared_at })
  const documents = bundle.sections.map((s, i) => renderDocument(s, i + 1, bundle.agent)).join('\n')
  const warnings = bundle.warnings.map((w) => `<warning>${escapeXml(w)}</warning>`).join('\n')
  const close = bundle.session_close.map((c) => `<command>${escapeXml(c)}</command>`).join('\n')
  return [
    `<kaizen_bundle${root}>`,
    `<header>${escapeXml(header)}</header>`,
    '<documents>',
    documents,
    '</documents>',
    ...(warnings === '' ? [] : ['<warnings>', warnings, '</warnings>']),
    '<session_close>',
    close,
    '</session_close>',
    '</kaizen_bundle>',
    '',
  ].join('\n')
}
