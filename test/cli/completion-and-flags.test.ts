/**
 * `kaizen-agentic completion bash|zsh|fish` (generated from the commander tree, so it
 * completes every command and flag) and the global `--no-color` / `--quiet` flags (issue 14).
 * The bash script runs in a real bash; stdout and stderr are checked separately.
 */
import { spawnSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { runCliCaptured } from '../helpers/cli.ts'
import { makeRepo, type TempRepo } from '../helpers/temp-repo.ts'

const hasBash = spawnSync('bash', ['--version']).status === 0

/** What the bash completion offers for the words typed so far (the last one being completed). */
function complete(script: string, words: readonly string[]): string[] {
  const quoted = words.map((w) => `'${w}'`).join(' ')
  const run = spawnSync(
    'bash',
    [
      '-c',
      `${script}\nCOMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _kaizen_agentic; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { encoding: 'utf8' },
  )
  expect(run.stderr).toBe('')
  return run.stdout.split('\n').filter((w) => w !== '')
}

describe('completion', () => {
  it.skipIf(!hasBash)('bash: completes commands, sub-commands and the flags of the command typed', async () => {
    const run = await runCliCaptured(['completion', 'bash'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('complete -o default -F _kaizen_agentic kaizen-agentic')
    expect(complete(run.stdout, ['kaizen-agentic', ''])).toEqual(['completion', 'schedule', 'metrics'])
    expect(complete(run.stdout, ['kaizen-agentic', '-'])).toEqual(expect.arrayContaining(['--no-color', '--quiet']))
    expect(complete(run.stdout, ['kaizen-agentic', 'schedule', 'va'])).toEqual(['validate'])
    expect(complete(run.stdout, ['kaizen-agentic', 'schedule', 'validate', '--st'])).toEqual(['--strict'])
    // An option value in between does not lose the command path.
    expect(
      complete(run.stdout, ['kaizen-agentic', 'schedule', 'prepare', 'coach', '--format', 'json', '--em']),
    ).toEqual(['--emit'])
    expect(complete(run.stdout, ['kaizen-agentic', 'metrics', 'show', '--la'])).toEqual(['--last'])
    // A flag that names its values offers them; any other flag's value and a command's FILE
    // arguments get no words, so bash falls back to file names.
    expect(complete(run.stdout, ['kaizen-agentic', 'schedule', 'prepare', 'coach', '--format', ''])).toEqual([
      'markdown',
      'json',
      'xml',
    ])
    expect(complete(run.stdout, ['kaizen-agentic', 'schedule', 'validate', '-f', 'g'])).toEqual(['github'])
    expect(complete(run.stdout, ['kaizen-agentic', 'schedule', 'prepare', 'coach', '--target', ''])).toEqual([])
    expect(complete(run.stdout, ['kaizen-agentic', 'schedule', 'prepare', 'coach', '-t', 'ex'])).toEqual([])
    expect(complete(run.stdout, ['kaizen-agentic', 'schedule', 'validate', ''])).toEqual([])
  })

  it('zsh: the bash function through bashcompinit', async () => {
    const run = await runCliCaptured(['completion', 'zsh'])
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout.startsWith('#compdef kaizen-agentic\n')).toBe(true)
    expect(run.stdout).toContain('autoload -U +X bashcompinit && bashcompinit')
    expect(run.stdout).toContain(
      "'schedule/validate')\n      subs='' flags='--target -t --format -f --strict --help -h'\n      valued=' --target -t --format -f ' ;;",
    )
  })

  it('fish: one complete line per command and flag', async () => {
    const run = await runCliCaptured(['completion', 'fish'])
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toContain("complete -c kaizen-agentic -f -n '__fish_use_subcommand' -a schedule -d ")
    expect(run.stdout).toMatch(
      /complete -c kaizen-agentic -n '__fish_seen_subcommand_from validate; and not [^']*' -l strict -d 'treat warnings as errors \(exit 1\)'/,
    )
    expect(run.stdout).toMatch(/-l format -s f -x -a 'text json github' -d 'output format: text, json or github/)
    expect(run.stdout).toMatch(/-l target -s t -r -d 'repository root/)
  })

  it.each([[['completion', 'powershell']], [['completion']]])(
    '%j is a usage error: exit 2, nothing on stdout',
    async (argv) => {
      const run = await runCliCaptured(argv)
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(
        /error: (unknown shell 'powershell': expected one of bash, zsh, fish|missing required argument 'shell')/,
      )
    },
  )
})

describe('global flags', () => {
  let repo: TempRepo | undefined
  afterEach(async () => {
    await repo?.dispose()
    repo = undefined
  })

  const warned = () => makeRepo({ '.kaizen/schedule.yml': 'version: 1\nagents:\n  coach:\n    cadence: weekly\n' })

  it('--quiet drops warnings from stderr, anywhere on the line; the exit code and stdout stay', async () => {
    repo = await warned()
    const loud = await runCliCaptured(['schedule', 'validate'], { cwd: repo.root })
    expect(loud.stderr).toContain("warning: agent 'coach' is scheduled but has no prompt")
    for (const argv of [
      ['--quiet', 'schedule', 'validate'],
      ['schedule', 'validate', '-q'],
    ]) {
      const quiet = await runCliCaptured(argv, { cwd: repo.root })
      expect(quiet.code).toBe(0)
      expect(quiet.stdout).toBe(loud.stdout)
      expect(quiet.stderr).toBe('1 problem in .kaizen/schedule.yml\n')
    }
  })

  it('--quiet keeps errors', async () => {
    repo = await makeRepo({ '.kaizen/schedule.yml': 'version: 1\nagents:\n  coach:\n    cadance: weekly\n' })
    const run = await runCliCaptured(['schedule', 'validate', '--quiet'], { cwd: repo.root })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain("✖ .kaizen/schedule.yml:4:5  /agents/coach/cadance  unknown key 'cadance'")
  })

  it('--no-color removes the colours a terminal would get', async () => {
    repo = await warned()
    const ESC = String.fromCharCode(27)
    const coloured = await runCliCaptured(['schedule', 'validate'], {
      cwd: repo.root,
      tty: true,
      env: { FORCE_COLOR: '1' },
    })
    expect(coloured.stdout).toContain(ESC)
    const plain = await runCliCaptured(['schedule', 'validate', '--no-color'], {
      cwd: repo.root,
      tty: true,
      env: { FORCE_COLOR: '1' },
    })
    expect(plain.code).toBe(0)
    expect(plain.stdout).not.toContain(ESC)
    expect(plain.stderr).not.toContain(ESC)
    expect(plain.stdout).toBe('✓ .kaizen/schedule.yml is valid (with warnings)\n')
  })

  it('after --, the flags are arguments, not global flags', async () => {
    const run = await runCliCaptured(['completion', '--', '--quiet'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("unknown shell '--quiet'")
  })
})
