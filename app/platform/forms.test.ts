import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Refusal } from './errors.ts'
import { answer, asksToConfirm, confirmationAnswer, formIntent, invalidAnswer, isConfirmed, refusedAnswer } from './forms.ts'

const schema = z.object({
  intent: z.literal('rename'),
  name: z.string({ error: 'errors.name.required' }).min(1, { error: 'errors.name.required' }),
})

function form(fields: Record<string, string>) {
  const formData = new FormData()
  for (const [key, value] of Object.entries(fields)) formData.set(key, value)
  return formData
}

describe('form answers', () => {
  it('name the form that was sent', () => {
    expect(formIntent(form({ intent: 'rename' }))).toBe('rename')
    expect(formIntent(form({}))).toBe('')
    expect(answer('rename', { status: 'success' }, { done: 'settings.partyAdded' }).data).toMatchObject({
      form: 'rename',
      done: 'settings.partyAdded',
    })
  })

  it('answer invalid input with 400 and its field errors', () => {
    const submission = parseWithZod(form({ intent: 'rename', name: '' }), { schema })
    const answered = invalidAnswer('rename', submission)
    expect(answered.init?.status).toBe(400)
    expect(answered.data.result.error?.name).toEqual(['errors.name.required'])
  })

  it('answer a refusal with its own status and message', () => {
    const submission = parseWithZod(form({ intent: 'rename', name: 'Nieuw' }), { schema })
    const answered = refusedAnswer('rename', submission, new Refusal(409, 'errors.member.lastManager'))
    expect(answered.init?.status).toBe(409)
    expect(answered.data.result.error?.['']).toEqual(['errors.member.lastManager'])
  })

  it('ask back for a confirmation naming exactly the fields sent, which only the same fields match', () => {
    const sent = form({ intent: 'rename', name: 'Nieuw' })
    expect(isConfirmed(sent)).toBe(false)
    expect(isConfirmed(form({ intent: 'rename', confirmed: 'yes' }))).toBe(true)
    const answered = confirmationAnswer('rename', sent, parseWithZod(sent, { schema }), { extra: 1 })
    expect(answered.init?.status).toBe(409)
    expect(answered.data).toMatchObject({ form: 'rename', done: null, extra: 1 })
    expect(asksToConfirm(answered.data, { intent: 'rename', name: 'Nieuw' })).toBe(true)
    expect(asksToConfirm(answered.data, { intent: 'rename', name: 'Ander' })).toBe(false)
    expect(asksToConfirm(answered.data, { intent: 'rename' })).toBe(false)
    expect(asksToConfirm(answer('rename', { status: 'success' }).data, { intent: 'rename', name: 'Nieuw' })).toBe(false)
    expect(asksToConfirm(undefined, { intent: 'rename' })).toBe(false)
  })
})
