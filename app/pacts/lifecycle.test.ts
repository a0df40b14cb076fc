import { describe, expect, it } from 'vitest'
import {
  PACT_STATUSES,
  allowedTransitions,
  canTransition,
  isAmendment,
  isDocumentEditable,
  needsConfirmation,
  pactStanding,
  pactYears,
} from './lifecycle.ts'

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

  it('asks to confirm signing and starting an amendment, nothing else', () => {
    expect(needsConfirmation('ter-ondertekening', 'getekend')).toBe(true)
    expect(needsConfirmation('actief', 'concept')).toBe(true)
    expect(needsConfirmation('ter-ondertekening', 'concept')).toBe(false)
    expect(needsConfirmation('concept', 'ter-ondertekening')).toBe(false)
    expect(needsConfirmation('getekend', 'actief')).toBe(false)
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

describe('pactStanding', () => {
  it('keeps the signed version in force while an amendment is drafted or awaits signatures', () => {
    expect(pactStanding('concept', null)).toEqual({ kind: 'never-signed', status: 'concept' })
    expect(pactStanding('getekend', 1)).toEqual({ kind: 'in-force', status: 'getekend', version: 1 })
    expect(pactStanding('actief', 2)).toEqual({ kind: 'in-force', status: 'actief', version: 2 })
    expect(pactStanding('concept', 1)).toEqual({ kind: 'amending', status: 'concept', inForce: 1, draft: 2 })
    expect(pactStanding('ter-ondertekening', 3)).toEqual({ kind: 'amending', status: 'ter-ondertekening', inForce: 3, draft: 4 })
  })
})
