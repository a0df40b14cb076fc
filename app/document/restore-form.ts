import { z } from 'zod'
import type { RefusalStatus } from '#app/platform/errors.ts'
import type { MessageKey } from '#app/platform/i18n/keys.ts'
import type { DocumentWriteRefusal } from '#app/access/write-policy.ts'
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

/** Why a restore is refused: the write rule's reason, or a version that is not there. */
export type RestoreErrorCode = DocumentWriteRefusal | 'unknown-version'

/** What the back end's refusal codes mean to the beheerder who caused them. */
export const RESTORE_REFUSALS = {
  'no-access': { status: 404, message: 'errors.page.notFound.body' },
  'read-only-access': { status: 403, message: 'errors.page.forbidden.body' },
  'pact-signed': { status: 409, message: 'editor.restore.errors.notEditable' },
  'suggestions-only': { status: 409, message: 'editor.restore.errors.suggestionsOnly' },
  'unknown-version': { status: 404, message: 'editor.restore.errors.unknownVersion' },
} as const satisfies Record<RestoreErrorCode, { status: RefusalStatus; message: MessageKey }>
