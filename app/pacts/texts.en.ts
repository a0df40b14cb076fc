import type { pactNl } from './texts.nl.ts'

// The pact's own frame: its header and navigation (namespace `pact.*`).
export const pactEn: typeof pactNl = {
  header: {
    label: 'About this pact',
    status: 'Status',
    party: 'Your party',
    access: 'Your access',
    text: 'Text',
  },
  suggestionsOnly: {
    title: 'Suggestions only',
    explanation:
      'While this is on, every change to the text becomes a suggestion, whoever makes it. Editors and managers then type and delete as suggestions, like commentators, and accept or reject suggestions; so everyone sees what changes, for instance while the pact awaits signatures. Result areas, budgets and risk sharing cannot be suggested: they are fixed while this is on. Whoever has the text open follows the new setting at once.',
    isOn: 'This is on now: every change to the text is a suggestion.',
    isOff: 'This is off now: editors and managers change the text directly.',
    switchOn: 'Switch suggestions only on',
    switchOff: 'Switch suggestions only off',
    switchedOn: 'Suggestions only is on. Every change to the text is now a suggestion.',
    switchedOff: 'Suggestions only is off. Editors and managers change the text directly again.',
    header: 'Suggestions only: every change becomes a suggestion',
  },
  standing: {
    inForce: 'Version {{version}} is in force.',
    amendingConcept: 'Version {{inForce}} is in force; version {{draft}} is in draft.',
    amendingForSignature: 'Version {{inForce}} is in force; version {{draft}} is awaiting signatures.',
    amendmentStatus: 'Amendment: {{status}}',
  },
  nav: {
    label: 'Pact',
    overview: 'Overview',
    document: 'Text',
    areas: 'Result areas and budgets',
    signOff: 'Approval',
    versions: 'Versions',
    progress: 'Progress',
    settlement: 'Settlement and fund',
    audit: 'Audit trail',
    settings: 'Settings',
  },
}
