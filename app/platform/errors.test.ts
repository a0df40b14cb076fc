import { describe, expect, it } from 'vitest'
import { createI18n } from './i18n/config.ts'
import { forbidden, notFound, Refusal, refusalMessage, refusalResponse } from './errors.ts'

describe('refusals', () => {
  it('answer with their 4xx status and a message the error page can show', () => {
    const response = refusalResponse(new Refusal(409, 'errors.member.lastManager'))
    expect(response.init?.status).toBe(409)
    expect(refusalMessage(response.data)).toBe('errors.member.lastManager')
  })

  it('have a Dutch text for the common ones', () => {
    const { t } = createI18n('nl')
    for (const refusal of [notFound(), forbidden()]) {
      expect(t(refusal.messageKey)).not.toBe(refusal.messageKey as string)
    }
    expect(notFound().status).toBe(404)
    expect(forbidden().status).toBe(403)
  })

  it('are told apart from other error data', () => {
    expect(refusalMessage(null)).toBeNull()
    expect(refusalMessage('not-found')).toBeNull()
    expect(refusalMessage({ message: 'not-found' })).toBeNull()
    expect(refusalMessage({ refusal: { message: 42 } })).toBeNull()
  })
})
