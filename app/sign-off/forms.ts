import { z } from 'zod'
import { PACT_STATUSES } from '#app/pacts/lifecycle.ts'
import type { RefusalStatus } from '#app/platform/errors.ts'
import type { MessageKey } from '#app/platform/i18n/keys.ts'
import { DECISIONS, type Decision } from './status.ts'

/**
 * The forms of sign-off: deciding on a clause, discussing it, and a beheerder's management of
 * signatories and the pact's status. One schema per form, shared by browser and action;
 * messages are i18n keys.
 */
export const MAX_EXPLANATION_LENGTH = 2_000
export const MAX_COMMENT_LENGTH = 4_000

const id = (requiredKey: string) =>
  z.string({ error: requiredKey }).trim().min(1, { error: requiredKey }).max(64, { error: requiredKey })

// The hash of the text the page showed: an approval counts only for exactly that text.
const seenHash = z
  .string({ error: 'signoff.errors.staleContent' })
  .regex(/^[0-9a-f]{64}$/, { error: 'signoff.errors.staleContent' })

const explanation = z
  .string()
  .trim()
  .max(MAX_EXPLANATION_LENGTH, { error: 'signoff.errors.explanation.tooLong' })
  .optional()
  .transform((value) => value || null)

// Which open suggestion (its key) a new thread, or a requested change, is about; none when empty.
const suggestionKey = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => value || null)

// Only a requested change points at a suggestion: with another choice a picked one is left out.
function requestedSuggestionOnly<Value extends { decision?: Decision; suggestionKey: string | null }>(value: Value): Value {
  return { ...value, suggestionKey: value.decision === 'wijziging-gevraagd' ? value.suggestionKey : null }
}

export const decisionSchema = z
  .object({
    intent: z.literal('decide'),
    partyId: id('signoff.errors.party.required'),
    decision: z.enum(DECISIONS, { error: 'signoff.errors.decision.required' }),
    seenHash,
    explanation,
    suggestionKey,
  })
  .transform(requestedSuggestionOnly)

export const commentSchema = z.object({
  intent: z.literal('comment'),
  body: z
    .string({ error: 'signoff.errors.comment.required' })
    .trim()
    .min(1, { error: 'signoff.errors.comment.required' })
    .max(MAX_COMMENT_LENGTH, { error: 'signoff.errors.comment.tooLong' }),
  parentId: z.string().trim().max(64).optional(),
  suggestionKey,
})

export const threadStateSchema = z.object({
  intent: z.enum(['resolve', 'reopen']),
  threadId: id('signoff.errors.unknownThread'),
})

export const clauseFormSchema = z.discriminatedUnion('intent', [decisionSchema, commentSchema, threadStateSchema])

/** Which of the clause page's forms was sent: the decision, the new comment, or one thread's reply or state. */
export function clauseFormName(payload: Record<string, unknown>): string {
  if (payload.intent === 'comment' && payload.parentId) return `reply-${String(payload.parentId)}`
  if (payload.intent === 'comment' && payload.suggestionKey) return `comment-${String(payload.suggestionKey)}`
  if (payload.intent === 'resolve' || payload.intent === 'reopen') return `thread-${String(payload.threadId)}`
  return String(payload.intent ?? '')
}

/** The most items one review submits: far above any pact's clauses, a bound on what a request may carry. */
export const MAX_REVIEW_ITEMS = 1_000

/** The review flow's one form: a choice per item (or none yet), each with the hash of the content shown (and, as on the clause page, the suggestion a requested change is about). */
export const reviewSchema = z
  .object({
    intent: z.literal('review'),
    partyId: id('signoff.errors.party.required'),
    items: z
      .array(
        z
          .object({
            clauseId: id('signoff.errors.unknownClause'),
            seenHash,
            decision: z.enum(DECISIONS, { error: 'signoff.errors.decision.required' }).optional(),
            explanation,
            suggestionKey,
          })
          .transform(requestedSuggestionOnly),
      )
      .max(MAX_REVIEW_ITEMS)
      .default([]),
  })
  .transform(({ items, ...rest }) => ({
    ...rest,
    // An item without a choice is left for later: only the choices made are recorded.
    decisions: items.flatMap(({ decision, ...item }) => (decision ? [{ ...item, decision }] : [])),
  }))
  .refine((value) => value.decisions.length > 0, { error: 'signoff.review.errors.nothingChosen' })

export const changeStatusSchema = z.object({
  intent: z.literal('change-status'),
  to: z.enum(PACT_STATUSES, { error: 'signoff.errors.invalidTransition' }),
})

export const signatorySchema = z.object({
  intent: z.enum(['add-signatory', 'remove-signatory']),
  partyId: id('signoff.errors.party.required'),
  userId: id('signoff.errors.person.required'),
})

export const signOffFormSchema = z.discriminatedUnion('intent', [changeStatusSchema, signatorySchema])

/** What the back end's refusal codes mean to the person who caused them. */
const REFUSALS = {
  'not-signatory': { status: 403, message: 'signoff.errors.notSignatory' },
  'not-signing-party': { status: 422, message: 'signoff.errors.notSigningParty' },
  'not-a-member': { status: 422, message: 'signoff.errors.notPartyMember' },
  'not-designator': { status: 403, message: 'signoff.errors.notDesignator' },
  'unknown-clause': { status: 404, message: 'signoff.errors.unknownClause' },
  'unknown-thread': { status: 404, message: 'signoff.errors.unknownThread' },
  'stale-content': { status: 409, message: 'signoff.errors.staleContent' },
  'not-open-for-decisions': { status: 409, message: 'signoff.errors.notOpenForDecisions' },
  'open-clauses': { status: 409, message: 'signoff.errors.openClauses' },
  'open-suggestions': { status: 409, message: 'signoff.errors.openSuggestions' },
  'unknown-suggestion': { status: 409, message: 'signoff.errors.unknownSuggestion' },
  'invalid-transition': { status: 409, message: 'signoff.errors.invalidTransition' },
} as const satisfies Record<string, { status: RefusalStatus; message: MessageKey }>

export type RefusalCode = keyof typeof REFUSALS

export function refusalFor(code: RefusalCode): { status: RefusalStatus; message: MessageKey } {
  return REFUSALS[code]
}
