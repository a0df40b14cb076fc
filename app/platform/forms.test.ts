import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Refusal } from './errors.ts'
import { answer, formIntent, invalidAnswer, refusedAnswer } from './forms.ts'

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
})
