/**
 * Stage 3 of `prepare` (pure): a draft → the printed text within the budget (bytes, and
 * tokens when asked), and the bundle object it prints. The budget measures the real
 * rendering (markdown, JSON or XML, header, warnings and escaping included), so
 * `bundle.bytes` and `bundle.tokens` are exact.
 */
import type { PreparedBundle } from '../../contracts/prepared-bundle.ts'
import { type BundleDraft, completeBundle } from './assemble.ts'
import { type FittedBody, fitToBudget, type Limits } from './budget.ts'
import type { BundleFormat } from './bundle-options.ts'
import { renderJson } from './render-json.ts'
import { renderMarkdown } from './render-markdown.ts'
import { renderXml } from './render-xml.ts'
import { utf8Length } from './utf8.ts'

/** The printed text and its bundle, or the smallest budget this draft can be rendered in. */
export type RenderedBundle =
  | {
      readonly ok: true
      readonly bundle: PreparedBundle
      readonly text: string
      /** The byte cap the tier being cut was held to. */
      readonly cap: number
    }
  | { readonly ok: false; readonly minimumBytes: number; readonly minimumTokens?: number }

/** Renders `draft` in `format` within `limits` (a number is a byte budget); `schedule` is the agent's schedule in words. */
export function renderBundle(
  draft: BundleDraft,
  format: BundleFormat,
  schedule: string,
  limits: number | Limits,
  options: { readonly oneLineJson?: boolean } = {},
): RenderedBundle {
  const oneLine = options.oneLineJson === true
  const budget: Limits = typeof limits === 'number' ? { maxBytes: limits } : limits
  const { counter } = budget
  const counted = (bundle: PreparedBundle, tokens?: number): PreparedBundle =>
    counter ? { ...bundle, tokenizer: counter.name, ...(tokens === undefined ? {} : { tokens }) } : bundle
  // While searching, JSON carries `tokens` as the budget's number: the final count is no
  // larger, so it has no more digits and the final text is no longer than the one measured.
  const placeholder = budget.maxTokens ?? budget.maxBytes
  const renderFor = (bundle: PreparedBundle): string => {
    if (format === 'json') return renderJson(counter ? counted(bundle, placeholder) : bundle, undefined, oneLine)
    return format === 'xml' ? renderXml(bundle, schedule) : renderMarkdown(bundle, schedule)
  }
  const finish = (bodies: readonly FittedBody[]) => {
    const bundle = counted(completeBundle(draft, bodies))
    if (format === 'json') {
      const text = renderJson(bundle, counter, oneLine)
      const parsed = JSON.parse(text) as PreparedBundle
      return { bundle: parsed, text }
    }
    const text = renderFor(bundle)
    return {
      bundle: {
        ...bundle,
        bytes: utf8Length(text),
        ...(counter ? { tokens: counter.count(text) } : {}),
      },
      text,
    }
  }
  let current = budget
  // The final JSON may differ from the measured one by a digit's tokens; tighten and retry in that rare case.
  for (let attempt = 0; attempt < 4; attempt++) {
    const fitted = fitToBudget(
      draft.sections.map((s) => s.body),
      current,
      (bodies) => renderFor(completeBundle(draft, bodies)),
    )
    if (!fitted.ok) return fitted
    const { bundle, text } = finish(fitted.bodies)
    const overBytes = bundle.bytes - budget.maxBytes
    const overTokens = budget.maxTokens === undefined ? 0 : (bundle.tokens ?? 0) - budget.maxTokens
    if (overBytes <= 0 && overTokens <= 0) return { ok: true, bundle, text, cap: fitted.cap }
    current = {
      ...current,
      maxBytes: current.maxBytes - Math.max(0, overBytes),
      ...(current.maxTokens === undefined ? {} : { maxTokens: current.maxTokens - Math.max(0, overTokens) }),
    }
  }
  return { ok: false, minimumBytes: budget.maxBytes + 1 }
}
