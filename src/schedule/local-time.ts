/** Instants written as wall-clock time in a time zone, with the zone's offset at that instant. */

/** The parts of an instant's wall-clock time in a zone. */
export interface ZonedParts {
  readonly year: string
  readonly month: string
  readonly day: string
  readonly hour: string
  readonly minute: string
  readonly second: string
  /** Short English weekday name: Mon, Tue, … */
  readonly weekday: string
  /** UTC offset as `+02:00` (`+00:00` at offset zero). */
  readonly offset: string
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
      timeZoneName: 'longOffset',
    })
    formatters.set(timezone, formatter)
  }
  return formatter
}

/** The wall-clock parts of `instant` in `timezone` (an IANA name the runtime knows). */
export function zonedParts(instant: Date, timezone: string): ZonedParts {
  const parts = Object.fromEntries(
    formatterFor(timezone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  )
  // longOffset reads "GMT+02:00"; some ICU versions write plain "GMT" at offset zero.
  const gmt = parts.timeZoneName ?? 'GMT'
  const offset = gmt === 'GMT' ? '+00:00' : gmt.slice(3)
  return {
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
    second: parts.second ?? '',
    weekday: parts.weekday ?? '',
    offset,
  }
}

/** RFC 3339 in the zone's offset: `2026-03-30T09:00:00+02:00`. */
export function toZonedRfc3339(instant: Date, timezone: string): string {
  const p = zonedParts(instant, timezone)
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${p.offset}`
}

/** For people: `Mon 2026-03-30 09:00 +02:00`. */
export function toZonedDisplay(instant: Date, timezone: string): string {
  const p = zonedParts(instant, timezone)
  return `${p.weekday} ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.offset}`
}
