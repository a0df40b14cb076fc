import { describe, expect, it } from 'vitest'
import type { PactStatus } from '#app/pacts/lifecycle.ts'
import type { AccessLevel } from './access.ts'
import { documentWriteVerdict, textWriteVerdict, writeOffer } from './write-policy.ts'

describe('documentWriteVerdict', () => {
  it('lets editors write only while the pact is being drafted or awaits signatures', () => {
    expect(documentWriteVerdict({ access: 'redacteur', pactStatus: 'concept', suggestionsOnly: false })).toEqual({
      allowed: true,
    })
    expect(documentWriteVerdict({ access: 'beheerder', pactStatus: 'ter-ondertekening', suggestionsOnly: false })).toEqual({
      allowed: true,
    })
    expect(documentWriteVerdict({ access: 'beheerder', pactStatus: 'getekend', suggestionsOnly: false })).toEqual({
      allowed: false,
      reason: 'pact-signed',
    })
    expect(documentWriteVerdict({ access: 'redacteur', pactStatus: 'actief', suggestionsOnly: false })).toEqual({
      allowed: false,
      reason: 'pact-signed',
    })
  })

  it('never lets a commentator, lezer or non-member write, whatever the status', () => {
    const readOnly = { allowed: false, reason: 'read-only-access' }
    expect(documentWriteVerdict({ access: 'commentator', pactStatus: 'concept', suggestionsOnly: false })).toEqual(readOnly)
    expect(documentWriteVerdict({ access: 'lezer', pactStatus: 'getekend', suggestionsOnly: false })).toEqual(readOnly)
    expect(documentWriteVerdict({ access: null, pactStatus: 'concept', suggestionsOnly: false })).toEqual({
      allowed: false,
      reason: 'no-access',
    })
  })
})

describe('writeOffer', () => {
  it('carries the verdict’s reason to the page, so its notice says why, not who may write in general', () => {
    expect(writeOffer(documentWriteVerdict({ access: 'beheerder', pactStatus: 'getekend', suggestionsOnly: false }))).toEqual({
      canEdit: false,
      readOnly: 'pact-signed',
    })
    expect(writeOffer(documentWriteVerdict({ access: 'lezer', pactStatus: 'concept', suggestionsOnly: false }))).toEqual({
      canEdit: false,
      readOnly: 'read-only-access',
    })
    expect(writeOffer(documentWriteVerdict({ access: 'redacteur', pactStatus: 'concept', suggestionsOnly: false }))).toEqual({
      canEdit: true,
      readOnly: null,
    })
  })
})

describe('suggestion-only mode', () => {
  const facts = (access: AccessLevel | null, pactStatus: PactStatus = 'concept') => ({
    access,
    pactStatus,
    suggestionsOnly: true,
  })

  it('turns every editor’s text changes into proposals, and lets redacteuren and beheerders still decide on them', () => {
    expect(textWriteVerdict(facts('redacteur'))).toEqual({ kind: 'suggest', mayDecide: true })
    expect(textWriteVerdict(facts('beheerder', 'ter-ondertekening'))).toEqual({ kind: 'suggest', mayDecide: true })
    expect(textWriteVerdict({ ...facts('redacteur'), suggestionsOnly: false })).toEqual({ kind: 'edit' })
  })

  it('leaves a commentator proposing only, and a lezer, a non-member or a signed pact refused', () => {
    expect(textWriteVerdict(facts('commentator'))).toEqual({ kind: 'suggest', mayDecide: false })
    expect(textWriteVerdict({ ...facts('commentator'), suggestionsOnly: false })).toEqual({ kind: 'suggest', mayDecide: false })
    expect(textWriteVerdict(facts('lezer'))).toEqual({ kind: 'refused', reason: 'read-only-access' })
    expect(textWriteVerdict(facts(null))).toEqual({ kind: 'refused', reason: 'no-access' })
    expect(textWriteVerdict(facts('beheerder', 'getekend'))).toEqual({ kind: 'refused', reason: 'pact-signed' })
  })

  it('freezes the structured model, which has no suggestions, with the mode as the reason', () => {
    expect(documentWriteVerdict(facts('beheerder'))).toEqual({ allowed: false, reason: 'suggestions-only' })
    expect(writeOffer(documentWriteVerdict(facts('redacteur')))).toEqual({ canEdit: false, readOnly: 'suggestions-only' })
    // A signed pact stays "signed" in its notice, whatever the mode.
    expect(documentWriteVerdict(facts('redacteur', 'actief'))).toEqual({ allowed: false, reason: 'pact-signed' })
  })
})
