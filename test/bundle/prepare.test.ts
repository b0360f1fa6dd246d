/** `prepareBundle` on real repos on disk: every part present or absent, containment, and the failures. */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PreparedBundle } from '../../contracts/prepared-bundle.ts'
import { DEFAULT_MAX_BYTES } from '../../src/bundle/bundle-options.ts'
import { gatherBundleParts, MAX_BUNDLED_POINTERS } from '../../src/bundle/gather.ts'
import { type PrepareRequest, prepareBundle } from '../../src/bundle/prepare.ts'
import { utf8Length } from '../../src/bundle/utf8.ts'
import { validatorFor } from '../../src/schema/validators.ts'
import { MANIFEST, makeRepo, recordLine, type TempRepo } from '../helpers/temp-repo.ts'

const NOW = new Date('2026-06-17T09:00:12.345Z')
const WITH_POINTERS = `${MANIFEST}pointers:\n  scope: docs/SCOPE.md\n  todo: TODO.md\n`

const FULL: Readonly<Record<string, string>> = {
  '.kaizen/schedule.yml': WITH_POINTERS,
  '.kaizen/agents/coach.md': '# Coach\nOrient the team.\n',
  '.kaizen/memory/coach.md': '- 2026-06-10: backlog groomed\n',
  '.kaizen/metrics/coach.jsonl': `${recordLine({ success: true, quality: 0.8 })}\n${recordLine({ success: false, quality: 0.6, recorded_at: '2026-06-16T09:00:00Z' })}\n`,
  '.kaizen/metrics/optimizer/analysis.json': '{"headline": "quality steady"}\n',
  'docs/SCOPE.md': '# Scope\n',
  'TODO.md': '# TODO\n- [ ] ship\n',
}

let repo: TempRepo | undefined
afterEach(async () => {
  await repo?.dispose()
  repo = undefined
})

async function prepared(
  files: Readonly<Record<string, string>>,
  request: Partial<PrepareRequest> = {},
): Promise<{ bundle: PreparedBundle; text: string }> {
  repo = await makeRepo(files)
  const result = await prepareBundle({ root: repo.root, agent: 'coach', format: 'json', now: NOW, ...request })
  if (!result.ok) throw new Error(`prepare failed: ${JSON.stringify(result.failure)}`)
  return result
}

const without = (...paths: string[]) =>
  Object.fromEntries(Object.entries(FULL).filter(([path]) => !paths.includes(path)))

const section = (bundle: PreparedBundle, label: string) => bundle.sections.find((s) => s.label === label)

describe('prepareBundle: the parts', () => {
  it('bundles every part when all are present, and the JSON is what was measured and validates', async () => {
    const { bundle, text } = await prepared(FULL)
    expect(bundle).toMatchObject({
      repo: 'repo',
      agent: 'coach',
      cadence: 'weekly',
      day: 'mon',
      time: '09:00',
      timezone: 'Europe/Berlin',
      prepared_at: '2026-06-17T09:00:12Z',
      agent_prompt_found: true,
      has_memory: true,
      has_metrics: true,
      pointers: ['scope', 'todo'],
      max_bytes: DEFAULT_MAX_BYTES,
      warnings: [],
      session_close: ['kaizen-agentic metrics record coach --success --time <s> --quality <0-1>'],
    })
    expect(bundle.sections.map((s) => [s.kind, s.label, s.path, s.found])).toEqual([
      ['agent_prompt', 'agent-prompt', '.kaizen/agents/coach.md', true],
      ['memory', 'memory', '.kaizen/memory/coach.md', true],
      ['metrics', 'metrics', '.kaizen/metrics/coach.jsonl', true],
      ['optimizer_analysis', 'optimizer-analysis', '.kaizen/metrics/optimizer/analysis.json', true],
      ['pointer', 'scope', 'docs/SCOPE.md', true],
      ['pointer', 'todo', 'TODO.md', true],
    ])
    expect(section(bundle, 'agent-prompt')?.content).toBe(FULL['.kaizen/agents/coach.md'])
    expect(section(bundle, 'todo')?.content).toBe(FULL['TODO.md'])
    expect(bundle.metrics).toEqual({
      runs: 2,
      successes: 1,
      success_rate: 0.5,
      mean_quality: 0.7,
      mean_time_s: 40,
      last_run_at: '2026-06-16T09:00:00Z',
      malformed_lines: 0,
      optimizer_headline: 'quality steady',
      // Two runs: the newer half (a failure, 0.6) against the older half (a success, 0.8).
      trend: { window: 2, recent_success_rate: 0.5, recent_mean_quality: 0.7, direction: 'declining' },
      last_failure: { recorded_at: '2026-06-16T09:00:00Z', quality: 0.6, time_s: 40, runs_since: 0 },
    })
    expect(section(bundle, 'metrics')?.content).toContain('- Runs: 2 (1 succeeded, 50% success rate)')
    expect(JSON.parse(text)).toEqual(bundle)
    expect(bundle.bytes).toBe(utf8Length(text))
    const validate = validatorFor('prepared-bundle')
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true)
  })

  it('turns every missing part into a false flag and an empty section, not an error', async () => {
    const { bundle } = await prepared({ '.kaizen/schedule.yml': WITH_POINTERS })
    expect(bundle).toMatchObject({ agent_prompt_found: false, has_memory: false, has_metrics: false, pointers: [] })
    expect(bundle.metrics).toBeUndefined()
    expect(bundle.sections.every((s) => !s.found && s.content === '' && s.truncated_bytes === 0)).toBe(true)
    expect(bundle.warnings).toEqual(['pointer scope: docs/SCOPE.md not found', 'pointer todo: TODO.md not found'])
  })

  it.each([
    ['.kaizen/agents/coach.md', 'agent-prompt', { agent_prompt_found: false }],
    ['.kaizen/memory/coach.md', 'memory', { has_memory: false }],
    ['.kaizen/metrics/coach.jsonl', 'metrics', { has_metrics: false }],
    ['.kaizen/metrics/optimizer/analysis.json', 'optimizer-analysis', {}],
    ['docs/SCOPE.md', 'scope', { pointers: ['todo'] }],
  ])('without %s: only that part is missing', async (path, label, flags) => {
    const { bundle } = await prepared(without(path))
    const expected = { agent_prompt_found: true, has_memory: true, has_metrics: true, pointers: ['scope', 'todo'] }
    expect({
      agent_prompt_found: bundle.agent_prompt_found,
      has_memory: bundle.has_memory,
      has_metrics: bundle.has_metrics,
      pointers: bundle.pointers,
    }).toEqual({ ...expected, ...flags })
    expect(bundle.sections.filter((s) => !s.found).map((s) => s.label)).toEqual([label])
    expect(section(bundle, label)).toMatchObject({ path, found: false, content: '' })
  })

  it('keeps the optimizer headline when the execution log is missing', async () => {
    const { bundle } = await prepared(without('.kaizen/metrics/coach.jsonl'))
    expect(bundle.metrics).toEqual({
      runs: 0,
      successes: 0,
      success_rate: 0,
      malformed_lines: 0,
      optimizer_headline: 'quality steady',
    })
  })

  it('falls back to .claude/agents/<agent>.md for the prompt', async () => {
    const { bundle } = await prepared({
      ...without('.kaizen/agents/coach.md'),
      '.claude/agents/coach.md': '# Claude coach\n',
    })
    expect(section(bundle, 'agent-prompt')).toMatchObject({ path: '.claude/agents/coach.md', found: true })
  })

  it('bundles SCOPE.md and TODO.md when the manifest declares no pointers, and only those present', async () => {
    const { bundle } = await prepared({ '.kaizen/schedule.yml': MANIFEST, 'SCOPE.md': '# Root scope\n' })
    expect(bundle.pointers).toEqual(['scope'])
    expect(section(bundle, 'todo')).toMatchObject({ path: 'TODO.md', found: false })
    expect(bundle.warnings).toEqual([])
  })

  it('reports malformed execution records as warnings and counts them', async () => {
    const { bundle } = await prepared({
      ...FULL,
      '.kaizen/metrics/coach.jsonl': `${recordLine()}\n{broken\n${recordLine({ quality: 2 })}\n`,
    })
    expect(bundle.metrics?.malformed_lines).toBe(2)
    expect(bundle.warnings).toEqual([
      'metrics: .kaizen/metrics/coach.jsonl line 2: not valid JSON — skipped',
      'metrics: .kaizen/metrics/coach.jsonl line 3: /quality must be <= 1, got number 2 — skipped',
    ])
  })

  it('makes a repo slug from an awkward directory name, and uses --repo when given', async () => {
    repo = await makeRepo()
    const root = join(repo.base, '.My Repo (copy)')
    await mkdir(join(root, '.kaizen'), { recursive: true })
    await writeFile(join(root, '.kaizen/schedule.yml'), MANIFEST)
    const result = await prepareBundle({ root, agent: 'coach', format: 'json', now: NOW })
    expect(result.ok && result.bundle.repo).toBe('My-Repo-copy-')
    const named = await prepareBundle({
      root,
      agent: 'coach',
      format: 'json',
      now: NOW,
      repo: 'acme-x',
    })
    expect(named.ok && named.bundle.repo).toBe('acme-x')
    expect(named.ok && named.bundle.prepare_command).toContain('--repo acme-x')
  })
})

describe('prepareBundle: containment', () => {
  const OUTSIDE = 'outside-secret-4711'

  it('treats a memory file symlinked outside the repo as missing, with a warning, and never reads it', async () => {
    repo = await makeRepo(without('.kaizen/memory/coach.md'))
    await writeFile(join(repo.base, 'stolen.md'), OUTSIDE)
    await repo.link('.kaizen/memory/coach.md', join(repo.base, 'stolen.md'))
    const result = await prepareBundle({ root: repo.root, agent: 'coach', format: 'markdown', now: NOW })
    if (!result.ok) throw new Error('expected a bundle')
    expect(result.bundle.has_memory).toBe(false)
    expect(result.bundle.warnings).toContain(
      'memory: .kaizen/memory/coach.md refused — it resolves outside the repo root (through a symlink); treated as missing',
    )
    expect(result.text).not.toContain(OUTSIDE)
  })

  it('refuses a pointer through a symlinked directory that leads outside', async () => {
    repo = await makeRepo(without('docs/SCOPE.md'))
    await writeFile(join(repo.base, 'SCOPE.md'), OUTSIDE)
    await repo.link('docs', repo.base)
    const result = await prepareBundle({ root: repo.root, agent: 'coach', format: 'json', now: NOW })
    if (!result.ok) throw new Error('expected a bundle')
    expect(result.bundle.pointers).toEqual(['todo'])
    expect(result.bundle.warnings[0]).toMatch(/^pointer scope: docs\/SCOPE\.md refused — it resolves outside/)
    expect(result.text).not.toContain(OUTSIDE)
  })

  it('refuses `..` and absolute pointer paths when they reach the reader (defence in depth)', async () => {
    repo = await makeRepo({ 'ok.md': 'fine\n' })
    await writeFile(join(repo.base, 'outside.md'), OUTSIDE)
    const parts = await gatherBundleParts(
      repo.root,
      'coach',
      { up: '../outside.md', abs: join(repo.base, 'outside.md'), ok: 'ok.md' },
      { textLimit: 1000 },
    )
    expect(parts.pointers.map((p) => [p.label, p.file?.text])).toEqual([
      ['up', undefined],
      ['abs', undefined],
      ['ok', 'fine\n'],
    ])
    expect(parts.warnings).toEqual([
      "pointer up: ../outside.md refused — it climbs out with '..'; only paths inside the repo are read; treated as missing",
      `pointer abs: ${join(repo.base, 'outside.md')} refused — it is an absolute path; only repo-relative paths are read; treated as missing`,
    ])
  })

  it.each([
    ['../outside.md', /must be a repo-relative path that stays inside the repo/],
    ['/etc/passwd', /must be a repo-relative path that stays inside the repo/],
  ])('rejects a manifest whose pointer is %j, with the location', async (pointer, message) => {
    repo = await makeRepo({ '.kaizen/schedule.yml': `${MANIFEST}pointers:\n  scope: ${pointer}\n` })
    const result = await prepareBundle({ root: repo.root, agent: 'coach', format: 'json', now: NOW })
    expect(result.ok).toBe(false)
    if (result.ok || result.failure.kind !== 'invalid-manifest') throw new Error('expected an invalid manifest')
    expect(result.failure.diagnostics).toEqual([
      expect.objectContaining({ path: '/pointers/scope', line: 12, message: expect.stringMatching(message) }),
    ])
  })

  it('never bundles .env, not even when a pointer names it', async () => {
    const secret = 'DB_PASSWORD=hunter2-not-for-bundles'
    const { bundle, text } = await prepared({
      ...FULL,
      '.kaizen/schedule.yml': `${WITH_POINTERS}  secrets: .env\n`,
      '.env': `${secret}\n`,
    })
    expect(text).not.toContain('hunter2')
    expect(bundle.pointers).toEqual(['scope', 'todo'])
    expect(bundle.warnings).toEqual([
      "pointer secrets: .env refused — '.env' is a secrets file by convention; secrets are never bundled; treated as missing",
    ])
  })
})

describe('prepareBundle: a manifest naming thousands of pointers', () => {
  it('reads and bundles the first MAX_BUNDLED_POINTERS, names the rest in a warning, reads none of them', async () => {
    const labels = Array.from({ length: MAX_BUNDLED_POINTERS + 50 }, (_, i) => `p${i}`)
    const manifest = `${MANIFEST}pointers:\n${labels.map((l) => `  ${l}: ${l}.md`).join('\n')}\n`
    const files = Object.fromEntries(labels.map((l) => [`${l}.md`, `# ${l}\n`]))
    repo = await makeRepo({ '.kaizen/schedule.yml': manifest, ...files })
    const gathered = await gatherBundleParts(
      repo.root,
      'coach',
      Object.fromEntries(labels.map((l) => [l, `${l}.md`])),
      { textLimit: 1000 },
    )
    expect(gathered.pointers.map((p) => p.label)).toEqual(labels.slice(0, MAX_BUNDLED_POINTERS))
    expect(gathered.warnings).toEqual([
      `pointers: the manifest names ${labels.length}; only the first ${MAX_BUNDLED_POINTERS} are read and bundled`,
    ])
    const result = await prepareBundle({ root: repo.root, agent: 'coach', format: 'json', now: NOW })
    if (!result.ok) throw new Error(JSON.stringify(result.failure))
    expect(result.bundle.pointers).toHaveLength(MAX_BUNDLED_POINTERS)
    expect(result.bundle.pointers).not.toContain(`p${MAX_BUNDLED_POINTERS}`)
  })
})

describe('prepareBundle: failures', () => {
  it('names the agents the manifest schedules when the agent is unknown, with a suggestion', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const result = await prepareBundle({ root: repo.root, agent: 'coahc', format: 'json', now: NOW })
    expect(result).toEqual({
      ok: false,
      failure: {
        kind: 'not-scheduled',
        agent: 'coahc',
        disabled: false,
        file: '.kaizen/schedule.yml',
        scheduled: ['coach'],
        suggestion: 'coach',
      },
    })
  })

  it('refuses a disabled agent', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const result = await prepareBundle({ root: repo.root, agent: 'optimization', format: 'json', now: NOW })
    expect(!result.ok && result.failure).toEqual({
      kind: 'not-scheduled',
      agent: 'optimization',
      disabled: true,
      file: '.kaizen/schedule.yml',
      scheduled: ['coach'],
    })
  })

  it('does not treat inherited object keys as agents', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': MANIFEST })
    const result = await prepareBundle({ root: repo.root, agent: 'constructor', format: 'json', now: NOW })
    expect(!result.ok && result.failure.kind).toBe('not-scheduled')
  })

  it('tells a missing target, a missing manifest and an invalid manifest apart', async () => {
    repo = await makeRepo({ 'broken/.kaizen/schedule.yml': 'version: 1\nagents:\n  coach:\n    cadense: weekly\n' })
    const base = { agent: 'coach', format: 'json', now: NOW } as const
    const missingTarget = await prepareBundle({ ...base, root: join(repo.root, 'nope') })
    expect(!missingTarget.ok && missingTarget.failure).toEqual({ kind: 'no-target', root: join(repo.root, 'nope') })
    const noManifest = await prepareBundle({ ...base, root: repo.root })
    expect(!noManifest.ok && noManifest.failure.kind).toBe('no-manifest')
    const invalid = await prepareBundle({ ...base, root: join(repo.root, 'broken') })
    if (invalid.ok || invalid.failure.kind !== 'invalid-manifest') throw new Error('expected an invalid manifest')
    expect(invalid.failure.diagnostics.map((d) => [d.line, d.column, d.path, d.message])).toContainEqual([
      4,
      5,
      '/agents/coach/cadense',
      "unknown key 'cadense' — did you mean 'cadence'?",
    ])
  })

  it('says how many bytes the bundle needs when --max-bytes is below it', async () => {
    repo = await makeRepo(FULL)
    const result = await prepareBundle({ root: repo.root, agent: 'coach', format: 'json', maxBytes: 100, now: NOW })
    if (result.ok || result.failure.kind !== 'budget-too-small') throw new Error('expected a budget failure')
    expect(result.failure.maxBytes).toBe(100)
    const atMinimum = await prepareBundle({
      root: repo.root,
      agent: 'coach',
      format: 'json',
      maxBytes: result.failure.minimumBytes,
      now: NOW,
    })
    expect(atMinimum.ok && atMinimum.bundle.bytes).toBeLessThanOrEqual(result.failure.minimumBytes)
    const below = await prepareBundle({ root: repo.root, agent: 'coach', format: 'json', maxBytes: 1000, now: NOW })
    expect(below.ok).toBe(false)
  })
})

describe('prepareBundle: big files', () => {
  it('keeps a 5 MB memory file within the default budget, cut and marked', async () => {
    const memory = `${'- a long memory line that goes on and on\n'.repeat(125_000)}`
    const { bundle, text } = await prepared({ ...FULL, '.kaizen/memory/coach.md': memory }, { format: 'markdown' })
    expect(utf8Length(memory)).toBe(5_125_000)
    expect(bundle.bytes).toBe(utf8Length(text))
    expect(bundle.bytes).toBeLessThanOrEqual(DEFAULT_MAX_BYTES)
    const cut = section(bundle, 'memory')
    expect(cut?.truncated_bytes).toBeGreaterThan(5_125_000 - DEFAULT_MAX_BYTES)
    // The oldest part (the top) goes; the newest lines stay, starting on a whole line.
    expect(text).toContain(
      `[… truncated: the first ${cut?.truncated_bytes} of 5125000 bytes (the oldest part) cut to fit the budget (--max-bytes, --max-tokens)]\n\n- a long memory line`,
    )
    expect(cut?.content.endsWith('- a long memory line that goes on and on\n')).toBe(true)
    expect(bundle.cuts).toEqual([
      {
        section: 'memory',
        path: '.kaizen/memory/coach.md',
        from: 'start',
        cut_bytes: cut?.truncated_bytes,
        total_bytes: 5_125_000,
      },
    ])
    // The small sections are whole: only the memory was cut.
    expect(bundle.sections.filter((s) => s.truncated_bytes > 0).map((s) => s.label)).toEqual(['memory'])
  })
})
