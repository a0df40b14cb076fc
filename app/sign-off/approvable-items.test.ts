import { describe, expect, it } from 'vitest'
import { demoPactModel } from '#app/demo/demo-pact-model.ts'
import type { PactModel } from '#app/pact-model/pact-model.ts'
import {
  approvableItems,
  isUsableItemId,
  OUTSIDE_TEXT_ITEM_ID,
  type ApprovableItem,
  type ModelPartRef,
} from './approvable-items.ts'
import type { DocumentNode } from './canonical.ts'
import { canSign, signOffMatrix, versionHash, type Approval } from './status.ts'

const baseModel = demoPactModel({ gemeente: 'gemeente', welzijn: 'welzijn', jeugdhulp: 'jeugdhulp', adviesraad: 'adviesraad' })
const [jeugd, ouderen, schulden] = baseModel.resultAreas as [
  PactModel['resultAreas'][number],
  PactModel['resultAreas'][number],
  PactModel['resultAreas'][number],
]
const pactRule = baseModel.riskRules[0]!
// A second rule, for one area, so that both kinds of scope are covered.
const model: PactModel = {
  resultAreas: baseModel.resultAreas,
  riskRules: [
    pactRule,
    { ...structuredClone(pactRule), id: 'regel-ouderen', scope: { kind: 'result-area', resultAreaId: ouderen.id } },
  ],
}

const text = (value: string): DocumentNode => ({ type: 'text', text: value })
const paragraph = (value?: string): DocumentNode =>
  value ? { type: 'paragraph', content: [text(value)] } : { type: 'paragraph' }
const heading = (value: string): DocumentNode => ({ type: 'heading', attrs: { level: 2 }, content: [text(value)] })
const data = (kind: string, refId: string): DocumentNode => ({ type: 'pactData', attrs: { kind, refId } })
const clause = (clauseId: string, title: string, ...body: DocumentNode[]): DocumentNode => ({
  type: 'clause',
  attrs: { clauseId, kind: 'algemeen' },
  content: [{ type: 'clauseTitle', content: [text(title)] }, ...body],
})
const doc = (...content: DocumentNode[]): DocumentNode => ({ type: 'doc', content })

// Jeugd and the pact-wide rule are in the text; Ouderen, Schulden and the Ouderen rule are not.
const pactText = doc(
  heading('1. Waarom dit pact'),
  clause('partijen', 'Partijen', paragraph('Wij werken samen.')),
  clause('jeugd', 'Jeugd', paragraph('Het budget staat vast.'), data('result-area', jeugd.id)),
  clause('risico', 'Risicodeling', data('risk-rule', pactRule.id)),
)

const partKey = (ref: ModelPartRef) => `${ref.kind}:${ref.refId}`

/** Every model part, each with the ids of the items whose canonical content holds its data. */
function modelCoverage(items: readonly ApprovableItem[], of: PactModel): Map<string, string[]> {
  const coverage = new Map<string, string[]>([
    ...of.resultAreas.map((area) => [partKey({ kind: 'result-area', refId: area.id }), []] as [string, string[]]),
    ...of.riskRules.map((rule) => [partKey({ kind: 'risk-rule', refId: rule.id }), []] as [string, string[]]),
  ])
  for (const item of items) for (const ref of item.shows) coverage.get(partKey(ref))?.push(item.clauseId)
  return coverage
}

const ids = (items: readonly ApprovableItem[]) => items.map((item) => item.clauseId)
const hashes = (items: readonly ApprovableItem[]) => new Map(items.map((item) => [item.clauseId, item.contentHash]))
const sealOf = (items: readonly ApprovableItem[]) => versionHash({ html: '', clauseHashes: items })

describe('approvableItems', () => {
  it('lists the clauses, the text outside them, and every model part no clause shows', () => {
    const items = approvableItems(pactText, model)
    expect(ids(items)).toEqual([
      'partijen',
      'jeugd',
      'risico',
      OUTSIDE_TEXT_ITEM_ID,
      `resultaatgebied.${ouderen.id}`,
      `resultaatgebied.${schulden.id}`,
      'risicoregel.regel-ouderen',
    ])
    expect(items.map((item) => item.title)).toEqual([
      'Partijen',
      'Jeugd',
      'Risicodeling',
      'Tekst buiten de artikelen',
      `Resultaatgebied ${ouderen.title} (niet in de tekst)`,
      `Resultaatgebied ${schulden.title} (niet in de tekst)`,
      `Risicodeling ${ouderen.title} (niet in de tekst)`,
    ])
    expect(items.every((item) => isUsableItemId(item.clauseId))).toBe(true)
  })

  it('covers every result area and risk rule of the model exactly once when the text shows each at most once', () => {
    const items = approvableItems(pactText, model)
    const coverage = modelCoverage(items, model)
    expect([...coverage.keys()].sort()).toEqual(
      [
        ...model.resultAreas.map((area) => partKey({ kind: 'result-area', refId: area.id })),
        ...model.riskRules.map((rule) => partKey({ kind: 'risk-rule', refId: rule.id })),
      ].sort(),
    )
    for (const [part, holders] of coverage) expect({ part, holders: holders.length }).toEqual({ part, holders: 1 })
    expect(coverage.get(partKey({ kind: 'result-area', refId: jeugd.id }))).toEqual(['jeugd'])
  })

  it('gives no area an item of its own when a clause shows it, and holds an area shown twice in both clauses', () => {
    const twice = doc(clause('a', 'A', data('result-area', jeugd.id)), clause('b', 'B', data('result-area', jeugd.id)))
    const items = approvableItems(twice, model)
    expect(ids(items)).not.toContain(`resultaatgebied.${jeugd.id}`)
    expect(modelCoverage(items, model).get(partKey({ kind: 'result-area', refId: jeugd.id }))).toEqual(['a', 'b'])
  })

  it('changes the hash of exactly one item, and the version hash, for a change of any single model value', () => {
    const before = approvableItems(pactText, model)
    const beforeHashes = hashes(before)
    const paths = leafPaths(model)
    expect(paths.length).toBeGreaterThan(100)
    for (const path of paths) {
      const after = approvableItems(pactText, withChangedLeaf(model, path))
      expect(ids(after)).toEqual(ids(before))
      const changed = after.filter((item) => beforeHashes.get(item.clauseId) !== item.contentHash).map((item) => item.clauseId)
      expect({ path: path.join('.'), changed: changed.length }).toEqual({ path: path.join('.'), changed: 1 })
      expect(sealOf(after)).not.toBe(sealOf(before))
    }
  })

  it('reopens the item that holds a budget raised while the pact awaits signing, in the text or outside it', () => {
    const raise = (areaId: string): PactModel => ({
      ...model,
      resultAreas: model.resultAreas.map((area) =>
        area.id === areaId
          ? {
              ...area,
              budgets: area.budgets.map((cell, index) => (index === 0 ? { ...cell, cents: cell.cents + 200_000_000 } : cell)),
            }
          : area,
      ),
    })
    const items = approvableItems(pactText, model)
    const parties = ['gemeente', 'welzijn']
    const approvals: Approval[] = items.flatMap((item) =>
      parties.map((partyId) => ({
        clauseId: item.clauseId,
        partyId,
        userId: partyId,
        decision: 'akkoord' as const,
        contentHash: item.contentHash,
        decidedAt: '2027-01-01T00:00:00.000Z',
      })),
    )
    expect(canSign(signOffMatrix({ clauses: items, signingPartyIds: parties, approvals })).ok).toBe(true)
    for (const [areaId, itemId] of [
      [jeugd.id, 'jeugd'],
      [schulden.id, `resultaatgebied.${schulden.id}`],
    ] as const) {
      const matrix = signOffMatrix({ clauses: approvableItems(pactText, raise(areaId)), signingPartyIds: parties, approvals })
      const verdict = canSign(matrix)
      expect(verdict.ok).toBe(false)
      expect(verdict.ok ? [] : verdict.open).toEqual(
        parties.map((partyId) => ({ clauseId: itemId, partyId, status: 'gewijzigd-na-akkoord' })),
      )
    }
  })

  it('makes a paragraph after the last clause an item of its own, whose text is its content', () => {
    const clausesOnly = doc(clause('partijen', 'Partijen', paragraph('Wij werken samen.')), paragraph(), paragraph('  '))
    expect(
      ids(approvableItems(clausesOnly, model)).filter(
        (id) => !id.startsWith('resultaatgebied.') && !id.startsWith('risicoregel.'),
      ),
    ).toEqual(['partijen'])

    const withArticle99 = doc(...clausesOnly.content!, paragraph('Artikel 99. De gemeente betaalt alle tekorten.'))
    const items = approvableItems(withArticle99, model)
    const outside = items.find((item) => item.clauseId === OUTSIDE_TEXT_ITEM_ID)!
    expect(ids(items).slice(0, 2)).toEqual(['partijen', OUTSIDE_TEXT_ITEM_ID])
    expect(outside.canonical).toBe('item tekst-buiten-artikelen\n  paragraph Artikel 99. De gemeente betaalt alle tekorten.')

    const changed = approvableItems(
      doc(...clausesOnly.content!, paragraph('Artikel 99. De gemeente betaalt geen tekorten.')),
      model,
    )
    const changedIds = changed
      .filter((item) => hashes(items).get(item.clauseId) !== item.contentHash)
      .map((item) => item.clauseId)
    expect(changedIds).toEqual([OUTSIDE_TEXT_ITEM_ID])
    expect(sealOf(changed)).not.toBe(sealOf(items))
  })

  it('holds a data block outside the clauses in the outside text, so its area needs no item of its own', () => {
    const items = approvableItems(
      doc(clause('partijen', 'Partijen', paragraph('Samen.')), data('result-area', ouderen.id)),
      model,
    )
    expect(ids(items)).not.toContain(`resultaatgebied.${ouderen.id}`)
    expect(modelCoverage(items, model).get(partKey({ kind: 'result-area', refId: ouderen.id }))).toEqual([OUTSIDE_TEXT_ITEM_ID])
  })

  it('holds every area and rule in the clauses whose blocks show them all, as a new pact’s text has', () => {
    const newPactText = doc(
      clause('gebieden', 'Resultaatgebieden', data('all-result-areas', '')),
      clause('budgetten', 'Budgetten', data('all-result-areas', '')),
      clause('risico', 'Risicodeling', data('all-risk-rules', '')),
    )
    const items = approvableItems(newPactText, model)
    expect(ids(items)).toEqual(['gebieden', 'budgetten', 'risico'])
    for (const area of model.resultAreas) {
      expect(modelCoverage(items, model).get(partKey({ kind: 'result-area', refId: area.id }))).toEqual(['gebieden', 'budgetten'])
    }
    for (const rule of model.riskRules) {
      expect(modelCoverage(items, model).get(partKey({ kind: 'risk-rule', refId: rule.id }))).toEqual(['risico'])
    }
    // An area added on the budgets page, or a budget raised, reopens the clauses that show them all.
    const added: PactModel = { ...model, resultAreas: [...model.resultAreas, { ...structuredClone(jeugd), id: 'nieuw' }] }
    const after = hashes(approvableItems(newPactText, added))
    expect(after.get('gebieden')).not.toBe(hashes(items).get('gebieden'))
    expect(after.get('budgetten')).not.toBe(hashes(items).get('budgetten'))
    expect(after.get('risico')).toBe(hashes(items).get('risico'))
    expect(ids(approvableItems(newPactText, { resultAreas: [], riskRules: [] }))).toEqual(['gebieden', 'budgetten', 'risico'])
  })

  it('keeps the clause hashes of canonical.ts: a clause is hashed as before', () => {
    const [partijen] = approvableItems(pactText, model)
    expect(partijen!.canonical).toBe('kind algemeen\ntitle Partijen\n  paragraph Wij werken samen.')
  })

  it('lets no pact with an invalid model be signed, whatever was approved', () => {
    const items = approvableItems(pactText, null)
    const blocking = items.at(-1)!
    expect(blocking).toMatchObject({ clauseId: '', item: 'invalid-model' })
    expect(blocking.title).toContain('niet geldig')
    const approvals: Approval[] = items.map((item) => ({
      clauseId: item.clauseId,
      partyId: 'gemeente',
      userId: 'u',
      decision: 'akkoord',
      contentHash: item.contentHash,
      decidedAt: '2027-01-01T00:00:00.000Z',
    }))
    expect(canSign(signOffMatrix({ clauses: items, signingPartyIds: ['gemeente'], approvals }))).toMatchObject({
      ok: false,
      reason: 'open-clauses',
    })
  })

  it('gives a model part whose id cannot stand in a URL no usable item id, so it stays open', () => {
    const odd: PactModel = { resultAreas: [{ ...schulden, id: 'met spatie/en slash' }], riskRules: [] }
    const [item] = approvableItems(doc(), odd)
    expect(item).toMatchObject({ clauseId: '', item: 'result-area' })
  })

  it('reads any JSON as a document: deep nesting, non-nodes and unreadable types outside the clauses never throw', () => {
    let deep: DocumentNode = paragraph('bodem')
    for (let depth = 0; depth < 10_000; depth++) deep = { type: 'bulletList', content: [{ type: 'listItem', content: [deep] }] }
    const hostile = {
      type: 'doc',
      content: [
        clause('partijen', 'Partijen', paragraph('Samen.')),
        deep,
        null,
        7,
        ['x'],
        { type: 42 },
        data('result-area', jeugd.id),
      ],
    } as unknown as DocumentNode
    const items = approvableItems(hostile, model)
    const outside = items.find((item) => item.clauseId === OUTSIDE_TEXT_ITEM_ID)!
    expect(outside.canonical).toContain('unreadable')
    expect(outside.shows).toEqual([{ kind: 'result-area', refId: jeugd.id }])
  })

  it('never mistakes a clause id for another item: clause ids have no dot', () => {
    expect(isUsableItemId('tekst.buiten-artikelen')).toBe(true)
    expect(isUsableItemId('resultaatgebied.demo-jeugd-complex')).toBe(true)
    expect(isUsableItemId('resultaatgebied.')).toBe(false)
    expect(isUsableItemId('iets.anders')).toBe(false)
    expect(isUsableItemId('')).toBe(false)
  })
})

type Path = Array<string | number>

// Every scalar in the model (ids excluded: they are identity, and changing one is a different part).
function leafPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leafPaths(item, [...path, index]))
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      key === 'id' || key.endsWith('Id') ? [] : leafPaths(item, [...path, key]),
    )
  }
  return [path]
}

function withChangedLeaf(root: PactModel, path: Path): PactModel {
  const copy = structuredClone(root) as unknown as Record<string | number, unknown>
  let parent = copy
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  const key = path.at(-1)!
  const value = parent[key]
  parent[key] =
    typeof value === 'number' ? value + 1 : typeof value === 'string' ? `${value}x` : typeof value === 'boolean' ? !value : 1
  return copy as unknown as PactModel
}

describe('approvableItems, read again from a live reading that shares its unchanged nodes', () => {
  const outsideOf = (items: readonly ApprovableItem[]) => items.find((item) => item.clauseId === OUTSIDE_TEXT_ITEM_ID)!
  const blocks = [
    heading('1. Waarom dit pact'),
    clause('partijen', 'Partijen', paragraph('Wij werken samen.')),
    paragraph('Tekst na de artikelen.'),
    data('all-result-areas', ''),
  ]

  it('keeps what it derived while the nodes and the data they show are the same', () => {
    const first = approvableItems(doc(...blocks), model)
    const again = approvableItems(doc(...blocks), model)
    expect(again[0]).toBe(first[0])
    expect(outsideOf(again)).toBe(outsideOf(first))
  })

  it('derives the text outside the clauses again when one of its blocks changed (a new node)', () => {
    const first = approvableItems(doc(...blocks), model)
    const changed = approvableItems(
      doc(blocks[0]!, blocks[1]!, paragraph('Tekst na de artikelen, gewijzigd.'), blocks[3]!),
      model,
    )
    expect(outsideOf(changed).canonical).toContain('gewijzigd')
    expect(outsideOf(changed).contentHash).not.toBe(outsideOf(first).contentHash)
    expect(changed[0]).toBe(first[0])
  })

  it('derives it again when the data its blocks show changed, and the same hash once the data is back', () => {
    const first = approvableItems(doc(...blocks), model)
    const raised = structuredClone(model)
    raised.resultAreas[0]!.budgets[0]!.cents += 100
    const withRaised = approvableItems(doc(...blocks), raised)
    expect(outsideOf(withRaised).contentHash).not.toBe(outsideOf(first).contentHash)
    expect(outsideOf(approvableItems(doc(...blocks), model)).contentHash).toBe(outsideOf(first).contentHash)
  })

  it('reads a clause’s title from its new node after a change', () => {
    expect(approvableItems(doc(blocks[1]!), model)[0]!.title).toBe('Partijen')
    const renamed = clause('partijen', 'Partners', paragraph('Wij werken samen.'))
    expect(approvableItems(doc(renamed), model)[0]!.title).toBe('Partners')
  })
})
