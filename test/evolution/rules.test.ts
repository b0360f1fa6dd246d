/** The rule book: unique ids, one classification per effect and direction, a reason for each. */
import { describe, expect, it } from 'vitest'
import { type Effect, levelOf, RULES, type RuleId, reasonOf, ruleOf, ruleStemOf } from '../../src/evolution/rules.ts'

describe('the rules', () => {
  it('have unique SCREAMING_SNAKE ids', () => {
    const ids = RULES.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[A-Z]+(_[A-Z0-9]+)*$/)
  })

  it('classify by effect: narrowing breaks inputs, widening breaks outputs', () => {
    const table: Record<Effect, [input: string, output: string]> = {
      narrows: ['breaking', 'compatible'],
      widens: ['compatible', 'breaking'],
      replaces: ['breaking', 'breaking'],
      redefines: ['breaking', 'breaking'],
      declares: ['compatible', 'compatible'],
      annotates: ['compatible', 'compatible'],
    }
    for (const [effect, [input, output]] of Object.entries(table) as Array<[Effect, [string, string]]>) {
      expect([levelOf(effect, 'input'), levelOf(effect, 'output')], effect).toEqual([input, output])
    }
  })

  it('give a reason for both directions', () => {
    for (const rule of RULES) {
      expect(reasonOf(rule, 'input').length, rule.id).toBeGreaterThan(10)
      expect(reasonOf(rule, 'output').length, rule.id).toBeGreaterThan(10)
    }
  })

  it('name bound rules after the keyword and the direction of travel', () => {
    expect(ruleStemOf('maxLength')).toBe('MAX_LENGTH')
    expect(ruleOf('MAXIMUM_DECREASED').effect).toBe('narrows')
    expect(ruleOf('MAXIMUM_INCREASED').effect).toBe('widens')
    expect(ruleOf('MIN_ITEMS_INCREASED').effect).toBe('narrows')
    expect(ruleOf('EXCLUSIVE_MINIMUM_DECREASED').effect).toBe('widens')
  })

  it('reject an unknown rule id loudly', () => {
    // Ids read back from JSON are plain strings: the type cannot vouch for them.
    expect(() => ruleOf('NOT_A_RULE' as RuleId)).toThrow('unknown rule id NOT_A_RULE')
  })
})
