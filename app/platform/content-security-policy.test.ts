import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from './content-security-policy.ts'

describe('contentSecurityPolicy', () => {
  it('runs only our scripts and those carrying the nonce, and opens sockets only to our own host', () => {
    const policy = contentSecurityPolicy('abc123', 'https://pact.example.nl/pacts/1')
    expect(policy).toContain("script-src 'self' 'nonce-abc123'")
    expect(policy).toContain("connect-src 'self' wss://pact.example.nl")
    expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/)
    expect(policy).toContain("frame-ancestors 'none'")
    expect(contentSecurityPolicy('n', 'http://127.0.0.1:3000/')).toContain('ws://127.0.0.1:3000')
  })
})
