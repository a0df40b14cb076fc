import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { TrialCopy } from './trial-copy.ts'

/** An update from a peer that appends `text` to the original's text as it is now. */
function peerAppends(original: Y.Doc, text: string): Uint8Array {
  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(original))
  const before = Y.encodeStateVector(peer)
  const shared = peer.getText('text')
  shared.insert(shared.length, text)
  return Y.encodeStateAsUpdate(peer, before)
}

/** Tries `update` and tells what the copy's text was after it, and which copy it was. */
function tryOn(trialCopy: TrialCopy, update: Uint8Array): { text: string; copy: Y.Doc } {
  let seen: { text: string; copy: Y.Doc } | undefined
  trialCopy.trial(update, (copy) => {
    const text = copy.getText('text')
    const observe = () => (seen = { text: text.toString(), copy })
    text.observe(observe)
    return () => text.unobserve(observe)
  })
  if (!seen) throw new Error('the trial changed nothing')
  return seen
}

describe('the trial copy of a live document', () => {
  it('shows an update applied to the document as it is now, leaving the document untouched', () => {
    const original = new Y.Doc()
    original.getText('text').insert(0, 'Artikel')
    const trialCopy = new TrialCopy(original)
    const update = peerAppends(original, ' 1')
    expect(tryOn(trialCopy, update).text).toBe('Artikel 1')
    expect(original.getText('text').toString()).toBe('Artikel')
    trialCopy.destroy()
  })

  it('follows what the document applies, and keeps one copy while every tried update is applied', () => {
    const original = new Y.Doc()
    const trialCopy = new TrialCopy(original)
    const first = peerAppends(original, 'een')
    const { copy } = tryOn(trialCopy, first)
    Y.applyUpdate(original, first)
    trialCopy.confirm(first)
    // A change the copy never tried (server code, another instance) reaches it too.
    original.getText('text').insert(3, ' twee')
    const second = peerAppends(original, ' drie')
    const after = tryOn(trialCopy, second)
    expect(after.text).toBe('een twee drie')
    expect(after.copy).toBe(copy)
    trialCopy.destroy()
  })

  it('starts again from the document after a tried update the document refused', () => {
    const original = new Y.Doc()
    original.getText('text').insert(0, 'Budget')
    const trialCopy = new TrialCopy(original)
    const refused = peerAppends(original, ' weg')
    const { copy } = tryOn(trialCopy, refused)
    const next = peerAppends(original, ' vast')
    const after = tryOn(trialCopy, next)
    expect(after.text).toBe('Budget vast')
    expect(after.copy).not.toBe(copy)
    trialCopy.destroy()
  })
})
