import { describe, expect, it } from 'vitest'
import { safeRedirectPath } from './redirect.ts'

describe('safeRedirectPath', () => {
  it('keeps paths on our own origin, with query and fragment', () => {
    expect(safeRedirectPath('/pacts/abc?x=1#y', '/pacts')).toBe('/pacts/abc?x=1#y')
    expect(safeRedirectPath('/uitnodiging/abc', '/pacts')).toBe('/uitnodiging/abc')
  })

  it('refuses every way of naming another site', () => {
    const evil = [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '\t//evil.example',
      ' //evil.example',
      'javascript:alert(1)',
      'evil.example',
      '',
      null,
      undefined,
      42,
    ]
    for (const value of evil) expect(safeRedirectPath(value, '/pacts')).toBe('/pacts')
  })

  it('never returns a control character a Location header would choke on', () => {
    const target = safeRedirectPath('/pacts/\nx\u0000y', '/pacts')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is checked for
    expect(target).not.toMatch(/[\u0000-\u001f]/)
    expect(() => new Headers({ Location: target })).not.toThrow()
  })
})
