import { describe, expect, it } from 'vitest'
import { createI18n } from '#app/platform/i18n/config.ts'
import type { Indicator, ResultArea, RiskRule } from '#app/pact-model/pact-model.ts'
import { canonicalContent } from './canonical.ts'
import {
  canonicalModelChanges,
  modelChanges,
  modelChangeText,
  modelNamesFor,
  type ModelChange,
  type ModelParts,
} from './model-changes.ts'

const { t } = createI18n('nl')
const parties = new Map([
  ['p-gem', 'Gemeente Zuiderveen'],
  ['p-brug', 'Jeugdhulp De Brug'],
  ['p-welzijn', 'Stichting Welzijn Zuiderveen'],
])

const indicator: Indicator = {
  id: 'ind-1',
  name: 'Jongeren met hulp dichtbij',
  unit: '%',
  level: 'populatie',
  direction: 'hoger-is-beter',
  baselineValue: 40,
  baselineYear: 2026,
  targets: [{ year: 2028, value: 50 }],
  dataSource: 'CBS',
}

const area: ResultArea = {
  id: 'jeugd',
  title: 'Jeugd',
  description: 'Hulp dichtbij huis.',
  challenge: '',
  targetGroup: '',
  responsiblePartyIds: ['p-brug'],
  budgets: [
    { partyId: 'p-brug', year: 2027, cents: 62_000_000 },
    { partyId: 'p-brug', year: 2028, cents: 62_000_000 },
  ],
  indicators: [indicator],
}

const rule: RiskRule = {
  id: 'regel-1',
  scope: { kind: 'result-area', resultAreaId: 'jeugd' },
  corridorPercent: 5,
  providerShareInside: 50,
  providerShareOutside: 25,
  providerCapCents: null,
  underspend: { providerGainShare: 50, revolvingFundShare: 25 },
  division: { kind: 'pro-rata' },
}

const parts = (resultAreas: ResultArea[], riskRules: RiskRule[] = []): ModelParts => ({ resultAreas, riskRules, unreadable: [] })

// Intl puts a no-break space after the euro sign; the expectations are easier to read with a plain one.
const text = (change: ModelChange) => modelChangeText(t, change).replaceAll('\u00a0', ' ')

function lines(before: ModelParts, after: ModelParts): string[] {
  return modelChanges(before, after, { parties }).map(text)
}

describe('readable model changes', () => {
  it('says a budget changed per party and year, in euros and names', () => {
    const after = { ...area, budgets: [area.budgets[0]!, { partyId: 'p-brug', year: 2028, cents: 63_000_050 }] }
    expect(lines(parts([area]), parts([after]))).toEqual([
      'Budget Jeugdhulp De Brug 2028: € 620.000 → € 630.000,50 (resultaatgebied “Jeugd”)',
    ])
  })

  it('counts a budget cell that appears or disappears from € 0', () => {
    const after = {
      ...area,
      budgets: [area.budgets[0]!, { partyId: 'p-welzijn', year: 2027, cents: 10_000_000 }],
    }
    expect(lines(parts([area]), parts([after]))).toEqual([
      'Budget Jeugdhulp De Brug 2028: € 620.000 → € 0 (resultaatgebied “Jeugd”)',
      'Budget Stichting Welzijn Zuiderveen 2027: € 0 → € 100.000 (resultaatgebied “Jeugd”)',
    ])
  })

  it('names areas added, removed and renamed, and their text fields', () => {
    const renamed = { ...area, title: 'Jeugd en gezin', description: 'Hulp in de wijk.' }
    const added: ResultArea = {
      ...area,
      id: 'wonen',
      title: 'Wonen',
      indicators: [],
      budgets: [{ partyId: 'p-gem', year: 2027, cents: 480_000_000 }],
    }
    expect(lines(parts([area]), parts([renamed, added]))).toEqual([
      'Resultaatgebied “Jeugd” heet nu “Jeugd en gezin”',
      'Resultaatgebied “Jeugd en gezin”, beschrijving: “Hulp dichtbij huis.” → “Hulp in de wijk.”',
      'Resultaatgebied “Wonen” toegevoegd, met een budget van € 4.800.000',
    ])
    expect(lines(parts([area, added]), parts([area]))).toEqual(['Resultaatgebied “Wonen” verwijderd (budget was € 4.800.000)'])
  })

  it('names the parties that become or stop being responsible', () => {
    const after = { ...area, responsiblePartyIds: ['p-welzijn'] }
    expect(lines(parts([area]), parts([after]))).toEqual([
      'Stichting Welzijn Zuiderveen is nu verantwoordelijk voor resultaatgebied “Jeugd”',
      'Jeugdhulp De Brug is niet meer verantwoordelijk voor resultaatgebied “Jeugd”',
    ])
  })

  it('says what changed about an indicator: target, baseline, fields, added and removed', () => {
    const changed: Indicator = {
      ...indicator,
      name: 'Jongeren met hulp in de wijk',
      direction: 'lager-is-beter',
      baselineValue: 42,
      targets: [
        { year: 2028, value: 55 },
        { year: 2029, value: 60 },
      ],
    }
    const extra: Indicator = { ...indicator, id: 'ind-2', name: 'Wachttijd' }
    expect(lines(parts([area]), parts([{ ...area, indicators: [changed, extra] }]))).toEqual([
      'Indicator “Jongeren met hulp dichtbij” heet nu “Jongeren met hulp in de wijk” (resultaatgebied “Jeugd”)',
      'Indicator “Jongeren met hulp in de wijk”, richting: Hoger is beter → Lager is beter',
      'Indicator “Jongeren met hulp in de wijk”, nulmeting: 40 % (2026) → 42 % (2026)',
      'Indicator “Jongeren met hulp in de wijk”, streefwaarde 2028: 50 % → 55 %',
      'Indicator “Jongeren met hulp in de wijk”, streefwaarde 2029: — → 60 %',
      'Indicator “Wachttijd” toegevoegd aan resultaatgebied “Jeugd”',
    ])
    expect(lines(parts([area]), parts([{ ...area, indicators: [] }]))).toEqual([
      'Indicator “Jongeren met hulp dichtbij” verwijderd uit resultaatgebied “Jeugd”',
    ])
  })

  it('describes a risk rule added or removed in words, with its area by name', () => {
    expect(lines(parts([area]), parts([area], [rule]))).toEqual([
      'Risicodeling voor resultaatgebied “Jeugd” toegevoegd: bandbreedte 5%; aanbieders dragen 50% van een overschrijding binnen en 25% buiten de bandbreedte, zonder plafond; bij een onderschrijding 50% voor de aanbieders en 25% naar het revolverend fonds; verdeling naar rato van hun budget',
    ])
    const pactRule: RiskRule = { ...rule, scope: { kind: 'pact' }, providerCapCents: 10_000_000 }
    expect(lines(parts([], [pactRule]), parts([]))).toEqual([
      'Risicodeling voor het hele pact verwijderd (was: bandbreedte 5%; aanbieders dragen 50% binnen en 25% buiten de bandbreedte, met een plafond van € 100.000; bij een onderschrijding 50% voor de aanbieders en 25% naar het revolverend fonds; verdeling naar rato van hun budget)',
    ])
  })

  it('says which terms of a risk rule changed, and each party’s share', () => {
    const weighted: RiskRule = {
      ...rule,
      division: {
        kind: 'weights',
        weights: [
          { partyId: 'p-brug', weight: 2 },
          { partyId: 'p-welzijn', weight: 1 },
        ],
      },
    }
    const changed: RiskRule = {
      ...weighted,
      scope: { kind: 'pact' },
      corridorPercent: 10,
      providerCapCents: 5_000_000,
      underspend: { providerGainShare: 40, revolvingFundShare: 30 },
      division: { kind: 'weights', weights: [{ partyId: 'p-brug', weight: 3 }] },
    }
    expect(lines(parts([area], [weighted]), parts([area], [changed]))).toEqual([
      'Risicodeling geldt nu voor het hele pact in plaats van voor resultaatgebied “Jeugd”',
      'Risicodeling voor het hele pact, bandbreedte: 5% → 10%',
      'Risicodeling voor het hele pact, plafond voor de aanbieders samen: — → € 50.000',
      'Risicodeling voor het hele pact, aandeel van de aanbieders in een onderschrijding: 50% → 40%',
      'Risicodeling voor het hele pact, aandeel naar het revolverend fonds: 25% → 30%',
      'Risicodeling voor het hele pact, gewicht van Jeugdhulp De Brug: 2 → 3',
      'Risicodeling voor het hele pact, gewicht van Stichting Welzijn Zuiderveen: 1 → —',
    ])
    expect(lines(parts([area], [rule]), parts([area], [weighted]))).toEqual([
      'Risicodeling voor resultaatgebied “Jeugd”, verdeling onder de aanbieders: naar rato van hun budget → met vaste gewichten (Jeugdhulp De Brug 2, Stichting Welzijn Zuiderveen 1)',
    ])
  })

  it('finds nothing between equal parts', () => {
    expect(lines(parts([area], [rule]), parts([structuredClone(area)], [structuredClone(rule)]))).toEqual([])
  })
})

describe('model changes of canonical contents', () => {
  const clauseWith = (data: unknown) => canonicalContent(['kind budget', 'title Budgetten'], [], data)
  const blocks = (resultArea: ResultArea) => [{ kind: 'result-area', refId: resultArea.id, data: resultArea }]

  it('reads the data blocks of a clause and an item of its own alike, never showing ids or JSON', () => {
    const after = { ...area, budgets: [{ ...area.budgets[0]!, cents: 63_000_000 }, area.budgets[1]!] }
    const names = modelNamesFor(
      [...parties].map(([id, name]) => ({ id, name })),
      [],
    )
    const fromClause = canonicalModelChanges(clauseWith(blocks(area)), clauseWith(blocks(after)), names)
    const fromItem = canonicalModelChanges(
      canonicalContent(['item result-area'], [], area),
      canonicalContent(['item result-area'], [], after),
      names,
    )
    const expected = ['Budget Jeugdhulp De Brug 2027: € 620.000 → € 630.000 (resultaatgebied “Jeugd”)']
    expect(fromClause.map(text)).toEqual(expected)
    expect(fromItem.map(text)).toEqual(expected)
  })

  it('reads a block that shows every area, counting an area shown twice in a clause once', () => {
    const after = { ...area, budgets: [{ ...area.budgets[0]!, cents: 63_000_000 }, area.budgets[1]!] }
    const everyArea = (value: ResultArea) => clauseWith([{ kind: 'all-result-areas', data: [value] }, ...blocks(value)])
    const names = modelNamesFor(
      [...parties].map(([id, name]) => ({ id, name })),
      [],
    )
    expect(canonicalModelChanges(everyArea(area), everyArea(after), names).map(text)).toEqual([
      'Budget Jeugdhulp De Brug 2027: € 620.000 → € 630.000 (resultaatgebied “Jeugd”)',
    ])
  })

  it('names a rule’s area from the other items of the comparison', () => {
    const ruleClause = (value: RiskRule) => clauseWith([{ kind: 'risk-rule', refId: value.id, data: value }])
    const names = modelNamesFor([], [clauseWith(blocks(area))])
    const changes = canonicalModelChanges(ruleClause(rule), ruleClause({ ...rule, corridorPercent: 7.5 }), names)
    expect(changes.map(text)).toEqual(['Risicodeling voor resultaatgebied “Jeugd”, bandbreedte: 5% → 7,5%'])
  })

  it('treats text without data, and data added to a clause, as model parts appearing', () => {
    const changes = canonicalModelChanges('kind algemeen\ntitle Doel', clauseWith(blocks(area)), { parties })
    expect(changes.map(text)).toEqual(['Resultaatgebied “Jeugd” toegevoegd, met een budget van € 1.240.000'])
  })

  it('gives one generic line for data of an unknown shape, and never throws', () => {
    const odd = [
      clauseWith([{ kind: 'result-area', refId: 'x', invalid: true }]),
      clauseWith({ budgets: 'veel' }),
      'kind budget\ntitle X\ndata {niet: json',
      clauseWith([
        { kind: 'result-area', refId: 'x', data: { ...area, budgets: [{ partyId: 'p-brug', year: 2027, cents: -1 }] } },
      ]),
    ]
    for (const canonical of odd) {
      const changes = canonicalModelChanges(clauseWith(blocks(area)), canonical, { parties })
      const texts = changes.map(text)
      expect(texts).toContain('Gegevens gewijzigd die Pactwerk niet kan lezen; bekijk de resultaatgebieden en budgetten.')
      for (const text of texts) expect(text).not.toMatch(/[{}]|refId|cents|p-brug/)
    }
    expect(canonicalModelChanges(odd[0]!, odd[0]!, { parties })).toEqual([])
  })
})
