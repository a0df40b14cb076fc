import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { listAudit } from '#app/audit/audit.server.ts'
import { seedPactContent } from '#app/document/pact-content.server.ts'
import { DOCUMENT_FIELD } from '#app/document/extensions.ts'
import { UNREADABLE_TEXT } from '#app/document/read-document.ts'
import { seedPactDocument } from '#app/document/document.server.ts'
import { getDb } from '#app/platform/db/db.server.ts'
import { setSuggestionsOnly } from '#app/pacts/pacts.server.ts'
import { createI18n } from '#app/platform/i18n/config.ts'
import { readableAuditEntry } from '#app/sign-off/audit-entry.ts'
import { auditNames } from '#app/sign-off/views.server.ts'
import * as readPage from '#app/routes/pact-read.tsx'
import * as versionsPage from '#app/routes/pact-versions.tsx'
import { createSqlDocumentStore } from '#server/collab/persistence.ts'
import { startCollabServer, type TestCollabServer } from '#tests/support/collab.ts'
import { addMember, createTestPact, storeSignedVersion, type TestPact, type TestUser } from '#tests/support/fixtures.ts'
import { get, post } from '#tests/support/route-calls.ts'

/**
 * A pact one writer damaged (issue 10): its beheerder restores the text from the versions page,
 * through the live document, and the pact reads again. The damage is written straight into the
 * document store, as it was before the server checked updates.
 */

let server: TestCollabServer
let pact: TestPact
let editor: TestUser

const SIGNED_SENTENCE = 'Zo stond het er bij de ondertekening.'

beforeAll(async () => {
  server = await startCollabServer({ seedDocument: seedPactContent })
  pact = await createTestPact('Beheerder Herstel')
  editor = await addMember(pact, 'redacteur', 'Redacteur')

  // The template, then one hostile update: a map where elements belong and lists 3,000 deep.
  const doc = new Y.Doc()
  await seedPactContent(pact.pactId, doc)
  const store = createSqlDocumentStore()
  await store.create(pact.pactId, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(doc)
  doc.transact(() => {
    const fragment = doc.getXmlFragment(DOCUMENT_FIELD)
    fragment.insert(0, [new Y.Map() as unknown as Y.XmlElement])
    let parent: Y.XmlFragment = fragment
    for (let level = 0; level < 3_000; level++) {
      const list = new Y.XmlElement('bulletList')
      const item = new Y.XmlElement('listItem')
      parent.push([list])
      list.push([item])
      parent = item
    }
  })
  await store.append(pact.pactId, Y.encodeStateAsUpdate(doc, before))

  // A signed version whose text can be restored.
  const signed = new Y.Doc()
  seedPactDocument(signed, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: SIGNED_SENTENCE }] }] })
  await storeSignedVersion(pact, signed, `<p>${SIGNED_SENTENCE}</p>`)
})

afterAll(async () => {
  await server.stop()
})

const as = (user: TestUser) => ({ cookie: user.cookie, params: { pactId: pact.pactId } })
const readingVersion = async () =>
  (await get(readPage.loader, `/pacts/${pact.pactId}/leesversie`, as(pact.owner))).body.html as string
const versions = async (user: TestUser = pact.owner) => get(versionsPage.loader, `/pacts/${pact.pactId}/versies`, as(user))
const restore = (user: TestUser, fields: Record<string, string>) =>
  post(versionsPage.action, `/pacts/${pact.pactId}/versies`, { intent: 'restore', ...fields }, as(user))
const auditActions = async () => (await listAudit(pact.pactId)).map((entry) => entry.action)
const refusals = async () =>
  (await listAudit(pact.pactId))
    .filter((entry) => entry.action === 'document.restore-refused')
    .map((entry) => JSON.parse(entry.details) as unknown)

describe('restoring a damaged pact', () => {
  it('shows the beheerder that the text is damaged, and shows the damage in the reading version', async () => {
    const { body } = await versions()
    expect(body.restore).toEqual({ refusal: null, skipped: 2 })
    expect(await readingVersion()).toContain(UNREADABLE_TEXT)
    expect((await versions(editor)).body.restore).toBeNull()
  })

  it('refuses without the confirmation, and refuses anyone but a beheerder', async () => {
    const unconfirmed = await restore(pact.owner, { source: 'leesbaar' })
    expect(unconfirmed.status).toBe(400)
    expect(unconfirmed.body.result.error.confirm).toEqual(['editor.restore.errors.confirm'])
    expect((await restore(editor, { source: 'leesbaar', confirm: 'on' })).status).toBe(403)
    expect((await versions()).body.restore.skipped).toBe(2)
  })

  it('restores the readable part of the current text: nesting within the bound, nothing left to skip', async () => {
    const result = await restore(pact.owner, { source: 'leesbaar', confirm: 'on' })
    expect(result.status).toBe(200)
    expect(result.body.done).toBe(true)
    expect((await versions()).body.restore.skipped).toBe(0)
    // What rendered stays, as ordinary content: the lists down to the depth bound, the placeholder as text.
    const html = await readingVersion()
    expect(html).toContain('Pact voor de Transformatie')
    expect(html).toContain(`${'<ul><li>'.repeat(30)}<ul><li><p>${UNREADABLE_TEXT}</p></li></ul>`)
    expect(html).not.toContain('<ul><li>'.repeat(32))
    expect(await auditActions()).toContain('document.restored')
  })

  it('restores a signed version’s text, audited with the version', async () => {
    const result = await restore(pact.owner, { source: '1', confirm: 'on' })
    expect(result.body.done).toBe(true)
    expect(await readingVersion()).toBe(`<p>${SIGNED_SENTENCE}</p>`)
    const entry = (await listAudit(pact.pactId)).find(
      (candidate) => candidate.action === 'document.restored' && candidate.details.includes('"version":1'),
    )
    expect(entry?.actor_name).toBe('Beheerder Herstel')
  })

  it('refuses in suggestion-only mode, where every change must be a proposal: nothing changed, the attempt audited', async () => {
    await setSuggestionsOnly(pact.pactId, true, pact.owner.id)
    expect((await versions()).body.restore).toEqual({ refusal: 'suggestions-only', skipped: 0 })
    const before = await server.collab.loadDocumentState(pact.pactId)
    const refused = await restore(pact.owner, { source: 'leesbaar', confirm: 'on' })
    expect(refused.status).toBe(409)
    expect(refused.body.result.error['']).toEqual(['editor.restore.errors.suggestionsOnly'])
    expect(await server.collab.loadDocumentState(pact.pactId)).toEqual(before)
    expect(await refusals()).toEqual([{ version: null, refused: 'suggestions-only' }])
    const [entry] = (await listAudit(pact.pactId)).filter((row) => row.action === 'document.restore-refused')
    expect(readableAuditEntry(entry!, await auditNames(pact.pactId, [entry!]), createI18n('nl').t).details).toContainEqual(
      expect.objectContaining({ value: expect.stringContaining('Zet Alleen voorstellen eerst uit') }),
    )

    await setSuggestionsOnly(pact.pactId, false, pact.owner.id)
    expect((await versions()).body.restore).toEqual({ refusal: null, skipped: 0 })
    expect((await restore(pact.owner, { source: '1', confirm: 'on' })).body.done).toBe(true)
    expect(await server.collab.loadDocumentState(pact.pactId)).not.toEqual(before)
  })

  it('refuses an unknown version and a signed pact, and audits the refusal', async () => {
    const unknown = await restore(pact.owner, { source: '7', confirm: 'on' })
    expect(unknown.status).toBe(404)
    expect(unknown.body.result.error['']).toEqual(['editor.restore.errors.unknownVersion'])
    await getDb().updateTable('pacts').set({ status: 'getekend' }).where('id', '=', pact.pactId).execute()
    const signed = await restore(pact.owner, { source: '1', confirm: 'on' })
    expect(signed.status).toBe(409)
    expect(signed.body.result.error['']).toEqual(['editor.restore.errors.notEditable'])
    expect((await versions()).body.restore).toEqual({ refusal: 'pact-signed', skipped: 0 })
    expect(await refusals()).toEqual(
      expect.arrayContaining([
        { version: 7, refused: 'unknown-version' },
        { version: 1, refused: 'pact-signed' },
      ]),
    )
  })
})
