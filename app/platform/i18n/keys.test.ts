import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createI18n } from './config.ts'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts') ? [full] : []
  })
}

// Schemas and actions return message keys; a key without a text would show raw to a user.
const keyPattern = /['"`]((?:model\.)?errors\.[a-zA-Z]+(?:\.[a-zA-Z]+)*)['"`]/g

describe('message keys', () => {
  const used = new Set<string>()
  for (const file of sourceFiles('app')) {
    for (const match of readFileSync(file, 'utf8').matchAll(keyPattern)) used.add(match[1]!)
  }

  it('are found in the sources', () => {
    expect(used.size).toBeGreaterThan(30)
  })

  for (const locale of ['nl', 'en'] as const) {
    it(`all have a ${locale} text`, () => {
      const i18n = createI18n(locale)
      const missing = [...used].filter((key) => !i18n.exists(key))
      expect(missing).toEqual([])
    })
  }
})
