import { describe, expect, it } from 'vitest'
import { ACCESS_LEVELS, can, PACT_PERMISSIONS, type AccessLevel, type PactPermission } from './access.ts'

const expected: Record<AccessLevel, PactPermission[]> = {
  beheerder: ['view', 'comment', 'edit', 'manage', 'report', 'fix-period'],
  redacteur: ['view', 'comment', 'edit', 'report'],
  commentator: ['view', 'comment'],
  lezer: ['view'],
}

describe('pact permissions per access level', () => {
  for (const level of ACCESS_LEVELS) {
    for (const permission of PACT_PERMISSIONS) {
      const allowed = expected[level].includes(permission)
      it(`${level} ${allowed ? 'may' : 'may not'} ${permission}`, () => {
        expect(can(level, permission)).toBe(allowed)
      })
    }
  }

  it('no membership grants nothing', () => {
    for (const permission of PACT_PERMISSIONS) {
      expect(can(null, permission)).toBe(false)
      expect(can(undefined, permission)).toBe(false)
    }
  })
})
