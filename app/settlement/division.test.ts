import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allocateLargestRemainder } from '#app/pact-model/risk-sharing.ts'
import { divideMunicipalShare, divisionProblems, type MunicipalDivision } from './division.ts'

const byKey = (key: MunicipalDivision['key'], solidarityPercent = 100): MunicipalDivision => ({ solidarityPercent, key })

describe('divideMunicipalShare', () => {
  it('divides by inhabitants to the cent (62,5 % / 37,5 %)', () => {
    const division = byKey([
      { partyId: 'tilburg', percent: 62.5, capCents: null },
      { partyId: 'goirle', percent: 37.5, capCents: null },
    ])
    const result = divideMunicipalShare({ totalCents: 100_001, kind: 'overspend', division, causeCents: {} })
    expect(result).toEqual({
      ok: true,
      parts: [
        { partyId: 'tilburg', cents: 62_501 },
        { partyId: 'goirle', cents: 37_500 },
      ],
    })
  })

  it('mixes solidarity by key with the rest by who caused it', () => {
    // 40 % of € 1.000 by key (50/50): € 200 each; 60 % by own spending (3:1): € 450 and € 150.
    const division = byKey(
      [
        { partyId: 'a', percent: 50, capCents: null },
        { partyId: 'b', percent: 50, capCents: null },
      ],
      40,
    )
    const result = divideMunicipalShare({ totalCents: 100_000, kind: 'overspend', division, causeCents: { a: 300, b: 100 } })
    expect(result).toEqual({
      ok: true,
      parts: [
        { partyId: 'a', cents: 65_000 },
        { partyId: 'b', cents: 35_000 },
      ],
    })
  })

  it('gives what is above a cap to the others by the key, on an overspend only', () => {
    const division = byKey([
      { partyId: 'a', percent: 80, capCents: 50_000 },
      { partyId: 'b', percent: 20, capCents: null },
    ])
    expect(divideMunicipalShare({ totalCents: 100_000, kind: 'overspend', division, causeCents: {} })).toEqual({
      ok: true,
      parts: [
        { partyId: 'a', cents: 50_000 },
        { partyId: 'b', cents: 50_000 },
      ],
    })
    expect(divideMunicipalShare({ totalCents: 100_000, kind: 'underspend', division, causeCents: {} })).toEqual({
      ok: true,
      parts: [
        { partyId: 'a', cents: 80_000 },
        { partyId: 'b', cents: 20_000 },
      ],
    })
  })

  it('refuses caps that together cannot carry the share', () => {
    const division = byKey([
      { partyId: 'a', percent: 50, capCents: 100 },
      { partyId: 'b', percent: 50, capCents: 100 },
    ])
    expect(divideMunicipalShare({ totalCents: 201, kind: 'overspend', division, causeCents: {} })).toEqual({
      ok: false,
      problem: 'settlement.errors.division.capsTooLow',
    })
  })

  const divisionArbitrary = fc
    .record({
      points: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 2, maxLength: 5 }),
      solidarity: fc.integer({ min: 0, max: 10_000 }),
      caps: fc.array(fc.option(fc.integer({ min: 0, max: 10_000_000 })), { minLength: 5, maxLength: 5 }),
      causes: fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 5, maxLength: 5 }),
    })
    .filter(({ points }) => points.some((point) => point > 0))
    .map(({ points, solidarity, caps, causes }) => {
      // Scale the key to exactly 100 % in basis points, the last entry taking what is left.
      const sum = points.reduce((a, b) => a + b, 0)
      const scaled = points.map((point) => Math.floor((point * 10_000) / sum))
      scaled[scaled.length - 1]! += 10_000 - scaled.reduce((a, b) => a + b, 0)
      const key = scaled.map((point, index) => ({ partyId: `g${index}`, percent: point / 100, capCents: caps[index] ?? null }))
      const causeCents = Object.fromEntries(key.map((entry, index) => [entry.partyId, causes[index]!]))
      return { division: byKey(key, solidarity / 100), causeCents }
    })

  it('property: the parts add up to the municipal share and respect the caps', () => {
    fc.assert(
      fc.property(
        divisionArbitrary,
        fc.integer({ min: 0, max: 1e12 }),
        fc.constantFrom('overspend', 'underspend'),
        ({ division, causeCents }, totalCents, kind) => {
          const result = divideMunicipalShare({ totalCents, kind, division, causeCents })
          const capsTotal = division.key.reduce((sum, entry) => sum + (entry.capCents ?? Infinity), 0)
          if (!result.ok) {
            expect(result.problem).toBe('settlement.errors.division.capsTooLow')
            expect(kind === 'overspend' && capsTotal < totalCents).toBe(true)
            return
          }
          expect(result.parts.reduce((sum, part) => sum + part.cents, 0)).toBe(totalCents)
          for (const part of result.parts) expect(part.cents).toBeGreaterThanOrEqual(0)
          if (kind === 'overspend') {
            division.key.forEach((entry, index) => {
              if (entry.capCents !== null) expect(result.parts[index]!.cents).toBeLessThanOrEqual(entry.capCents)
            })
          }
        },
      ),
    )
  })

  it('property: full solidarity without caps is the key alone', () => {
    fc.assert(
      fc.property(divisionArbitrary, fc.integer({ min: 0, max: 1e12 }), ({ division, causeCents }, totalCents) => {
        const uncapped = byKey(division.key.map((entry) => ({ ...entry, capCents: null })))
        const result = divideMunicipalShare({ totalCents, kind: 'overspend', division: uncapped, causeCents })
        const expected = allocateLargestRemainder(
          totalCents,
          uncapped.key.map((entry) => entry.percent),
        )
        expect(result.ok && result.parts.map((part) => part.cents)).toEqual(expected)
      }),
    )
  })
})

describe('divisionProblems', () => {
  const key = [
    { partyId: 'a', percent: 60, capCents: null },
    { partyId: 'b', percent: 30, capCents: null },
  ]
  it('names a key that does not add up to 100 %', () => {
    expect(divisionProblems(byKey(key), ['a', 'b'])).toEqual(['settlement.errors.division.keyNot100'])
  })
  it('names a solidarity percentage outside 0–100', () => {
    const full = [key[0]!, { ...key[1]!, percent: 40 }]
    expect(divisionProblems(byKey(full, 101), ['a', 'b'])).toEqual(['settlement.errors.division.solidarityRange'])
    expect(divisionProblems(byKey(full, -1), ['a', 'b'])).toEqual(['settlement.errors.division.solidarityRange'])
    expect(divisionProblems(byKey(full, 33.333), ['a', 'b'])).toEqual(['settlement.errors.division.solidarityRange'])
    expect(divisionProblems(byKey(full, 0), ['a', 'b'])).toEqual([])
  })
  it('names a key that leaves out a municipality at the table', () => {
    expect(divisionProblems(byKey([{ partyId: 'a', percent: 100, capCents: null }]), ['a', 'b'])).toEqual([
      'settlement.errors.division.municipalitiesMismatch',
    ])
  })
})
