import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvAmount, shareLines } from './statement.ts'
import type { RuleOutcome } from './year-settlement.ts'

const rule = (deviationCents: number, parts: { providers: number[]; municipalities: number[]; fund: number }): RuleOutcome => ({
  ruleId: 'r',
  kind: deviationCents > 0 ? 'overspend' : deviationCents < 0 ? 'underspend' : 'on-budget',
  budgetCents: 1_000_000,
  actualCents: 1_000_000 + deviationCents,
  deviationCents,
  providers: parts.providers.map((cents, index) => ({ partyId: `p${index}`, cents })),
  municipalityCents: parts.municipalities.reduce((a, b) => a + b, 0),
  municipalities: parts.municipalities.map((cents, index) => ({ partyId: `g${index}`, cents })),
  revolvingFundCents: parts.fund,
})

describe('shareLines', () => {
  it('signs what is received of an underspend negative, so a rule’s lines add up to its deviation', () => {
    const lines = shareLines(rule(-845_433, { providers: [100_000, 153_630], municipalities: [253_630], fund: 338_173 }))
    expect(lines.map((line) => line.cents)).toEqual([-100_000, -153_630, -253_630, -338_173])
    expect(lines.at(-1)!.holder).toEqual({ kind: 'fonds' })
  })

  it('property: the lines of a rule add up to its deviation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(1e9), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(1e9), { maxLength: 3 }),
        fc.nat(1e9),
        fc.boolean(),
        (providers, municipalities, underspendFund, over) => {
          // The fund only receives of an underspend.
          const fund = over ? 0 : underspendFund
          const magnitude = [...providers, ...municipalities, fund].reduce((a, b) => a + b, 0)
          const deviation = over ? magnitude : -magnitude || 0
          const lines = shareLines(rule(deviation, { providers, municipalities, fund }))
          expect(lines.reduce((sum, line) => sum + line.cents, 0)).toBe(deviation)
        },
      ),
    )
  })
})

describe('csvAmount', () => {
  it('writes cents as -1234,56', () => {
    expect(csvAmount(-123_456)).toBe('-1234,56')
    expect(csvAmount(5)).toBe('0,05')
    expect(csvAmount(100_000_000)).toBe('1000000,00')
  })
})
