import { z } from 'zod'

/**
 * One schema per form, used by the browser (instant feedback) and the action (the truth).
 * Messages are i18n keys, translated where they are shown.
 */
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 256

const email = z
  .string({ error: 'errors.email.required' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'errors.email.invalid' })
  .pipe(z.email({ error: 'errors.email.invalid' }))

export const passwordSchema = z
  .string({ error: 'errors.password.required' })
  .min(PASSWORD_MIN_LENGTH, { error: 'errors.password.tooShort' })
  .max(PASSWORD_MAX_LENGTH, { error: 'errors.password.tooLong' })
  .refine((value) => value.trim().length > 0, { error: 'errors.password.tooShort' })

export const signUpSchema = z.object({
  name: z
    .string({ error: 'errors.name.required' })
    .trim()
    .min(1, { error: 'errors.name.required' })
    .max(120, { error: 'errors.tooLong' }),
  email,
  password: passwordSchema,
  redirectTo: z.string().optional(),
})

export const signInSchema = z.object({
  email,
  password: z.string({ error: 'errors.password.required' }).max(PASSWORD_MAX_LENGTH, { error: 'errors.password.tooLong' }),
  redirectTo: z.string().optional(),
})
