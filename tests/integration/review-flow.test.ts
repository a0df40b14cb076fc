import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { seedPactContent } from '#app/document/pact-content.server.ts'
import { DOCUMENT_FIELD } from '#app/document/extensions.ts'
import { addParty } from '#app/pacts/pacts.server.ts'
import { getDb, nowIso } from '#app/platform/db/db.server.ts'
import { ports } from '#app/platform/ports.ts'
import * as layout from '#app/routes/pact-layout.tsx'
import * as review from '#app/routes/pact-review.tsx'
import * as signOff from '#app/routes/pact-sign-off.tsx'
import { addSignatory, changePactStatus, signOffState } from '#app/sign-off/sign-off.server.ts'
import { loadTracking } from '#app/tracking/tracking.server.ts'
import { startCollabServer, type TestCollabServer } from '#tests/support/collab.ts'
import { createTestPact, createUser, type TestPact, type TestUser } from '#tests/support/fixtures.ts'
import { get, post } from '#tests/support/route-calls.ts'

let server: TestCollabServer
let pact: TestPact
let provider: TestUser
let providerPartyId: string

beforeAll(async () => {
  server = await startCollabServer({ seedDocument: seedPactContent })
  pact = await createTestPact('Wethouder Review')
  providerPartyId = await addParty(pact.pactId, { name: 'Jeugdhulp Review', kind: 'aanbieder', isSignatory: true }, pact.owner.id)
  provider = await createUser('Redacteur Aanbieder')
  await getDb()
    .insertInto('pact_members')
    .values({ pact_id: pact.pactId, user_id: provider.id, party_id: providerPartyId, access: 'redacteur', created_at: nowIso() })
    .execute()
  await addSignatory(pact.pactId, pact.partyId, pact.owner.id, pact.owner.id)
})

afterAll(async () => {
  await server.stop()
})

const base = () => `/pacts/${pact.pactId}`
const options = (user: TestUser, search = '') => ({ cookie: user.cookie, params: { pactId: pact.pactId }, search })

function openReview(user: TestUser) {
  return get(review.loader, `${base()}/akkoord/beoordelen`, options(user))
}

/** The review form as the page posts it: one row per item shown, a choice for some. */
function submitReview(user: TestUser, partyId: string, rows: Array<{ clauseId: string; seenHash: string; decision?: string }>) {
  const fields: Record<string, string> = { intent: 'review', partyId }
  rows.forEach((row, index) => {
    fields[`items[${index}].clauseId`] = row.clauseId
    fields[`items[${index}].seenHash`] = row.seenHash
    if (row.decision) fields[`items[${index}].decision`] = row.decision
  })
  return post(review.action, `${base()}/akkoord/beoordelen`, fields, options(user))
}

async function decisionCount() {
  const row = await getDb()
    .selectFrom('clause_decisions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pact_id', '=', pact.pactId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function appendToClause(clauseId: string, text: string) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, await ports().documents.loadState(pact.pactId))
  const before = Y.encodeStateVector(doc)
  const clause = doc
    .getXmlFragment(DOCUMENT_FIELD)
    .toArray()
    .find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.getAttribute('clauseId') === clauseId)!
  const paragraph = clause
    .toArray()
    .find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'paragraph')!
  const textNode = paragraph.get(0) as Y.XmlText
  textNode.insert(textNode.length, text)
  await ports().documents.applyServerUpdate(pact.pactId, Y.encodeStateAsUpdate(doc, before), 'test-edit')
}

describe('a provider designates its own signatory', () => {
  it('lets the provider’s first member (no beheerder of its own) name itself, and not the municipality’s beheerder', async () => {
    const byMunicipality = await post(
      signOff.action,
      `${base()}/akkoord`,
      { intent: 'add-signatory', partyId: providerPartyId, userId: provider.id },
      options(pact.owner),
    )
    expect(byMunicipality.status).toBe(403)
    const byProvider = await post(
      signOff.action,
      `${base()}/akkoord`,
      { intent: 'add-signatory', partyId: providerPartyId, userId: provider.id },
      options(provider),
    )
    expect(byProvider.status).toBe(200)
    const page = await get(signOff.loader, `${base()}/akkoord`, options(provider))
    expect(page.body.reviewFor).toEqual([{ partyId: providerPartyId, name: 'Jeugdhulp Review', open: page.body.clauses.length }])
  })
})

describe('the review flow', () => {
  it('walks the party’s open items in the pact’s order, with their text and hash', async () => {
    const page = await openReview(provider)
    expect(page.status).toBe(200)
    const { snapshot } = await signOffState(pact.pactId)
    expect(page.body.party).toEqual({ id: providerPartyId, name: 'Jeugdhulp Review' })
    expect(page.body.items.map((item: { clauseId: string }) => item.clauseId)).toEqual(
      snapshot.clauses.map((clause) => clause.clauseId),
    )
    expect(page.body.items[0].html).not.toBe('')
    expect(page.body.items[0].changesSince).toBeNull()
  })

  it('refuses the whole batch when one item changed since it was shown, naming that item, writing nothing', async () => {
    const shown = (await openReview(provider)).body.items.slice(0, 3) as Array<{ clauseId: string; contentHash: string }>
    await appendToClause(shown[1]!.clauseId, ' Intussen aangevuld.')
    const before = await decisionCount()
    const result = await submitReview(
      provider,
      providerPartyId,
      shown.map((item) => ({ clauseId: item.clauseId, seenHash: item.contentHash, decision: 'akkoord' })),
    )
    expect(result.status).toBe(409)
    expect(result.body.stale).toEqual([shown[1]!.clauseId])
    expect(result.body.result.error['']).toEqual(['signoff.review.errors.stale_one'])
    expect(await decisionCount()).toBe(before)
  })

  it('records the chosen decisions in one go, each bound to the hash seen, and leaves unchosen items open', async () => {
    const items = (await openReview(provider)).body.items as Array<{ clauseId: string; contentHash: string }>
    const before = await decisionCount()
    const result = await submitReview(provider, providerPartyId, [
      { clauseId: items[0]!.clauseId, seenHash: items[0]!.contentHash, decision: 'akkoord' },
      { clauseId: items[1]!.clauseId, seenHash: items[1]!.contentHash, decision: 'wijziging-gevraagd' },
      { clauseId: items[2]!.clauseId, seenHash: items[2]!.contentHash, decision: 'akkoord' },
      { clauseId: items[3]!.clauseId, seenHash: items[3]!.contentHash },
    ])
    expect(result.status).toBe(200)
    expect(result.body.count).toBe(3)
    expect(await decisionCount()).toBe(before + 3)
    const stored = await getDb()
      .selectFrom('clause_decisions')
      .select(['clause_id', 'decision', 'content_hash'])
      .where('pact_id', '=', pact.pactId)
      .orderBy('id')
      .execute()
    expect(stored.slice(-3)).toEqual(
      items.slice(0, 3).map((item, index) => ({
        clause_id: item.clauseId,
        decision: index === 1 ? 'wijziging-gevraagd' : 'akkoord',
        content_hash: item.contentHash,
      })),
    )
    // Decided items leave the flow; the unchosen one stays.
    const after = (await openReview(provider)).body.items.map((item: { clauseId: string }) => item.clauseId)
    expect(after).not.toContain(items[0]!.clauseId)
    expect(after).not.toContain(items[1]!.clauseId)
    expect(after).toContain(items[3]!.clauseId)
  })

  it('refuses a batch with no choice, and a batch for a party one does not sign for', async () => {
    const [item] = (await openReview(provider)).body.items as Array<{ clauseId: string; contentHash: string }>
    const none = await submitReview(provider, providerPartyId, [{ clauseId: item!.clauseId, seenHash: item!.contentHash }])
    expect(none.status).toBe(400)
    expect(none.body.result.error['']).toEqual(['signoff.review.errors.nothingChosen'])
    const other = await submitReview(provider, pact.partyId, [
      { clauseId: item!.clauseId, seenHash: item!.contentHash, decision: 'akkoord' },
    ])
    expect(other.status).toBe(403)
  })
})

describe('an amendment', () => {
  it('keeps version 1 in force for tracking and in the pact’s header while version 2 is drafted', async () => {
    // Every item approved by both parties (the review form accepts a decision on any item, also one decided before).
    const current = (await signOffState(pact.pactId)).snapshot.clauses
    for (const [user, partyId] of [
      [pact.owner, pact.partyId],
      [provider, providerPartyId],
    ] as const) {
      const rows = current.map((item) => ({ clauseId: item.clauseId, seenHash: item.contentHash, decision: 'akkoord' }))
      expect((await submitReview(user, partyId, rows)).status).toBe(200)
    }
    await changePactStatus(pact.pactId, 'ter-ondertekening', pact.owner.id)
    expect(await changePactStatus(pact.pactId, 'getekend', pact.owner.id)).toBe(1)
    await changePactStatus(pact.pactId, 'concept', pact.owner.id)
    const { snapshot } = await signOffState(pact.pactId)
    await appendToClause(snapshot.clauses[0]!.clauseId, ' Gewijzigd in versie 2.')

    const tracking = await loadTracking(pact.pactId)
    expect(tracking.tracked?.versionNumber).toBe(1)
    const header = await get(layout.loader, base(), options(provider))
    expect(header.body.standing).toEqual({ kind: 'amending', status: 'concept', inForce: 1, draft: 2 })
    const page = await get(signOff.loader, `${base()}/akkoord`, options(pact.owner))
    expect(page.body.pact.standing).toEqual({ kind: 'amending', status: 'concept', inForce: 1, draft: 2 })
    // Only the changed item is open again, for both parties.
    const open = (await openReview(provider)).body.items.map((item: { clauseId: string }) => item.clauseId)
    expect(open).toEqual([snapshot.clauses[0]!.clauseId])
  })
})
