import { describe, expect, it } from 'vitest'
import { collabPactId } from './upgrade.ts'

describe('collabPactId', () => {
  it('takes the pact id from /collab/<pactId>, ignoring the query string', () => {
    expect(collabPactId('/collab/abc123def456ghi789jk')).toBe('abc123def456ghi789jk')
    expect(collabPactId('/collab/abc123?token=x')).toBe('abc123')
  })

  it('rejects other paths', () => {
    for (const url of [undefined, '/', '/collab', '/collab/', '/collab/a/b', '/other/abc', '/collab/../etc', '/collab/a%20b']) {
      expect(collabPactId(url)).toBeNull()
    }
  })
})
