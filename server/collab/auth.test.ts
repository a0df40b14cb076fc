import { describe, expect, it } from 'vitest'
import { sessionIdFromToken } from '#app/platform/auth/session.server.ts'
import { getDb } from '#app/platform/db/db.server.ts'
import { addMember, createTestPact, setAccess, signOut } from '#tests/support/fixtures.ts'
import { isAllowedOrigin, recheckAccess } from './auth.ts'
import { CloseCode } from './close-codes.ts'
import type { CollabIdentity } from './types.ts'

describe('isAllowedOrigin', () => {
  it('allows the server’s own origin and configured ones', () => {
    expect(isAllowedOrigin('http://localhost:3000', 'localhost:3000', [])).toBe(true)
    expect(isAllowedOrigin('https://pactwerk.nl', 'pactwerk.nl', [])).toBe(true)
    expect(isAllowedOrigin('https://pactwerk.nl', 'pactwerk.nl:443', [])).toBe(true)
    expect(isAllowedOrigin('https://app.pactwerk.nl', 'internal:3000', ['https://app.pactwerk.nl'])).toBe(true)
  })

  it('refuses other sites and opaque origins', () => {
    expect(isAllowedOrigin('https://evil.example', 'pactwerk.nl', [])).toBe(false)
    expect(isAllowedOrigin('https://pactwerk.nl.evil.example', 'pactwerk.nl', [])).toBe(false)
    expect(isAllowedOrigin('http://localhost:3001', 'localhost:3000', [])).toBe(false)
    expect(isAllowedOrigin('null', 'pactwerk.nl', [])).toBe(false)
    expect(isAllowedOrigin('https://pactwerk.nl', undefined, [])).toBe(false)
  })

  it('allows clients that send no Origin: they are not browsers, so carry no victim’s cookies', () => {
    expect(isAllowedOrigin(undefined, 'pactwerk.nl', [])).toBe(true)
  })
})

describe('recheckAccess', () => {
  it('reports each socket’s current access, revoked membership and ended sessions', async () => {
    const pact = await createTestPact()
    const member = await addMember(pact, 'redacteur')
    const leaver = await addMember(pact, 'redacteur')
    const identityOf = (user: { id: string; name: string; cookie: string }): CollabIdentity => ({
      userId: user.id,
      name: user.name,
      sessionId: sessionIdFromToken(user.cookie.split('=')[1]),
      pactId: pact.pactId,
      partyId: pact.partyId,
      partyName: '',
      access: 'redacteur',
      pactStatus: 'concept',
      suggestionsOnly: false,
    })
    const identities = [identityOf(pact.owner), identityOf(member), identityOf(leaver)]
    await setAccess(pact, member, 'lezer')
    await signOut(leaver)

    const [owner, downgraded, signedOut] = await recheckAccess(identities)
    expect(owner).toMatchObject({ status: 'active', access: 'beheerder', partyId: pact.partyId, name: pact.owner.name })
    expect(downgraded).toMatchObject({ status: 'active', access: 'lezer' })
    expect(signedOut).toEqual({ status: 'ended', code: CloseCode.sessionEnded, reason: 'session-ended' })

    const outsider = { ...identityOf(member), pactId: (await createTestPact()).pactId }
    expect(await recheckAccess([outsider])).toEqual([
      { status: 'ended', code: CloseCode.accessRevoked, reason: 'access-revoked' },
    ])
    // The pages' rule for a session's end (sessionFreshness): expired at its expiry, not a moment later.
    const session = await getDb()
      .selectFrom('sessions')
      .select('expires_at')
      .where('user_id', '=', pact.owner.id)
      .executeTakeFirstOrThrow()
    const expiry = new Date(session.expires_at)
    const [atExpiry] = await recheckAccess([identityOf(pact.owner)], expiry)
    expect(atExpiry).toEqual({ status: 'ended', code: CloseCode.sessionEnded, reason: 'session-ended' })
    const [justBefore] = await recheckAccess([identityOf(pact.owner)], new Date(expiry.getTime() - 1))
    expect(justBefore).toMatchObject({ status: 'active', pactStatus: 'concept' })
  })
})
