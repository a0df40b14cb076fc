import { describe, expect, it } from 'vitest'
import { isAllowedOrigin } from './origin.server.ts'

const ours = 'https://pactwerk.example'

describe('cross-site request guard', () => {
  it('lets reads through from anywhere', () => {
    expect(isAllowedOrigin('GET', { origin: 'https://evil.example' }, ours)).toBe(true)
  })

  it('accepts a POST from our own origin', () => {
    expect(isAllowedOrigin('POST', { origin: ours }, ours)).toBe(true)
  })

  it('refuses a POST from another origin, even a look-alike', () => {
    expect(isAllowedOrigin('POST', { origin: 'https://evil.example' }, ours)).toBe(false)
    expect(isAllowedOrigin('POST', { origin: 'https://pactwerk.example.evil.example' }, ours)).toBe(false)
    expect(isAllowedOrigin('DELETE', { origin: 'http://pactwerk.example' }, ours)).toBe(false)
  })

  it('without Origin, trusts only the browser saying same-origin', () => {
    expect(isAllowedOrigin('POST', { secFetchSite: 'same-origin' }, ours)).toBe(true)
    expect(isAllowedOrigin('POST', { secFetchSite: 'cross-site' }, ours)).toBe(false)
    expect(isAllowedOrigin('POST', {}, ours)).toBe(false)
  })
})
