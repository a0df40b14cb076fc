import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? sources(full) : /\.tsx?$/.test(name) ? [full] : []
  })
}

describe('the audit trail', () => {
  it('has no code path that updates or deletes it', () => {
    const offenders = [...sources('app'), ...sources('server')].filter((file) =>
      /(updateTable|deleteFrom)\(\s*['"]audit_events['"]|(UPDATE|DELETE FROM)\s+audit_events/i.test(readFileSync(file, 'utf8')),
    )
    expect(offenders).toEqual([])
  })
})
