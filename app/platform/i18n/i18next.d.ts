import type { nl } from './nl.ts'

// Every `t(key)` is checked against the Dutch texts: a key without a text fails the type check.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof nl }
  }
}
