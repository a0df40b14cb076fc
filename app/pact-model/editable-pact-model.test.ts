import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DEMO_PACT_YEARS, demoPactModel } from '#app/demo/demo-pact-model.ts'
import { budgetCellIndex, editablePactModel, issuesWithin } from './editable-pact-model.ts'
import { PACT_MODEL_KEY, readPactModel, seedPactModel } from './pact-model-yjs.ts'
import { validatePactModel } from './pact-model.ts'

const parties = { gemeente: 'gemeente', welzijn: 'welzijn', jeugdhulp: 'jeugdhulp', adviesraad: 'adviesraad' }
const context = { years: [...DEMO_PACT_YEARS], partyIds: Object.values(parties) }

describe('editablePactModel', () => {
  it('is the model itself when the model is valid', () => {
    const model = demoPactModel(parties)
    expect(editablePactModel(model)).toEqual(model)
  })

  it('keeps every item in place and every value in its type, whatever a client wrote', () => {
    const doc = new Y.Doc()
    seedPactModel(doc, demoPactModel(parties))
    const area = (doc.getMap(PACT_MODEL_KEY).get('resultAreas') as Y.Map<Y.Map<unknown>>).get('demo-ouderen-thuis')!
    area.set('title', 42)
    ;(area.get('budgets') as Y.Map<unknown>).set('welzijn:2027', 'veel')
    const raw = readPactModel(doc)
    const validation = validatePactModel(raw, context)
    expect(validation.ok).toBe(false)

    const editable = editablePactModel(raw)
    const ouderen = editable.resultAreas[1]!
    expect(ouderen.title).toBe('')
    const index = budgetCellIndex(ouderen, 'welzijn', 2027)
    expect(ouderen.budgets[index]!.cents).toBeNaN()
    // Validation paths point at the same items in the editable model.
    const issues = validation.ok ? [] : validation.issues
    expect(issuesWithin(issues, ['resultAreas', 1, 'title']).map((issue) => issue.message)).toEqual([
      'model.errors.title.required',
    ])
    expect(issuesWithin(issues, ['resultAreas', 1, 'budgets', index])).toHaveLength(1)
    expect(issuesWithin(issues, ['resultAreas', 0])).toEqual([])
  })

  it('reads anything that is not a model as an empty one', () => {
    expect(editablePactModel('onzin')).toEqual({ resultAreas: [], riskRules: [] })
    expect(
      editablePactModel({ resultAreas: [7], riskRules: [{ scope: 'x', division: { kind: 'weights', weights: 'x' } }] }),
    ).toMatchObject({
      resultAreas: [{ id: '', title: '', budgets: [], indicators: [] }],
      riskRules: [
        { id: '', scope: null, corridorPercent: Number.NaN, providerCapCents: null, division: { kind: 'weights', weights: [] } },
      ],
    })
  })
})
