/** Semantic versions of contracts (`MAJOR.MINOR.PATCH`, no pre-release tags). */

/** A parsed version. */
export type Version = readonly [major: number, minor: number, patch: number]

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/

/** Parses `1.2.3`; anything else (`v1.2.3`, `1.2`, `1.2.3-rc.1`) is null. */
export function parseVersion(text: string): Version | null {
  const match = SEMVER.exec(text)
  if (!match) return null
  return [Number(match[1]), Number(match[2]), Number(match[3])]
}

/** Orders two valid version strings: negative, zero or positive, like a sort comparator. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a) ?? [0, 0, 0]
  const y = parseVersion(b) ?? [0, 0, 0]
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]
}
