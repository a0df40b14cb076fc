import { describe, expect, it } from 'vitest'
import { CloseCode, RefusalError } from './close-codes.ts'
import { checkFrame, createSendBudget, createTokenBucket, DEFAULT_LIMITS, RefusalCooldown } from './limits.ts'

describe('createTokenBucket', () => {
  it('allows a burst, then the sustained rate', () => {
    let now = 0
    const bucket = createTokenBucket(10, 3, () => now)
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false])
    now += 100
    expect([bucket.take(), bucket.take()]).toEqual([true, false])
    now += 10_000
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false])
  })
})

describe('checkFrame', () => {
  const frame = new ArrayBuffer(100)

  it('refuses text frames with 1003', () => {
    expect(() => checkFrame(frame, false, createSendBudget(DEFAULT_LIMITS))).toThrow(
      new RefusalError(CloseCode.unsupportedData, 'text-frame'),
    )
  })

  it('refuses a connection over its message or byte budget with 1008', () => {
    let now = 0
    const byMessages = createSendBudget({ ...DEFAULT_LIMITS, messagesPerSecond: 1, messageBurst: 2 }, () => now)
    checkFrame(frame, true, byMessages)
    checkFrame(frame, true, byMessages)
    expect(() => checkFrame(frame, true, byMessages)).toThrow(new RefusalError(CloseCode.policyViolation, 'rate-limit'))

    const byBytes = createSendBudget({ ...DEFAULT_LIMITS, bytesPerSecond: 100, byteBurst: 250 }, () => now)
    checkFrame(frame, true, byBytes)
    checkFrame(frame, true, byBytes)
    expect(() => checkFrame(frame, true, byBytes)).toThrow(RefusalError)
    now += 1_000
    checkFrame(frame, true, byBytes)
  })

  it('lets a maximal message through on a fresh connection by default', () => {
    expect(() =>
      checkFrame(new ArrayBuffer(DEFAULT_LIMITS.maxMessageBytes), true, createSendBudget(DEFAULT_LIMITS)),
    ).not.toThrow()
  })
})

describe('RefusalCooldown', () => {
  it('turns a person away from a pact after the set number of refusals in the window, until the oldest leaves it', () => {
    let now = 0
    const cooldown = new RefusalCooldown({ refusalsBeforeCooldown: 3, refusalWindowMs: 60_000 }, () => now)
    cooldown.noteRefusal('pact', 'henk')
    now = 10_000
    cooldown.noteRefusal('pact', 'henk')
    expect(cooldown.isCoolingDown('pact', 'henk')).toBe(false)
    now = 20_000
    cooldown.noteRefusal('pact', 'henk')
    expect(cooldown.isCoolingDown('pact', 'henk')).toBe(true)
    // Someone else, and the same person in another pact, are not.
    expect(cooldown.isCoolingDown('pact', 'anouk')).toBe(false)
    expect(cooldown.isCoolingDown('other pact', 'henk')).toBe(false)
    now = 60_001
    expect(cooldown.isCoolingDown('pact', 'henk')).toBe(false)
  })
})
