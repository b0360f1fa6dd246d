/** The markdown rendering: header, one headed section per part, a line for each missing part, session close last. */
import { describe, expect, it } from 'vitest'
import { renderBundle } from '../../src/bundle/render-bundle.ts'
import { describeSchedule } from '../../src/bundle/schedule-text.ts'
import { COACH, draftOf } from './draft-fixtures.ts'

const render = (texts: Parameters<typeof draftOf>[0], warnings: readonly string[] = []) => {
  const rendered = renderBundle(draftOf(texts, warnings), 'markdown', describeSchedule(COACH), 65536)
  if (!rendered.ok) throw new Error('expected a rendering')
  return rendered.text
}

describe('renderMarkdown', () => {
  it('opens with a header naming repo, agent, cadence, schedule and the time of preparation', () => {
    const text = render({ prompt: '# Coach\n' })
    expect(text.split('\n').slice(0, 10)).toEqual([
      '# Kaizen bundle: coach for acme-service',
      '',
      '- Repo: acme-service (`/srv/acme-service`)',
      '- Agent: coach',
      '- Cadence: weekly',
      '- Schedule: weekly on Monday at 09:00 (Europe/Berlin)',
      '- Prepared: 2026-06-17T09:00:12Z',
      '- Found: agent prompt yes, memory no, metrics no, pointers none',
      '- Reproduce: `kaizen-agentic schedule prepare coach --target /srv/acme-service`',
      '',
    ])
  })

  it('gives every part a heading, and says what was looked for when a part is missing', () => {
    const text = render({ memory: 'remember\n', pointers: { scope: '# Scope\n', todo: undefined } })
    const headings = text.split('\n').filter((line) => line.startsWith('## '))
    expect(headings).toEqual([
      '## Agent prompt (`.kaizen/agents/coach.md`)',
      '## Memory (`.kaizen/memory/coach.md`)',
      '## Metrics (`.kaizen/metrics/coach.jsonl`)',
      '## Optimizer analysis (`.kaizen/metrics/optimizer/analysis.json`)',
      '## Pointer: scope (`scope.md`)',
      '## Pointer: todo (`todo.md`)',
      '## Session close',
    ])
    expect(text).toContain(
      '## Agent prompt (`.kaizen/agents/coach.md`)\n\n_Missing — looked for `.kaizen/agents/coach.md`, then `.claude/agents/coach.md`._\n',
    )
    expect(text).toContain(
      '## Memory (`.kaizen/memory/coach.md`)\n\nQuoted from `.kaizen/memory/coach.md` (9 bytes):\n\n```markdown\nremember\n```\n',
    )
    expect(text).toContain('_Missing — looked for `.kaizen/metrics/coach.jsonl`._')
    expect(text).toContain('_Missing — looked for `todo.md`._')
  })

  it('quotes a file without the controls that would drive a terminal: ESC, BEL, C1 become U+FFFD; tabs and line ends stay', () => {
    const text = render({ memory: 'a\u001b]0;pwned\u0007\tb\r\nc\u009b2J\n' })
    expect(text).toContain('```markdown\na\uFFFD]0;pwned\uFFFD\tb\r\nc\uFFFD2J\n```\n')
    for (const c of ['\u0007', '\u001b', '\u009b']) expect(text).not.toContain(c)
  })

  it('fences the optimizer analysis so backticks inside cannot end it', () => {
    const text = render({ analysis: '{"note": "```not the end```"}' })
    expect(text).toContain('````json\n{"note": "```not the end```"}\n````\n')
  })

  it('lists warnings, and ends with the session-close commands', () => {
    const text = render({}, ['pointer todo: TODO.md not found'])
    expect(text).toContain('## Warnings\n\n```text\npointer todo: TODO.md not found\n```\n')
    expect(
      text.endsWith(
        '## Session close\n\nWhen the session ends, run:\n\n```sh\nkaizen-agentic metrics record coach --success --time <s> --quality <0-1>\n```\n',
      ),
    ).toBe(true)
  })
})

describe('describeSchedule', () => {
  it.each([
    [{ cadence: 'daily', effectiveDay: undefined }, 'daily at 09:00 (Europe/Berlin)'],
    [{ cadence: 'weekly', effectiveDay: 'fri' }, 'weekly on Friday at 09:00 (Europe/Berlin)'],
    [{ cadence: 'monthly', effectiveDay: 15 }, 'monthly on day 15 at 09:00 (Europe/Berlin)'],
  ] as const)('words %j', (change, words) => {
    const { effectiveDay, ...rest } = change
    const agent = { ...COACH, ...rest, ...(effectiveDay === undefined ? {} : { effectiveDay }) }
    if (effectiveDay === undefined) delete (agent as { effectiveDay?: unknown }).effectiveDay
    expect(describeSchedule(agent)).toBe(words)
  })
})
