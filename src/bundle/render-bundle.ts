/**
 * Stage 3 of `prepare` (pure): a draft → the printed text within the byte budget, and
 * the bundle object it prints. The budget measures the real rendering (markdown or
 * JSON, header, warnings and escaping included), so `bundle.bytes` is exact.
 */
import type { BUNDLE_FORMATS, PreparedBundle } from '../../contracts/prepared-bundle.ts'
import { type BundleDraft, completeBundle } from './assemble.ts'
import { fitToBudget } from './budget.ts'
import { renderJson } from './render-json.ts'
import { renderMarkdown } from './render-markdown.ts'
import { utf8Length } from './utf8.ts'

/** A rendering `prepare` can print. */
export type BundleFormat = (typeof BUNDLE_FORMATS)[number]

/** The printed text and its bundle, or the smallest budget this draft can be rendered in. */
export type RenderedBundle =
  | {
      readonly ok: true
      readonly bundle: PreparedBundle
      readonly text: string
      /** The byte cap every section body was held to. */
      readonly cap: number
    }
  | { readonly ok: false; readonly minimumBytes: number }

/** Renders `draft` in `format` within `maxBytes`; `schedule` is the agent's schedule in words (markdown header). */
export function renderBundle(
  draft: BundleDraft,
  format: BundleFormat,
  schedule: string,
  maxBytes: number,
): RenderedBundle {
  const render = (bundle: PreparedBundle): string =>
    format === 'json' ? renderJson(bundle) : renderMarkdown(bundle, schedule)
  const fitted = fitToBudget(
    draft.sections.map((s) => s.body),
    maxBytes,
    (bodies) => render(completeBundle(draft, bodies)),
  )
  if (!fitted.ok) return fitted
  return {
    ok: true,
    bundle: { ...completeBundle(draft, fitted.bodies), bytes: utf8Length(fitted.text) },
    text: fitted.text,
    cap: fitted.cap,
  }
}
