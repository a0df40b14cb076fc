import { describe, it, expect } from 'vitest'
import * as Y from 'yjs'
import { DEMO_PACT_YEARS, demoPactModel } from '#app/demo/demo-pact-model.ts'
import { validatePactModel, type Indicator, type PactModel, type ResultArea, type RiskRule } from './pact-model.ts'
import {
  addIndicator,
  moveResultArea,
  PACT_MODEL_KEY,
  PACT_MODEL_ORIGIN,
  readPactModel,
  removeIndicator,
  removeResultArea,
  removeRiskRule,
  seedPactModel,
  setBudget,
  setIndicatorTarget,
  setResponsibleParty,
  updateIndicatorField,
  updateResultAreaField,
  upsertRiskRule,
  writeResultArea,
  writerClientIdsAt,
} from './pact-model-yjs.ts'

const parties = { gemeente: 'g', welzijn: 'w', jeugdhulp: 'j', adviesraad: 'a' }
const context = { years: [...DEMO_PACT_YEARS], partyIds: Object.values(parties) }

function area(id: string, overrides: Partial<ResultArea> = {}): ResultArea {
  return {
    id,
    title: `Gebied ${id}`,
    description: '',
    challenge: '',
    targetGroup: '',
    responsiblePartyIds: [],
    budgets: [],
    indicators: [],
    ...overrides,
  }
}

function indicator(id: string): Indicator {
  return {
    id,
    name: `Indicator ${id}`,
    unit: '%',
    level: 'inwoner',
    direction: 'hoger-is-beter',
    baselineValue: null,
    baselineYear: null,
    targets: [],
    dataSource: '',
  }
}

function pactRule(overrides: Partial<RiskRule> = {}): RiskRule {
  return {
    id: 'r1',
    scope: { kind: 'pact' },
    corridorPercent: 5,
    providerShareInside: 50,
    providerShareOutside: 25,
    providerCapCents: null,
    underspend: { providerGainShare: 40, revolvingFundShare: 30 },
    division: { kind: 'pro-rata' },
    ...overrides,
  }
}

function docWith(model: PactModel): Y.Doc {
  const doc = new Y.Doc()
  seedPactModel(doc, model)
  return doc
}

/** A second replica of `doc`, as another client would hold it. */
function replicaOf(doc: Y.Doc): Y.Doc {
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
  return replica
}

function exchangeUpdates(a: Y.Doc, b: Y.Doc): void {
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, fromA)
  Y.applyUpdate(a, fromB)
}

function validModel(doc: Y.Doc): PactModel {
  const result = validatePactModel(readPactModel(doc), context)
  if (!result.ok) throw new Error(`invalid model: ${JSON.stringify(result.issues)}`)
  return result.model
}

function areaIn(doc: Y.Doc, id: string): ResultArea {
  return validModel(doc).resultAreas.find((candidate) => candidate.id === id)!
}

// The document keeps keyed collections sorted by key, so compare them in that order.
function sortedByKey(model: PactModel): PactModel {
  const byKey =
    <T>(keyOf: (item: T) => string) =>
    (a: T, b: T) =>
      keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0
  return {
    ...model,
    resultAreas: model.resultAreas.map((candidate) => ({
      ...candidate,
      responsiblePartyIds: [...candidate.responsiblePartyIds].sort(),
      budgets: [...candidate.budgets].sort(byKey((cell) => `${cell.partyId}:${cell.year}`)),
      indicators: candidate.indicators.map((entry) => ({
        ...entry,
        targets: [...entry.targets].sort(byKey((target) => String(target.year))),
      })),
    })),
  }
}

describe('reading and writing the model', () => {
  it('reads an empty document as an empty, valid model', () => {
    expect(readPactModel(new Y.Doc())).toEqual({ resultAreas: [], riskRules: [] })
    expect(validModel(new Y.Doc())).toEqual({ resultAreas: [], riskRules: [] })
  })

  it('reads back the demo model it was seeded with, in a document that also holds the text', () => {
    const doc = new Y.Doc()
    doc.getXmlFragment('default').insert(0, [new Y.XmlText('Pact voor de Transformatie')])
    const demo = demoPactModel(parties)
    seedPactModel(doc, demo)
    expect(validModel(doc)).toEqual(sortedByKey(demo))
    expect(doc.getXmlFragment('default').toString()).toBe('Pact voor de Transformatie')
  })

  it('keeps the model in the shared map named model', () => {
    const doc = docWith({ resultAreas: [area('a1')], riskRules: [] })
    expect(doc.share.has(PACT_MODEL_KEY)).toBe(true)
    expect(doc.getMap(PACT_MODEL_KEY).get('resultAreas')).toBeInstanceOf(Y.Map)
  })

  it('makes each change one transaction', () => {
    const doc = docWith({ resultAreas: [area('a1')], riskRules: [] })
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    writeResultArea(doc, area('a2', { budgets: [{ partyId: 'w', year: 2027, cents: 5 }], indicators: [indicator('i1')] }))
    setBudget(doc, 'a2', 'j', 2028, 7)
    moveResultArea(doc, 'a2', 0)
    removeResultArea(doc, 'a1')
    expect(transactions).toBe(4)
  })

  it('lets the undo manager that holds the text undo and redo model edits too', () => {
    const doc = docWith({ resultAreas: [area('a1')], riskRules: [] })
    const undoManager = new Y.UndoManager(doc.getXmlFragment('default'), {
      trackedOrigins: new Set([PACT_MODEL_ORIGIN]),
      captureTimeout: 0,
    })
    undoManager.addToScope(doc.getMap(PACT_MODEL_KEY))
    setBudget(doc, 'a1', 'w', 2027, 500)
    updateResultAreaField(doc, 'a1', 'title', 'Nieuw')
    undoManager.undo()
    expect(areaIn(doc, 'a1')).toMatchObject({ title: 'Gebied a1', budgets: [{ partyId: 'w', year: 2027, cents: 500 }] })
    undoManager.undo()
    expect(areaIn(doc, 'a1').budgets).toEqual([])
    undoManager.redo()
    expect(areaIn(doc, 'a1').budgets).toEqual([{ partyId: 'w', year: 2027, cents: 500 }])
  })

  it('reseeding with the same model writes nothing', () => {
    const demo = demoPactModel(parties)
    const doc = docWith(demo)
    const before = Y.encodeStateVector(doc)
    seedPactModel(doc, demo)
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('writes a new area at the end and updates an existing one in place', () => {
    const doc = docWith({ resultAreas: [area('a1'), area('a2')], riskRules: [] })
    writeResultArea(doc, area('a3'))
    writeResultArea(doc, area('a1', { title: 'Nieuw', responsiblePartyIds: ['w'] }))
    const model = validModel(doc)
    expect(model.resultAreas.map((candidate) => candidate.id)).toEqual(['a1', 'a2', 'a3'])
    expect(model.resultAreas[0]).toMatchObject({ title: 'Nieuw', responsiblePartyIds: ['w'] })
  })

  it('edits fields, responsible parties, budgets, indicators and targets', () => {
    const doc = docWith({ resultAreas: [area('a1')], riskRules: [] })
    updateResultAreaField(doc, 'a1', 'challenge', 'Minder verblijf')
    setResponsibleParty(doc, 'a1', 'w', true)
    setResponsibleParty(doc, 'a1', 'j', true)
    setResponsibleParty(doc, 'a1', 'w', false)
    setBudget(doc, 'a1', 'j', 2027, 100)
    setBudget(doc, 'a1', 'j', 2028, 200)
    setBudget(doc, 'a1', 'j', 2028, null)
    addIndicator(doc, 'a1', indicator('i2'))
    addIndicator(doc, 'a1', indicator('i1'), 0)
    updateIndicatorField(doc, 'a1', 'i1', 'baselineValue', 12.5)
    updateIndicatorField(doc, 'a1', 'i1', 'baselineYear', 2025)
    setIndicatorTarget(doc, 'a1', 'i1', 2030, 10)
    setIndicatorTarget(doc, 'a1', 'i1', 2027, 12)
    removeIndicator(doc, 'a1', 'i2')

    expect(areaIn(doc, 'a1')).toEqual({
      ...area('a1'),
      challenge: 'Minder verblijf',
      responsiblePartyIds: ['j'],
      budgets: [{ partyId: 'j', year: 2027, cents: 100 }],
      indicators: [
        {
          ...indicator('i1'),
          baselineValue: 12.5,
          baselineYear: 2025,
          targets: [
            { year: 2027, value: 12 },
            { year: 2030, value: 10 },
          ],
        },
      ],
    })
  })

  it('adds, updates and removes risk rules, and removes an area together with its own rule', () => {
    const doc = docWith({ resultAreas: [area('a1'), area('a2')], riskRules: [pactRule()] })
    const areaRule = pactRule({ id: 'r2', scope: { kind: 'result-area', resultAreaId: 'a1' } })
    upsertRiskRule(doc, areaRule)
    upsertRiskRule(doc, pactRule({ corridorPercent: 4, division: { kind: 'weights', weights: [{ partyId: 'w', weight: 2 }] } }))
    expect(validModel(doc).riskRules).toEqual([
      pactRule({ corridorPercent: 4, division: { kind: 'weights', weights: [{ partyId: 'w', weight: 2 }] } }),
      areaRule,
    ])

    upsertRiskRule(doc, pactRule())
    removeResultArea(doc, 'a1')
    expect(validModel(doc)).toEqual({ resultAreas: [area('a2')], riskRules: [pactRule()] })
    expect(removeRiskRule(doc, 'r1')).toBe(true)
    expect(validModel(doc).riskRules).toEqual([])
  })

  it('moves an area to any place, clamping the index', () => {
    const doc = docWith({ resultAreas: ['a1', 'a2', 'a3', 'a4'].map((id) => area(id)), riskRules: [] })
    const order = () => validModel(doc).resultAreas.map((candidate) => candidate.id)
    moveResultArea(doc, 'a1', 2)
    expect(order()).toEqual(['a2', 'a3', 'a1', 'a4'])
    moveResultArea(doc, 'a4', 0)
    expect(order()).toEqual(['a4', 'a2', 'a3', 'a1'])
    moveResultArea(doc, 'a4', 99)
    expect(order()).toEqual(['a2', 'a3', 'a1', 'a4'])
    moveResultArea(doc, 'a3', -1)
    expect(order()).toEqual(['a3', 'a2', 'a1', 'a4'])
  })

  it('reports a target that is gone instead of writing into nothing', () => {
    const doc = docWith({ resultAreas: [area('a1', { indicators: [indicator('i1')] })], riskRules: [pactRule()] })
    const before = Y.encodeStateVector(doc)
    expect(updateResultAreaField(doc, 'gone', 'title', 'x')).toBe(false)
    expect(setBudget(doc, 'gone', 'w', 2027, 1)).toBe(false)
    expect(setResponsibleParty(doc, 'gone', 'w', true)).toBe(false)
    expect(moveResultArea(doc, 'gone', 0)).toBe(false)
    expect(removeResultArea(doc, 'gone')).toBe(false)
    expect(addIndicator(doc, 'gone', indicator('i9'))).toBe(false)
    expect(updateIndicatorField(doc, 'a1', 'gone', 'name', 'x')).toBe(false)
    expect(setIndicatorTarget(doc, 'a1', 'gone', 2027, 1)).toBe(false)
    expect(removeIndicator(doc, 'a1', 'gone')).toBe(false)
    expect(removeRiskRule(doc, 'gone')).toBe(false)
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })
})

describe('concurrent edits by two clients', () => {
  const base: PactModel = {
    resultAreas: [
      area('a1', {
        responsiblePartyIds: ['w'],
        budgets: [{ partyId: 'w', year: 2027, cents: 100 }],
        indicators: [indicator('i1')],
      }),
      area('a2'),
      area('a3'),
    ],
    riskRules: [pactRule()],
  }

  function twoClients(): [Y.Doc, Y.Doc] {
    const a = docWith(base)
    return [a, replicaOf(a)]
  }

  function expectConverged(a: Y.Doc, b: Y.Doc): void {
    expect(readPactModel(a)).toEqual(readPactModel(b))
  }

  it('keeps edits of different fields of the same area', () => {
    const [a, b] = twoClients()
    updateResultAreaField(a, 'a1', 'title', 'Jeugd')
    updateResultAreaField(b, 'a1', 'description', 'Hulp dichtbij huis')
    exchangeUpdates(a, b)
    expectConverged(a, b)
    expect(areaIn(a, 'a1')).toMatchObject({ title: 'Jeugd', description: 'Hulp dichtbij huis' })
  })

  it('keeps edits of different budget cells, and settles an edit of the same cell on one value', () => {
    const [a, b] = twoClients()
    setBudget(a, 'a1', 'w', 2028, 200)
    setBudget(b, 'a1', 'j', 2027, 300)
    setBudget(a, 'a1', 'w', 2027, 111)
    setBudget(b, 'a1', 'w', 2027, 222)
    exchangeUpdates(a, b)
    expectConverged(a, b)
    const cells = areaIn(a, 'a1').budgets
    expect(cells).toContainEqual({ partyId: 'w', year: 2028, cents: 200 })
    expect(cells).toContainEqual({ partyId: 'j', year: 2027, cents: 300 })
    expect(cells.filter((cell) => cell.partyId === 'w' && cell.year === 2027)).toHaveLength(1)
  })

  it('keeps a move and an edit of the moved area', () => {
    const [a, b] = twoClients()
    moveResultArea(a, 'a1', 2)
    updateResultAreaField(b, 'a1', 'title', 'Jeugd')
    setBudget(b, 'a1', 'w', 2028, 400)
    exchangeUpdates(a, b)
    expectConverged(a, b)
    const model = validModel(a)
    expect(model.resultAreas.map((candidate) => candidate.id)).toEqual(['a2', 'a3', 'a1'])
    expect(model.resultAreas[2].title).toBe('Jeugd')
    expect(model.resultAreas[2].budgets).toContainEqual({ partyId: 'w', year: 2028, cents: 400 })
  })

  it('shows an area once when two people move it at the same time', () => {
    const [a, b] = twoClients()
    moveResultArea(a, 'a1', 2)
    moveResultArea(b, 'a1', 1)
    exchangeUpdates(a, b)
    expectConverged(a, b)
    expect(
      validModel(a)
        .resultAreas.map((candidate) => candidate.id)
        .sort(),
    ).toEqual(['a1', 'a2', 'a3'])
    // The next move tidies the leftover duplicate.
    moveResultArea(a, 'a1', 0)
    expect((a.getMap(PACT_MODEL_KEY).get('resultAreaOrder') as Y.Array<string>).toArray()).toEqual(['a1', 'a2', 'a3'])
  })

  it('keeps responsible parties ticked by two people, once', () => {
    const [a, b] = twoClients()
    setResponsibleParty(a, 'a1', 'j', true)
    setResponsibleParty(b, 'a1', 'j', true)
    setResponsibleParty(b, 'a1', 'g', true)
    exchangeUpdates(a, b)
    expectConverged(a, b)
    expect(areaIn(a, 'a1').responsiblePartyIds).toEqual(['g', 'j', 'w'])
  })

  it('keeps indicators added and edited by both', () => {
    const [a, b] = twoClients()
    addIndicator(a, 'a1', indicator('i2'))
    addIndicator(b, 'a1', indicator('i3'))
    updateIndicatorField(a, 'a1', 'i1', 'unit', 'per 1.000 jeugdigen')
    setIndicatorTarget(b, 'a1', 'i1', 2029, 9)
    exchangeUpdates(a, b)
    expectConverged(a, b)
    const indicators = areaIn(a, 'a1').indicators
    expect(indicators.map((entry) => entry.id).sort()).toEqual(['i1', 'i2', 'i3'])
    expect(indicators.find((entry) => entry.id === 'i1')).toMatchObject({
      unit: 'per 1.000 jeugdigen',
      targets: [{ year: 2029, value: 9 }],
    })
  })

  it('keeps rule changes to different fields made by upserting the whole rule', () => {
    const [a, b] = twoClients()
    upsertRiskRule(a, pactRule({ corridorPercent: 4 }))
    upsertRiskRule(b, pactRule({ underspend: { providerGainShare: 40, revolvingFundShare: 50 } }))
    exchangeUpdates(a, b)
    expectConverged(a, b)
    expect(validModel(a).riskRules).toEqual([
      pactRule({ corridorPercent: 4, underspend: { providerGainShare: 40, revolvingFundShare: 50 } }),
    ])
  })

  it('lets a removal win over an edit of the removed area', () => {
    const [a, b] = twoClients()
    removeResultArea(a, 'a2')
    updateResultAreaField(b, 'a2', 'title', 'Nog bezig')
    exchangeUpdates(a, b)
    expectConverged(a, b)
    expect(validModel(b).resultAreas.map((candidate) => candidate.id)).toEqual(['a1', 'a3'])
  })
})

describe('data written by a buggy or hostile client', () => {
  function hostileEdit(doc: Y.Doc, edit: (areaMap: Y.Map<unknown>) => void): Y.Doc {
    const hostile = replicaOf(doc)
    edit((hostile.getMap(PACT_MODEL_KEY).get('resultAreas') as Y.Map<Y.Map<unknown>>).get('a1')!)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(hostile, Y.encodeStateVector(doc)))
    return hostile
  }

  it('reads what was written, so validation names the field and the client that wrote it', () => {
    const doc = docWith({ resultAreas: [area('a1', { budgets: [{ partyId: 'w', year: 2027, cents: 1 }] })], riskRules: [] })
    const hostile = hostileEdit(doc, (areaMap) => {
      ;(areaMap.get('budgets') as Y.Map<unknown>).set('w:2028', 'veel')
      areaMap.delete('title')
    })

    const result = validatePactModel(readPactModel(doc), context)
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: ['resultAreas', 0, 'title'], message: 'model.errors.title.required' },
        { path: ['resultAreas', 0, 'budgets', 1, 'cents'], message: 'model.errors.cents.invalid' },
      ],
    })
    // The bad cell is the hostile client's; the missing title falls back to the area, which the seeding client wrote.
    expect(writerClientIdsAt(doc, ['resultAreas', 0, 'budgets', 1, 'cents'])).toEqual([hostile.clientID])
    expect(writerClientIdsAt(doc, ['resultAreas', 0, 'title'])).toEqual([doc.clientID])
    expect(writerClientIdsAt(doc, ['resultAreas', 0, 'budgets', 0, 'cents'])).toEqual([doc.clientID])
  })

  it('names the writer of fields, indicators, targets and rule parts', () => {
    const doc = docWith({ resultAreas: [area('a1', { indicators: [indicator('i1')] })], riskRules: [pactRule()] })
    const other = replicaOf(doc)
    updateIndicatorField(other, 'a1', 'i1', 'unit', '')
    setIndicatorTarget(other, 'a1', 'i1', 2031, 1)
    upsertRiskRule(other, pactRule({ underspend: { providerGainShare: 80, revolvingFundShare: 30 } }))
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)))

    const result = validatePactModel(readPactModel(doc), context)
    expect(result.ok).toBe(false)
    const paths = result.ok ? [] : result.issues.map((issue) => issue.path)
    expect(paths).toEqual([
      ['resultAreas', 0, 'indicators', 0, 'unit'],
      ['riskRules', 0, 'underspend'],
      ['resultAreas', 0, 'indicators', 0, 'targets', 0, 'year'],
    ])
    expect(writerClientIdsAt(doc, paths[0])).toEqual([other.clientID])
    expect(writerClientIdsAt(doc, paths[2])).toEqual([other.clientID])
    // The shares are too high together: one client wrote the gain share, the other the fund share.
    expect(writerClientIdsAt(doc, paths[1])).toEqual([doc.clientID, other.clientID].sort((a, b) => a - b))
    expect(writerClientIdsAt(doc, ['riskRules', 0, 'underspend', 'providerGainShare'])).toEqual([other.clientID])
    expect(writerClientIdsAt(doc, ['riskRules', 0, 'corridorPercent'])).toEqual([doc.clientID])
    expect(writerClientIdsAt(doc, ['resultAreas', 0, 'indicators', 5, 'unit'])).toEqual([doc.clientID])
    expect(writerClientIdsAt(doc, ['nothing', 0])).toEqual([])
  })

  it('passes on collections of the wrong kind for validation to reject', () => {
    const doc = new Y.Doc()
    doc.getMap(PACT_MODEL_KEY).set('resultAreas', 'alles')
    doc.getMap(PACT_MODEL_KEY).set('riskRules', new Y.Map())
    expect(readPactModel(doc)).toEqual({ resultAreas: 'alles', riskRules: {} })
    expect(validatePactModel(readPactModel(doc), context).ok).toBe(false)
  })

  it('reads a malformed budget key as a year validation rejects', () => {
    const doc = docWith({ resultAreas: [area('a1')], riskRules: [] })
    hostileEdit(doc, (areaMap) => (areaMap.get('budgets') as Y.Map<unknown>).set('w:volgend-jaar', 5))
    expect(validatePactModel(readPactModel(doc), context)).toEqual({
      ok: false,
      issues: [{ path: ['resultAreas', 0, 'budgets', 0, 'year'], message: 'model.errors.year.invalid' }],
    })
  })

  it('writes over a value of the wrong kind where a collection belongs', () => {
    const doc = docWith({ resultAreas: [area('a1')], riskRules: [] })
    hostileEdit(doc, (areaMap) => areaMap.set('budgets', 42))
    setBudget(doc, 'a1', 'w', 2027, 10)
    expect(areaIn(doc, 'a1').budgets).toEqual([{ partyId: 'w', year: 2027, cents: 10 }])
  })
})
