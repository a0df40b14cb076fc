import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bookingProblems, fundDecisionProblems, fundLedger, type FundBooking } from './ledger.ts'

const booking = (id: number, year: number, cents: number, source: 'settlement' | 'decision'): FundBooking => ({
  id,
  bookedAt: `2028-0${id}-01T00:00:00.000Z`,
  year,
  cents,
  settlementId: source === 'settlement' ? `s${id}` : null,
  decisionId: source === 'decision' ? `d${id}` : null,
})

describe('fundLedger', () => {
  it('shows the balance after each booking and per year what came in and went out', () => {
    const ledger = fundLedger([
      booking(2, 2028, -30_000, 'decision'),
      booking(1, 2027, 100_000, 'settlement'),
      booking(3, 2028, 5_000, 'settlement'),
    ])
    expect(ledger.balanceCents).toBe(75_000)
    expect(ledger.points.map((point) => point.balanceCents)).toEqual([100_000, 70_000, 75_000])
    expect(ledger.years).toEqual([
      { year: 2027, inCents: 100_000, outCents: 0 },
      { year: 2028, inCents: 5_000, outCents: 30_000 },
    ])
  })
})

describe('bookingProblems', () => {
  it('refuses a booking that would take the balance below zero', () => {
    expect(bookingProblems([booking(1, 2027, 100, 'settlement')], booking(2, 2027, -101, 'decision'))).toEqual([
      'settlement.errors.fund.negativeBalance',
    ])
  })
  it('refuses a booking without exactly one source', () => {
    expect(bookingProblems([], { ...booking(1, 2027, 100, 'settlement'), decisionId: 'd' })).toEqual([
      'settlement.errors.fund.noSource',
    ])
    expect(bookingProblems([], { ...booking(1, 2027, 100, 'settlement'), settlementId: null })).toEqual([
      'settlement.errors.fund.noSource',
    ])
  })

  it('property: a ledger built only from accepted bookings never has a negative balance', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.boolean())), (moves) => {
        const accepted: FundBooking[] = []
        moves.forEach(([cents, fromSettlement], index) => {
          const next = booking(index + 1, 2027, cents, fromSettlement ? 'settlement' : 'decision')
          if (bookingProblems(accepted, next).length === 0) accepted.push(next)
        })
        for (const point of fundLedger(accepted).points) expect(point.balanceCents).toBeGreaterThanOrEqual(0)
      }),
    )
  })
})

describe('fundDecisionProblems', () => {
  it('refuses a decision larger than the balance', () => {
    expect(fundDecisionProblems({ balanceCents: 10_000, amountCents: 10_001, purpose: 'Buurtkamer' })).toEqual([
      'settlement.errors.fund.moreThanBalance',
    ])
    expect(fundDecisionProblems({ balanceCents: 10_000, amountCents: 10_000, purpose: 'Buurtkamer' })).toEqual([])
  })
  it('asks for an amount above zero and a purpose', () => {
    expect(fundDecisionProblems({ balanceCents: 10_000, amountCents: 0, purpose: ' ' })).toEqual([
      'settlement.errors.fund.amountInvalid',
      'settlement.errors.fund.purposeRequired',
    ])
  })
})
