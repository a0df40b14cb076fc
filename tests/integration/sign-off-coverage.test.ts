import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DOCUMENT_FIELD } from '#app/document/extensions.ts'
import { seedPactContent } from '#app/document/pact-content.server.ts'
import { pactSnapshot } from '#app/document/pact-document.server.ts'
import type { ResultArea } from '#app/pact-model/pact-model.ts'
import { setBudget, writeResultArea } from '#app/pact-model/pact-model-yjs.ts'
import { addParty } from '#app/pacts/pacts.server.ts'
import { getDb, nowIso } from '#app/platform/db/db.server.ts'
import { createI18n } from '#app/platform/i18n/config.ts'
import { ports } from '#app/platform/ports.ts'
import * as clausePage from '#app/routes/pact-clause.tsx'
import * as signOffPage from '#app/routes/pact-sign-off.tsx'
import { approvableItems, OUTSIDE_TEXT_ITEM_ID } from '#app/sign-off/approvable-items.ts'
import type { DocumentNode } from '#app/sign-off/canonical.ts'
import { addSignatory, changePactStatus, getVersion, SignOffError, signOffState } from '#app/sign-off/sign-off.server.ts'
import { versionDocumentBlocks } from '#app/sign-off/exports/version-document.ts'
import { modelChangeText, type ModelChange } from '#app/sign-off/model-changes.ts'
import { versionHash } from '#app/sign-off/status.ts'
import { startCollabServer, type TestCollabServer } from '#tests/support/collab.ts'
import { createTestPact, createUser, type TestPact, type TestUser } from '#tests/support/fixtures.ts'
import { get, post } from '#tests/support/route-calls.ts'

/**
 * Issue 9, items 1 and 2: what is signed is exactly what every signing party approved. Money
 * that is only in the model and text outside every clause are approved like clauses, and a
 * change to either reopens their approval.
 */

let server: TestCollabServer
let pact: TestPact
let provider: TestUser
let providerPartyId: string

beforeAll(async () => {
  server = await startCollabServer({ seedDocument: seedPactContent })
  pact = await createTestPact('Wethouder Jeugd')
  providerPartyId = await addParty(
    pact.pactId,
    { name: 'Jeugdhulp De Brug', kind: 'aanbieder', isSignatory: true },
    pact.owner.id,
  )
  provider = await createUser('Directeur De Brug')
  await getDb()
    .insertInto('pact_members')
    .values({ pact_id: pact.pactId, user_id: provider.id, party_id: providerPartyId, access: 'redacteur', created_at: nowIso() })
    .execute()
  await addSignatory(pact.pactId, pact.partyId, pact.owner.id, pact.owner.id)
  await addSignatory(pact.pactId, providerPartyId, provider.id, provider.id)
  // The template's text shows every result area (item 5); these drafters took those blocks out to
  // place areas one by one, so an area added on the budgets page is in no clause.
  await edit((doc) => removeDataBlocks(doc.getXmlFragment(DOCUMENT_FIELD), 'all-result-areas'))
})

function removeDataBlocks(parent: Y.XmlFragment | Y.XmlElement, kind: string) {
  for (let index = parent.length - 1; index >= 0; index--) {
    const child = parent.get(index)
    if (!(child instanceof Y.XmlElement)) continue
    if (child.nodeName === 'pactData' && child.getAttribute('kind') === kind) parent.delete(index)
    else removeDataBlocks(child, kind)
  }
}

afterAll(async () => {
  await server.stop()
})

const base = () => `/pacts/${pact.pactId}`
const signers = () => [
  { user: pact.owner, partyId: pact.partyId },
  { user: provider, partyId: providerPartyId },
]

/** An edit as a client would send it: made on a copy of the stored document, applied by the server. */
async function edit(change: (doc: Y.Doc) => void) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, await ports().documents.loadState(pact.pactId))
  const before = Y.encodeStateVector(doc)
  change(doc)
  await ports().documents.applyServerUpdate(pact.pactId, Y.encodeStateAsUpdate(doc, before), 'test-edit')
}

/** Every signatory approves every item it has not approved yet through the clause page, as a browser without JavaScript would. */
async function approveEverything() {
  const { snapshot, matrix } = await signOffState(pact.pactId)
  for (const [index, item] of snapshot.clauses.entries()) {
    for (const { user, partyId } of signers()) {
      if (matrix.clauses[index]!.parties.find((party) => party.partyId === partyId)?.status === 'akkoord') continue
      const response = await post(
        clausePage.action,
        `${base()}/artikelen/${item.clauseId}`,
        { intent: 'decide', decision: 'akkoord', partyId, seenHash: item.contentHash },
        { cookie: user.cookie, params: { pactId: pact.pactId, clauseId: item.clauseId } },
      )
      expect(response.status).toBe(200)
    }
  }
}

async function signRefused() {
  const error = await changePactStatus(pact.pactId, 'getekend', pact.owner.id).catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(SignOffError)
  expect((error as SignOffError).code).toBe('open-clauses')
}

async function openItemIds() {
  const { matrix } = await signOffState(pact.pactId)
  return [...new Set(matrix.clauses.filter((row) => !row.agreed).map((row) => row.clauseId))]
}

const jeugd: ResultArea = {
  id: 'jeugd-complex',
  title: 'Jeugd met een complexe hulpvraag',
  description: 'Toegevoegd op de pagina met budgetten, niet in de tekst.',
  challenge: '',
  targetGroup: '',
  responsiblePartyIds: [],
  budgets: [],
  indicators: [],
}

describe('what is signed is exactly what every party approved', () => {
  it('lists in the matrix exactly the items derived from the document and the model', async () => {
    // The matrix from the live document's items, the items here from a snapshot decoded afresh: the same.
    const [{ matrix }, snapshot] = await Promise.all([signOffState(pact.pactId), pactSnapshot(pact.pactId)])
    const derived = approvableItems(snapshot.json as DocumentNode, snapshot.model)
    expect(matrix.clauses.map((row) => [row.clauseId, row.contentHash])).toEqual(
      derived.map((item) => [item.clauseId, item.contentHash]),
    )
    // The template's section headings stand between the clauses: they are approved as one item.
    expect(derived.map((item) => item.clauseId)).toContain(OUTSIDE_TEXT_ITEM_ID)
  })

  it('cannot sign a result area added on the budgets page but not in the text until every party approved it', async () => {
    await approveEverything()
    await edit((doc) => {
      // € 4,8 mln over four years, only in the model.
      writeResultArea(doc, { ...jeugd, responsiblePartyIds: [providerPartyId] })
      for (const year of [2026, 2027, 2028, 2029]) setBudget(doc, jeugd.id, providerPartyId, year, 120_000_000)
    })
    const itemId = `resultaatgebied.${jeugd.id}`
    expect(await openItemIds()).toEqual([itemId])

    // The akkoord page lists it by a title that says it is not in the text; its page shows the budget.
    const matrixPage = await get(signOffPage.loader, `${base()}/akkoord`, {
      cookie: pact.owner.cookie,
      params: { pactId: pact.pactId },
    })
    expect(matrixPage.body.clauses.find((row: { clauseId: string }) => row.clauseId === itemId)).toMatchObject({
      title: 'Resultaatgebied Jeugd met een complexe hulpvraag (niet in de tekst)',
      agreed: false,
    })
    const itemPage = await get(clausePage.loader, `${base()}/artikelen/${itemId}`, {
      cookie: provider.cookie,
      params: { pactId: pact.pactId, clauseId: itemId },
    })
    expect(itemPage.status).toBe(200)
    expect(itemPage.body.clause.html).toContain('€\u00a04.800.000')

    await changePactStatus(pact.pactId, 'ter-ondertekening', pact.owner.id)
    await signRefused()

    // One party approving is not enough.
    const { snapshot } = await signOffState(pact.pactId)
    const item = snapshot.clauses.find((candidate) => candidate.clauseId === itemId)!
    expect(item.canonical).toContain('"cents": 120000000')
    const decide = (user: TestUser, partyId: string, seenHash: string) =>
      post(
        clausePage.action,
        `${base()}/artikelen/${itemId}`,
        { intent: 'decide', decision: 'akkoord', partyId, seenHash },
        { cookie: user.cookie, params: { pactId: pact.pactId, clauseId: itemId } },
      )
    expect((await decide(pact.owner, pact.partyId, item.contentHash)).status).toBe(200)
    await signRefused()

    // A decision on another content than the server's is refused, as for a clause.
    expect((await decide(provider, providerPartyId, 'f'.repeat(64))).status).toBe(409)
    await signRefused()
    expect((await decide(provider, providerPartyId, item.contentHash)).status).toBe(200)
    await changePactStatus(pact.pactId, 'concept', pact.owner.id)
  })

  it('reopens the approval of a budget raised while the pact is ter ondertekening', async () => {
    await changePactStatus(pact.pactId, 'ter-ondertekening', pact.owner.id)
    expect(await openItemIds()).toEqual([])
    await edit((doc) => setBudget(doc, jeugd.id, providerPartyId, 2027, 320_000_000))
    const { matrix } = await signOffState(pact.pactId)
    const row = matrix.clauses.find((candidate) => candidate.clauseId === `resultaatgebied.${jeugd.id}`)!
    expect(row.parties.map((party) => party.status)).toEqual(['gewijzigd-na-akkoord', 'gewijzigd-na-akkoord'])
    // "Gewijzigd sinds uw akkoord" says what changed in euros and names, not as data.
    const itemPage = await get(clausePage.loader, `${base()}/artikelen/${row.clauseId}`, {
      cookie: provider.cookie,
      params: { pactId: pact.pactId, clauseId: row.clauseId },
    })
    const { t } = createI18n('nl')
    const changes: ModelChange[] = itemPage.body.changesSince[0].dataChanges
    expect(changes.map((change) => modelChangeText(t, change).replaceAll('\u00a0', ' '))).toEqual([
      `Budget Jeugdhulp De Brug 2027: € 1.200.000 → € 3.200.000 (resultaatgebied “${jeugd.title}”)`,
    ])
    await signRefused()
    await changePactStatus(pact.pactId, 'concept', pact.owner.id)
    await approveEverything()
  })

  it('cannot let a paragraph after the last clause slip into a version unapproved', async () => {
    await edit((doc) => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('Artikel 99. De gemeente betaalt alle tekorten.')])
      const fragment = doc.getXmlFragment(DOCUMENT_FIELD)
      fragment.insert(fragment.length, [paragraph])
    })
    expect(await openItemIds()).toEqual([OUTSIDE_TEXT_ITEM_ID])
    await changePactStatus(pact.pactId, 'ter-ondertekening', pact.owner.id)
    await signRefused()

    await approveEverything()
    expect(await changePactStatus(pact.pactId, 'getekend', pact.owner.id)).toBe(1)

    // The version holds both items with what was approved, and its hash covers them.
    const version = (await getVersion(pact.pactId, 1))!
    const outside = version.clauses.find((clause) => clause.clauseId === OUTSIDE_TEXT_ITEM_ID)!
    expect(outside.canonical).toContain('paragraph Artikel 99. De gemeente betaalt alle tekorten.')
    const area = version.clauses.find((clause) => clause.clauseId === `resultaatgebied.${jeugd.id}`)!
    expect(area.canonical).toContain('"cents": 320000000')
    // Its readable HTML (and so its PDF and DOCX) shows the area that is not in the text, after the text.
    expect(version.html).toMatch(
      /Artikel 99\. De gemeente betaalt alle tekorten\..*Afspraken die niet in de tekst staan.*€\u00a06\.800\.000/s,
    )
    const exported = JSON.stringify(
      versionDocumentBlocks({
        html: version.html,
        title: 'Pact',
        subtitle: 'Versie 1',
        hashLabel: 'Kenmerk',
        hash: version.hash,
        signature: {
          title: 'Ondertekening',
          intro: '',
          columns: { party: '', signatory: '', approvedAt: '', clauses: '' },
          rows: [],
        },
      }),
    )
    expect(exported).toMatch(/Afspraken die niet in de tekst staan.*Jeugd met een complexe hulpvraag.*€\u00a06\.800\.000/s)
    const decisions = await getDb()
      .selectFrom('clause_decisions')
      .select(['clause_id', 'party_id', 'content_hash', 'decision'])
      .where('pact_id', '=', pact.pactId)
      .execute()
    for (const clause of version.clauses) {
      const approvedBy = decisions.filter(
        (decision) =>
          decision.clause_id === clause.clauseId &&
          decision.content_hash === clause.contentHash &&
          decision.decision === 'akkoord',
      )
      const parties = [...new Set(approvedBy.map((decision) => decision.party_id))].sort()
      expect({ item: clause.clauseId, parties }).toEqual({
        item: clause.clauseId,
        parties: [pact.partyId, providerPartyId].sort(),
      })
    }
    const row = await getDb()
      .selectFrom('pact_versions')
      .select(['hash', 'html', 'state_base64'])
      .where('pact_id', '=', pact.pactId)
      .executeTakeFirstOrThrow()
    expect(versionHash({ html: row.html, clauseHashes: version.clauses, stateUpdateBase64: row.state_base64 })).toBe(version.hash)
  })
})
