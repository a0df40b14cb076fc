import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createI18n } from './config.ts'
import { en } from './en.ts'
import { messageKey } from './keys.ts'
import { nl } from './nl.ts'

// Keys passed to `t` are checked by the type check (i18next.d.ts). What the type check cannot see are
// keys written as plain strings and translated later: Zod messages in schemas (`errors.email.invalid`,
// `signoff.errors.*`), refusal messages, actions' answers. This test finds every such literal.

function leafKeys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value as object, `${prefix}${key}.`),
  )
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    // Server modules and migrations are left out: their dotted names are SQL columns ('pacts.status').
    const candidate = /\.(ts|tsx)$/.test(name) && !/\.(test|server)\.tsx?$|texts\.(nl|en)\.ts$/.test(name)
    return candidate && !full.includes(`${path.sep}migrations${path.sep}`) ? [full] : []
  })
}

const namespaces = Object.keys(nl)
// A quoted dotted name whose first part is a namespace of the texts, e.g. 'signoff.errors.stale'.
const keyLiteral = new RegExp(`['"]((?:${namespaces.join('|')})(?:\\.[A-Za-z0-9-]+)+)['"]`, 'g')
const notAKey = /\.(ts|tsx|css|js|json)$/

describe('texts', () => {
  it('English has exactly the Dutch keys', () => {
    expect(leafKeys(en).sort()).toEqual(leafKeys(nl).sort())
  })

  it('no text is empty', () => {
    const empty = (tree: object): string[] =>
      Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? (value.trim() ? [] : [key]) : empty(value)))
    expect(empty(nl)).toEqual([])
    expect(empty(en)).toEqual([])
  })
})

describe('message keys written as strings', () => {
  const used = new Map<string, string>()
  for (const file of sourceFiles('app')) {
    for (const match of readFileSync(file, 'utf8').matchAll(keyLiteral)) {
      if (!notAKey.test(match[1]!)) used.set(match[1]!, file)
    }
  }

  it('are found in the sources, schema messages and sign-off errors among them', () => {
    expect(used.size).toBeGreaterThan(60)
    expect([...used.keys()]).toContain('errors.email.invalid')
    expect([...used.keys()].some((key) => key.startsWith('signoff.errors.'))).toBe(true)
  })

  for (const locale of ['nl', 'en'] as const) {
    it(`all have a ${locale} text`, () => {
      const i18n = createI18n(locale)
      const known = new Set(leafKeys(locale === 'nl' ? nl : en))
      // Counted texts have their plural forms as keys (`caption_one`, `caption_other`).
      const hasText = (key: string) => known.has(key) || i18n.exists(key, { count: 2 })
      const missing = [...used].filter(([key]) => !hasText(key)).map(([key, file]) => `${key} (${file})`)
      expect(missing).toEqual([])
    })
  }
})

describe('typed keys', () => {
  it('a key is checked where it is written', () => {
    expect(messageKey('errors.email.invalid')).toBe('errors.email.invalid')
    // @ts-expect-error a key without a text does not type-check
    messageKey('errors.email.nonsense')
    const t = createI18n('nl').t
    // @ts-expect-error nor does translating it
    t('missing.key')
  })
})
