import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DOCUMENT_FIELD } from '#app/document/extensions.ts'
import { pactSnapshot } from '#app/document/pact-document.server.ts'
import { recordSuggestionEvent } from '#app/document/suggestions.server.ts'
import { getDb } from '#app/platform/db/db.server.ts'
import { setSuggestionsOnly } from '#app/pacts/pacts.server.ts'
import { addSignatory, decideOnClause, SignOffError, signOffState } from '#app/sign-off/sign-off.server.ts'
import { CloseCode, type SuggestionEvent } from '#server/collab/index.ts'
import { SUGGESTION_REFUSED_REASON } from '#app/document/collab-close-codes.ts'
import { collabTestbed, waitFor, type TestClient } from '#tests/support/collab.ts'
import { addMember, createTestPact, type TestPact, type TestUser } from '#tests/support/fixtures.ts'

/**
 * Suggestions over the real socket: a commentator may change nothing but its own suggestions,
 * nobody may write a suggestion in someone else's name, and what an editor accepts or rejects
 * reaches the audit trail as the server saw it.
 */

const testbed = collabTestbed()
const CLAUSE_ID = 'artikel-budget'
const ORIGINAL = 'Het budget staat vast.'

async function setUp() {
  const events: SuggestionEvent[] = []
  const server = await testbed.server({
    onSuggestions: (event) => {
      events.push(event)
      void recordSuggestionEvent(event)
    },
  })
  const pact = await createTestPact()
  const commentator = await addMember(pact, 'commentator', 'Henk Adviesraad')
  const editor = testbed.client(server, pact.pactId, pact.owner)
  await editor.whenSynced()
  writeClause(editor.doc)
  const proposer = testbed.client(server, pact.pactId, commentator)
  await proposer.whenSynced()
  await waitFor(() => plain(proposer.doc) === ORIGINAL, 'the commentator to receive the clause')
  return { server, pact, commentator, editor, proposer, events }
}

function writeClause(doc: Y.Doc): void {
  doc.transact(() => {
    const clause = new Y.XmlElement('clause')
    clause.setAttribute('clauseId', CLAUSE_ID)
    const title = new Y.XmlElement('clauseTitle')
    title.insert(0, [new Y.XmlText('Budget')])
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(ORIGINAL)])
    clause.insert(0, [title, paragraph])
    doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [clause])
  })
}

function paragraphOf(doc: Y.Doc): Y.XmlText {
  const clause = doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement | undefined
  const paragraph = clause?.get(1) as Y.XmlElement | undefined
  return (paragraph?.get(0) as Y.XmlText | undefined) ?? new Y.XmlText()
}

/** The paragraph's characters, without the formatting that `toString` writes as tags. */
function plain(doc: Y.Doc): string {
  return (paragraphOf(doc).toDelta() as Array<{ insert: string }>).map((op) => op.insert).join('')
}

function mark(user: TestUser, pact: TestPact, id = 's1') {
  return { id, authorId: user.id, partyId: pact.partyId, createdAt: '2026-11-30T12:00:00.000Z' }
}

async function storedDelta(pactId: string, server: Awaited<ReturnType<typeof setUp>>['server']) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, await server.collab.loadDocumentState(pactId))
  return paragraphOf(doc).toDelta() as unknown[]
}

async function expectRefused(client: TestClient) {
  await waitFor(() => client.closes.length > 0, 'the socket to be closed')
  expect(client.closes[0]).toEqual({ code: CloseCode.updateRefused, reason: SUGGESTION_REFUSED_REASON })
}

describe('a commentator on the collaboration socket', () => {
  it('proposes an insertion in its own name: stored and relayed, as a suggestion', async () => {
    const { pact, commentator, editor, proposer, server } = await setUp()
    paragraphOf(proposer.doc).insert(ORIGINAL.length, ' Voor vier jaar.', { insertion: mark(commentator, pact) })

    await waitFor(() => plain(editor.doc) === `${ORIGINAL} Voor vier jaar.`, 'the editor to see the proposal')
    expect(paragraphOf(editor.doc).toDelta()).toEqual([
      { insert: ORIGINAL },
      { insert: ' Voor vier jaar.', attributes: { insertion: mark(commentator, pact) } },
    ])
    expect(proposer.closes).toEqual([])
    expect(await storedDelta(pact.pactId, server)).toHaveLength(2)
    // Not part of the text that is read and approved.
    const snapshot = await pactSnapshot(pact.pactId)
    expect(snapshot.suggestions).toMatchObject([{ kind: 'insertion', authorId: commentator.id, clauseId: CLAUSE_ID }])
    expect(snapshot.html).not.toContain('Voor vier jaar')
  })

  it('proposes a deletion and withdraws its own proposals', async () => {
    const { pact, commentator, editor, proposer } = await setUp()
    const text = paragraphOf(proposer.doc)
    text.format(4, 6, { deletion: mark(commentator, pact, 's2') })
    text.insert(0, 'Nieuw: ', { insertion: mark(commentator, pact, 's3') })
    await waitFor(() => (paragraphOf(editor.doc).toDelta() as unknown[]).length === 4, 'the editor to see both proposals')
    text.delete(0, 'Nieuw: '.length)
    text.format(4, 6, { deletion: null })
    await waitFor(
      () => paragraphOf(editor.doc).toDelta().length === 1 || proposer.closes.length > 0,
      'the editor to see them withdrawn',
    )
    expect(proposer.closes).toEqual([])
    expect(plain(editor.doc)).toBe(ORIGINAL)
    expect(proposer.closes).toEqual([])
  })

  it('has a direct edit refused: its socket closed with 4422, nothing stored, the others carry on', async () => {
    const { pact, editor, proposer, server } = await setUp()
    paragraphOf(proposer.doc).insert(0, 'Vervalst: ')

    await expectRefused(proposer)
    expect(plain(editor.doc)).toBe(ORIGINAL)
    expect(await storedDelta(pact.pactId, server)).toEqual([{ insert: ORIGINAL }])
    paragraphOf(editor.doc).insert(0, 'Artikel: ')
    const later = testbed.client(server, pact.pactId, pact.owner)
    await waitFor(() => plain(later.doc) === `Artikel: ${ORIGINAL}`, 'the editor’s edit to go on')
    expect(editor.closes).toEqual([])
    await waitFor(async () => (await auditActions(pact.pactId)).includes('suggestion.refused'), 'the attempt to be audited')
  })

  it.each([
    ['deletes text outright', (text: Y.XmlText) => text.delete(0, 4)],
    ['formats text', (text: Y.XmlText) => text.format(0, 3, { bold: {} })],
    [
      'adds a paragraph',
      (_text: Y.XmlText, doc: Y.Doc) => doc.getXmlFragment(DOCUMENT_FIELD).insert(1, [new Y.XmlElement('paragraph')]),
    ],
  ])('has it refused when it %s', async (_what, change) => {
    const { pact, proposer, server } = await setUp()
    change(paragraphOf(proposer.doc), proposer.doc)
    await expectRefused(proposer)
    expect(await storedDelta(pact.pactId, server)).toEqual([{ insert: ORIGINAL }])
  })

  it('may not accept its own proposal (that is for redacteuren and beheerders)', async () => {
    const { pact, commentator, editor, proposer } = await setUp()
    paragraphOf(proposer.doc).insert(0, 'Nieuw: ', { insertion: mark(commentator, pact) })
    await waitFor(() => paragraphOf(editor.doc).toDelta().length === 2, 'the editor to see the proposal')
    paragraphOf(proposer.doc).format(0, 'Nieuw: '.length, { insertion: null })
    await expectRefused(proposer)
    expect(paragraphOf(editor.doc).toDelta()).toHaveLength(2)
  })
})

describe('a suggestion in someone else’s name', () => {
  it('is refused from a commentator', async () => {
    const { pact, proposer, server } = await setUp()
    paragraphOf(proposer.doc).insert(0, 'Namens de wethouder: ', { insertion: mark(pact.owner, pact) })
    await expectRefused(proposer)
    expect(await storedDelta(pact.pactId, server)).toEqual([{ insert: ORIGINAL }])
  })

  it('is refused from an editor too', async () => {
    const { pact, commentator, editor, proposer, server } = await setUp()
    paragraphOf(editor.doc).insert(0, 'Namens de adviesraad: ', { insertion: mark(commentator, pact) })
    await expectRefused(editor)
    expect(await storedDelta(pact.pactId, server)).toEqual([{ insert: ORIGINAL }])
    expect(proposer.closes).toEqual([])
  })
})

describe('deciding on suggestions', () => {
  it('audits an editor’s acceptance with the text, and the accepted text reopens the clause’s approvals', async () => {
    const { pact, commentator, editor, proposer, events } = await setUp()
    await addSignatory(pact.pactId, pact.partyId, pact.owner.id, pact.owner.id)
    paragraphOf(proposer.doc).insert(ORIGINAL.length, ' Voor vier jaar.', { insertion: mark(commentator, pact) })
    await waitFor(() => paragraphOf(editor.doc).toDelta().length === 2, 'the editor to see the proposal')

    const before = await signOffState(pact.pactId)
    const clause = before.matrix.clauses.find((row) => row.clauseId === CLAUSE_ID)!
    expect(clause.openSuggestions).toBe(1)
    const decision = { pactId: pact.pactId, clauseId: CLAUSE_ID, partyId: pact.partyId, userId: pact.owner.id, explanation: null }
    // Approving what still has an open proposal is refused; saying it needs a change is not.
    await expect(decideOnClause({ ...decision, decision: 'akkoord', seenHash: clause.contentHash })).rejects.toSatisfy(
      (error) => error instanceof SignOffError && error.code === 'open-suggestions',
    )

    paragraphOf(editor.doc).format(ORIGINAL.length, ' Voor vier jaar.'.length, { insertion: null })
    await waitFor(async () => (await pactSnapshot(pact.pactId)).suggestions.length === 0, 'the acceptance to be stored')
    await waitFor(() => events.some((event) => 'decisions' in event), 'the decision to be reported')
    expect(events.find((event) => 'decisions' in event)).toEqual({
      pactId: pact.pactId,
      userId: pact.owner.id,
      decisions: [
        {
          outcome: 'accepted',
          kind: 'insertion',
          suggestionId: 's1',
          authorId: commentator.id,
          text: ' Voor vier jaar.',
          clauseId: CLAUSE_ID,
        },
      ],
    })
    await waitFor(async () => (await auditActions(pact.pactId)).includes('suggestion.accepted'), 'the acceptance to be audited')

    const after = await signOffState(pact.pactId)
    const accepted = after.matrix.clauses.find((row) => row.clauseId === CLAUSE_ID)!
    expect(accepted.contentHash).not.toBe(clause.contentHash)
    await decideOnClause({ ...decision, decision: 'akkoord', seenHash: accepted.contentHash })
  })

  it('audits a rejection and a withdrawal', async () => {
    const { pact, commentator, editor, proposer } = await setUp()
    paragraphOf(proposer.doc).insert(0, 'Eerst: ', { insertion: mark(commentator, pact, 's1') })
    paragraphOf(proposer.doc).format('Eerst: '.length, 3, { deletion: mark(commentator, pact, 's2') })
    await waitFor(() => paragraphOf(editor.doc).toDelta().length === 3, 'the editor to see both proposals')
    paragraphOf(editor.doc).delete(0, 'Eerst: '.length)
    await waitFor(() => paragraphOf(proposer.doc).toDelta().length === 2, 'the commentator to see the rejection')
    paragraphOf(proposer.doc).format(0, 3, { deletion: null })
    await waitFor(async () => {
      const actions = await auditActions(pact.pactId)
      return actions.includes('suggestion.rejected') && actions.includes('suggestion.withdrawn')
    }, 'both decisions to be audited')
    expect(proposer.closes).toEqual([])
  })
})

describe('a pact in suggestion-only mode', () => {
  async function withRedacteur() {
    const setup = await setUp()
    const redacteur = await addMember(setup.pact, 'redacteur', 'Karim Welzijn')
    const writer = testbed.client(setup.server, setup.pact.pactId, redacteur)
    await writer.whenSynced()
    await waitFor(() => plain(writer.doc) === ORIGINAL, 'the redacteur to receive the clause')
    return { ...setup, redacteur, writer }
  }

  it('reaches an open socket at once: a redacteur’s direct edit is then refused with 4422 and nothing is stored', async () => {
    const { pact, editor, writer, server } = await withRedacteur()
    await setSuggestionsOnly(pact.pactId, true, pact.owner.id)
    paragraphOf(writer.doc).insert(0, 'Rechtstreeks: ')

    await expectRefused(writer)
    expect(plain(editor.doc)).toBe(ORIGINAL)
    expect(await storedDelta(pact.pactId, server)).toEqual([{ insert: ORIGINAL }])
    const audited = await getDb()
      .selectFrom('audit_events')
      .select(['actor_id', 'details'])
      .where('pact_id', '=', pact.pactId)
      .where('action', '=', 'pact.suggestions-only')
      .execute()
    expect(audited).toEqual([{ actor_id: pact.owner.id, details: JSON.stringify({ suggestionsOnly: true }) }])
  })

  it('still lets a redacteur propose in its own name and accept someone else’s proposal', async () => {
    const { pact, commentator, redacteur, editor, proposer, writer, server } = await withRedacteur()
    await setSuggestionsOnly(pact.pactId, true, pact.owner.id)
    paragraphOf(proposer.doc).insert(ORIGINAL.length, ' Voor vier jaar.', { insertion: mark(commentator, pact) })
    await waitFor(() => paragraphOf(writer.doc).toDelta().length === 2, 'the redacteur to see the proposal')

    paragraphOf(writer.doc).insert(0, 'Nieuw: ', { insertion: mark(redacteur, pact, 'k1') })
    paragraphOf(writer.doc).format('Nieuw: '.length + ORIGINAL.length, ' Voor vier jaar.'.length, { insertion: null })

    await waitFor(() => plain(editor.doc) === `Nieuw: ${ORIGINAL} Voor vier jaar.`, 'the others to see both changes')
    await waitFor(async () => (await auditActions(pact.pactId)).includes('suggestion.accepted'), 'the acceptance to be audited')
    expect(writer.closes).toEqual([])
    expect(await storedDelta(pact.pactId, server)).toEqual([
      { insert: 'Nieuw: ', attributes: { insertion: mark(redacteur, pact, 'k1') } },
      { insert: `${ORIGINAL} Voor vier jaar.` },
    ])
  })

  it('is switched off again: the redacteur edits directly once more', async () => {
    const { pact, editor, writer } = await withRedacteur()
    await setSuggestionsOnly(pact.pactId, true, pact.owner.id)
    await setSuggestionsOnly(pact.pactId, false, pact.owner.id)
    paragraphOf(writer.doc).insert(0, 'Rechtstreeks: ')
    await waitFor(() => plain(editor.doc) === `Rechtstreeks: ${ORIGINAL}`, 'the direct edit to arrive')
    expect(writer.closes).toEqual([])
  })
})

async function auditActions(pactId: string): Promise<string[]> {
  const rows = await getDb().selectFrom('audit_events').select('action').where('pact_id', '=', pactId).execute()
  return rows.map((row) => row.action)
}
