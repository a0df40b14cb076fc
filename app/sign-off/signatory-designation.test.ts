import { describe, expect, it } from 'vitest'
import { mayDesignateSignatories, signatoryDesignators, type PactMemberOfParty } from './signatory-designation.ts'

const member = (userId: string, partyId: string, access: PactMemberOfParty['access'], joinedAt: string): PactMemberOfParty => ({
  userId,
  partyId,
  access,
  joinedAt,
})

const members = [
  member('anouk', 'gemeente', 'beheerder', '2026-01-01T09:00:00.000Z'),
  member('bas', 'gemeente', 'redacteur', '2025-12-01T09:00:00.000Z'),
  member('marieke', 'debrug', 'redacteur', '2026-01-02T09:00:00.000Z'),
  member('piet', 'debrug', 'lezer', '2026-01-03T09:00:00.000Z'),
  member('karim', 'welzijn', 'commentator', '2026-01-05T09:00:00.000Z'),
  member('zoë', 'welzijn', 'beheerder', '2026-01-06T09:00:00.000Z'),
  member('yara', 'welzijn', 'beheerder', '2026-01-04T09:00:00.000Z'),
]

describe('signatoryDesignators', () => {
  it('gives a party with beheerders all of them, and only them', () => {
    expect(signatoryDesignators('gemeente', members)).toEqual(['anouk'])
    expect(signatoryDesignators('welzijn', members).sort()).toEqual(['yara', 'zoë'])
  })

  it('gives a party without a beheerder its first member on the pact, whatever that member’s access', () => {
    expect(signatoryDesignators('debrug', members)).toEqual(['marieke'])
    const readerFirst = [...members, member('els', 'debrug', 'lezer', '2026-01-01T00:00:00.000Z')]
    expect(signatoryDesignators('debrug', readerFirst)).toEqual(['els'])
  })

  it('breaks a tie of joining moments by user id, so the answer never depends on the order of the list', () => {
    const same = '2026-02-01T00:00:00.000Z'
    const tied = [member('b', 'p', 'redacteur', same), member('a', 'p', 'redacteur', same)]
    expect(signatoryDesignators('p', tied)).toEqual(['a'])
    expect(signatoryDesignators('p', [...tied].reverse())).toEqual(['a'])
  })

  it('gives nobody for a party without members', () => {
    expect(signatoryDesignators('adviesraad', members)).toEqual([])
  })
})

describe('mayDesignateSignatories', () => {
  it('never lets one party designate for another, not even the municipality’s beheerder', () => {
    expect(mayDesignateSignatories('anouk', 'debrug', members)).toBe(false)
    expect(mayDesignateSignatories('anouk', 'gemeente', members)).toBe(true)
    expect(mayDesignateSignatories('marieke', 'debrug', members)).toBe(true)
    expect(mayDesignateSignatories('piet', 'debrug', members)).toBe(false)
    expect(mayDesignateSignatories('bas', 'gemeente', members)).toBe(false)
    expect(mayDesignateSignatories('karim', 'welzijn', members)).toBe(false)
  })
})
