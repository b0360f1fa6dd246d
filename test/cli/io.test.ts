/** When the CLI colours its output: a terminal, unless NO_COLOR, TERM=dumb or CI say otherwise; FORCE_COLOR wins. */
import { describe, expect, it } from 'vitest'
import { type CliIo, colorsFor } from '../../src/cli/io.ts'

const ioWith = (env: Record<string, string>, tty = true): CliIo => ({
  stdout: { write: () => true },
  stderr: { write: () => true },
  env,
  cwd: '.',
  stdoutIsTTY: tty,
  stderrIsTTY: tty,
})

const coloured = (env: Record<string, string>, tty = true): boolean =>
  colorsFor(ioWith(env, tty), 'stderr').red('x') !== 'x'

describe('colorsFor', () => {
  it('colours a terminal and leaves a pipe plain', () => {
    expect(coloured({})).toBe(true)
    expect(coloured({}, false)).toBe(false)
  })

  it.each([['true'], ['1'], ['woodpecker']])('is off on a terminal when CI=%s', (value) => {
    expect(coloured({ CI: value })).toBe(false)
  })

  it.each([[''], ['0'], ['false']])('stays on when CI=%j (not a CI run)', (value) => {
    expect(coloured({ CI: value })).toBe(true)
  })

  it('is off with NO_COLOR or TERM=dumb', () => {
    expect(coloured({ NO_COLOR: '1' })).toBe(false)
    expect(coloured({ TERM: 'dumb' })).toBe(false)
  })

  it('is on with FORCE_COLOR, even in CI or on a pipe, unless NO_COLOR', () => {
    expect(coloured({ CI: 'true', FORCE_COLOR: '1' })).toBe(true)
    expect(coloured({ FORCE_COLOR: '1' }, false)).toBe(true)
    expect(coloured({ FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false)
  })
})
