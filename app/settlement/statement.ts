import type { RuleOutcome } from './year-settlement.ts'

/**
 * A settled rule as lines per party, the way the page, the CSV and the PDF show it: every
 * provider, every municipality (or the municipal share as one line when the pact has no gemeente
 * among its parties) and the revolving fund. A share is signed like the deviation: what a party
 * carries of an overspend is positive, what it receives of an underspend negative, so the lines
 * of a rule add up to its deviation exactly.
 */
export type ShareHolder = { kind: 'party'; partyId: string } | { kind: 'gemeente' } | { kind: 'fonds' }

export interface ShareLine {
  holder: ShareHolder
  cents: number
}

export function shareLines(rule: RuleOutcome): ShareLine[] {
  const sign = rule.deviationCents < 0 ? -1 : 1
  const signed = (cents: number) => (cents === 0 ? 0 : sign * cents)
  const municipalities: ShareLine[] =
    rule.municipalities.length > 0
      ? rule.municipalities.map((part) => ({ holder: { kind: 'party', partyId: part.partyId }, cents: signed(part.cents) }))
      : [{ holder: { kind: 'gemeente' }, cents: signed(rule.municipalityCents) }]
  return [
    ...rule.providers.map((part): ShareLine => ({ holder: { kind: 'party', partyId: part.partyId }, cents: signed(part.cents) })),
    ...municipalities,
    { holder: { kind: 'fonds' }, cents: signed(rule.revolvingFundCents) },
  ]
}

/** Cents as a spreadsheet reads them in Dutch: `-1234,56`, no thousands separator, always two decimals. */
export function csvAmount(cents: number): string {
  const magnitude = Math.abs(cents)
  return `${cents < 0 ? '-' : ''}${Math.floor(magnitude / 100)},${String(magnitude % 100).padStart(2, '0')}`
}
