import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { renderDocumentHtml, renderDocumentJsonHtml, seedPactDocument } from './document.server.ts'
import { DOCUMENT_FIELD } from './extensions.ts'
import { readDocument } from './read-document.ts'
import { restoreUpdates } from './restore.ts'

const paragraph = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] })
const clause = (clauseId: string, ...body: JSONContent[]): JSONContent => ({
  type: 'clause',
  attrs: { clauseId, kind: 'budget' },
  content: [{ type: 'clauseTitle', content: [{ type: 'text', text: `Artikel ${clauseId}` }] }, ...body],
})
const signedText: JSONContent = { type: 'doc', content: [clause('clause-a', paragraph('Zoals getekend.')), paragraph('Slot.')] }

function pactDoc(json: JSONContent): Y.Doc {
  const doc = new Y.Doc()
  doc.getMap('model').set('title', 'blijft staan')
  seedPactDocument(doc, json)
  return doc
}

/** The document as the server holds it, and as a client that was open, each applying the updates in order. */
function applyEverywhere(state: Uint8Array, updates: readonly Uint8Array[]): Y.Doc[] {
  return [new Y.Doc(), new Y.Doc({ gc: false })].map((doc) => {
    Y.applyUpdate(doc, state)
    for (const update of updates) Y.applyUpdate(doc, update)
    return doc
  })
}

function nestLists(doc: Y.Doc, depth: number): void {
  doc.transact(() => {
    let parent: Y.XmlElement | Y.XmlFragment = doc.getXmlFragment(DOCUMENT_FIELD)
    for (let level = 0; level < depth; level++) {
      const list = new Y.XmlElement('bulletList')
      const item = new Y.XmlElement('listItem')
      parent.push([list])
      list.push([item])
      parent = item
    }
  })
}

describe('restoreUpdates', () => {
  it('replaces the text with the target and leaves the rest of the document alone', () => {
    const doc = pactDoc({
      type: 'doc',
      content: [clause('clause-a', paragraph('Later gewijzigd.')), clause('clause-b', paragraph('Nieuw.'))],
    })
    const state = Y.encodeStateAsUpdate(doc)
    const updates = restoreUpdates(state, signedText)
    expect(updates).toHaveLength(1)
    for (const restored of applyEverywhere(state, updates)) {
      expect(renderDocumentHtml(restored)).toBe(renderDocumentJsonHtml(signedText))
      expect(restored.getMap('model').get('title')).toBe('blijft staan')
    }
  })

  it('removes what cannot be read when the target is the readable part of the current text', () => {
    const doc = pactDoc(signedText)
    doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [new Y.Map() as unknown as Y.XmlElement])
    const state = Y.encodeStateAsUpdate(doc)
    const readable = readDocument(doc)
    expect(readable.skipped).toBe(1)
    const [restored] = applyEverywhere(state, restoreUpdates(state, readable.json))
    // The placeholder becomes ordinary text the editors can delete; nothing unreadable is left.
    expect(readDocument(restored!).skipped).toBe(0)
    expect(renderDocumentHtml(restored!)).toBe(`<p>[onleesbaar deel overgeslagen]</p>${renderDocumentJsonHtml(signedText)}`)
  })

  it('deletes nesting 3,000 levels deep in bands, so no update overflows the stack where it is applied', () => {
    const doc = pactDoc(signedText)
    nestLists(doc, 3_000)
    const state = Y.encodeStateAsUpdate(doc)
    // What Yjs does with a single delete of that content.
    const naive = new Y.Doc()
    Y.applyUpdate(naive, state)
    expect(() => naive.getXmlFragment(DOCUMENT_FIELD).delete(0, naive.getXmlFragment(DOCUMENT_FIELD).length)).toThrow(RangeError)

    const updates = restoreUpdates(state, signedText)
    expect(updates.length).toBeGreaterThan(1)
    for (const restored of applyEverywhere(state, updates))
      expect(renderDocumentHtml(restored)).toBe(renderDocumentJsonHtml(signedText))
  })

  it('writes an empty paragraph for an empty target: a document is never without a block', () => {
    const state = Y.encodeStateAsUpdate(pactDoc(signedText))
    const [restored] = applyEverywhere(state, restoreUpdates(state, { type: 'doc', content: [] }))
    expect(renderDocumentHtml(restored!)).toBe('<p></p>')
  })
})
