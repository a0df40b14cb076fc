export const PACT_STATUSES = ['concept', 'ter-ondertekening', 'getekend', 'actief'] as const
export type PactStatus = (typeof PACT_STATUSES)[number]

/**
 * A pact's life: concept → ter ondertekening → getekend → actief. Going back from "ter
 * ondertekening" to concept is allowed; an amendment (wijziging) takes a signed or active
 * pact back to concept, starting from the signed text.
 */
const NEXT: Record<PactStatus, readonly PactStatus[]> = {
  concept: ['ter-ondertekening'],
  'ter-ondertekening': ['concept', 'getekend'],
  getekend: ['actief', 'concept'],
  actief: ['concept'],
}

export function allowedTransitions(from: PactStatus): readonly PactStatus[] {
  return NEXT[from]
}

export function canTransition(from: PactStatus, to: PactStatus): boolean {
  return NEXT[from].includes(to)
}

/** Only a pact being drafted or awaiting signatures can change; a signed version is frozen. */
export function isDocumentEditable(status: PactStatus): boolean {
  return status === 'concept' || status === 'ter-ondertekening'
}

export function isAmendment(from: PactStatus, to: PactStatus): boolean {
  return (from === 'getekend' || from === 'actief') && to === 'concept'
}

/** Signing and starting an amendment are not undone by a click: they are confirmed first. */
export function needsConfirmation(from: PactStatus, to: PactStatus): boolean {
  return to === 'getekend' || isAmendment(from, to)
}

/**
 * What agreement is in force and what is being drafted. An amendment takes the pact back to
 * concept, but the last signed version stays in force until the next one is signed (tracking and
 * settlement keep using it): a pact being amended is never "without agreement".
 */
export type PactStanding =
  | { kind: 'never-signed'; status: PactStatus }
  | { kind: 'in-force'; status: PactStatus; version: number }
  | { kind: 'amending'; status: PactStatus; inForce: number; draft: number }

export function pactStanding(status: PactStatus, latestVersion: number | null): PactStanding {
  if (latestVersion === null) return { kind: 'never-signed', status }
  if (isDocumentEditable(status)) return { kind: 'amending', status, inForce: latestVersion, draft: latestVersion + 1 }
  return { kind: 'in-force', status, version: latestVersion }
}

/** The calendar years a pact runs, first to last (its budgets and targets are per year). */
export function pactYears(startYear: number, endYear: number): number[] {
  return Array.from({ length: Math.max(endYear - startYear + 1, 0) }, (_, index) => startYear + index)
}
