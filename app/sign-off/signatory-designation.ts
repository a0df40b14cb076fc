import type { AccessLevel } from '#app/access/access.ts'

/**
 * Who may designate signatories for a signing party: the party itself, never another party.
 * That is the party's own beheerders on the pact; a party without a beheerder is represented by
 * its first member on the pact (the earliest to join; at the same moment, the lowest user id),
 * whatever that member's access. A beheerder of another party — the municipality's, say — may not:
 * each party decides who speaks for it. The akkoord page says exactly this (signoff.signatories.lead).
 */
export interface PactMemberOfParty {
  userId: string
  partyId: string
  access: AccessLevel
  /** ISO 8601: when the person joined the pact. */
  joinedAt: string
}

/** The people who may designate signatories for `partyId`, as user ids; empty when the party has no members. */
export function signatoryDesignators(partyId: string, members: readonly PactMemberOfParty[]): string[] {
  const own = members.filter((member) => member.partyId === partyId)
  const managers = own.filter((member) => member.access === 'beheerder')
  if (managers.length > 0) return managers.map((member) => member.userId)
  const [first] = [...own].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.userId.localeCompare(b.userId))
  return first ? [first.userId] : []
}

export function mayDesignateSignatories(userId: string, partyId: string, members: readonly PactMemberOfParty[]): boolean {
  return signatoryDesignators(partyId, members).includes(userId)
}
