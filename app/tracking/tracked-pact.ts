import type { Indicator, PactModel, ResultArea } from '#app/pact-model/pact-model.ts'
import type { Fixing } from './records.ts'
import type { Frequency } from './periods.ts'

/**
 * What is tracked: the model of the signed version in force, with the pact's years and parties,
 * each indicator's measuring frequency and the fixed periods. Forms, CSV imports and pages all
 * resolve what people typed (an id, or a title as it appears in the pact) through these lookups.
 */
export interface TrackedPact {
  years: number[]
  versionNumber: number
  model: PactModel
  parties: Array<{ id: string; name: string }>
  /** Indicators measured quarterly; every other indicator is measured yearly. */
  frequencies: Record<string, Frequency>
  fixings: Fixing[]
}

// Spreadsheets change case and spacing; a title is still recognisable.
function normalName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase()
}

// An import looks up the same few titles for thousands of lines.
const normalNames = new WeakMap<object, string>()

function sameName(item: object, name: string, text: string): boolean {
  let normal = normalNames.get(item)
  if (normal === undefined) normalNames.set(item, (normal = normalName(name)))
  return normal === normalName(text)
}

export function findArea(pact: TrackedPact, text: string): ResultArea | null {
  return (
    pact.model.resultAreas.find((area) => area.id === text.trim()) ??
    pact.model.resultAreas.find((area) => sameName(area, area.title, text)) ??
    null
  )
}

export function findIndicator(area: ResultArea, text: string): Indicator | null {
  return (
    area.indicators.find((indicator) => indicator.id === text.trim()) ??
    area.indicators.find((indicator) => sameName(indicator, indicator.name, text)) ??
    null
  )
}

export function findParty(pact: TrackedPact, text: string): { id: string; name: string } | null {
  return (
    pact.parties.find((party) => party.id === text.trim()) ??
    pact.parties.find((party) => sameName(party, party.name, text)) ??
    null
  )
}

export function frequencyOfIndicator(pact: TrackedPact, indicatorId: string): Frequency {
  return pact.frequencies[indicatorId] ?? 'jaar'
}

/** A party reports an area's indicators when the signed pact makes it responsible for the area. */
export function reportsIndicatorsOf(area: ResultArea, partyId: string): boolean {
  return area.responsiblePartyIds.includes(partyId)
}

/** A party reports spending in an area it is responsible for or has a budget in. */
export function reportsSpendingOf(area: ResultArea, partyId: string): boolean {
  return area.responsiblePartyIds.includes(partyId) || area.budgets.some((cell) => cell.partyId === partyId)
}
