import { readdirSync } from 'node:fs'
import path from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { listAudit, recordAudit } from '#app/audit/audit.server.ts'
import { listComments } from '#app/sign-off/comments.server.ts'
import { seedPactContent } from '#app/document/pact-content.server.ts'
import { addParty } from '#app/pacts/pacts.server.ts'
import { getVersion, listVersions, signOffState } from '#app/sign-off/sign-off.server.ts'
import { dataDirectory, getDb, nowIso } from '#app/platform/db/db.server.ts'
import { DOCUMENT_FIELD } from '#app/document/extensions.ts'
import { versionDocumentBlocks } from '#app/sign-off/exports/version-document.ts'
import { versionPdf } from '#app/sign-off/exports/version-pdf.server.ts'
import * as auditCsv from '#app/routes/pact-audit-csv.tsx'
import * as audit from '#app/routes/pact-audit.tsx'
import * as clausePage from '#app/routes/pact-clause.tsx'
import * as compare from '#app/routes/pact-compare.tsx'
import * as events from '#app/routes/pact-events.tsx'
import * as signOff from '#app/routes/pact-sign-off.tsx'
import * as versionExport from '#app/routes/pact-version-export.tsx'
import * as versionPage from '#app/routes/pact-version.tsx'
import { ports } from '#app/platform/ports.ts'
import { startCollabServer, type TestCollabServer } from '#tests/support/collab.ts'
import { addMember, createTestPact, createUser, type TestPact, type TestUser } from '#tests/support/fixtures.ts'
import { pdfText, unzip } from '#tests/support/export-files.ts'
import { get, post } from '#tests/support/route-calls.ts'

let server: TestCollabServer
let pact: TestPact
let otherPact: TestPact
let provider: TestUser
let providerPartyId: string
let reader: TestUser

beforeAll(async () => {
  server = await startCollabServer({ seedDocument: seedPactContent })
  pact = await createTestPact('Wethouder Zorg')
  otherPact = await createTestPact('Wethouder Elders')
  providerPartyId = await addParty(
    pact.pactId,
    { name: 'Stichting Welzijn', kind: 'aanbieder', isSignatory: true },
    pact.owner.id,
  )
  provider = await createUser('Directeur Welzijn')
  await getDb()
    .insertInto('pact_members')
    .values({ pact_id: pact.pactId, user_id: provider.id, party_id: providerPartyId, access: 'redacteur', created_at: nowIso() })
    .execute()
  reader = await addMember(pact, 'lezer', 'Meelezer')
})

afterAll(async () => {
  await server.stop()
})

const base = () => `/pacts/${pact.pactId}`
const asOwner = (extra: Record<string, string> = {}) => ({ cookie: pact.owner.cookie, params: { pactId: pact.pactId, ...extra } })

async function decisionCount() {
  const row = await getDb()
    .selectFrom('clause_decisions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pact_id', '=', pact.pactId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function currentClauses() {
  return (await signOffState(pact.pactId)).snapshot.clauses
}

function onClause(user: TestUser, clauseId: string, fields: Record<string, string>) {
  return post(clausePage.action, `${base()}/artikelen/${clauseId}`, fields, {
    cookie: user.cookie,
    params: { pactId: pact.pactId, clauseId },
  })
}

function decide(user: TestUser, clauseId: string, fields: Record<string, string>) {
  return onClause(user, clauseId, { intent: 'decide', decision: 'akkoord', ...fields })
}

function viewClause(user: TestUser, clauseId: string) {
  return get(clausePage.loader, `${base()}/artikelen/${clauseId}`, {
    cookie: user.cookie,
    params: { pactId: pact.pactId, clauseId },
  })
}

function onSignOff(user: TestUser, fields: Record<string, string>) {
  return post(signOff.action, `${base()}/akkoord`, fields, { cookie: user.cookie, params: { pactId: pact.pactId } })
}

async function approveAll(user: TestUser, partyId: string) {
  for (const clause of await currentClauses()) {
    const result = await decide(user, clause.clauseId, { partyId, seenHash: clause.contentHash })
    expect(result.status).toBe(200)
  }
}

/** Types `text` at the end of the clause's first paragraph, as an editor would. */
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

/** What a browser downloads: the resource route's Response itself. */
async function download(
  loader: (args: any) => Promise<Response>,
  path: string,
  params: Record<string, string>,
  cookie = pact.owner.cookie,
) {
  return loader({ request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), params, context: {} })
}

describe('signatories and the matrix', () => {
  it('lets each party designate its own signatories from its own people, and refuses everyone else', async () => {
    const page = async (user: TestUser) =>
      (await get(signOff.loader, `${base()}/akkoord`, { cookie: user.cookie, params: { pactId: pact.pactId } })).body
    // A provider's redacteur (its first member on the pact, the party has no beheerder) can act for the provider only.
    const providerView = (await page(provider)).signingParties
    expect(providerView.map((party: { canDesignate: boolean }) => party.canDesignate)).toEqual([false, true])
    expect(providerView[1].candidates).toEqual([{ userId: provider.id, name: 'Directeur Welzijn' }])
    expect(providerView[1].designators).toEqual(['Directeur Welzijn'])

    const own = await onSignOff(pact.owner, { intent: 'add-signatory', partyId: pact.partyId, userId: pact.owner.id })
    expect(own.status).toBe(200)
    const forOtherParty = await onSignOff(pact.owner, { intent: 'add-signatory', partyId: providerPartyId, userId: provider.id })
    expect(forOtherParty.status).toBe(403)
    expect(forOtherParty.body.result.error['']).toEqual(['signoff.errors.notDesignator'])
    const byProvider = await onSignOff(provider, { intent: 'add-signatory', partyId: providerPartyId, userId: provider.id })
    expect(byProvider.status).toBe(200)
    const wrongParty = await onSignOff(provider, { intent: 'add-signatory', partyId: providerPartyId, userId: reader.id })
    expect(wrongParty.status).toBe(422)
    expect(wrongParty.body.result.error['']).toEqual(['signoff.errors.notPartyMember'])
    const readerForMunicipality = await onSignOff(reader, { intent: 'add-signatory', partyId: pact.partyId, userId: reader.id })
    expect(readerForMunicipality.status).toBe(403)
    const statusByProvider = await onSignOff(provider, { intent: 'change-status', to: 'ter-ondertekening' })
    expect(statusByProvider.status).toBe(403)

    const signatories = (await page(reader)).signingParties.map((party: { signatories: Array<{ name: string }> }) =>
      party.signatories.map((signatory) => signatory.name),
    )
    expect(signatories).toEqual([['Wethouder Zorg'], ['Directeur Welzijn']])
  })

  it('shows every clause against every signing party, all open at first', async () => {
    const page = await get(signOff.loader, `${base()}/akkoord`, { cookie: reader.cookie, params: { pactId: pact.pactId } })
    expect(page.status).toBe(200)
    expect(page.body.signingParties.map((party: { name: string }) => party.name)).toEqual([
      expect.stringMatching(/^Gemeente/),
      'Stichting Welzijn',
    ])
    expect(page.body.clauses.length).toBeGreaterThanOrEqual(10)
    for (const clause of page.body.clauses) expect(clause.statuses).toEqual(['open', 'open'])
    expect(page.body.transitions).toEqual([])
  })
})

describe('deciding on a clause', () => {
  it('refuses a decision for a party one does not sign for: 403, a Dutch message, nothing written', async () => {
    const [clause] = await currentClauses()
    const before = await decisionCount()
    const result = await decide(provider, clause!.clauseId, { partyId: pact.partyId, seenHash: clause!.contentHash })
    expect(result.status).toBe(403)
    expect(result.body.result.error['']).toEqual(['signoff.errors.notSignatory'])
    const byReader = await decide(reader, clause!.clauseId, { partyId: pact.partyId, seenHash: clause!.contentHash })
    expect(byReader.status).toBe(403)
    expect(await decisionCount()).toBe(before)
  })

  it('refuses a decision on text the person did not see: 409, nothing written', async () => {
    const [clause] = await currentClauses()
    const before = await decisionCount()
    const result = await decide(provider, clause!.clauseId, { partyId: providerPartyId, seenHash: 'f'.repeat(64) })
    expect(result.status).toBe(409)
    expect(result.body.result.error['']).toEqual(['signoff.errors.staleContent'])
    expect(await decisionCount()).toBe(before)
  })

  it('answers 404 for a clause that does not exist, on the page and in the form', async () => {
    const page = await viewClause(pact.owner, 'bestaat-niet')
    expect(page.status).toBe(404)
    const result = await decide(provider, 'bestaat-niet', { partyId: providerPartyId, seenHash: 'a'.repeat(64) })
    expect(result.status).toBe(404)
    expect(result.body.result.error['']).toEqual(['signoff.errors.unknownClause'])
  })

  it('asks for a decision when none is chosen', async () => {
    const [clause] = await currentClauses()
    const result = await onClause(provider, clause!.clauseId, {
      intent: 'decide',
      partyId: providerPartyId,
      seenHash: clause!.contentHash,
    })
    expect(result.status).toBe(400)
    expect(result.body.result.error.decision).toEqual(['signoff.errors.decision.required'])
  })

  it('records a decision bound to the text shown, with its explanation in the clause’s thread', async () => {
    const [clause] = await currentClauses()
    const explanation = 'Graag de looptijd per resultaatgebied.'
    const result = await decide(provider, clause!.clauseId, {
      partyId: providerPartyId,
      seenHash: clause!.contentHash,
      decision: 'wijziging-gevraagd',
      explanation,
    })
    expect(result.status).toBe(200)
    const page = await viewClause(pact.owner, clause!.clauseId)
    expect(page.body.parties.map((party: { status: string }) => party.status)).toEqual(['open', 'wijziging-gevraagd'])
    expect(page.body.threads).toEqual([
      expect.objectContaining({ body: explanation, decision: 'wijziging-gevraagd', author_name: 'Directeur Welzijn' }),
    ])
    expect(page.body.clause.html).toContain('pw-clause')
    expect(page.body.decideFor).toEqual([{ id: pact.partyId, name: expect.stringMatching(/^Gemeente/), recorded: null }])
    // The decider's own form shows the choice made, by whom, and leads on to the next item to decide.
    const own = await viewClause(provider, clause!.clauseId)
    expect(own.body.decideFor).toEqual([
      {
        id: providerPartyId,
        name: 'Stichting Welzijn',
        recorded: { decision: 'wijziging-gevraagd', name: 'Directeur Welzijn', decidedAt: expect.any(String) },
      },
    ])
    expect(own.body.next).toEqual({ clauseId: (await currentClauses())[1]!.clauseId, title: expect.any(String) })
  })
})

describe('discussing a clause', () => {
  it('lets a member with comment rights start a thread, reply, resolve and reopen it', async () => {
    const clauseId = (await currentClauses())[1]!.clauseId
    expect((await onClause(provider, clauseId, { intent: 'comment', body: 'Wie betaalt de inloop?' })).status).toBe(200)
    const thread = (await listComments(pact.pactId)).find((comment) => comment.body === 'Wie betaalt de inloop?')!
    expect(
      (
        await onClause(pact.owner, clauseId, {
          intent: 'comment',
          body: 'De gemeente, uit het maatwerkbudget.',
          parentId: thread.id,
        })
      ).status,
    ).toBe(200)
    expect((await onClause(provider, clauseId, { intent: 'resolve', threadId: thread.id })).status).toBe(200)
    let page = await viewClause(reader, clauseId)
    expect(page.body.threads[0]).toMatchObject({
      body: 'Wie betaalt de inloop?',
      resolved_at: expect.any(String),
      replies: [expect.objectContaining({ body: 'De gemeente, uit het maatwerkbudget.' })],
    })
    expect(page.body.canComment).toBe(false)
    expect((await onClause(pact.owner, clauseId, { intent: 'reopen', threadId: thread.id })).status).toBe(200)
    page = await viewClause(reader, clauseId)
    expect(page.body.threads[0].resolved_at).toBeNull()
  })

  it('refuses a lezer’s comment with 403 and writes nothing', async () => {
    const [clause] = await currentClauses()
    const before = (await listComments(pact.pactId)).length
    const result = await onClause(reader, clause!.clauseId, { intent: 'comment', body: 'Mag ik ook?' })
    expect(result.status).toBe(403)
    expect((await listComments(pact.pactId)).length).toBe(before)
  })

  it('answers 404 for a comment on another pact’s clause, or in another clause’s thread', async () => {
    const foreign = (await signOffState(otherPact.pactId)).snapshot.clauses[0]!
    const before = (await listComments(pact.pactId)).length + (await listComments(otherPact.pactId)).length
    const result = await onClause(pact.owner, foreign.clauseId, { intent: 'comment', body: 'Verdwaald' })
    expect(result.status).toBe(404)
    expect(result.body.result.error['']).toEqual(['signoff.errors.unknownClause'])
    const [first, second] = await currentClauses()
    const thread = (await listComments(pact.pactId)).find(
      (comment) => comment.clause_id === second!.clauseId && !comment.parent_id,
    )!
    const wrongThread = await onClause(pact.owner, first!.clauseId, {
      intent: 'comment',
      body: 'Verkeerde draad',
      parentId: thread.id,
    })
    expect(wrongThread.status).toBe(404)
    expect((await listComments(pact.pactId)).length + (await listComments(otherPact.pactId)).length).toBe(before)
  })
})

describe('signing', () => {
  it('refuses to sign with open clauses: 409 and the open clause × party items', async () => {
    expect((await onSignOff(pact.owner, { intent: 'change-status', to: 'ter-ondertekening' })).status).toBe(200)
    const result = await onSignOff(pact.owner, { intent: 'change-status', to: 'getekend', confirmed: 'yes' })
    expect(result.status).toBe(409)
    expect(result.body.result.error['']).toEqual(['signoff.errors.openClauses'])
    const clauses = await currentClauses()
    expect(result.body.open).toHaveLength(clauses.length * 2)
    expect(result.body.open[0]).toEqual({
      clauseId: clauses[0]!.clauseId,
      clause: clauses[0]!.title,
      party: expect.stringMatching(/^Gemeente/),
      status: 'open',
    })
    expect(await listVersions(pact.pactId)).toEqual([])
  })

  it('signs version 1 once both parties approved every clause, and then refuses decisions', async () => {
    await approveAll(pact.owner, pact.partyId)
    await approveAll(provider, providerPartyId)
    // Without the dialog's confirmation (no JavaScript) the answer asks back and nothing is signed.
    const unconfirmed = await onSignOff(pact.owner, { intent: 'change-status', to: 'getekend' })
    expect(unconfirmed.status).toBe(409)
    expect(unconfirmed.body.unconfirmed).toEqual({ intent: 'change-status', to: 'getekend' })
    expect(unconfirmed.body.done).toBeNull()
    expect(await listVersions(pact.pactId)).toEqual([])
    expect((await get(signOff.loader, `${base()}/akkoord`, asOwner())).body.pact.status).toBe('ter-ondertekening')

    const result = await onSignOff(pact.owner, { intent: 'change-status', to: 'getekend', confirmed: 'yes' })
    expect(result.status).toBe(200)
    expect(result.body.done).toEqual({ key: 'signoff.lifecycle.signed', version: 1 })

    const [clause] = await currentClauses()
    const before = await decisionCount()
    const late = await decide(provider, clause!.clauseId, {
      partyId: providerPartyId,
      seenHash: clause!.contentHash,
      decision: 'niet-akkoord',
    })
    expect(late.status).toBe(409)
    expect(late.body.result.error['']).toEqual(['signoff.errors.notOpenForDecisions'])
    expect(await decisionCount()).toBe(before)

    const page = await get(versionPage.loader, `${base()}/versies/1`, {
      cookie: reader.cookie,
      params: { pactId: pact.pactId, number: '1' },
    })
    expect(page.body.signatories).toEqual([
      expect.objectContaining({
        party: expect.stringMatching(/^Gemeente/),
        signatory: 'Wethouder Zorg',
        clauses: (await currentClauses()).length,
      }),
      expect.objectContaining({ party: 'Stichting Welzijn', signatory: 'Directeur Welzijn' }),
    ])
    expect((await get(versionPage.loader, `${base()}/versies/7`, asOwner({ number: '7' }))).status).toBe(404)
  })

  it('after an amendment, reopens and compares only the changed clause, word by word', async () => {
    const unconfirmed = await onSignOff(pact.owner, { intent: 'change-status', to: 'concept' })
    expect(unconfirmed.body.unconfirmed).toEqual({ intent: 'change-status', to: 'concept' })
    expect((await get(signOff.loader, `${base()}/akkoord`, asOwner())).body.pact.status).toBe('getekend')
    expect((await onSignOff(pact.owner, { intent: 'change-status', to: 'concept', confirmed: 'yes' })).status).toBe(200)
    const identical = await get(compare.loader, `${base()}/vergelijken?van=1&naar=concept`, asOwner())
    expect(identical.body.clauses.every((clause: { change: string }) => clause.change === 'unchanged')).toBe(true)

    const edited = (await currentClauses())[2]!
    await appendToClause(edited.clauseId, ' Met een jaarlijkse evaluatie.')
    const matrix = await get(signOff.loader, `${base()}/akkoord`, asOwner())
    for (const clause of matrix.body.clauses) {
      expect(clause.statuses).toEqual(
        clause.clauseId === edited.clauseId ? ['gewijzigd-na-akkoord', 'gewijzigd-na-akkoord'] : ['akkoord', 'akkoord'],
      )
    }
    const page = await viewClause(pact.owner, edited.clauseId)
    expect(page.body.changesSince).toEqual([
      expect.objectContaining({
        parties: [expect.stringMatching(/^Gemeente/), 'Stichting Welzijn'],
        yours: true,
        words: expect.arrayContaining([{ op: 'insert', text: 'Met een jaarlijkse evaluatie.' }]),
      }),
    ])

    const amended = await get(compare.loader, `${base()}/vergelijken?van=1&naar=concept`, asOwner())
    const changed = amended.body.clauses.filter((clause: { change: string }) => clause.change !== 'unchanged')
    expect(changed).toEqual([
      expect.objectContaining({
        clauseId: edited.clauseId,
        change: 'changed',
        moved: false,
        words: expect.arrayContaining([{ op: 'insert', text: 'Met een jaarlijkse evaluatie.' }]),
      }),
    ])
    expect((await get(compare.loader, `${base()}/vergelijken?van=9&naar=concept`, asOwner())).status).toBe(404)
  })
})

describe('exports', () => {
  it('downloads version 1 as PDF and DOCX, both carrying the version hash, writing nothing on GET', async () => {
    const [version] = await listVersions(pact.pactId)
    const trailBefore = await listAudit(pact.pactId)
    const params = (format: string) => ({ pactId: pact.pactId, number: '1', format })
    const pdf = await download(versionExport.loader, `${base()}/versies/1/pdf`, params('pdf'), reader.cookie)
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf')
    expect(pdf.headers.get('Content-Disposition')).toMatch(/^attachment; filename="pact-voor-de-transformatie-versie-1\.pdf"$/)
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')

    const docx = Buffer.from(
      await (await download(versionExport.loader, `${base()}/versies/1/docx`, params('docx'))).arrayBuffer(),
    )
    expect(docx.subarray(0, 2).toString()).toBe('PK')
    const documentXml = unzip(docx).get('word/document.xml')!.toString('utf8')
    expect(documentXml).toContain(version!.hash)
    expect(documentXml).toContain('Ondertekening')
    expect(documentXml).toContain('Directeur Welzijn')

    expect(await listAudit(pact.pactId)).toEqual(trailBefore)

    // Rendered once: the next download is the stored file, byte for byte.
    const stored = readdirSync(path.join(dataDirectory(), 'exports', pact.pactId)).sort()
    expect(stored).toEqual([`1-${version!.hash}-2.docx`, `1-${version!.hash}-2.pdf`])
    const again = Buffer.from(
      await (await download(versionExport.loader, `${base()}/versies/1/docx`, params('docx'))).arrayBuffer(),
    )
    expect(again.equals(docx)).toBe(true)
    expect((await get(versionExport.loader, `${base()}/versies/1/odt`, asOwner({ number: '1', format: 'odt' }))).status).toBe(404)
  })

  it('draws the hash into the PDF’s text, with the text of the clauses and the signature page', async () => {
    const version = await getVersion(pact.pactId, 1)
    const blocks = versionDocumentBlocks({
      html: version!.html,
      title: 'Pact',
      subtitle: 'Versie 1',
      hashLabel: 'Kenmerk',
      hash: version!.hash,
      signature: {
        title: 'Ondertekening',
        intro: 'Akkoord.',
        columns: { party: 'Partij', signatory: 'Ondertekenaar', approvedAt: 'Wanneer', clauses: 'Artikelen' },
        rows: [],
      },
    })
    // The signature page's table: a new pact's text has no tables of its own (its budgets are data blocks, whose
    // tables in an export tests/integration/sign-off-coverage.test.ts follows).
    expect(blocks.filter((block) => block.kind === 'table').length).toBeGreaterThanOrEqual(1)
    const text = pdfText(
      await versionPdf(
        blocks,
        { title: 'Pact', hash: version!.hash, lang: 'nl-NL', footer: (page, pages) => `${page}/${pages}` },
        { compress: false },
      ),
    )
    expect(text).toContain(version!.hash)
    expect(text).toContain('Ondertekening')
    expect(text).toContain((await currentClauses())[0]!.title)
  })

  it('exports the audit trail as CSV with a header and every entry, writing nothing on GET', async () => {
    const trailBefore = await listAudit(pact.pactId)
    const response = await download(auditCsv.loader, `${base()}/logboek.csv`, { pactId: pact.pactId }, reader.cookie)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const bytes = Buffer.from(await response.arrayBuffer())
    // A byte-order mark, so Excel reads the file as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.subarray(3).toString('utf8')
    const lines = text.trimEnd().split('\r\n')
    expect(lines[0]).toBe('nummer;tijdstip;persoon;organisatie;handeling;onderwerp;gegevens;code;tijdstip (UTC)')
    const entries = await listAudit(pact.pactId)
    expect(lines.length - 1).toBe(entries.length)
    expect(lines.slice(1).map((line) => Number(line.split(';')[0]))).toEqual(entries.map((entry) => entry.id).reverse())
    expect(text).toContain(';Pact getekend;;')
    expect(entries).toEqual(trailBefore)
  })

  it('exports readable columns: person, organisation, action, the clause by title and details in words, no ids or JSON', async () => {
    const response = await download(auditCsv.loader, `${base()}/logboek.csv`, { pactId: pact.pactId }, reader.cookie)
    const records = parseCsv(
      Buffer.from(await response.arrayBuffer())
        .subarray(3)
        .toString('utf8'),
      {
        delimiter: ';',
        columns: true,
      },
    ) as Array<Record<string, string>>
    const clauses = await currentClauses()
    const decided = records.find((record) => record.code === 'clause.decided' && record.persoon === 'Directeur Welzijn')!
    expect(decided).toMatchObject({ organisatie: 'Stichting Welzijn', handeling: 'Besluit over artikel' })
    expect(clauses.map((clause) => `“${clause.title}”`)).toContain(decided.onderwerp)
    expect(decided.gegevens).toMatch(
      /^Partij: Stichting Welzijn; Besluit: (Akkoord|Wijziging gevraagd|Niet akkoord); Kenmerk tekst: [0-9a-f]{64}$/,
    )
    const comment = records.find((record) => record.code === 'comment.added')!
    expect(comment.onderwerp).toMatch(/^“.+”: “Wie betaalt de inloop\?”$/)
    for (const record of records) {
      for (const id of [pact.pactId, providerPartyId, ...clauses.map((clause) => clause.clauseId)]) {
        expect(Object.values(record).join(' ')).not.toContain(id)
      }
      expect(record.gegevens).not.toMatch(/[{}]/)
    }
  })

  it('never writes a cell a spreadsheet would run as a formula', async () => {
    const formula = '=HYPERLINK("https://evil.example","klik")'
    const attacker = await createUser(formula)
    await recordAudit(getDb(), {
      pactId: pact.pactId,
      actorId: attacker.id,
      action: 'member.joined',
      details: { note: '@SUM(1+1)' },
    })
    const response = await download(auditCsv.loader, `${base()}/logboek.csv`, { pactId: pact.pactId }, reader.cookie)
    const cells = Buffer.from(await response.arrayBuffer())
      .subarray(3)
      .toString('utf8')
      .trimEnd()
      .split('\r\n')
      .at(-1)!
      .split(';')
    expect(cells[2]).toBe(`"'=HYPERLINK(""https://evil.example"",""klik"")"`)
    for (const cell of cells) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/)
  })

  it('shows the audit trail to members only', async () => {
    const page = await get(audit.loader, `${base()}/logboek`, { cookie: reader.cookie, params: { pactId: pact.pactId } })
    expect(page.body.entries.map((entry: { action: string }) => entry.action)).toContain('clause.decided')
    expect(page.body.names.parties[providerPartyId]).toBe('Stichting Welzijn')
    const outsider = await get(audit.loader, `${base()}/logboek`, {
      cookie: otherPact.owner.cookie,
      params: { pactId: pact.pactId },
    })
    expect(outsider.status).toBe(404)
  })
})

describe('live updates', () => {
  it('streams an event per change to members, and stops when the page goes away', async () => {
    const abort = new AbortController()
    const response = (await events.loader({
      request: new Request(`http://localhost${base()}/events`, { headers: { Cookie: reader.cookie }, signal: abort.signal }),
      params: { pactId: pact.pactId },
      context: {},
    } as any)) as Response
    expect(response.headers.get('Content-Type')).toBe('text/event-stream; charset=utf-8')
    const reader_ = response.body!.getReader()
    const decoder = new TextDecoder()
    expect(decoder.decode((await reader_.read()).value)).toBe('retry: 3000\n\n')
    ports().events.publish(pact.pactId, 'comments')
    ports().events.publish(otherPact.pactId, 'comments')
    ports().events.publish(pact.pactId, 'status')
    expect(decoder.decode((await reader_.read()).value)).toBe('event: comments\ndata: {}\n\n')
    expect(decoder.decode((await reader_.read()).value)).toBe('event: status\ndata: {}\n\n')
    abort.abort()
    expect((await reader_.read()).done).toBe(true)
    const outsider = await get(events.loader, `${base()}/events`, {
      cookie: otherPact.owner.cookie,
      params: { pactId: pact.pactId },
    })
    expect(outsider.status).toBe(404)
  })
})
