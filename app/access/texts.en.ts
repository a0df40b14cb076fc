import type { readOnlyNl } from './texts.nl.ts'

export const readOnlyEn: typeof readOnlyNl = {
  reasons: {
    'no-access': 'You are not (or no longer) a member of this pact. You cannot change anything here.',
    'read-only-access':
      'You can read this, but not change it: your role in this pact is {{access}}. Editors and managers can make changes; ask your party’s manager for another role.',
    'pact-signed':
      'This pact has been signed: its text, result areas, budgets and risk sharing are fixed, and clauses are no longer decided on. To change anything, a manager starts an amendment on the Approval page.',
    'suggestions-only':
      'This pact is set to "Suggestions only": every change to the text becomes a suggestion everyone sees. Result areas, budgets and risk sharing cannot be suggested, so they are fixed while this is on; a manager switches it off in Settings.',
  },
  startAmendment: 'To Approval, to start an amendment',
  toSettings: 'To Settings, to switch "Suggestions only" off',
}
