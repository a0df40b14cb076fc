import type { Submission, SubmissionResult } from '@conform-to/react'
import { useEffect, useState } from 'react'
import { data, useActionData, useNavigation } from 'react-router'
import type { Refusal } from './errors.ts'
import type { MessageKey } from './i18n/keys.ts'

/**
 * Pages with several forms: each form sends a hidden `intent` (plus an id where a form repeats
 * per row), the action answers naming that form, and only that form shows the answer. Invalid
 * input and refusals answer with a 4xx status, so neither a browser nor a test mistakes them for
 * success (and React Router does not reload the page's data after them).
 */

/** Which form was sent: its `intent` field, as the page's forms set it. */
export function formIntent(formData: FormData): string {
  const intent = formData.get('intent')
  return typeof intent === 'string' ? intent : ''
}

/**
 * How a form checks its fields as they are filled in (spread into Conform's useForm): a field is
 * checked when it is left, and once it shows an error, again at every keystroke or choice. Were it
 * re-checked only when left, pressing the submit button would take the focus from the last field
 * corrected, remove its error message and move the button up under the pointer before the click
 * lands: the first valid submit after an invalid one would send nothing.
 */
export const checkAsFilledIn = { shouldValidate: 'onBlur', shouldRevalidate: 'onInput' } as const

/** What was done, shown beside the form: an i18n key, or a key with the values its text names. */
export type Done = MessageKey | ({ key: MessageKey } & Record<string, string | number | undefined>)

export interface FormAnswer<D extends Done = Done> {
  /** The form that was sent (its intent, or intent plus row id). */
  form: string
  result: SubmissionResult<string[]>
  done: D | null
}

/** The answer to one form. `extra` carries what a form shows besides its result (e.g. a new link). */
export function answer<Extra extends object = object>(
  form: string,
  result: SubmissionResult<string[]>,
  { status = 200, done = null, ...extra }: { status?: number; done?: Done | null } & Extra = {} as Extra,
) {
  return data({ form, result, done, ...(extra as Extra) } satisfies FormAnswer & Extra, { status })
}

/** Input the schema did not accept: the form shows its field errors, with 400. */
export function invalidAnswer(form: string, submission: Submission<unknown>) {
  return answer(form, submission.reply(), { status: 400 })
}

/** Something the rules do not allow: the form shows the refusal's message, with its 4xx status. */
export function refusedAnswer(form: string, submission: Submission<unknown>, refusal: Refusal) {
  return answer(form, submission.reply({ formErrors: [refusal.messageKey], fieldErrors: refusal.fieldErrors }), {
    status: refusal.status,
  })
}

/**
 * In a page: the action's answer, if it answers this form. It stays until the next submission:
 * a live page reloads its data when others act (useLivePact), and React Router forgets the
 * action's answer on such a reload, which would wipe a refusal before anyone read it.
 */
export function useFormAnswer<Answer extends FormAnswer = FormAnswer>(form: string): Answer | undefined {
  const answered = useActionData() as Answer | undefined
  const { state } = useNavigation()
  const [kept, setKept] = useState<Answer | undefined>(answered)
  useEffect(() => {
    if (answered) setKept(answered)
  }, [answered])
  useEffect(() => {
    if (state === 'submitting') setKept(undefined)
  }, [state])
  const current = answered ?? kept
  return current?.form === form ? current : undefined
}

/**
 * Actions that cannot be undone ask first. With JavaScript ConfirmButton asks in a dialog and its
 * confirm button sends CONFIRMED along; without JavaScript there is no dialog, so the button posts
 * its fields bare. The action then changes nothing and answers with the fields it was sent as
 * `unconfirmed`: the ConfirmButton that sends exactly those shows its question as a real form.
 */
export const CONFIRMED = { confirmed: 'yes' } as const

export function isConfirmed(formData: FormData): boolean {
  return formData.get('confirmed') === CONFIRMED.confirmed
}

/** The answer to an unconfirmed submission: nothing was done, the page asks (409, so it is no success). */
export function confirmationAnswer<Extra extends object>(
  form: string,
  formData: FormData,
  submission: Submission<unknown>,
  extra: Extra,
) {
  const unconfirmed: Record<string, string> = {}
  for (const [name, value] of formData) if (typeof value === 'string') unconfirmed[name] = value
  return answer(form, submission.reply(), { status: 409, unconfirmed, ...extra })
}

/** Whether an answer asks to confirm exactly these fields. */
export function asksToConfirm(answered: unknown, fields: Record<string, string>): boolean {
  const unconfirmed =
    answered && typeof answered === 'object' && 'unconfirmed' in answered
      ? (answered.unconfirmed as Record<string, string>)
      : null
  if (!unconfirmed) return false
  const names = Object.keys(fields)
  return names.length === Object.keys(unconfirmed).length && names.every((name) => unconfirmed[name] === fields[name])
}
