import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ensureProjection,
  projectPactModel,
  readModelValidation,
  readProjectedModel,
  rebuildProjection,
} from '#app/pact-model/projection.server.ts'
import { seedPactContent } from '#app/document/pact-content.server.ts'
import { addParty } from '#app/pacts/pacts.server.ts'
import { getDb } from '#app/platform/db/db.server.ts'
import { DEMO_PACT_YEARS } from '#app/demo/demo-pact-model.ts'
import { PACT_MODEL_KEY, readPactModel, seedPactModel } from '#app/pact-model/pact-model-yjs.ts'
import { budgetCellKey } from '#app/pact-model/model-keys.ts'
import { validatePactModel, type PactModel } from '#app/pact-model/pact-model.ts'
import { documentJson } from '#app/document/document.server.ts'
import { createModelProjection } from '#server/collab/projection.ts'
import { collabTestbed, waitFor } from '#tests/support/collab.ts'
import { addMember, createTestPact, type TestPact } from '#tests/support/fixtures.ts'

const testbed = collabTestbed()

// The test pact runs 2026–2029 (tests/support/fixtures.ts).
const YEAR = 2026

async function pactWithProviders(): Promise<TestPact & { providers: [string, string] }> {
  const pact = await createTestPact()
  const welzijn = await addParty(pact.pactId, { name: 'Welzijn Test', kind: 'aanbieder', isSignatory: true }, pact.owner.id)
  const jeugdhulp = await addParty(pact.pactId, { name: 'Jeugdhulp Test', kind: 'aanbieder', isSignatory: true }, pact.owner.id)
  return { ...pact, providers: [welzijn, jeugdhulp] }
}

/** The first worked example of the risk-sharing rules, as a model, plus an odd amount to check the cents. */
function exampleModel([p1, p2]: [string, string]): PactModel {
  return {
    resultAreas: [
      {
        id: 'area-jeugd',
        title: 'Jeugd en gezin',
        description: 'Eerder hulp, dichtbij huis.',
        challenge: 'Minder verblijf buiten het gezin.',
        targetGroup: 'Gezinnen met jeugdigen tot 18 jaar.',
        responsiblePartyIds: [p1, p2].sort(),
        budgets: [
          { partyId: p1, year: YEAR, cents: 75_000_000 },
          { partyId: p1, year: YEAR + 1, cents: 123_456_789 },
          { partyId: p2, year: YEAR, cents: 25_000_000 },
        ].sort((a, b) => budgetCellKey(a.partyId, a.year).localeCompare(budgetCellKey(b.partyId, b.year))),
        indicators: [
          {
            id: 'indicator-verblijf',
            name: 'Jeugdigen met verblijf',
            unit: 'per 1.000 jeugdigen',
            level: 'populatie',
            direction: 'lager-is-beter',
            baselineValue: 11.8,
            baselineYear: 2025,
            targets: [
              { year: YEAR, value: 11.3 },
              { year: YEAR + 1, value: 10.7 },
            ],
            dataSource: 'CBS Jeugdmonitor',
          },
        ],
      },
    ],
    riskRules: [
      {
        id: 'rule-jeugd',
        scope: { kind: 'result-area', resultAreaId: 'area-jeugd' },
        corridorPercent: 5,
        providerShareInside: 50,
        providerShareOutside: 25,
        providerCapCents: null,
        underspend: { providerGainShare: 40, revolvingFundShare: 30 },
        division: {
          kind: 'weights',
          weights: [
            { partyId: p1, weight: 3 },
            { partyId: p2, weight: 1 },
          ].sort((a, b) => a.partyId.localeCompare(b.partyId)),
        },
      },
    ],
  }
}

async function budgetRows(pactId: string) {
  return getDb()
    .selectFrom('result_area_budgets')
    .select(['result_area_id', 'party_id', 'year', 'cents'])
    .where('pact_id', '=', pactId)
    .orderBy('party_id')
    .orderBy('year')
    .execute()
}

function budgetsOf(doc: Y.Doc, areaId: string): Y.Map<unknown> {
  const areas = doc.getMap(PACT_MODEL_KEY).get('resultAreas') as Y.Map<Y.Map<unknown>>
  return areas.get(areaId)!.get('budgets') as Y.Map<unknown>
}

describe('the structured model, validated and projected into SQL', () => {
  it('projects a valid model: every row, every cent exact', async () => {
    const pact = await pactWithProviders()
    const server = await testbed.server({ onDocumentChanged: createModelProjection({ delayMs: 20, project: projectPactModel }) })
    const client = testbed.client(server, pact.pactId, pact.owner)
    await client.whenSynced()

    const model = exampleModel(pact.providers)
    seedPactModel(client.doc, model)
    await waitFor(async () => (await readModelValidation(pact.pactId))?.valid === true, 'the projection')

    const [p1, p2] = pact.providers
    expect(await budgetRows(pact.pactId)).toEqual(
      [
        { result_area_id: 'area-jeugd', party_id: p1, year: YEAR, cents: 75_000_000 },
        { result_area_id: 'area-jeugd', party_id: p1, year: YEAR + 1, cents: 123_456_789 },
        { result_area_id: 'area-jeugd', party_id: p2, year: YEAR, cents: 25_000_000 },
      ].sort((a, b) => a.party_id.localeCompare(b.party_id) || a.year - b.year),
    )
    // Read back from the tables, the model is the one the document holds, validated.
    const expected = validatePactModel(readPactModel(client.doc), {
      years: [2026, 2027, 2028, 2029],
      partyIds: [pact.partyId, p1, p2],
    })
    expect(expected.ok).toBe(true)
    expect(await readProjectedModel(pact.pactId)).toEqual(expected.ok ? expected.model : null)
    expect(await readProjectedModel(pact.pactId)).toEqual(model)
  })

  it('never replaces the projection of a later state with an earlier one that another instance projects late', async () => {
    const pact = await pactWithProviders()
    const doc = new Y.Doc()
    seedPactModel(doc, exampleModel(pact.providers))
    const earlier = Y.encodeStateAsUpdate(doc)
    const areas = doc.getMap(PACT_MODEL_KEY).get('resultAreas') as Y.Map<Y.Map<unknown>>
    areas.get('area-jeugd')!.set('title', 'Jeugd en gezin, bijgesteld')
    const later = Y.encodeStateAsUpdate(doc)

    await projectPactModel(pact.pactId, later)
    await projectPactModel(pact.pactId, earlier)
    expect((await readProjectedModel(pact.pactId)).resultAreas[0]?.title).toBe('Jeugd en gezin, bijgesteld')
  })

  it('keeps the last valid projection when a client writes invalid values, and says who wrote them', async () => {
    const pact = await pactWithProviders()
    const karim = await addMember(pact, 'redacteur', 'Karim El Amrani')
    const server = await testbed.server({ onDocumentChanged: createModelProjection({ delayMs: 20, project: projectPactModel }) })
    const owner = testbed.client(server, pact.pactId, pact.owner)
    await owner.whenSynced()
    seedPactModel(owner.doc, exampleModel(pact.providers))
    await waitFor(async () => (await readModelValidation(pact.pactId))?.valid === true, 'the first projection')
    const before = await budgetRows(pact.pactId)

    // A buggy or hostile client writes straight into the shared maps, bypassing every form.
    const hostile = testbed.client(server, pact.pactId, karim)
    await hostile.whenSynced()
    const [p1] = pact.providers
    hostile.doc.transact(() => {
      budgetsOf(hostile.doc, 'area-jeugd').set(budgetCellKey(p1, YEAR), -100)
      ;(hostile.doc.getMap(PACT_MODEL_KEY).get('resultAreas') as Y.Map<Y.Map<unknown>>).get('area-jeugd')!.set('title', '')
    })
    await waitFor(async () => (await readModelValidation(pact.pactId))?.valid === false, 'the invalid model to be reported')

    const report = await readModelValidation(pact.pactId)
    const budgetIndex = exampleModel(pact.providers).resultAreas[0]!.budgets.findIndex(
      (cell) => cell.partyId === p1 && cell.year === YEAR,
    )
    expect(report?.issues).toEqual(
      expect.arrayContaining([
        { path: ['resultAreas', 0, 'title'], message: 'model.errors.title.required', writers: ['Karim El Amrani'] },
        {
          path: ['resultAreas', 0, 'budgets', budgetIndex, 'cents'],
          message: 'model.errors.cents.negative',
          writers: ['Karim El Amrani'],
        },
      ]),
    )
    expect(await budgetRows(pact.pactId)).toEqual(before)
    expect((await readProjectedModel(pact.pactId)).resultAreas[0]!.title).toBe('Jeugd en gezin')

    // Once someone puts valid values back, the projection follows again.
    budgetsOf(owner.doc, 'area-jeugd').set(budgetCellKey(p1, YEAR), 80_000_000)
    ;(owner.doc.getMap(PACT_MODEL_KEY).get('resultAreas') as Y.Map<Y.Map<unknown>>).get('area-jeugd')!.set('title', 'Jeugd')
    await waitFor(async () => (await readModelValidation(pact.pactId))?.valid === true, 'the repaired model')
    expect((await budgetRows(pact.pactId)).find((row) => row.party_id === p1 && row.year === YEAR)?.cents).toBe(80_000_000)
  })

  it('names the writer also when the page looked at the invalid model before the change listener did', async () => {
    const pact = await pactWithProviders()
    const karim = await addMember(pact, 'redacteur', 'Karim El Amrani')
    const server = await testbed.server({
      onDocumentChanged: createModelProjection({ delayMs: 1_000, project: projectPactModel }),
    })
    const owner = testbed.client(server, pact.pactId, pact.owner)
    await owner.whenSynced()
    seedPactModel(owner.doc, exampleModel(pact.providers))
    await waitFor(async () => (await readModelValidation(pact.pactId))?.valid === true, 'the first projection')

    const hostile = testbed.client(server, pact.pactId, karim)
    await hostile.whenSynced()
    budgetsOf(hostile.doc, 'area-jeugd').set(budgetCellKey(pact.providers[0], YEAR), -1)
    await waitFor(async () => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, await server.collab.loadDocumentState(pact.pactId))
      return budgetsOf(doc, 'area-jeugd').get(budgetCellKey(pact.providers[0], YEAR)) === -1
    }, 'the server to have the invalid value')
    // A page load validates first; it cannot know who wrote what.
    await ensureProjection(pact.pactId)
    expect((await readModelValidation(pact.pactId))?.issues.map((issue) => issue.writers)).toEqual([[]])
    await waitFor(
      async () => (await readModelValidation(pact.pactId))?.issues[0]?.writers.includes('Karim El Amrani') ?? false,
      'the listener to name the writer',
    )
    // And a later look without that knowledge keeps the name.
    await rebuildProjection(pact.pactId)
    expect((await readModelValidation(pact.pactId))?.issues[0]?.writers).toEqual(['Karim El Amrani'])
  })

  it('rebuilds a lost projection from the document, and catches up with changes it missed', async () => {
    const pact = await pactWithProviders()
    // No change listener: the projection only comes from rebuilding.
    const server = await testbed.server()
    const client = testbed.client(server, pact.pactId, pact.owner)
    await client.whenSynced()
    const model = exampleModel(pact.providers)
    seedPactModel(client.doc, model)
    await waitFor(async () => {
      const state = await server.collab.loadDocumentState(pact.pactId)
      const doc = new Y.Doc()
      Y.applyUpdate(doc, state)
      return doc.getMap(PACT_MODEL_KEY).size > 0
    }, 'the server to have the model')

    expect(await readModelValidation(pact.pactId)).toBeNull()
    await ensureProjection(pact.pactId)
    expect(await readProjectedModel(pact.pactId)).toEqual(model)

    const db = getDb()
    for (const table of ['result_areas', 'result_area_budgets', 'indicators', 'indicator_targets', 'risk_rules'] as const) {
      await db.deleteFrom(table).where('pact_id', '=', pact.pactId).execute()
    }
    expect((await readProjectedModel(pact.pactId)).resultAreas).toEqual([])
    expect(await rebuildProjection(pact.pactId)).toMatchObject({ valid: true, issues: [] })
    expect(await readProjectedModel(pact.pactId)).toEqual(model)

    // A change the listener never saw (say, just before a restart) is picked up on the next look.
    budgetsOf(client.doc, 'area-jeugd').set(budgetCellKey(pact.providers[1], YEAR), 30_000_000)
    await waitFor(async () => {
      await ensureProjection(pact.pactId)
      return (await budgetRows(pact.pactId)).some((row) => row.party_id === pact.providers[1] && row.cents === 30_000_000)
    }, 'the projection to catch up')
  })
})

describe('the demo pact', () => {
  it('starts with three result areas, their budgets and indicators, a risk rule, and clauses that show them', async () => {
    const pact = await createTestPact()
    const db = getDb()
    // Shaped like the seeded demo: its template and the four organisations by name.
    await db
      .updateTable('pacts')
      .set({ template: 'demo-zuiderveen', start_year: DEMO_PACT_YEARS[0], end_year: DEMO_PACT_YEARS[3] })
      .where('id', '=', pact.pactId)
      .execute()
    const gemeente = await db
      .selectFrom('pact_parties')
      .select('organisation_id')
      .where('id', '=', pact.partyId)
      .executeTakeFirstOrThrow()
    await db
      .updateTable('organisations')
      .set({ name: 'Gemeente Zuiderveen' })
      .where('id', '=', gemeente.organisation_id)
      .execute()
    for (const [name, kind] of [
      ['Stichting Welzijn Zuiderveen', 'aanbieder'],
      ['Jeugdhulp De Brug', 'aanbieder'],
      ['Adviesraad Sociaal Domein Zuiderveen', 'inwoners'],
    ] as const) {
      await addParty(pact.pactId, { name, kind, isSignatory: kind === 'aanbieder' }, pact.owner.id)
    }

    const doc = new Y.Doc()
    await seedPactContent(pact.pactId, doc)
    const parties = await db.selectFrom('pact_parties').select('id').where('pact_id', '=', pact.pactId).execute()
    const validation = validatePactModel(readPactModel(doc), {
      years: [...DEMO_PACT_YEARS],
      partyIds: parties.map((party) => party.id),
    })
    expect(validation.ok).toBe(true)
    const model = validation.ok ? validation.model : null
    expect(model?.resultAreas.map((area) => area.title)).toEqual([
      'Jeugdigen met een complexe hulpvraag',
      'Ouderen langer thuis',
      'Schulden en bestaanszekerheid',
    ])
    expect(model?.riskRules).toHaveLength(1)

    const refsByClauseKind = new Map<string, string[]>()
    for (const node of documentJson(doc).content ?? []) {
      if (node.type !== 'clause') continue
      const refs = (node.content ?? [])
        .filter((child) => child.type === 'pactData')
        .map((child) => `${child.attrs?.kind}:${child.attrs?.refId}`)
      refsByClauseKind.set(node.attrs?.kind, [...(refsByClauseKind.get(node.attrs?.kind) ?? []), ...refs])
    }
    const areaRefs = model!.resultAreas.map((area) => `result-area:${area.id}`)
    expect(refsByClauseKind.get('resultaatgebied')).toEqual(areaRefs)
    expect(refsByClauseKind.get('budget')).toEqual(areaRefs)
    expect(refsByClauseKind.get('risicodeling')).toEqual([`risk-rule:${model!.riskRules[0]!.id}`])
  })
})
