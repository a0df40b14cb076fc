import { data } from 'react-router'
import type { MessageKey } from './i18n/keys.ts'

/**
 * The one type for refusals a user can cause: asking for something that is not there or not
 * theirs, sending what the rules do not allow, acting on a text that changed meanwhile. It
 * carries the HTTP status (always 4xx) and an i18n key for the Dutch (or English) message,
 * optionally per field. Capability code throws it; routes answer with its status (a form shows
 * the message beside the form, a page shows it in the error boundary). Anything else thrown is
 * a fault of ours: logged with context, answered 5xx.
 */
export type RefusalStatus = 400 | 403 | 404 | 409 | 422 | 429

export class Refusal extends Error {
  readonly status: RefusalStatus
  /** An i18n key, e.g. `signoff.errors.staleContent`. */
  readonly messageKey: MessageKey
  readonly fieldErrors: Record<string, string[]> | undefined

  constructor(
    status: RefusalStatus,
    messageKey: MessageKey,
    options: { fieldErrors?: Record<string, string[]>; cause?: unknown } = {},
  ) {
    super(messageKey, { cause: options.cause })
    this.name = 'Refusal'
    this.status = status
    this.messageKey = messageKey
    this.fieldErrors = options.fieldErrors
  }
}

export const notFound = () => new Refusal(404, 'errors.page.notFound.body')
export const forbidden = () => new Refusal(403, 'errors.page.forbidden.body')

/** What a refused page request answers, for the error boundary to show. */
export interface RefusalBody {
  refusal: { message: string }
}

/**
 * A refusal as the route's response: throw it from a loader or action
 * (`throw refusalResponse(notFound())`) and the nearest error boundary shows its message.
 */
export function refusalResponse(refusal: Refusal) {
  return data<RefusalBody>({ refusal: { message: refusal.messageKey } }, { status: refusal.status })
}

/** The message key of a refused page request (an error boundary's `error.data`), if it is one. */
export function refusalMessage(errorData: unknown): string | null {
  if (typeof errorData !== 'object' || errorData === null || !('refusal' in errorData)) return null
  const { refusal } = errorData as { refusal: unknown }
  if (typeof refusal !== 'object' || refusal === null || !('message' in refusal)) return null
  return typeof refusal.message === 'string' ? refusal.message : null
}
