import type { JSONContent } from '@tiptap/core'
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { DOCUMENT_FIELD } from './extensions.ts'
import { pactSchema } from './read-document.ts'

/**
 * Putting a pact's text back to a known state (a signed version, or the current text without
 * what cannot be read) as new Yjs updates against the current document: every editor merges
 * them like any other change, nothing is rewritten in storage, and the history stays.
 *
 * Deleting deeply nested content is the hard part: Yjs deletes (and garbage-collects) a subtree
 * recursively, so one delete of a node 3,000 levels deep overflows the stack, on the server
 * and in every client that applies it. The deletes are therefore made from the bottom up, at
 * most DELETE_BAND levels per update, each on content whose deeper levels are already gone, so
 * no update recurses deeper than that wherever it is applied. A normal document needs one update.
 */

const DELETE_BAND = 100

/** What a beheerder can put the text back to: a signed version, or the readable part of the current text. */
export type RestoreSource = { kind: 'version'; number: number } | { kind: 'readable' }

/** What this walk needs of any Yjs type: its list of items and its map of items. */
type YType = Pick<Y.AbstractType<unknown>, '_start' | '_map'>

/**
 * The updates, in order, that turn `currentState`'s text into `target` (a document as
 * `readDocument` returns it: only what the schema allows, nested within its bound). Only the
 * text changes; the structured model and everything else in the Yjs document stay.
 */
export function restoreUpdates(currentState: Uint8Array, target: JSONContent): Uint8Array[] {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, currentState)
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    const fragment = doc.getXmlFragment(DOCUMENT_FIELD)
    const levels = typesByLevel(fragment)
    for (let level = Math.floor((levels.length - 1) / DELETE_BAND) * DELETE_BAND; level > 0; level -= DELETE_BAND) {
      doc.transact((transaction) => levels[level]!.forEach((type) => deleteContent(type, transaction)))
    }
    const content = target.content?.length ? target : { type: 'doc', content: [{ type: 'paragraph' }] }
    doc.transact(() => {
      fragment.delete(0, fragment.length)
      prosemirrorJSONToYXmlFragment(pactSchema(), content, fragment)
    })
    return updates
  } finally {
    doc.destroy()
  }
}

/** The Yjs types below the fragment, level by level (the fragment is level 0), without recursion. */
function typesByLevel(fragment: Y.XmlFragment): Array<Array<YType>> {
  const levels: Array<Array<YType>> = [[fragment]]
  for (let level = 0; level < levels.length; level++) {
    const next = levels[level]!.flatMap(childTypes)
    if (next.length > 0) levels.push(next)
  }
  return levels
}

// Any type can hold other types (an element its children, a map its values, text its embeds),
// and a hostile document may use all of them, so this walks Yjs's own item lists.
function childItems(type: YType): Y.Item[] {
  const items: Y.Item[] = []
  for (let item = type._start; item; item = item.right) if (!item.deleted) items.push(item)
  for (const item of type._map.values()) if (!item.deleted) items.push(item)
  return items
}

function childTypes(type: YType): Array<YType> {
  return childItems(type).flatMap((item) => (item.content instanceof Y.ContentType ? [item.content.type] : []))
}

function deleteContent(type: YType, transaction: Y.Transaction): void {
  for (const item of childItems(type)) item.delete(transaction)
}
