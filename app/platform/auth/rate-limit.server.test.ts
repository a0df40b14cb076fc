import { beforeAll, describe, expect, it } from 'vitest'
import { migrateToLatest } from '#app/platform/db/db.server.ts'
import { claimSignInAttempt, delayAfter, MAX_DELAY_MS, signInKeys, signInSucceeded } from './rate-limit.server.ts'

beforeAll(async () => {
  await migrateToLatest()
})

const at = (start: Date, ms: number) => new Date(start.getTime() + ms)

describe('sign-in delay', () => {
  it('is free at first, then doubles with every failure, up to 15 minutes', () => {
    expect([0, 4].map((failures) => delayAfter(failures, 5))).toEqual([0, 0])
    expect([5, 6, 7, 8].map((failures) => delayAfter(failures, 5))).toEqual([1000, 2000, 4000, 8000])
    expect(delayAfter(20, 5)).toBe(MAX_DELAY_MS)
    expect(delayAfter(10_000, 5)).toBe(MAX_DELAY_MS)
  })
})

describe('claiming sign-in attempts', () => {
  it('refuses while the delay runs and allows the next attempt when it is over', async () => {
    const keys = signInKeys({ email: 'Wacht@Example.nl', clientAddress: '198.51.100.1' })
    const start = new Date('2026-11-30T10:00:00Z')
    for (let attempt = 0; attempt < 5; attempt++) expect(await claimSignInAttempt(keys, start)).toEqual({ allowed: true })
    expect(await claimSignInAttempt(keys, at(start, 999))).toEqual({ allowed: false, retryAfterMs: 1 })
    expect(await claimSignInAttempt(keys, at(start, 1000))).toEqual({ allowed: true })
    expect(await claimSignInAttempt(keys, at(start, 2000))).toEqual({ allowed: false, retryAfterMs: 1000 })
    expect(await claimSignInAttempt(keys, at(start, 3000))).toEqual({ allowed: true })
    expect(await claimSignInAttempt(keys, at(start, 3000 + 3999))).toMatchObject({ allowed: false })
  })

  it('starts the account afresh after a success, and forgets counts after a day', async () => {
    const keys = signInKeys({ email: 'vergeet@example.nl', clientAddress: '198.51.100.2' })
    const start = new Date('2026-11-30T10:00:00Z')
    for (let attempt = 0; attempt < 5; attempt++) await claimSignInAttempt(keys, start)
    expect(await claimSignInAttempt(keys, start)).toMatchObject({ allowed: false })
    await signInSucceeded(keys)
    expect(await claimSignInAttempt(keys, start)).toEqual({ allowed: true })

    const other = signInKeys({ email: 'later@example.nl', clientAddress: '198.51.100.3' })
    for (let attempt = 0; attempt < 5; attempt++) await claimSignInAttempt(other, start)
    const nextDay = at(start, 24 * 60 * 60 * 1000 + 1)
    expect(await claimSignInAttempt(other, nextDay)).toEqual({ allowed: true })
    expect(await claimSignInAttempt(other, nextDay)).toEqual({ allowed: true })
  })

  it('counts a known device apart from the account and the address', () => {
    expect(signInKeys({ email: 'a@example.nl', clientAddress: '1.2.3.4', knownDeviceId: 'abc' }).map((k) => k.key)).toEqual([
      'device:abc',
    ])
    expect(signInKeys({ email: 'A@example.nl', clientAddress: '1.2.3.4' }).map((k) => k.key)).toEqual([
      'account:a@example.nl',
      'address:1.2.3.4',
    ])
  })
})
