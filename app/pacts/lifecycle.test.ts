import { describe, expect, it } from 'vitest'
import { PACT_STATUSES, allowedTransitions, canTransition, isAmendment, isDocumentEditable, pactYears } from './lifecycle.ts'

describe('pact lifecycle', () => {
  it('moves forward one step at a time', () => {
    expect(canTransition('concept', 'ter-ondertekening')).toBe(true)
    expect(canTransition('ter-ondertekening', 'getekend')).toBe(true)
    expect(canTransition('getekend', 'actief')).toBe(true)
    expect(canTransition('concept', 'getekend')).toBe(false)
    expect(canTransition('concept', 'actief')).toBe(false)
  })

  it('amends a signed or active pact by going back to concept', () => {
    expect(isAmendment('getekend', 'concept')).toBe(true)
    expect(isAmendment('actief', 'concept')).toBe(true)
    expect(isAmendment('ter-ondertekening', 'concept')).toBe(false)
    expect(canTransition('actief', 'concept')).toBe(true)
  })

  it('freezes the text once signed', () => {
    expect(PACT_STATUSES.filter(isDocumentEditable)).toEqual(['concept', 'ter-ondertekening'])
  })

  it('never allows staying put', () => {
    for (const status of PACT_STATUSES) expect(allowedTransitions(status)).not.toContain(status)
  })

  it('runs from its first year to its last, both included', () => {
    expect(pactYears(2026, 2029)).toEqual([2026, 2027, 2028, 2029])
    expect(pactYears(2026, 2026)).toEqual([2026])
  })
})
