import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DEMO_PACT_YEARS, demoPactModel } from '#app/demo/demo-pact-model.ts'
import { readPactModel, seedPactModel } from '#app/pact-model/pact-model-yjs.ts'
import type { NamedParty } from '#app/pact-model/budget-table.ts'
import { renderDocumentHtml, seedPactDocument } from '#app/document/document.server.ts'
import { approvableItemHtml, liveItems, snapshotFromState } from '#app/document/pact-document.server.ts'
import { clauseHtml } from '#app/document/render-clause.server.ts'
import { DOCUMENT_FIELD } from '#app/document/extensions.ts'
import { MAX_DOCUMENT_DEPTH, readDocument, readLiveDocument, UNREADABLE_TEXT } from '#app/document/read-document.ts'
import { approvableItems } from '#app/sign-off/approvable-items.ts'
import type { DocumentNode } from '#app/sign-off/canonical.ts'
import { documentBlocks, versionDocumentBlocks } from '#app/sign-off/exports/version-document.ts'
import { versionDocx } from '#app/sign-off/exports/version-docx.server.ts'
import { versionPdf } from '#app/sign-off/exports/version-pdf.server.ts'
import { diffVersions, readableWordDiff } from '#app/sign-off/diff.ts'

/**
 * Every reader of a pact's document, fed what one hostile writer can put into the shared Yjs
 * document (issue 10, "the shared document"): each returns, never throws, and shows where it
 * skipped something. The content is built with Yjs directly and goes through an encoded update,
 * as it would reach the server.
 */

const parties: NamedParty[] = [
  { id: 'gemeente', name: 'Gemeente Zuiderveen', kind: 'gemeente' },
  { id: 'welzijn', name: 'Stichting Welzijn Zuiderveen', kind: 'aanbieder' },
  { id: 'jeugdhulp', name: 'Jeugdhulp De Brug', kind: 'aanbieder' },
  { id: 'adviesraad', name: 'Adviesraad Sociaal Domein Zuiderveen', kind: 'inwoners' },
]
const model = demoPactModel({ gemeente: 'gemeente', welzijn: 'welzijn', jeugdhulp: 'jeugdhulp', adviesraad: 'adviesraad' })
const context = { years: [...DEMO_PACT_YEARS], parties }

const text = (value: string): JSONContent => ({ type: 'text', text: value })
const paragraph = (value: string): JSONContent => ({ type: 'paragraph', content: [text(value)] })

// A clause with a numbered list and a data block, so every kind of reader has something to read.
function healthyDoc(): Y.Doc {
  const doc = new Y.Doc()
  seedPactModel(doc, model)
  seedPactDocument(doc, {
    type: 'doc',
    content: [
      {
        type: 'clause',
        attrs: { clauseId: 'clause-budget', kind: 'budget' },
        content: [
          { type: 'clauseTitle', content: [text('Budgetten')] },
          paragraph('Het budget staat vast.'),
          { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [paragraph('Eerste punt')] }] },
          { type: 'pactData', attrs: { kind: 'result-area', refId: model.resultAreas[0]!.id } },
        ],
      },
    ],
  })
  return doc
}

const fragmentOf = (doc: Y.Doc) => doc.getXmlFragment(DOCUMENT_FIELD)
const clauseOf = (doc: Y.Doc) => fragmentOf(doc).get(0) as Y.XmlElement
const paragraphOf = (doc: Y.Doc) => clauseOf(doc).get(1) as Y.XmlElement
const listOf = (doc: Y.Doc) => clauseOf(doc).get(2) as Y.XmlElement
// Yjs accepts any value where its types say elements; the casts say what a hostile client does.
const insertRaw = (parent: Y.XmlFragment, value: unknown) => parent.insert(0, [value as Y.XmlElement])
const setRawAttribute = (element: Y.XmlElement, name: string, value: unknown) => element.setAttribute(name, value as string)

function nested(depth: number): (doc: Y.Doc) => void {
  return (doc) => {
    let parent: Y.XmlElement = clauseOf(doc)
    for (let level = 0; level < depth; level++) {
      const list = new Y.XmlElement('bulletList')
      const item = new Y.XmlElement('listItem')
      parent.push([list])
      list.push([item])
      parent = item
    }
    const innermost = new Y.XmlElement('paragraph')
    innermost.push([new Y.XmlText('Diep')])
    parent.push([innermost])
  }
}

const HOSTILE: Array<[name: string, damage: (doc: Y.Doc) => void]> = [
  ['a Y.Map in the fragment', (doc) => insertRaw(fragmentOf(doc), new Y.Map())],
  ['a Y.Array in the fragment', (doc) => insertRaw(fragmentOf(doc), Y.Array.from([1, 2]))],
  ['a Y.Text in the fragment', (doc) => insertRaw(fragmentOf(doc), new Y.Text('los'))],
  ['a Y.XmlHook in the fragment', (doc) => insertRaw(fragmentOf(doc), new Y.XmlHook('hook'))],
  ['a Y.XmlText in the fragment', (doc) => insertRaw(fragmentOf(doc), new Y.XmlText('los'))],
  ['a raw string in the fragment', (doc) => insertRaw(fragmentOf(doc), 'los')],
  ['a raw object in the fragment', (doc) => insertRaw(fragmentOf(doc), { toString: 1, type: 'paragraph' })],
  ['binary in the fragment', (doc) => insertRaw(fragmentOf(doc), new Uint8Array([0, 1, 2]))],
  ['a Y.Map inside a paragraph', (doc) => insertRaw(paragraphOf(doc), new Y.Map())],
  ['an embedded object in text', (doc) => (paragraphOf(doc).get(0) as Y.XmlText).insertEmbed(2, { toString: 1 } as object)],
  [
    'a list item outside a list, a clause in a clause',
    (doc) => {
      insertRaw(fragmentOf(doc), new Y.XmlElement('listItem'))
      clauseOf(doc).push([new Y.XmlElement('clause')])
    },
  ],
  ['a clause id that is Infinity', (doc) => setRawAttribute(clauseOf(doc), 'clauseId', Infinity)],
  ['a clause kind that is NaN', (doc) => setRawAttribute(clauseOf(doc), 'kind', Number.NaN)],
  ['a clause id that is a BigInt', (doc) => setRawAttribute(clauseOf(doc), 'clauseId', 12n)],
  ['a clause id that is binary', (doc) => setRawAttribute(clauseOf(doc), 'clauseId', new Uint8Array([1, 2]))],
  ['a clause id that is an object String() cannot print', (doc) => setRawAttribute(clauseOf(doc), 'clauseId', { toString: 1 })],
  ['a list start that is an object', (doc) => setRawAttribute(listOf(doc), 'start', { toString: 1, valueOf: 2 })],
  [
    'a list start that is Infinity, a heading level that is a string',
    (doc) => {
      setRawAttribute(listOf(doc), 'start', Infinity)
      const heading = new Y.XmlElement('heading')
      setRawAttribute(heading, 'level', '2" onclick="x')
      fragmentOf(doc).push([heading])
    },
  ],
  ['nesting 1,000 lists deep', nested(1_000)],
  ['nesting 3,000 lists deep', nested(3_000)],
]

/** The stored state of a healthy pact after one hostile update, as the server would hold it. */
function damagedState(damage: (doc: Y.Doc) => void): Uint8Array {
  const doc = healthyDoc()
  doc.transact(() => damage(doc))
  return Y.encodeStateAsUpdate(doc)
}

function maxNesting(html: string, tag: string): number {
  let depth = 0
  let max = 0
  for (const [, closing] of html.matchAll(new RegExp(`<(/?)${tag}\\b`, 'g'))) {
    depth += closing ? -1 : 1
    max = Math.max(max, depth)
  }
  return max
}

describe('every reader of the document, on what a hostile writer can store', () => {
  it.each(HOSTILE)('%s: read, rendered, hashed and exported without throwing, the skip shown', async (_name, damage) => {
    const state = damagedState(damage)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state)

    const reading = readDocument(doc)
    expect(reading.skipped).toBeGreaterThan(0)

    const snapshot = snapshotFromState(state, context)
    expect(snapshot.skipped).toBe(reading.skipped)
    expect(snapshot.clauses.length).toBeGreaterThan(0)
    for (const clause of snapshot.clauses) expect(clause.contentHash).toMatch(/^[0-9a-f]{64}$/)
    // The healthy part still reads: the clause's text and the data it shows.
    expect(snapshot.html).toContain('Het budget staat vast.')
    expect(snapshot.html).toContain('Resultaatgebied: ')
    expect(maxNesting(snapshot.html, 'ul')).toBeLessThanOrEqual(MAX_DOCUMENT_DEPTH / 2)
    expect(renderDocumentHtml(doc)).toContain('Het budget staat vast.')

    const [clause] = snapshot.clauses
    expect(diffVersions([{ ...clause!, canonical: '' }], [clause!])[0]?.change).toBe('changed')
    expect(readableWordDiff('', clause!.canonical).length).toBeGreaterThan(0)

    const blocks = versionDocumentBlocks({
      html: snapshot.html,
      title: 'Pact',
      subtitle: 'Versie 1',
      hashLabel: 'Hash',
      hash: 'a'.repeat(64),
      signature: {
        title: 'Ondertekening',
        intro: '',
        columns: { party: 'Partij', signatory: 'Wie', approvedAt: 'Wanneer', clauses: 'Artikelen' },
        rows: [],
      },
    })
    const meta = { title: 'Pact', hash: 'a'.repeat(64), lang: 'nl-NL' }
    expect((await versionPdf(blocks, { ...meta, footer: (page, pages) => `${page}/${pages}` })).subarray(0, 5).toString()).toBe(
      '%PDF-',
    )
    expect((await versionDocx(blocks, { ...meta, footerBeforePage: 'pagina' })).subarray(0, 2).toString()).toBe('PK')
  })

  it('shows a placeholder where unreadable content stood: a paragraph among blocks, words inside text', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(
      doc,
      damagedState((damaged) => {
        insertRaw(paragraphOf(damaged), new Y.Map())
        insertRaw(fragmentOf(damaged), new Y.Map())
        insertRaw(fragmentOf(damaged), 'los')
      }),
    )
    const html = renderDocumentHtml(doc)
    // Two unreadable neighbours show as one placeholder.
    expect(html.startsWith(`<p>${UNREADABLE_TEXT}</p><section`)).toBe(true)
    expect(html).toContain(`<p>${UNREADABLE_TEXT}Het budget staat vast.</p>`)
    expect(readDocument(doc).skipped).toBe(3)
  })

  it('keeps attributes of the wrong type at their default, never printing them', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(
      doc,
      damagedState((damaged) => {
        setRawAttribute(clauseOf(damaged), 'clauseId', { toString: 1 })
        setRawAttribute(listOf(damaged), 'start', Infinity)
      }),
    )
    const [clause] = readDocument(doc).json.content!
    expect(clause!.attrs).toEqual({ kind: 'budget' })
    expect(clause!.content![2]!.attrs).toBeUndefined()
    expect(renderDocumentHtml(doc)).toContain('<ol>')
  })

  it('cuts nesting at the depth bound, keeping what lies above it', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, damagedState(nested(3_000)))
    const html = renderDocumentHtml(doc)
    // The clause is level 1 and each list level takes two (list, item): the 32nd list's items
    // would lie beyond 64, so that list gives way to the placeholder in the 31st list's item.
    expect(maxNesting(html, 'ul')).toBe(31)
    expect(html).toContain(`<li><p>${UNREADABLE_TEXT}</p></li>`)
    expect(html).not.toContain('Diep')
  })

  it('lays out stored HTML nested deeper than its bound, with a placeholder', () => {
    const deep = `${'<ul><li>'.repeat(3_000)}<p>Diep</p>${'</li></ul>'.repeat(3_000)}<p>Daarna</p>`
    const blocks = documentBlocks(deep)
    expect(blocks.at(-1)).toEqual({ kind: 'paragraph', runs: [{ text: 'Daarna' }] })
    expect(JSON.stringify(blocks)).toContain(UNREADABLE_TEXT)
    expect(JSON.stringify(blocks)).not.toContain('Diep')
    expect(Math.max(...blocks.map((block) => (block.kind === 'list-item' ? block.depth : 0)))).toBeLessThanOrEqual(8)
  })
})

describe('the live reading (readLiveDocument), kept per block between changes', () => {
  it.each(HOSTILE)('after %s reads what a fresh reading reads', (_name, damage) => {
    const doc = healthyDoc()
    readLiveDocument(doc)
    doc.transact(() => damage(doc))
    expect(readLiveDocument(doc)).toEqual(readDocument(doc))
  })

  it('reads again only the block a change was in; the items of the other clauses stay as they were', () => {
    const doc = new Y.Doc()
    seedPactDocument(doc, {
      type: 'doc',
      content: ['een', 'twee', 'drie'].map((name) => ({
        type: 'clause',
        attrs: { clauseId: `clause-${name}`, kind: 'algemeen' },
        content: [{ type: 'clauseTitle', content: [text(`Artikel ${name}`)] }, paragraph(`Tekst van artikel ${name}.`)],
      })),
    })
    const before = readLiveDocument(doc).json.content!
    const itemsBefore = approvableItems({ type: 'doc', content: before } as DocumentNode, null)

    const second = fragmentOf(doc).get(1) as Y.XmlElement
    ;((second.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Gewijzigd: ')
    const after = readLiveDocument(doc).json.content!
    const itemsAfter = approvableItems({ type: 'doc', content: after } as DocumentNode, null)

    expect(after).toEqual(readDocument(doc).json.content)
    expect(after[0]).toBe(before[0])
    expect(after[2]).toBe(before[2])
    expect(after[1]).not.toBe(before[1])
    expect(itemsAfter[0]).toBe(itemsBefore[0])
    expect(itemsAfter[2]).toBe(itemsBefore[2])
    expect(itemsAfter[1]!.contentHash).not.toBe(itemsBefore[1]!.contentHash)
    expect(itemsAfter[1]!.canonical).toContain('Gewijzigd: Tekst van artikel twee.')
  })

  it('gives the very same reading while the text is unchanged, and a fresh one after every change to it', () => {
    const doc = healthyDoc()
    const first = readLiveDocument(doc)
    expect(readLiveDocument(doc)).toBe(first)
    // The structured model is not the text: a change to it leaves the reading as it was.
    seedPactModel(doc, {
      ...model,
      resultAreas: model.resultAreas.map((area, index) => (index ? area : { ...area, title: 'Anders' })),
    })
    expect(readLiveDocument(doc)).toBe(first)

    const changes: Array<(doc: Y.Doc) => void> = [
      (doc) => fragmentOf(doc).push([new Y.XmlElement('paragraph')]),
      (doc) => (fragmentOf(doc).get(1) as Y.XmlElement).push([new Y.XmlText('Slot')]),
      (doc) => fragmentOf(doc).delete(1),
      (doc) => clauseOf(doc).setAttribute('kind', 'governance'),
      (doc) => (paragraphOf(doc).get(0) as Y.XmlText).format(0, 3, { bold: true }),
    ]
    let previous = readLiveDocument(doc)
    for (const change of changes) {
      change(doc)
      const reading = readLiveDocument(doc)
      expect(reading).not.toBe(previous)
      expect(reading).toEqual(readDocument(doc))
      previous = reading
    }
  })

  it('derives the suggestions, clauses and clause pages of a live reading again for every change that matters, and only those', () => {
    const doc = new Y.Doc()
    seedPactModel(doc, model)
    seedPactDocument(doc, {
      type: 'doc',
      content: [
        ...['een', 'twee'].map((name) => ({
          type: 'clause',
          attrs: { clauseId: `clause-${name}`, kind: 'algemeen' },
          content: [{ type: 'clauseTitle', content: [text(`Artikel ${name}`)] }, paragraph(`Tekst van artikel ${name}.`)],
        })),
        {
          type: 'clause',
          attrs: { clauseId: 'clause-data', kind: 'budget' },
          content: [
            { type: 'clauseTitle', content: [text('Budget')] },
            { type: 'pactData', attrs: { kind: 'result-area', refId: model.resultAreas[0]!.id } },
          ],
        },
      ],
    })
    const items = () => liveItems('pact-live', readLiveDocument(doc).json, readPactModel(doc), context)
    const before = items()
    const htmlBefore = ['clause-een', 'clause-twee', 'clause-data'].map((id) => before.itemHtml(id))
    expect(before.suggestions).toEqual([])

    // A proposed insertion in clause two: listed with its clause, left out of its page and its hash.
    const suggestion = { id: 's1', authorId: 'henk', partyId: 'adviesraad', createdAt: '2026-11-30T12:00:00.000Z' }
    const textOfSecond = ((fragmentOf(doc).get(1) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText
    textOfSecond.insert(0, 'Voorstel ', { insertion: suggestion })
    const proposed = items()
    expect(proposed.suggestions.map(({ clauseId, text }) => ({ clauseId, text }))).toEqual([
      { clauseId: 'clause-twee', text: 'Voorstel ' },
    ])
    expect(proposed.clauses[1]!.contentHash).toBe(before.clauses[1]!.contentHash)
    expect(proposed.itemHtml('clause-een')).toBe(htmlBefore[0])

    // Accepted (the mark taken off): part of the text, its page and its hash; the other clauses' stay.
    textOfSecond.format(0, 9, { insertion: null })
    const accepted = items()
    expect(accepted.suggestions).toEqual([])
    expect(accepted.clauses[1]!.contentHash).not.toBe(before.clauses[1]!.contentHash)
    expect(accepted.itemHtml('clause-twee')).toContain('Voorstel Tekst van artikel twee.')
    expect(accepted.itemHtml('clause-een')).toBe(htmlBefore[0])
    expect(accepted.itemHtml('clause-data')).toBe(htmlBefore[2])

    // A clause inserted before the others, and one deleted: listed, and gone, at once.
    const inserted = new Y.XmlElement('clause')
    inserted.setAttribute('clauseId', 'clause-nieuw')
    fragmentOf(doc).insert(0, [inserted])
    const clauseIds = () => items().clauses.flatMap((item) => (item.item === 'clause' ? [item.clauseId] : []))
    expect(clauseIds()).toEqual(['clause-nieuw', 'clause-een', 'clause-twee', 'clause-data'])
    fragmentOf(doc).delete(2)
    expect(clauseIds()).toEqual(['clause-nieuw', 'clause-een', 'clause-data'])
    expect(items().itemHtml('clause-een')).toBe(htmlBefore[0])

    // The model a clause shows changes its page and its hash, though its text stays as it was.
    const renamed = model.resultAreas.map((area, index) => (index ? area : { ...area, title: 'Jeugd anders' }))
    seedPactModel(doc, { ...model, resultAreas: renamed })
    const changedModel = items()
    expect(changedModel.itemHtml('clause-data')).not.toBe(htmlBefore[2])
    expect(changedModel.itemHtml('clause-data')).toContain('Jeugd anders')
    const dataClauseHash = (current: typeof before) =>
      current.clauses.find((item) => item.clauseId === 'clause-data')!.contentHash
    expect(dataClauseHash(changedModel)).not.toBe(dataClauseHash(accepted))
  })

  it('shows a clause on its page exactly as the whole document’s HTML shows it', () => {
    const doc = healthyDoc()
    const snapshot = snapshotFromState(Y.encodeStateAsUpdate(doc), context)
    const html = approvableItemHtml(snapshot, 'clause-budget')
    expect(html).toContain('Het budget staat vast.')
    expect(html).toBe(clauseHtml(snapshot.html, 'clause-budget'))
  })
})
