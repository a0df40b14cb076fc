import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, migrateToLatest } from '#app/platform/db/db.server.ts'
import { createUser } from '#app/accounts/users.server.ts'
import {
  createSession,
  generateSessionToken,
  invalidateSession,
  readCookie,
  SESSION_LIFETIME_MS,
  sessionCookie,
  sessionFreshness,
  sessionIdFromToken,
  validateSessionToken,
} from './session.server.ts'

const DAY = 24 * 60 * 60 * 1000

describe('session tokens', () => {
  it('are random, long and URL-safe', () => {
    const tokens = new Set(Array.from({ length: 100 }, generateSessionToken))
    expect(tokens.size).toBe(100)
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/)
  })

  it('are stored only as their SHA-256', () => {
    const token = generateSessionToken()
    expect(sessionIdFromToken(token)).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(token))))
    expect(sessionIdFromToken(token)).not.toContain(token)
  })
})

describe('session expiry', () => {
  const now = new Date('2026-11-23T12:00:00Z')
  it('is valid with more than 15 days left, renewed within the last 15, expired after', () => {
    expect(sessionFreshness(new Date(now.getTime() + 20 * DAY), now)).toBe('valid')
    expect(sessionFreshness(new Date(now.getTime() + 10 * DAY), now)).toBe('renew')
    expect(sessionFreshness(new Date(now.getTime()), now)).toBe('expired')
    expect(sessionFreshness(new Date(now.getTime() - 1), now)).toBe('expired')
  })
})

describe('sessions in the database', () => {
  let userId: string
  beforeAll(async () => {
    await migrateToLatest()
    userId = (await createUser({ name: 'Test', email: 'sessie@example.nl', password: 'een lang wachtwoord' })).id
  })

  it('validates, renews in the last 15 days and expires after 30', async () => {
    const start = new Date('2026-01-01T00:00:00Z')
    const token = generateSessionToken()
    const session = await createSession(token, userId, start)
    expect(session.expiresAt.getTime() - start.getTime()).toBe(SESSION_LIFETIME_MS)

    const early = await validateSessionToken(token, new Date(start.getTime() + 5 * DAY))
    expect(early?.user.id).toBe(userId)
    expect(early?.renewed).toBe(false)

    const late = new Date(start.getTime() + 20 * DAY)
    const renewed = await validateSessionToken(token, late)
    expect(renewed?.renewed).toBe(true)
    expect(renewed?.session.expiresAt.getTime()).toBe(late.getTime() + SESSION_LIFETIME_MS)

    // Renewal moved the end: 45 days after the start the session still holds; 51 days after, not.
    expect(await validateSessionToken(token, new Date(start.getTime() + 45 * DAY))).not.toBeNull()
    expect(await validateSessionToken(token, new Date(start.getTime() + 90 * DAY))).toBeNull()
    const row = await getDb().selectFrom('sessions').select('id').where('id', '=', session.id).executeTakeFirst()
    expect(row).toBeUndefined()
  })

  it('is gone after sign-out', async () => {
    const token = generateSessionToken()
    const session = await createSession(token, userId)
    await invalidateSession(session.id)
    expect(await validateSessionToken(token)).toBeNull()
  })

  it('rejects an unknown token', async () => {
    expect(await validateSessionToken(generateSessionToken())).toBeNull()
  })
})

describe('reading cookies', () => {
  it('reads a value, and takes a malformed one for no cookie at all instead of failing', () => {
    expect(readCookie('a=1; pactwerk_session=abc%20def', 'pactwerk_session')).toBe('abc def')
    expect(readCookie('pactwerk_session=%ZZ', 'pactwerk_session')).toBeNull()
    expect(readCookie('pactwerk_session=%E0%A4%A', 'pactwerk_session')).toBeNull()
    expect(readCookie('pactwerk_session=%ZZ; taal=nl', 'taal')).toBe('nl')
  })
})

describe('session cookie', () => {
  const expires = new Date('2026-12-23T00:00:00Z')
  it('is HttpOnly and SameSite=Lax, Secure only over https', () => {
    const plain = sessionCookie(new Request('http://localhost/'), 'abc', expires)
    expect(plain).toContain('HttpOnly')
    expect(plain).toContain('SameSite=Lax')
    expect(plain).not.toContain('Secure')
    expect(sessionCookie(new Request('https://pactwerk.example/'), 'abc', expires)).toContain('Secure')
  })
})
