import type { ParseKeys, TFunction } from 'i18next'

/**
 * Every text key, from the Dutch texts (English is typed to have exactly the same keys). With the
 * declaration in `i18next.d.ts`, `t('missing.key')` fails the type check.
 */
export type MessageKey = ParseKeys

/**
 * A key written where it is not yet translated (a Zod message, an action's answer), checked against
 * the texts at compile time: `messageKey('errors.email.invalid')`.
 */
export function messageKey<const Key extends MessageKey>(key: Key): Key {
  return key
}

/**
 * The text for a message that reaches the page as plain data: a form error Conform sends back, a
 * validation issue, a stored reason. Its key was checked where it was written (`messageKey`); an
 * unknown one shows as it is instead of breaking the page.
 */
export function messageText(t: TFunction, message: string): string {
  return t(message as MessageKey, { defaultValue: message })
}
