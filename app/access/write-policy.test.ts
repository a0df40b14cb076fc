import { describe, expect, it } from 'vitest'
import { documentWriteVerdict, writeOffer } from './write-policy.ts'

describe('documentWriteVerdict', () => {
  it('lets editors write only while the pact is being drafted or awaits signatures', () => {
    expect(documentWriteVerdict({ access: 'redacteur', pactStatus: 'concept' })).toEqual({ allowed: true })
    expect(documentWriteVerdict({ access: 'beheerder', pactStatus: 'ter-ondertekening' })).toEqual({ allowed: true })
    expect(documentWriteVerdict({ access: 'beheerder', pactStatus: 'getekend' })).toEqual({
      allowed: false,
      reason: 'pact-signed',
    })
    expect(documentWriteVerdict({ access: 'redacteur', pactStatus: 'actief' })).toEqual({ allowed: false, reason: 'pact-signed' })
  })

  it('never lets a commentator, lezer or non-member write, whatever the status', () => {
    const readOnly = { allowed: false, reason: 'read-only-access' }
    expect(documentWriteVerdict({ access: 'commentator', pactStatus: 'concept' })).toEqual(readOnly)
    expect(documentWriteVerdict({ access: 'lezer', pactStatus: 'getekend' })).toEqual(readOnly)
    expect(documentWriteVerdict({ access: null, pactStatus: 'concept' })).toEqual({ allowed: false, reason: 'no-access' })
  })
})

describe('writeOffer', () => {
  it('carries the verdict’s reason to the page, so its notice says why, not who may write in general', () => {
    expect(writeOffer(documentWriteVerdict({ access: 'beheerder', pactStatus: 'getekend' }))).toEqual({
      canEdit: false,
      readOnly: 'pact-signed',
    })
    expect(writeOffer(documentWriteVerdict({ access: 'lezer', pactStatus: 'concept' }))).toEqual({
      canEdit: false,
      readOnly: 'read-only-access',
    })
    expect(writeOffer(documentWriteVerdict({ access: 'redacteur', pactStatus: 'concept' }))).toEqual({
      canEdit: true,
      readOnly: null,
    })
  })
})
