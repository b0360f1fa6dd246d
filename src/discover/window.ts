/**
 * The due window of `discover --from T1 --to T2`: half-open `(T1, T2]`, so consecutive
 * ticks `(t0, t1], (t1, t2], …` list every occurrence exactly once (see
 * src/schedule/occurrences.ts), and each occurrence's deterministic run id.
 */

/** The longest window accepted: a year of catch-up and then some; longer is surely a typo. */
export const MAX_WINDOW_DAYS = 400

/** A checked window `(from, to]`. */
export interface DueWindow {
  readonly from: Date
  readonly to: Date
}

/** The window, or a usage message saying what to pass. */
export type WindowCheck =
  | { readonly ok: true; readonly window: DueWindow }
  | { readonly ok: false; readonly message: string }

/** Checks a window: `to` not before `from`, at most MAX_WINDOW_DAYS long. */
export function checkWindow(from: Date, to: Date, toWasGiven: boolean): WindowCheck {
  if (to.getTime() < from.getTime()) {
    const toText = toWasGiven ? `--to ${to.toISOString()}` : `now (${to.toISOString()}, the default --to)`
    return {
      ok: false,
      message: `${toText} is before --from ${from.toISOString()}; pass a --to later than --from (the window is (from, to])`,
    }
  }
  const days = (to.getTime() - from.getTime()) / 86_400_000
  if (days > MAX_WINDOW_DAYS) {
    return {
      ok: false,
      message: `the window is ${Math.ceil(days)} days long; at most ${MAX_WINDOW_DAYS} days at a time (split a longer catch-up into several calls)`,
    }
  }
  return { ok: true, window: { from, to } }
}

/** RFC 3339 in UTC, without milliseconds when they are zero: `2027-01-04T08:00:00Z`. */
export const utcTimestamp = (instant: Date): string => instant.toISOString().replace(/\.000Z$/, 'Z')

/**
 * The run id of one occurrence: `<repo>.<agent>.<YYYYMMDDTHHMMZ>` of its due instant,
 * e.g. `acme-service.coach.20270104T0800Z`: the same on every host and every call.
 */
export function runIdOf(repo: string, agent: string, dueAt: Date): string {
  const iso = dueAt.toISOString()
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`
  return `${repo}.${agent}.${stamp}`
}
