/**
 * The revolving fund of a pact as a ledger of bookings. Money comes in from settlements (the
 * fund's share of an underspend, or the difference a herziening makes) and goes out by decisions
 * of the table. Invariants: every booking refers to exactly the settlement or the decision that
 * caused it, and the balance after every booking is never below zero.
 */
export interface FundBooking {
  id: number
  /** ISO 8601. */
  bookedAt: string
  /** The settlement year the money belongs to, or the year a decision was booked in. */
  year: number
  /** Positive: into the fund; negative: out of it. */
  cents: number
  settlementId: string | null
  decisionId: string | null
}

export interface FundLedger {
  balanceCents: number
  /** The balance after each booking, in booking order. */
  points: Array<{ bookingId: number; bookedAt: string; balanceCents: number }>
  /** Per year what came in and what went out (both non-negative), in year order. */
  years: Array<{ year: number; inCents: number; outCents: number }>
}

export type LedgerProblem =
  'settlement.errors.fund.noSource' | 'settlement.errors.fund.negativeBalance' | 'settlement.errors.fund.notCents'

/** The ledger's balances and yearly totals, bookings taken in order of their id. */
export function fundLedger(bookings: readonly FundBooking[]): FundLedger {
  const ordered = [...bookings].sort((a, b) => a.id - b.id)
  let balanceCents = 0
  const points = ordered.map((booking) => {
    balanceCents += booking.cents
    return { bookingId: booking.id, bookedAt: booking.bookedAt, balanceCents }
  })
  const byYear = new Map<number, { year: number; inCents: number; outCents: number }>()
  for (const booking of ordered) {
    const year = byYear.get(booking.year) ?? { year: booking.year, inCents: 0, outCents: 0 }
    if (booking.cents >= 0) year.inCents += booking.cents
    else year.outCents -= booking.cents
    byYear.set(booking.year, year)
  }
  return { balanceCents, points, years: [...byYear.values()].sort((a, b) => a.year - b.year) }
}

/** What is wrong with the ledger if `next` were booked after `bookings`; empty when it may be booked. */
export function bookingProblems(bookings: readonly FundBooking[], next: FundBooking): LedgerProblem[] {
  const problems: LedgerProblem[] = []
  if (!Number.isSafeInteger(next.cents)) problems.push('settlement.errors.fund.notCents')
  if ((next.settlementId === null) === (next.decisionId === null)) problems.push('settlement.errors.fund.noSource')
  if (fundLedger(bookings).balanceCents + next.cents < 0) problems.push('settlement.errors.fund.negativeBalance')
  return problems
}

export type FundDecisionProblem =
  'settlement.errors.fund.amountInvalid' | 'settlement.errors.fund.moreThanBalance' | 'settlement.errors.fund.purposeRequired'

/** Whether the table may propose to reinvest `amountCents` for `purpose` from a fund holding `balanceCents`. */
export function fundDecisionProblems(input: {
  balanceCents: number
  amountCents: number
  purpose: string
}): FundDecisionProblem[] {
  const problems: FundDecisionProblem[] = []
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) problems.push('settlement.errors.fund.amountInvalid')
  else if (input.amountCents > input.balanceCents) problems.push('settlement.errors.fund.moreThanBalance')
  if (input.purpose.trim() === '') problems.push('settlement.errors.fund.purposeRequired')
  return problems
}
