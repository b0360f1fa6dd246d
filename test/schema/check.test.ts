/** checkDocument and the one schema-error phraser: the same words for every document, per keyword. */
import { describe, expect, it } from 'vitest'
import validateRoster from '../../generated/validators/roster.ts'
import { checkDocument, contractViolation, describeViolation, problemText } from '../../src/schema/check.ts'
import { JSON_VOICE, phraseSchemaError, YAML_VOICE } from '../../src/schema/phrase.ts'

describe('checkDocument', () => {
  it('finds nothing in a valid document', () => {
    expect(checkDocument(validateRoster, [{ slug: 'svc', host_paths: { devbox: '/srv/svc' } }])).toEqual([])
  })

  it('reports each problem as a Diagnostic with the JSON Pointer and keyword', () => {
    const problems = checkDocument(validateRoster, [{ slug: 'bad slug', host_paths: { devbox: 'rel' } }], {
      file: 'r.json',
    })
    expect(problems).toEqual([
      expect.objectContaining({ path: '/0/slug', keyword: 'pattern' }),
      {
        file: 'r.json',
        line: 1,
        column: 1,
        path: '/0/host_paths/devbox',
        keyword: 'pattern',
        severity: 'error',
        message: 'must be an absolute path, got the string "rel"',
      },
    ])
    expect(problemText({ path: '', message: 'must be an array' }, '(roster)')).toBe('(roster) must be an array')
  })
})

describe('contractViolation', () => {
  it('is undefined for a valid document and one value naming the contract otherwise', () => {
    expect(contractViolation('roster', [], validateRoster)).toBeUndefined()
    const violation = contractViolation('roster', { repos: [] }, validateRoster)
    expect(violation).toEqual({
      kind: 'contract-violation',
      contract: 'roster',
      problems: ['(document) must be an array, got an object (keys: repos)'],
    })
    expect(violation && describeViolation('the hub answer', violation)).toBe(
      'internal error: the hub answer breaks the roster contract: (document) must be an array, got an object (keys: repos)',
    )
  })
})

describe('phraseSchemaError', () => {
  const typeError = {
    keyword: 'type',
    instancePath: '/agents',
    schemaPath: '#/properties/agents/type',
    params: { type: 'object' },
    data: ['coach'],
  }

  it('speaks YAML for manifests and JSON for other documents', () => {
    expect(phraseSchemaError(typeError, YAML_VOICE).message).toBe('must be a mapping; got a list')
    expect(phraseSchemaError(typeError, JSON_VOICE).message).toBe('must be an object, got an array')
  })

  it('lets one kind of document reword one keyword', () => {
    const phrase = phraseSchemaError(typeError, JSON_VOICE, { type: () => ({ message: 'agents must be a map' }) })
    expect(phrase.message).toBe('agents must be a map')
  })

  it("falls back to the validator's words, with the value, for a keyword without a phrase", () => {
    const error = {
      keyword: 'uniqueItems',
      instancePath: '/x',
      schemaPath: '#',
      params: {},
      message: 'must be unique',
      data: [1, 1],
    }
    expect(phraseSchemaError(error, JSON_VOICE).message).toBe('must be unique, got an array')
  })
})
