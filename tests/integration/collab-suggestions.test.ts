import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DOCUMENT_FIELD } from '#app/document/extensions.ts'
import { currentItems, pactSnapshot } from '#app/document/pact-document.server.ts'
import { recordSuggestionEvent, suggestionOutcomes } from '#app/document/suggestions.server.ts'
import { suggestionKey } from '#app/document/suggestions.ts'
import { getDb } from '#app/platform/db/db.server.ts'
import { setSuggestionsOnly } from '#app/pacts/pacts.server.ts'
import { addSignatory, decideOnClause, SignOffError, signOffState } from '#app/sign-off/sign-off.server.ts'
import { clausePage } from '#app/sign-off/clause-page.server.ts'
import { reviewPage } from '#app/sign-off/review-page.server.ts'
import * as clauseRoute from '#app/routes/pact-clause.tsx'
import * as reviewRoute from '#app/routes/pact-review.tsx'
import * as signOffRoute from '#app/routes/pact-sign-off.tsx'
import { get, post } from '#tests/support/route-calls.ts'
import { addComment, CommentError, listComments } from '#app/sign-off/comments.server.ts'
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

describe('deciding on many suggestions at once', () => {
  /** Henk proposes two insertions in the clause, as his editor would: ' Voor vier jaar.' (s1) and 'Nieuw: ' (s2). */
  async function twoProposals() {
    const setup = await setUp()
    const { pact, commentator, editor, proposer } = setup
    paragraphOf(proposer.doc).insert(ORIGINAL.length, ' Voor vier jaar.', { insertion: mark(commentator, pact, 's1') })
    paragraphOf(proposer.doc).insert(0, 'Nieuw: ', { insertion: mark(commentator, pact, 's2') })
    await waitFor(() => paragraphOf(editor.doc).toDelta().length === 3, 'the editor to see both proposals')
    await waitFor(async () => (await pactSnapshot(pact.pactId)).suggestions.length === 2, 'both proposals to be stored')
    return setup
  }

  it('accepts all of one person’s suggestions in one update, and audits each with its text', async () => {
    const { pact, commentator, editor, events } = await twoProposals()
    // What the panel's "Alle aannemen" does: one transaction, so one update.
    editor.doc.transact(() => {
      paragraphOf(editor.doc).format(0, 'Nieuw: '.length, { insertion: null })
      paragraphOf(editor.doc).format(`Nieuw: ${ORIGINAL}`.length, ' Voor vier jaar.'.length, { insertion: null })
    })
    await waitFor(() => events.some((event) => 'decisions' in event), 'the decisions to be reported')
    const reported = events.filter((event) => 'decisions' in event)
    expect(reported).toHaveLength(1)
    expect(reported[0]).toMatchObject({
      userId: pact.owner.id,
      decisions: expect.arrayContaining([
        expect.objectContaining({ outcome: 'accepted', suggestionId: 's1', text: ' Voor vier jaar.', clauseId: CLAUSE_ID }),
        expect.objectContaining({ outcome: 'accepted', suggestionId: 's2', text: 'Nieuw: ', clauseId: CLAUSE_ID }),
      ]),
    })
    const keys = ['s1', 's2'].map((id) => suggestionKey({ kind: 'insertion', authorId: commentator.id, id }))
    await waitFor(async () => (await suggestionOutcomes(pact.pactId, keys)).size === 2, 'both acceptances to be audited')
    expect([...(await suggestionOutcomes(pact.pactId, keys)).values()]).toEqual(['accepted', 'accepted'])
    expect(plain(editor.doc)).toBe(`Nieuw: ${ORIGINAL} Voor vier jaar.`)
    expect((await pactSnapshot(pact.pactId)).suggestions).toEqual([])
  })

  it('refuses a bulk acceptance from a commentator: socket closed, nothing applied', async () => {
    const { pact, commentator, proposer, server } = await twoProposals()
    const other = testbed.client(server, pact.pactId, await addMember(pact, 'commentator', 'Karim Jongerenraad'))
    await other.whenSynced()
    await waitFor(() => paragraphOf(other.doc).toDelta().length === 3, 'the other commentator to see the proposals')
    other.doc.transact(() => {
      paragraphOf(other.doc).format(0, 'Nieuw: '.length, { insertion: null })
      paragraphOf(other.doc).format(`Nieuw: ${ORIGINAL}`.length, ' Voor vier jaar.'.length, { insertion: null })
    })
    await expectRefused(other)
    expect(await storedDelta(pact.pactId, server)).toHaveLength(3)
    expect((await pactSnapshot(pact.pactId)).suggestions.map((suggestion) => suggestion.authorId)).toEqual([
      commentator.id,
      commentator.id,
    ])
    expect(proposer.closes).toEqual([])
  })
})

describe('a thread on a suggestion', () => {
  it('is stored with the suggestion, shown with it while open, and marked with how it ended once decided', async () => {
    const { pact, commentator, editor, proposer } = await setUp()
    paragraphOf(proposer.doc).insert(ORIGINAL.length, ' Voor vier jaar.', { insertion: mark(commentator, pact) })
    await waitFor(() => paragraphOf(editor.doc).toDelta().length === 2, 'the editor to see the proposal')
    await waitFor(async () => (await currentItems(pact.pactId)).suggestions.length === 1, 'the proposal to be stored')
    const key = suggestionKey({ kind: 'insertion', authorId: commentator.id, id: 's1' })
    const comment = (overrides: Partial<Parameters<typeof addComment>[0]>) => ({
      pactId: pact.pactId,
      clauseId: CLAUSE_ID,
      parentId: null,
      body: 'Waarom vier jaar?',
      quote: null,
      authorId: pact.owner.id,
      clauseExists: true,
      ...overrides,
    })
    const { suggestions } = await currentItems(pact.pactId)
    const threadId = await addComment(comment({ suggestionKey: key, openSuggestions: suggestions }))
    await addComment(comment({ parentId: threadId, body: 'Zo lang loopt het pact.', authorId: commentator.id }))
    // Not a suggestion open in this clause, and a reply cannot name one of its own.
    for (const wrong of [
      comment({ suggestionKey: 'insertion:iemand:s9', openSuggestions: suggestions }),
      comment({ suggestionKey: key, openSuggestions: [] }),
      comment({ suggestionKey: key, openSuggestions: suggestions, parentId: threadId }),
    ])
      await expect(addComment(wrong)).rejects.toSatisfy(
        (error) => error instanceof CommentError && error.code === 'unknown-suggestion',
      )

    expect((await listComments(pact.pactId)).map((row) => [row.body, row.suggestion_key, row.quote])).toEqual([
      ['Waarom vier jaar?', key, ' Voor vier jaar.'],
      ['Zo lang loopt het pact.', null, null],
    ])
    const open = (await clausePage(pact.pactId, CLAUSE_ID, { userId: pact.owner.id, access: 'beheerder' }))!
    expect(open.threads).toEqual([])
    expect(open.suggestions).toMatchObject([
      { key, authorName: 'Henk Adviesraad', text: ' Voor vier jaar.', threads: [{ id: threadId, replies: [{}] }] },
    ])

    paragraphOf(editor.doc).format(ORIGINAL.length, ' Voor vier jaar.'.length, { insertion: null })
    await waitFor(async () => (await suggestionOutcomes(pact.pactId, [key])).size === 1, 'the acceptance to be audited')
    const decided = (await clausePage(pact.pactId, CLAUSE_ID, { userId: pact.owner.id, access: 'beheerder' }))!
    expect(decided.suggestions).toEqual([])
    expect(decided.threads).toMatchObject([
      { id: threadId, quote: ' Voor vier jaar.', suggestionOutcome: 'accepted', replies: [{ body: 'Zo lang loopt het pact.' }] },
    ])
  })

  it('is what a change request points at, and only a change request, at an open suggestion', async () => {
    const { pact, commentator, proposer } = await setUp()
    await addSignatory(pact.pactId, pact.partyId, pact.owner.id, pact.owner.id)
    paragraphOf(proposer.doc).insert(0, 'Nieuw: ', { insertion: mark(commentator, pact) })
    await waitFor(async () => (await currentItems(pact.pactId)).suggestions.length === 1, 'the proposal to be stored')
    const key = suggestionKey({ kind: 'insertion', authorId: commentator.id, id: 's1' })
    const { matrix } = await signOffState(pact.pactId)
    const seenHash = matrix.clauses.find((row) => row.clauseId === CLAUSE_ID)!.contentHash
    const decision = { pactId: pact.pactId, clauseId: CLAUSE_ID, partyId: pact.partyId, userId: pact.owner.id, seenHash }
    for (const wrong of [
      { decision: 'niet-akkoord' as const, suggestionKey: key },
      { decision: 'wijziging-gevraagd' as const, suggestionKey: 'insertion:iemand:s9' },
    ])
      await expect(decideOnClause({ ...decision, ...wrong, explanation: null })).rejects.toSatisfy(
        (error) => error instanceof SignOffError && error.code === 'unknown-suggestion',
      )

    await decideOnClause({ ...decision, decision: 'wijziging-gevraagd', suggestionKey: key, explanation: null })
    const page = (await clausePage(pact.pactId, CLAUSE_ID, { userId: pact.owner.id, access: 'beheerder' }))!
    expect(page.suggestions[0]!.threads).toMatchObject([
      { decision: 'wijziging-gevraagd', suggestion_key: key, quote: 'Nieuw: ', body: '' },
    ])
  })
})

describe('the clause page and a suggestion', () => {
  it('takes a thread on it from a commentator, not from a reader, and a change request pointing at it', async () => {
    const { pact, commentator, proposer } = await setUp()
    await addSignatory(pact.pactId, pact.partyId, pact.owner.id, pact.owner.id)
    const reader = await addMember(pact, 'lezer', 'Meelezer')
    paragraphOf(proposer.doc).insert(0, 'Nieuw: ', { insertion: mark(commentator, pact) })
    await waitFor(async () => (await currentItems(pact.pactId)).suggestions.length === 1, 'the proposal to be stored')
    const key = suggestionKey({ kind: 'insertion', authorId: commentator.id, id: 's1' })
    const path = `/pacts/${pact.pactId}/artikelen/${CLAUSE_ID}`
    const options = (user: TestUser) => ({ cookie: user.cookie, params: { pactId: pact.pactId, clauseId: CLAUSE_ID } })
    const thread = { intent: 'comment', body: 'Waarom nieuw?', suggestionKey: key }

    expect((await post(clauseRoute.action, path, thread, options(reader))).status).toBe(403)
    expect((await post(clauseRoute.action, path, thread, options(commentator))).status).toBe(200)
    // The review flow shows it too, with its thread, while the party has yet to decide.
    const review = await reviewPage(pact.pactId, pact.owner.id, null)
    expect(review.items.find((item) => item.clauseId === CLAUSE_ID)!.suggestions).toMatchObject([
      {
        key,
        text: 'Nieuw: ',
        authorName: 'Henk Adviesraad',
        threads: [{ body: 'Waarom nieuw?' }],
      },
    ])
    const { body: page } = await get(clauseRoute.loader, path, options(pact.owner))
    const seenHash = (page as { clause: { contentHash: string } }).clause.contentHash
    const request = { intent: 'decide', partyId: pact.partyId, decision: 'wijziging-gevraagd', seenHash }
    expect(
      (await post(clauseRoute.action, path, { ...request, suggestionKey: 'insertion:iemand:s9' }, options(pact.owner))).status,
    ).toBe(409)
    expect((await post(clauseRoute.action, path, { ...request, suggestionKey: key }, options(pact.owner))).status).toBe(200)

    const { body } = await get(clauseRoute.loader, path, options(pact.owner))
    const [shown] = (body as Awaited<ReturnType<typeof clausePage>> & object).suggestions
    expect(shown!.threads.map((row) => [row.author_name, row.body, row.decision])).toEqual([
      ['Henk Adviesraad', 'Waarom nieuw?', null],
      ['Eigenaar', '', 'wijziging-gevraagd'],
    ])
  })
})

describe('the review flow and the matrix and a suggestion', () => {
  it('take a change request pointing at it from the review, and the matrix says whose suggestion it is about', async () => {
    const { pact, commentator, proposer } = await setUp()
    await addSignatory(pact.pactId, pact.partyId, pact.owner.id, pact.owner.id)
    paragraphOf(proposer.doc).insert(0, 'Nieuw: ', { insertion: mark(commentator, pact) })
    await waitFor(async () => (await currentItems(pact.pactId)).suggestions.length === 1, 'the proposal to be stored')
    const key = suggestionKey({ kind: 'insertion', authorId: commentator.id, id: 's1' })
    const options = { cookie: pact.owner.cookie, params: { pactId: pact.pactId } }
    const review = await get(reviewRoute.loader, `/pacts/${pact.pactId}/akkoord/beoordelen`, options)
    const index = (review.body.items as Array<{ clauseId: string }>).findIndex((item) => item.clauseId === CLAUSE_ID)
    const item = review.body.items[index] as { contentHash: string; suggestions: Array<{ key: string }> }
    expect(item.suggestions.map((suggestion) => suggestion.key)).toEqual([key])
    const send = (decision: string, suggestion: string) =>
      post(
        reviewRoute.action,
        `/pacts/${pact.pactId}/akkoord/beoordelen`,
        {
          intent: 'review',
          partyId: pact.partyId,
          [`items[${index}].clauseId`]: CLAUSE_ID,
          [`items[${index}].seenHash`]: item.contentHash,
          [`items[${index}].decision`]: decision,
          [`items[${index}].suggestionKey`]: suggestion,
        },
        options,
      )
    const cell = async () => {
      const { body } = await get(signOffRoute.loader, `/pacts/${pact.pactId}/akkoord`, options)
      const row = (body.clauses as Array<{ clauseId: string; statuses: string[]; requests: unknown[] }>).find(
        (clause) => clause.clauseId === CLAUSE_ID,
      )!
      return { status: row.statuses[0], request: row.requests[0] }
    }

    // Not a suggestion open in this clause: refused, nothing recorded.
    expect((await send('wijziging-gevraagd', 'insertion:iemand:s9')).status).toBe(409)
    expect(await cell()).toEqual({ status: 'open', request: null })
    expect((await send('wijziging-gevraagd', key)).status).toBe(200)
    expect(await cell()).toEqual({ status: 'wijziging-gevraagd', request: { proposerName: 'Henk Adviesraad' } })
    const page = (await clausePage(pact.pactId, CLAUSE_ID, { userId: pact.owner.id, access: 'beheerder' }))!
    expect(page.suggestions[0]!.threads).toMatchObject([
      { decision: 'wijziging-gevraagd', suggestion_key: key, quote: 'Nieuw: ' },
    ])

    // A later refusal names no suggestion (a picked one is left out), and the cell says nothing of one.
    expect((await send('niet-akkoord', key)).status).toBe(200)
    expect(await cell()).toEqual({ status: 'niet-akkoord', request: null })
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

  it('lets a redacteur accept a proposed deletion across two paragraphs, sent as the editor joins them', async () => {
    const { pact, commentator, redacteur, editor, proposer, writer, events } = await withRedacteur()
    const clauseOf = (doc: Y.Doc) => doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement
    const secondOf = (doc: Y.Doc) => (clauseOf(doc).get(2) as Y.XmlElement | undefined)?.get(0) as Y.XmlText | undefined
    editor.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('Tweede alinea blijft.')])
      clauseOf(editor.doc).insert(2, [paragraph])
    })
    await waitFor(() => secondOf(proposer.doc)?.toString() === 'Tweede alinea blijft.', 'the commentator to see it')
    await setSuggestionsOnly(pact.pactId, true, pact.owner.id)
    // Henk proposes deleting from "vast." to "Tweede ": one suggestion on both sides of the boundary.
    proposer.doc.transact(() => {
      paragraphOf(proposer.doc).format(ORIGINAL.indexOf('vast.'), 'vast.'.length, { deletion: mark(commentator, pact, 'd1') })
      secondOf(proposer.doc)!.format(0, 'Tweede '.length, { deletion: mark(commentator, pact, 'd1') })
    })
    await waitFor(() => secondOf(writer.doc)?.toDelta().length === 2, 'the redacteur to see the proposal')

    // What y-prosemirror sends when the library accepts it: the second paragraph deleted, its rest moved into the first.
    writer.doc.transact(() => {
      paragraphOf(writer.doc).delete(ORIGINAL.indexOf('vast.'), 'vast.'.length)
      paragraphOf(writer.doc).insert(ORIGINAL.indexOf('vast.'), 'alinea blijft.')
      clauseOf(writer.doc).delete(2, 1)
    })
    await waitFor(() => plain(editor.doc) === 'Het budget staat alinea blijft.', 'the others to see it accepted')
    expect(clauseOf(editor.doc).length).toBe(2)
    await waitFor(() => events.some((event) => 'decisions' in event), 'the decision to be reported')
    expect(events.find((event) => 'decisions' in event)).toMatchObject({
      userId: redacteur.id,
      decisions: [{ outcome: 'accepted', kind: 'deletion', suggestionId: 'd1', authorId: commentator.id, text: 'vast.Tweede ' }],
    })
    expect(writer.closes).toEqual([])
    expect(proposer.closes).toEqual([])
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
