import { describe, expect, it } from 'vitest'
import { navPosition, pactNavigation } from './pact-pages.ts'

describe('pact navigation', () => {
  it('offers every page to a beheerder and hides the settings from others', () => {
    expect(pactNavigation('p1', 'beheerder').map((item) => item.key)).toEqual([
      'overview',
      'document',
      'areas',
      'signOff',
      'versions',
      'progress',
      'settlement',
      'audit',
      'settings',
    ])
    expect(pactNavigation('p1', 'lezer').map((item) => item.key)).not.toContain('settings')
    expect(pactNavigation('p1', 'redacteur')[0]).toEqual({ key: 'overview', href: '/pacts/p1' })
  })

  it('marks the page itself, and the page a sub-page belongs to', () => {
    expect(navPosition('/pacts/p1', 'p1', 'overview')).toBe('page')
    expect(navPosition('/pacts/p1/', 'p1', 'overview')).toBe('page')
    expect(navPosition('/pacts/p1/akkoord', 'p1', 'overview')).toBeNull()
    expect(navPosition('/pacts/p1/akkoord', 'p1', 'signOff')).toBe('page')
    expect(navPosition('/pacts/p1/artikelen/c1', 'p1', 'signOff')).toBe('section')
    expect(navPosition('/pacts/p1/leesversie', 'p1', 'document')).toBe('section')
    expect(navPosition('/pacts/p1/versies/2', 'p1', 'versions')).toBe('section')
    expect(navPosition('/pacts/p1/vergelijken', 'p1', 'versions')).toBe('section')
    expect(navPosition('/pacts/p1/voortgang/rapporteren', 'p1', 'progress')).toBe('section')
    expect(navPosition('/pacts/p1/afrekening/2027', 'p1', 'settlement')).toBe('section')
    expect(navPosition('/pacts/p12/akkoord', 'p1', 'signOff')).toBeNull()
  })
})
