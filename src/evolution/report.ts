/** Renders a gate result for people (text), for machines (JSON) and for CHANGELOG.md (markdown). */
import { createColors } from 'picocolors'
import type { Change } from './diff.ts'
import type { ContractVerdict, GateResult } from './gate.ts'
import { compatibilityOf } from './rules.ts'

/** The output formats of `npm run contracts:diff`. */
export const REPORT_FORMATS = ['text', 'json', 'markdown'] as const

/** One of the report formats. */
export type ReportFormat = (typeof REPORT_FORMATS)[number]

function summaryOf(verdict: ContractVerdict): string {
  const breaking = verdict.changes.filter((c) => c.level === 'breaking').length
  const compatible = verdict.changes.length - breaking
  const counts = `${breaking} breaking, ${compatible} compatible`
  switch (verdict.status) {
    case 'unreleased':
      return 'not released yet'
    case 'unchanged':
      return `unchanged since ${verdict.baseline}`
    case 'major-bump':
      return `major bump from ${verdict.baseline} (${counts}; breaking changes intended)`
    default:
      return `${counts} since ${verdict.baseline}`
  }
}

/** The human report: one line per contract, one per change, then the verdict. */
export function renderText(result: GateResult, options: { color: boolean } = { color: false }): string {
  const c = createColors(options.color)
  const lines: string[] = ['Contracts against their released snapshots (generated/releases/):', '']
  for (const verdict of result.contracts) {
    const mark = verdict.failing ? c.red('✖') : verdict.status === 'major-bump' ? c.yellow('⚑') : c.green('✔')
    const compat = `${verdict.direction}, must stay ${compatibilityOf(verdict.direction)} compatible`
    lines.push(`${mark} ${c.bold(verdict.name)} ${verdict.version} (${compat}): ${summaryOf(verdict)}`)
    for (const change of verdict.changes)
      lines.push(`    ${changeMark(change, c)} ${change.message} [${change.schemaPath}]`)
    for (const note of verdict.notes) lines.push(`    ${c.dim('→')} ${note}`)
  }
  for (const problem of result.problems) lines.push(`${c.red('✖')} ${problem.file}: ${problem.message}`)
  lines.push('')
  const failing = result.contracts.filter((v) => v.failing).map((v) => v.name)
  if (result.ok) {
    lines.push(c.green(`Gate passed: ${result.contracts.length} contracts, no breaking change without a major bump.`))
  } else {
    const parts = [
      ...(failing.length > 0 ? [`breaking changes without a major bump in ${failing.join(', ')}`] : []),
      ...(result.problems.length > 0 ? [`${result.problems.length} problem(s) with the releases`] : []),
    ]
    lines.push(c.red(`Gate failed: ${parts.join('; ')}.`))
  }
  return lines.join('\n')
}

function changeMark(change: Change, c: ReturnType<typeof createColors>): string {
  return change.level === 'breaking' ? c.red('✖ breaking  ') : c.dim('· compatible')
}

/** The machine report: the gate result as JSON, each contract with the compatibility it must keep. */
export function renderJson(result: GateResult): string {
  const contracts = result.contracts.map((v) => ({ ...v, compatibility: compatibilityOf(v.direction) }))
  return JSON.stringify({ ok: result.ok, contracts, problems: result.problems }, null, 2)
}

/**
 * A CHANGELOG.md fragment in Keep a Changelog categories: first releases under "Added",
 * every change under "Changed" (breaking ones first and marked), each naming contract,
 * version, direction, rule and path.
 */
export function renderMarkdown(result: GateResult): string {
  const added = result.contracts
    .filter((v) => v.status === 'unreleased')
    .map((v) => `- \`${v.name}\` ${v.version} (${v.direction}): first release.`)
  const changes = result.contracts.flatMap((v) => v.changes.map((change) => ({ verdict: v, change })))
  changes.sort((a, b) => (a.change.level === b.change.level ? 0 : a.change.level === 'breaking' ? -1 : 1))
  const changed = changes.map(
    ({ verdict, change }) =>
      `- ${change.level === 'breaking' ? '**Breaking:** ' : ''}\`${verdict.name}\` ${verdict.version} (${verdict.direction}): \`${change.rule}\` at \`${change.path}\`: ${change.detail}`,
  )
  const sections = [
    ...(added.length > 0 ? [['### Added', '', ...added].join('\n')] : []),
    ...(changed.length > 0 ? [['### Changed', '', ...changed].join('\n')] : []),
  ]
  if (sections.length === 0) return '_No contract changes since the last release._\n'
  return `${sections.join('\n\n')}\n`
}

/** Renders a gate result in the requested format. */
export function renderReport(result: GateResult, format: ReportFormat, options: { color: boolean }): string {
  if (format === 'json') return renderJson(result)
  if (format === 'markdown') return renderMarkdown(result)
  return renderText(result, options)
}
