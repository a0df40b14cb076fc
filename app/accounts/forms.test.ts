import { describe, expect, it } from 'vitest'
import { passwordSchema, signUpSchema } from './forms.ts'

describe('password rules', () => {
  it('accepts 12 characters or more', () => {
    expect(passwordSchema.safeParse('twaalf tekens').success).toBe(true)
    expect(passwordSchema.safeParse('a'.repeat(256)).success).toBe(true)
  })

  it('refuses shorter, blank or absurdly long passwords with a message key', () => {
    expect(passwordSchema.safeParse('elf tekens!').error?.issues[0]?.message).toBe('errors.password.tooShort')
    expect(passwordSchema.safeParse(' '.repeat(14)).error?.issues[0]?.message).toBe('errors.password.tooShort')
    expect(passwordSchema.safeParse('a'.repeat(257)).error?.issues[0]?.message).toBe('errors.password.tooLong')
  })
})

describe('sign-up schema', () => {
  it('normalises the e-mail address', () => {
    const parsed = signUpSchema.parse({ name: ' Anouk ', email: ' Anouk@Zuiderveen.NL ', password: 'lang genoeg wachtwoord' })
    expect(parsed).toMatchObject({ name: 'Anouk', email: 'anouk@zuiderveen.nl' })
  })

  it('refuses a malformed e-mail address', () => {
    const result = signUpSchema.safeParse({ name: 'A', email: 'anouk@', password: 'lang genoeg wachtwoord' })
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['errors.email.invalid'])
  })
})
