/**
 * The pinned time-zone list: exactly what the installed tz data (moment-timezone) names,
 * so a refresh is `npx tsx scripts/pin-timezones.ts` and a reviewed diff; sorted and
 * unique; the names users write (UTC, backward links such as US/Eastern) included; and
 * every name usable by this Node's ICU, which the schedule engine computes with.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TIMEZONES } from '../../contracts/timezones.ts'
import { readTzdbNames, renderTimezonesModule, TIMEZONES_MODULE } from '../../src/codegen/timezones.ts'
import { isKnownTimezone, manifestRuleDiagnostics } from '../../src/manifest/rules.ts'
import { parseYamlSource } from '../../src/manifest/yaml-source.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

describe('contracts/timezones.ts', () => {
  it('is exactly what scripts/pin-timezones.ts writes from the installed tz data', async () => {
    const committed = await readFile(join(PROJECT_ROOT, TIMEZONES_MODULE), 'utf8')
    expect(committed).toBe(renderTimezonesModule(await readTzdbNames()))
  })

  it('is sorted, unique, and holds canonical zones, UTC and backward links', () => {
    expect([...TIMEZONES]).toEqual([...new Set(TIMEZONES)].sort())
    for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'US/Eastern', 'Asia/Calcutta']) {
      expect(TIMEZONES).toContain(zone)
    }
    expect(TIMEZONES).not.toContain('Europe/Berln')
  })

  it("every pinned zone is known to this Node's ICU", () => {
    expect(TIMEZONES.filter((zone) => !isKnownTimezone(zone))).toEqual([])
  })

  it('isKnownTimezone (ICU list first) gives the same verdict as a formatter, for pinned zones and others', () => {
    const byFormatter = (zone: string) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone })
        return true
      } catch {
        return false
      }
    }
    const others = ['Mars/Olympus', 'utc', 'Europe/berlin', 'Etc/GMT+5', 'GMT', 'Z', '', 'Europe/Berlin/Mitte']
    for (const zone of [...TIMEZONES, ...others]) expect(isKnownTimezone(zone), zone).toBe(byFormatter(zone))
  })
})

describe('a pinned zone this Node does not know', () => {
  // Stands in for a zone newer than the running ICU: the schema accepts it, the engine could not compute it.
  const parsed = parseYamlSource('version: 1\ntimezone: Mars/Olympus\nagents:\n  coach:\n    cadence: daily\n', 'm.yml')
  const source = parsed.ok ? parsed.source : undefined

  it('is reported up front, located, saying what to do', () => {
    if (!source) throw new Error('fixture did not parse')
    const [d, ...rest] = manifestRuleDiagnostics(source, source.data as Record<string, unknown>, true)
    expect(rest).toEqual([])
    expect(d).toMatchObject({ path: '/timezone', line: 2, column: 11 })
    expect(d?.message).toContain("time zone 'Mars/Olympus' is valid, but this Node.js")
    expect(d?.message).toContain('upgrade Node.js')
  })

  it('is left to the schema message when the schema already failed', () => {
    if (!source) throw new Error('fixture did not parse')
    expect(manifestRuleDiagnostics(source, source.data as Record<string, unknown>, false)).toEqual([])
  })
})
