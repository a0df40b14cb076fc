import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getDb, nowIso } from '#app/platform/db/db.server.ts'
import { addComment, CommentError, listComments, setThreadResolved } from '#app/sign-off/comments.server.ts'
import { pactSnapshot } from '#app/document/pact-document.server.ts'
import { seedPactContent } from '#app/document/pact-content.server.ts'
import { addParty } from '#app/pacts/pacts.server.ts'
import {
  addSignatory,
  changePactStatus,
  decideOnClause,
  getVersion,
  listVersions,
  SignOffError,
  signOffState,
  type DecisionInput,
} from '#app/sign-off/sign-off.server.ts'
import { DOCUMENT_FIELD } from '#app/document/extensions.ts'
import { connectClient, startCollabServer, waitFor, type TestCollabServer } from '#tests/support/collab.ts'
import { createTestPact, createUser, type TestPact, type TestUser } from '#tests/support/fixtures.ts'
import { get } from '#tests/support/route-calls.ts'
import * as pactDocument from '#app/routes/pact-document.tsx'
import * as pactAreas from '#app/routes/pact-areas.tsx'
import { ports } from '#app/platform/ports.ts'

let server: TestCollabServer
let pact: TestPact
let providerPartyId: string
let provider: TestUser

beforeAll(async () => {
  server = await startCollabServer({ seedDocument: seedPactContent })
  pact = await createTestPact('Wethouder')
  providerPartyId = await addParty(pact.pactId, { name: 'Zorgaanbieder', kind: 'aanbieder', isSignatory: true }, pact.owner.id)
  provider = await createUser('Directeur Zorg')
  await getDb()
    .insertInto('pact_members')
    .values({ pact_id: pact.pactId, user_id: provider.id, party_id: providerPartyId, access: 'redacteur', created_at: nowIso() })
    .execute()
})

afterAll(async () => {
  await server.stop()
})

async function auditActions() {
  const rows = await getDb()
    .selectFrom('audit_events')
    .select(['id', 'action', 'details', 'created_at'])
    .where('pact_id', '=', pact.pactId)
    .orderBy('id')
    .execute()
  return rows
}

async function decisionCount() {
  const row = await getDb()
    .selectFrom('clause_decisions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function expectRefused(promise: Promise<unknown>, code: string) {
  const error = await promise.catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(SignOffError)
  expect((error as SignOffError).code).toBe(code)
}

/** Types `text` at the end of the first paragraph of the clause, as an editor would. */
async function editClause(clauseId: string, text: string) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, await ports().documents.loadState(pact.pactId))
  const before = Y.encodeStateVector(doc)
  const clause = doc
    .getXmlFragment(DOCUMENT_FIELD)
    .toArray()
    .find((node) => node instanceof Y.XmlElement && node.getAttribute('clauseId') === clauseId) as Y.XmlElement
  const paragraph = clause.toArray().find((node) => node instanceof Y.XmlElement && node.nodeName === 'paragraph') as Y.XmlElement
  const textNode = paragraph.get(0) as Y.XmlText
  textNode.insert(textNode.length, text)
  await ports().documents.applyServerUpdate(pact.pactId, Y.encodeStateAsUpdate(doc, before), 'test-edit')
}

async function approveAll(as: { user: TestUser; partyId: string }, onlyClauseIds?: string[]) {
  const { snapshot } = await signOffState(pact.pactId)
  for (const clause of snapshot.clauses) {
    if (onlyClauseIds && !onlyClauseIds.includes(clause.clauseId)) continue
    await decideOnClause({
      pactId: pact.pactId,
      clauseId: clause.clauseId,
      partyId: as.partyId,
      userId: as.user.id,
      decision: 'akkoord',
      seenHash: clause.contentHash,
      explanation: null,
    })
  }
}

describe('signing off a pact', () => {
  it('reads the clauses from the stored document and hashes them on the server', async () => {
    const snapshot = await pactSnapshot(pact.pactId)
    expect(snapshot.clauses.length).toBeGreaterThanOrEqual(10)
    expect(new Set(snapshot.clauses.map((clause) => clause.contentHash)).size).toBe(snapshot.clauses.length)
    for (const clause of snapshot.clauses) expect(clause.contentHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('names signatories only from the party’s own people, each party its own', async () => {
    await addSignatory(pact.pactId, pact.partyId, pact.owner.id, pact.owner.id)
    // The provider has no beheerder on the pact: its first member designates for it.
    await addSignatory(pact.pactId, providerPartyId, provider.id, provider.id)
    await expectRefused(addSignatory(pact.pactId, providerPartyId, pact.owner.id, provider.id), 'not-a-member')
    expect((await auditActions()).at(-1)?.action).toBe('signatory.add-refused')
    // The municipality's beheerder does not designate for the provider.
    await expectRefused(addSignatory(pact.pactId, providerPartyId, provider.id, pact.owner.id), 'not-designator')
    expect((await auditActions()).at(-1)?.action).toBe('signatory.add-refused')
  })

  it('refuses decisions for a party one does not sign for, an unknown clause and stale content — writing nothing but an audit entry', async () => {
    const { snapshot } = await signOffState(pact.pactId)
    const clause = snapshot.clauses[0]!
    const base: DecisionInput = {
      pactId: pact.pactId,
      clauseId: clause.clauseId,
      partyId: pact.partyId,
      userId: provider.id,
      decision: 'akkoord',
      seenHash: clause.contentHash,
      explanation: null,
    }
    const before = await decisionCount()
    const auditBefore = (await auditActions()).length
    await expectRefused(decideOnClause(base), 'not-signatory')
    await expectRefused(decideOnClause({ ...base, partyId: providerPartyId, clauseId: 'bestaat-niet' }), 'unknown-clause')
    await expectRefused(decideOnClause({ ...base, partyId: providerPartyId, seenHash: '0'.repeat(64) }), 'stale-content')
    expect(await decisionCount()).toBe(before)
    const refusals = (await auditActions()).slice(auditBefore)
    expect(refusals.map((row) => [row.action, JSON.parse(row.details).refused])).toEqual([
      ['clause.decision-refused', 'not-signatory'],
      ['clause.decision-refused', 'unknown-clause'],
      ['clause.decision-refused', 'stale-content'],
    ])
  })

  it('reopens an approved clause for every party when its text changes, and only that clause', async () => {
    await approveAll({ user: pact.owner, partyId: pact.partyId })
    await approveAll({ user: provider, partyId: providerPartyId })
    let state = await signOffState(pact.pactId)
    expect(state.matrix.allAgreed).toBe(true)

    const edited = state.snapshot.clauses[1]!
    await editClause(edited.clauseId, ' Met een kleine aanvulling.')
    state = await signOffState(pact.pactId)
    for (const clause of state.matrix.clauses) {
      const statuses = clause.parties.map((party) => party.status)
      expect(statuses).toEqual(
        clause.clauseId === edited.clauseId ? ['gewijzigd-na-akkoord', 'gewijzigd-na-akkoord'] : ['akkoord', 'akkoord'],
      )
    }
    expect(state.matrix.allAgreed).toBe(false)
  })

  it('refuses to sign with an open clause, and audits the attempt', async () => {
    await changePactStatus(pact.pactId, 'ter-ondertekening', pact.owner.id)
    await expectRefused(changePactStatus(pact.pactId, 'getekend', pact.owner.id), 'open-clauses')
    expect((await auditActions()).at(-1)?.action).toBe('pact.sign-refused')
    expect(await listVersions(pact.pactId)).toEqual([])
  })

  it('signs version 1 once every party approved the current text of every clause', async () => {
    const { snapshot } = await signOffState(pact.pactId)
    const reopened = snapshot.clauses[1]!.clauseId
    await approveAll({ user: pact.owner, partyId: pact.partyId }, [reopened])
    await approveAll({ user: provider, partyId: providerPartyId }, [reopened])
    expect(await changePactStatus(pact.pactId, 'getekend', pact.owner.id)).toBe(1)
    const version = (await getVersion(pact.pactId, 1))!
    expect(version.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(version.clauses.map((clause) => clause.contentHash)).toEqual(snapshot.clauses.map((clause) => clause.contentHash))
    expect(version.decisions).toHaveLength(snapshot.clauses.length * 2)
    expect(version.html).toContain('pw-clause')
  })

  it('offers a signed pact’s text and model to its editors and beheerder read-only, giving the real reason', async () => {
    for (const user of [provider, pact.owner]) {
      const options = { cookie: user.cookie, params: { pactId: pact.pactId } }
      const text = await get(pactDocument.loader, `/pacts/${pact.pactId}/document`, options)
      expect(text.body).toMatchObject({ canEdit: false, readOnly: 'pact-signed' })
      const areas = await get(pactAreas.loader, `/pacts/${pact.pactId}/resultaatgebieden`, options)
      expect(areas.body).toMatchObject({ canEdit: false, readOnly: 'pact-signed' })
    }
  })

  it('refuses decisions on a signed pact', async () => {
    const { snapshot } = await signOffState(pact.pactId)
    const clause = snapshot.clauses[0]!
    await expectRefused(
      decideOnClause({
        pactId: pact.pactId,
        clauseId: clause.clauseId,
        partyId: providerPartyId,
        userId: provider.id,
        decision: 'niet-akkoord',
        seenHash: clause.contentHash,
        explanation: null,
      }),
      'not-open-for-decisions',
    )
  })

  it('amends: only the changed clause needs new approvals, signing makes version 2', async () => {
    await changePactStatus(pact.pactId, 'concept', pact.owner.id)
    const { snapshot } = await signOffState(pact.pactId)
    const changed = snapshot.clauses[3]!.clauseId
    await editClause(changed, ' Gewijzigd bij addendum.')
    const state = await signOffState(pact.pactId)
    const open = state.matrix.clauses.filter((clause) => !clause.agreed).map((clause) => clause.clauseId)
    expect(open).toEqual([changed])

    await approveAll({ user: pact.owner, partyId: pact.partyId }, [changed])
    await approveAll({ user: provider, partyId: providerPartyId }, [changed])
    await changePactStatus(pact.pactId, 'ter-ondertekening', pact.owner.id)
    expect(await changePactStatus(pact.pactId, 'getekend', pact.owner.id)).toBe(2)
    const [v1, v2] = await listVersions(pact.pactId)
    expect(v1!.hash).not.toBe(v2!.hash)
  })

  it('refuses edits to a signed version over the socket, storing nothing', async () => {
    const before = await ports().documents.loadState(pact.pactId)
    const client = connectClient(server, pact.pactId, provider)
    try {
      await client.whenSynced()
      client.doc.getMap('model').set('stiekem', 'toegevoegd')
      await waitFor(() => client.closes.some((close) => close.code === 1008), 'the socket closed for a policy violation')
    } finally {
      client.destroy()
    }
    expect(Buffer.from(await ports().documents.loadState(pact.pactId)).equals(Buffer.from(before!))).toBe(true)
  })

  it('keeps comments on clauses, with explanations of decisions in the thread', async () => {
    const { snapshot } = await signOffState(pact.pactId)
    const clauseId = snapshot.clauses[0]!.clauseId
    const threadId = await addComment({
      pactId: pact.pactId,
      clauseId,
      parentId: null,
      body: 'Is dit haalbaar?',
      quote: null,
      authorId: provider.id,
      clauseExists: true,
    })
    await addComment({
      pactId: pact.pactId,
      clauseId,
      parentId: threadId,
      body: 'Ja, met de ontwikkeltafel.',
      quote: null,
      authorId: pact.owner.id,
      clauseExists: true,
    })
    await expect(
      addComment({
        pactId: pact.pactId,
        clauseId: 'x',
        parentId: null,
        body: 'b',
        quote: null,
        authorId: provider.id,
        clauseExists: false,
      }),
    ).rejects.toBeInstanceOf(CommentError)
    await expect(
      addComment({
        pactId: pact.pactId,
        clauseId: snapshot.clauses[1]!.clauseId,
        parentId: threadId,
        body: 'verkeerde draad',
        quote: null,
        authorId: provider.id,
        clauseExists: true,
      }),
    ).rejects.toBeInstanceOf(CommentError)
    await setThreadResolved(pact.pactId, threadId, true, pact.owner.id)
    const comments = await listComments(pact.pactId)
    const thread = comments.filter((comment) => comment.id === threadId || comment.parent_id === threadId)
    expect(thread.map((comment) => [comment.author_name, comment.body])).toEqual([
      ['Directeur Zorg', 'Is dit haalbaar?'],
      ['Wethouder', 'Ja, met de ontwikkeltafel.'],
    ])
    expect(thread[0]!.resolved_at).not.toBeNull()
  })

  it('keeps an audit trail that is only ever appended to', async () => {
    const trail = await auditActions()
    const actions = trail.map((row) => row.action)
    expect(actions).toContain('clause.decided')
    expect(actions).toContain('pact.signed')
    expect(actions).toContain('pact.amendment-started')
    expect(actions.filter((action) => action === 'pact.signed')).toHaveLength(2)
    // Everything written earlier is still there, unchanged, after more activity.
    await changePactStatus(pact.pactId, 'actief', pact.owner.id)
    const later = await auditActions()
    expect(later.slice(0, trail.length)).toEqual(trail)
    expect(later.at(-1)?.action).toBe('pact.status-changed')
  })
})
