import { describe, expect, it } from 'vitest'
import { createI18n, loadLocale, pickLocale } from './config.ts'
import { formatDate } from './format.ts'

describe('language choice', () => {
  it('is Dutch unless the person chose English', () => {
    expect(pickLocale(null)).toBe('nl')
    expect(pickLocale('nl')).toBe('nl')
    expect(pickLocale('en')).toBe('en')
    expect(pickLocale('klingon')).toBe('nl')
  })

  it('translates schema message keys in both languages', async () => {
    await loadLocale('en')
    expect(createI18n('nl').t('errors.password.tooShort')).toBe('Kies een wachtwoord van minimaal 12 tekens.')
    expect(createI18n('en').t('errors.password.tooShort')).toBe('Choose a password of at least 12 characters.')
  })

  it('writes dates as Dutch dates in Dutch time', () => {
    // 23:30 UTC on 31 December is already New Year in Amsterdam.
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('1 januari 2027')
  })
})
