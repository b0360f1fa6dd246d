/**
 * Why `@sinclair/typebox-codegen` emits no artefact here (README, "Dependencies"):
 * version 0.11 works on `@sinclair/typebox` 0.33 `Kind`-tagged schemas, not on the
 * plain JSON Schema objects of `typebox` 1.x, so the only path in is its TypeScript
 * front end over our generated types — and its Zod/Valibot emitters then drop what
 * our contracts exist for (closed objects, record-key and string patterns). These
 * canaries fail when a release stops losing them, which is the cue to ship its output.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ModelToValibot, ModelToZod, TypeScriptToModel } from '@sinclair/typebox-codegen'
import { describe, expect, it } from 'vitest'
import { SLUG_PATTERN } from '../../contracts/common.ts'
import { PROJECT_ROOT } from '../helpers/project.ts'

const manifestTypes = readFileSync(join(PROJECT_ROOT, 'generated/types/schedule-manifest.ts'), 'utf8')

describe('typebox-codegen over the generated manifest types', () => {
  const model = TypeScriptToModel.Generate(manifestTypes)

  it('reads the TypeScript front end (the structure it sees has the four top-level keys)', () => {
    const zod = ModelToZod.Generate(model)
    for (const key of ['version', 'timezone', 'agents', 'pointers']) expect(zod).toContain(`${key}:`)
  })

  it('loses the agents map and every pattern in its Zod output', () => {
    const zod = ModelToZod.Generate(model)
    expect(zod).toContain('agents: z.object({})')
    expect(zod).not.toContain('cadence')
    expect(zod).not.toContain(SLUG_PATTERN)
  })

  it('loses the slug pattern in its Valibot output', () => {
    expect(ModelToValibot.Generate(model)).not.toContain(SLUG_PATTERN)
  })
})
