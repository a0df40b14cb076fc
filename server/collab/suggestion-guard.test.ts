import { applySuggestion } from '@handlewithcare/prosemirror-suggest-changes'
import { prosemirrorJSONToYXmlFragment, updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import type { JSONContent } from '@tiptap/core'
import type { Node } from 'prosemirror-model'
import { EditorState } from 'prosemirror-state'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DOCUMENT_FIELD } from '#app/document/extensions.ts'
import { pactSchema } from '#app/document/read-document.ts'
import { suggestionEffects, type SuggestionRights } from './suggestion-guard.ts'
import { TrialCopy } from './trial-copy.ts'

/** What an editor may do to the text while the pact is in suggestion-only mode, and a commentator at any time. */

const ORIGINAL = 'Het budget staat vast.'
const PROPOSAL = ' Voor vier jaar.'
const proposer = { id: 'henk', partyId: 'adviesraad' }
const insertion = { id: 's1', authorId: proposer.id, partyId: proposer.partyId, createdAt: '2026-11-30T12:00:00.000Z' }

/** The live document: one clause whose paragraph holds the original text and a commentator's proposed insertion. */
function liveDocument(): Y.Doc {
  const doc = new Y.Doc()
  const clause = new Y.XmlElement('clause')
  clause.setAttribute('clauseId', 'artikel-budget')
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  clause.insert(0, [paragraph])
  doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [clause])
  text.insert(0, ORIGINAL)
  text.insert(ORIGINAL.length, PROPOSAL, { insertion })
  return doc
}

function textOf(doc: Y.Doc): Y.XmlText {
  return ((doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText
}

/** What a client's change to its copy of `live` sends: only what `live` lacks. */
function updateOf(live: Y.Doc, change: (text: Y.XmlText, doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(live))
  change(textOf(client), client)
  return Y.encodeStateAsUpdate(client, Y.encodeStateVector(live))
}

function effects(rights: SuggestionRights, change: (text: Y.XmlText, doc: Y.Doc) => void, userId = 'karim') {
  const live = liveDocument()
  return suggestionEffects(live, new TrialCopy(live), updateOf(live, change), userId, rights)
}

const accept = (text: Y.XmlText) => text.format(ORIGINAL.length, PROPOSAL.length, { insertion: null })
const reject = (text: Y.XmlText) => text.delete(ORIGINAL.length, PROPOSAL.length)

describe('an editor in suggestion-only mode (suggest-and-decide)', () => {
  it('may accept someone else’s suggestion, which is reported as a decision', () => {
    expect(effects('suggest-and-decide', accept)).toEqual({
      refusal: null,
      decisions: [
        {
          outcome: 'accepted',
          kind: 'insertion',
          suggestionId: 's1',
          authorId: proposer.id,
          text: PROPOSAL,
          clauseId: 'artikel-budget',
        },
      ],
    })
  })

  it('may reject one', () => {
    expect(effects('suggest-and-decide', reject)).toMatchObject({ refusal: null, decisions: [{ outcome: 'rejected' }] })
  })

  it('may propose in its own name', () => {
    const own = { ...insertion, id: 's9', authorId: 'karim' }
    expect(effects('suggest-and-decide', (text) => text.insert(0, 'Nieuw: ', { insertion: own }))).toEqual({
      refusal: null,
      decisions: [],
    })
  })

  it.each([
    ['types unmarked text', (text: Y.XmlText) => text.insert(0, 'Direct: ')],
    ['deletes original text', (text: Y.XmlText) => text.delete(0, 4)],
    ['formats text', (text: Y.XmlText) => text.format(0, 3, { bold: {} })],
    ['changes the model', (_text: Y.XmlText, doc: Y.Doc) => doc.getMap('model').set('areas', [])],
  ])('is refused when it %s', (_what, change) => {
    expect(effects('suggest-and-decide', change).refusal).toMatch(/^direct-edit/)
  })
})

describe('typing a proposal before text that starts with the same letter', () => {
  // As y-prosemirror writes it: the typed "H" goes where a plain text diff puts it, after the
  // existing "H" of "Het", and the existing "H" is marked as the proposal.
  const own = { ...insertion, id: 's9', authorId: 'karim' }
  const typed = (formatting: Record<string, unknown> | null) => (text: Y.XmlText) => {
    text.insert(1, 'H')
    text.applyDelta([
      { retain: 1, attributes: { insertion: own } },
      { retain: ORIGINAL.length, attributes: { insertion: null, ...formatting } },
    ])
  }

  it.each<SuggestionRights>(['suggest', 'suggest-and-decide'])(
    'is a proposal (%s): the text without proposals stays the same',
    (rights) => {
      expect(effects(rights, typed(null))).toEqual({ refusal: null, decisions: [] })
    },
  )

  it('is refused when the shifted letter changes the text, even only its formatting', () => {
    expect(effects('suggest', typed({ bold: {} })).refusal).toMatch(/^direct-edit/)
    const elsewhere = (text: Y.XmlText) => {
      text.insert(5, 'H')
      text.format(0, 1, { insertion: own })
    }
    expect(effects('suggest', elsewhere).refusal).toMatch(/^direct-edit/)
  })
})

describe('a commentator (suggest)', () => {
  it('still may not accept or reject someone else’s suggestion', () => {
    expect(effects('suggest', accept).refusal).toBe('direct-edit: accepting a suggestion')
    expect(effects('suggest', reject).refusal).toBe('direct-edit: rejecting a suggestion')
  })
})

describe('an editor outside the mode (edit)', () => {
  it('may edit directly', () => {
    expect(effects('edit', (text) => text.insert(0, 'Direct: '))).toEqual({ refusal: null, decisions: [] })
  })
})

describe('accepting a deletion that spans a paragraph boundary', () => {
  // As the suggestion library marks it (one suggestion on both sides of the boundary), and as the
  // editor accepts it: the library deletes the range, ProseMirror joins the paragraphs, and
  // y-prosemirror deletes the second paragraph and moves what is left of it into the first.
  const deletion = { id: 'd1', authorId: proposer.id, partyId: proposer.partyId, createdAt: '2026-11-30T12:00:00.000Z' }
  const deleted = (text: string) => ({ type: 'text', text, marks: [{ type: 'deletion', attrs: deletion }] })
  const plain = (text: string) => ({ type: 'text', text })
  const bold = (text: string) => ({ type: 'text', text, marks: [{ type: 'bold' }] })
  const proposed = (first: JSONContent[], second: JSONContent[]): JSONContent => ({
    type: 'doc',
    content: [
      {
        type: 'clause',
        attrs: { clauseId: 'artikel-budget', kind: 'general' },
        content: [
          { type: 'clauseTitle', content: [plain('Budget')] },
          { type: 'paragraph', content: first },
          { type: 'paragraph', content: second },
        ],
      },
    ],
  })
  const SPANNING = proposed([plain('Eerste zin. '), deleted('Weg')], [deleted('ook weg. '), plain('Blijft '), bold('vet')])

  /** The update an editor sends when it turns `content` into what `edit` makes of its ProseMirror document. */
  function editorUpdate(content: JSONContent, edit: (state: EditorState) => Node) {
    const schema = pactSchema()
    const live = new Y.Doc()
    prosemirrorJSONToYXmlFragment(schema, content, live.getXmlFragment(DOCUMENT_FIELD))
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(live))
    const fragment = client.getXmlFragment(DOCUMENT_FIELD)
    const next = edit(EditorState.create({ schema, doc: yXmlFragmentToProseMirrorRootNode(fragment, schema) }))
    client.transact(() => updateYFragment(client, fragment, next, { mapping: new Map(), isOMark: new Map() } as never))
    return { live, update: Y.encodeStateAsUpdate(client, Y.encodeStateVector(live)) }
  }

  const accepted = (state: EditorState) => {
    let doc = state.doc
    applySuggestion('d1')(state, (tr) => (doc = tr.doc))
    return doc
  }

  function effectsOf(rights: SuggestionRights, content: JSONContent, edit: (state: EditorState) => Node) {
    const { live, update } = editorUpdate(content, edit)
    return suggestionEffects(live, new TrialCopy(live), update, 'karim', rights)
  }

  it('is sent as the second paragraph deleted and its remaining text moved, unchanged, into the first', () => {
    const { live, update } = editorUpdate(SPANNING, accepted)
    const after = new Y.Doc()
    Y.applyUpdate(after, Y.encodeStateAsUpdate(live))
    Y.applyUpdate(after, update)
    expect(after.getXmlFragment(DOCUMENT_FIELD).toString()).toBe(
      '<clause clauseId="artikel-budget" kind="general"><clausetitle>Budget</clausetitle>' +
        '<paragraph>Eerste zin. Blijft <bold>vet</bold></paragraph></clause>',
    )
  })

  it('may be accepted by an editor in suggestion-only mode, reported as the accepted deletion', () => {
    expect(effectsOf('suggest-and-decide', SPANNING, accepted)).toEqual({
      refusal: null,
      decisions: [
        {
          outcome: 'accepted',
          kind: 'deletion',
          suggestionId: 'd1',
          authorId: proposer.id,
          text: 'Wegook weg. ',
          clauseId: 'artikel-budget',
        },
      ],
    })
  })

  it('is still refused from a commentator', () => {
    expect(effectsOf('suggest', SPANNING, accepted).refusal).toBe('direct-edit: structure')
  })

  /** The accepted document with the joined paragraph's text replaced. */
  const acceptedAs = (content: JSONContent[]) => (state: EditorState) => {
    const doc = accepted(state).toJSON() as JSONContent
    doc.content![0]!.content![1]!.content = content
    return pactSchema().nodeFromJSON(doc)
  }

  it.each([
    ['the moved text is changed', acceptedAs([plain('Eerste zin. Blijft niet '), bold('vet')])],
    ['the moved text loses its formatting', acceptedAs([plain('Eerste zin. Blijft vet')])],
    ['part of the moved text is dropped', acceptedAs([plain('Eerste zin. Blijft ')])],
    ['the first paragraph changes too', acceptedAs([plain('Eerste. Blijft '), bold('vet')])],
  ])('is refused, also from a decider, when %s', (_what, edit) => {
    expect(effectsOf('suggest-and-decide', SPANNING, edit).refusal).toMatch(/^direct-edit/)
  })

  it('is refused, also from a decider, where the boundary itself was not proposed for deletion', () => {
    const unproposed = proposed(
      [plain('Eerste zin. '), deleted('Weg'), plain('.')],
      [deleted('ook weg. '), plain('Blijft '), bold('vet')],
    )
    const joined = (state: EditorState) => {
      const doc = state.doc.toJSON() as JSONContent
      const clause = doc.content![0]!
      clause.content = [clause.content![0]!, { type: 'paragraph', content: [plain('Eerste zin. .Blijft '), bold('vet')] }]
      return pactSchema().nodeFromJSON(doc)
    }
    expect(effectsOf('suggest-and-decide', unproposed, joined).refusal).toBe('direct-edit: structure')
  })
})
