import { z } from 'zod'
import type { RestoreSource } from './restore.ts'

/** The restore form on the versions page: one schema for browser and action; messages are i18n keys. */

/** The form's value for "the current text without what cannot be read"; a version is its number. */
export const RESTORE_READABLE = 'leesbaar'

export const restoreSchema = z.object({
  intent: z.literal('restore'),
  source: z
    .string({ error: 'editor.restore.errors.source' })
    .regex(/^(leesbaar|[1-9][0-9]{0,8})$/, { error: 'editor.restore.errors.source' })
    .transform((value): RestoreSource =>
      value === RESTORE_READABLE ? { kind: 'readable' } : { kind: 'version', number: Number(value) },
    ),
  // The confirmation says in words what happens; without it nothing is replaced.
  confirm: z.preprocess((value) => value === 'on', z.literal(true, { error: 'editor.restore.errors.confirm' })),
})

/** What the back end's refusal codes mean to the beheerder who caused them. */
export const RESTORE_REFUSALS = {
  'not-editable': { status: 409, message: 'editor.restore.errors.notEditable' },
  'unknown-version': { status: 404, message: 'editor.restore.errors.unknownVersion' },
} as const
