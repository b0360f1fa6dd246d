/**
 * The generated Go package, with Debian's golang-go, offline (no proxy, caches in a temp
 * dir): it is gofmt-clean, `go vet` passes, it imports the standard library only, and its
 * own `go test` decodes every valid contract example and re-encodes it to the same JSON
 * value (open objects keep undeclared fields in `Extra`, as the round-trip case below shows).
 */
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GO_DIR, GO_MODULE } from '../../src/codegen/go-bindings.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'
import { GO, goEnv, requireTool, shouldRun } from '../helpers/toolchains.ts'

const MODULE_ROOT = join(PROJECT_ROOT, GO_DIR)
const run = shouldRun('the Go bindings tests', { go: GO })

// A cold build cache compiles the standard library first: minutes on a loaded 2-core machine.
describe.runIf(run)('the Go bindings', { timeout: 240_000 }, () => {
  let env: NodeJS.ProcessEnv
  let dispose: () => Promise<void>
  let work: string
  const go = (args: readonly string[], cwd = MODULE_ROOT) =>
    spawnSync(requireTool('go', GO, 'golang-go'), args, { cwd, env, encoding: 'utf8' })

  beforeAll(async () => {
    requireTool('go', GO, 'golang-go')
    ;({ env, dispose } = await goEnv())
    work = await mkdtemp(join(tmpdir(), 'kaizen-go-consumer-'))
  })
  afterAll(async () => {
    await dispose?.()
    if (work) await rm(work, { recursive: true, force: true })
  })

  it('is gofmt-clean, passes go vet and depends on the standard library only', async () => {
    const goroot = go(['env', 'GOROOT']).stdout.trim()
    const gofmt = spawnSync(join(goroot, 'bin', 'gofmt'), ['-l', '.'], { cwd: MODULE_ROOT, encoding: 'utf8' })
    expect(gofmt.stderr).toBe('')
    expect(gofmt.stdout).toBe('')
    const vet = go(['vet', './...'])
    expect(vet.stdout + vet.stderr).toBe('')
    expect(vet.status).toBe(0)
    const deps = go(['list', '-deps', '-test', '-f', '{{if not .Standard}}{{.ImportPath}}{{end}}', './...'])
    expect(deps.status, deps.stderr).toBe(0)
    // Only the package itself (and its test variants) is outside the standard library.
    for (const line of deps.stdout.split('\n').filter(Boolean)) expect(line.startsWith(GO_MODULE)).toBe(true)
    expect(await readFile(join(MODULE_ROOT, 'go.mod'), 'utf8')).not.toMatch(/^require/m)
  })

  it('go test: every valid example round-trips, every schema is embedded', () => {
    const test = go(['test', '-count=1', '-v', './...'])
    expect(test.status, test.stdout + test.stderr).toBe(0)
    expect(test.stdout).toContain('--- PASS: TestValidExamplesRoundTrip')
    expect(test.stdout).toContain('--- PASS: TestSchemasEmbedded')
  })

  it('keeps undeclared fields of open objects and every declared zero value through a round trip', async () => {
    const consumer = join(work, 'roundtrip')
    await mkdir(consumer, { recursive: true })
    await writeFile(
      join(consumer, 'go.mod'),
      `module consumer\n\ngo 1.19\n\nrequire ${GO_MODULE} v0.0.0\n\nreplace ${GO_MODULE} => ${MODULE_ROOT}\n`,
    )
    // scheduled-runs is an open output object; "future_field" is not declared, "skipped" is an empty list.
    const input = {
      scheduled_runs: [
        {
          repo: 'r',
          host: 'h',
          root: '/r',
          agent: 'coach',
          cadence: 'daily',
          prepare_command: 'x',
          future_field: { nested: [1, 2] },
        },
      ],
      skipped: [],
      later: true,
    }
    await writeFile(
      join(consumer, 'main.go'),
      `package main

import (
	"encoding/json"
	"fmt"
	"os"

	ks "${GO_MODULE}"
)

func main() {
	var runs ks.ScheduledRuns
	if err := json.Unmarshal([]byte(os.Args[1]), &runs); err != nil {
		panic(err)
	}
	out, err := json.Marshal(runs)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s\\n%s %s\\n", out, runs.ScheduledRuns[0].Extra["future_field"], runs.Extra["later"])
}
`,
    )
    const result = go(['run', '.', JSON.stringify(input)], consumer)
    expect(result.status, result.stderr).toBe(0)
    const [encoded, extras] = result.stdout.split('\n')
    expect(JSON.parse(encoded ?? '')).toEqual(input)
    expect(extras).toBe('{"nested":[1,2]} true')
  })
})
