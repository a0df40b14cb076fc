import type { pactNl } from './texts.nl.ts'

// The pact's own frame: its header and navigation (namespace `pact.*`).
export const pactEn: typeof pactNl = {
  header: {
    label: 'About this pact',
    status: 'Status',
    party: 'Your party',
    access: 'Your access',
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
