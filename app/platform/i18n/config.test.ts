import { describe, expect, it } from 'vitest'
import { createI18n, pickLocale } from './config.ts'
import { formatDate } from './format.ts'

describe('language choice', () => {
  it('is Dutch unless the person chose English or their browser prefers it', () => {
    expect(pickLocale(null, null)).toBe('nl')
    expect(pickLocale(null, 'fr-FR,fr;q=0.9')).toBe('nl')
    expect(pickLocale(null, 'en-GB,en;q=0.9,nl;q=0.8')).toBe('en')
    expect(pickLocale(null, 'nl-NL,en;q=0.5')).toBe('nl')
    expect(pickLocale('nl', 'en-US')).toBe('nl')
    expect(pickLocale('en', null)).toBe('en')
    expect(pickLocale('klingon', null)).toBe('nl')
  })

  it('translates schema message keys in both languages', () => {
    expect(createI18n('nl').t('errors.password.tooShort')).toBe('Kies een wachtwoord van minimaal 12 tekens.')
    expect(createI18n('en').t('errors.password.tooShort')).toBe('Choose a password of at least 12 characters.')
  })

  it('writes dates as Dutch dates in Dutch time', () => {
    // 23:30 UTC on 31 December is already New Year in Amsterdam.
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('1 januari 2027')
  })
})
