import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { listAudit } from '#app/audit/audit.server.ts'
import { createEditRecorder } from '#app/audit/edit-log.server.ts'
import { seedPactContent } from '#app/document/pact-content.server.ts'
import { DOCUMENT_FIELD } from '#app/document/extensions.ts'
import { setBudget, writeResultArea } from '#app/pact-model/pact-model-yjs.ts'
import { addParty } from '#app/pacts/pacts.server.ts'
import { createI18n } from '#app/platform/i18n/config.ts'
import { getDb, nowIso } from '#app/platform/db/db.server.ts'
import { readableAuditEntry } from '#app/sign-off/audit-entry.ts'
import { auditNames } from '#app/sign-off/views.server.ts'
import { collabTestbed, waitFor } from '#tests/support/collab.ts'
import { createTestPact, createUser } from '#tests/support/fixtures.ts'

const testbed = collabTestbed()
const { t } = createI18n('nl')

/** The clauses of the client's copy of the text, with the text node of each clause's first paragraph. */
function clausesOf(doc: Y.Doc): Array<{ clauseId: string; paragraph: Y.XmlText }> {
  return doc
    .getXmlFragment(DOCUMENT_FIELD)
    .toArray()
    .flatMap((node) => {
      if (!(node instanceof Y.XmlElement) || node.nodeName !== 'clause') return []
      const paragraph = node.toArray().find((child) => child instanceof Y.XmlElement && child.nodeName === 'paragraph')
      const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
      return text instanceof Y.XmlText ? [{ clauseId: String(node.getAttribute('clauseId')), paragraph: text }] : []
    })
}

async function readableTrail(pactId: string) {
  const entries = await listAudit(pactId)
  const names = await auditNames(pactId, entries)
  return entries
    .filter((entry) => entry.action.startsWith('edit.'))
    .reverse()
    .map((entry) => readableAuditEntry(entry, names, t))
}

describe('who changed what, in the logboek', () => {
  it('records two people’s edits to two clauses and a budget as one entry per person per subject, with names', async () => {
    const server = await testbed.server({ seedDocument: seedPactContent, onClientEdit: createEditRecorder() })
    const pact = await createTestPact('Anouk')
    const welzijn = await addParty(
      pact.pactId,
      { name: 'Stichting Welzijn Zuiderveen', kind: 'aanbieder', isSignatory: true },
      pact.owner.id,
    )
    const karim = await createUser('Karim')
    await getDb()
      .insertInto('pact_members')
      .values({ pact_id: pact.pactId, user_id: karim.id, party_id: welzijn, access: 'redacteur', created_at: nowIso() })
      .execute()

    const anoukClient = testbed.client(server, pact.pactId, pact.owner)
    const karimClient = testbed.client(server, pact.pactId, karim)
    await Promise.all([anoukClient.whenSynced(), karimClient.whenSynced()])
    const [first, second] = clausesOf(karimClient.doc)
    expect(second).toBeDefined()

    // A burst of 100 keystrokes, each its own update, by Karim in one clause; Anouk types in another.
    for (let index = 0; index < 100; index++) first!.paragraph.insert(0, 'x')
    const anouksSecond = clausesOf(anoukClient.doc)[1]!
    for (let index = 0; index < 20; index++) anouksSecond.paragraph.insert(0, 'y')
    // Karim then adds a result area and changes one budget cell twice.
    writeResultArea(karimClient.doc, {
      id: 'jeugd',
      title: 'Jeugd',
      description: '',
      challenge: '',
      targetGroup: '',
      responsiblePartyIds: [],
      budgets: [],
      indicators: [],
    })
    setBudget(karimClient.doc, 'jeugd', welzijn, 2028, 100_000)
    setBudget(karimClient.doc, 'jeugd', welzijn, 2028, 120_000)

    // Once both clients hold the same state, the server has applied every update (it relays only what it applied).
    const stateOf = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('base64')
    await waitFor(() => stateOf(karimClient.doc) === stateOf(anoukClient.doc), 'both clients in sync')
    await waitFor(async () => (await readableTrail(pact.pactId)).length >= 4, 'the edits in the audit trail')
    const trail = await readableTrail(pact.pactId)
    const titles = (await auditNames(pact.pactId, [])).clauses
    // Entries of different sockets may be written in either order.
    expect(trail).toHaveLength(4)
    expect(trail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          person: 'Karim',
          organisation: 'Stichting Welzijn Zuiderveen',
          action: 'Artikel gewijzigd',
          subject: `“${titles[first!.clauseId]}”`,
        }),
        expect.objectContaining({
          person: 'Anouk',
          organisation: expect.stringMatching(/^Gemeente /),
          action: 'Artikel gewijzigd',
          subject: `“${titles[anouksSecond.clauseId]}”`,
        }),
        expect.objectContaining({ person: 'Karim', action: 'Resultaatgebied toegevoegd', subject: 'Resultaatgebied “Jeugd”' }),
        expect.objectContaining({ person: 'Karim', action: 'Budget gewijzigd', subject: 'Resultaatgebied “Jeugd”, 2028' }),
      ]),
    )
  })

  it('continues one entry per person across a reconnect, and names a clause removed by its title', async () => {
    const server = await testbed.server({ seedDocument: seedPactContent, onClientEdit: createEditRecorder() })
    const pact = await createTestPact('Anouk')
    const titles = (await auditNames(pact.pactId, [])).clauses

    const firstSocket = testbed.client(server, pact.pactId, pact.owner)
    await firstSocket.whenSynced()
    const [first] = clausesOf(firstSocket.doc)
    first!.paragraph.insert(0, 'Eerst: ')
    await waitFor(async () => (await readableTrail(pact.pactId)).length === 1, 'the first edit in the audit trail')
    firstSocket.destroy()

    // Back on a new socket, within the quiet period: the same clause again, then the second clause removed whole.
    const secondSocket = testbed.client(server, pact.pactId, pact.owner)
    await secondSocket.whenSynced()
    const [again, second] = clausesOf(secondSocket.doc)
    again!.paragraph.insert(0, 'Daarna: ')
    const fragment = secondSocket.doc.getXmlFragment(DOCUMENT_FIELD)
    fragment.delete(
      fragment.toArray().findIndex((node) => node instanceof Y.XmlElement && node.getAttribute('clauseId') === second!.clauseId),
      1,
    )

    await waitFor(async () => (await readableTrail(pact.pactId)).length >= 2, 'the removal in the audit trail')
    expect(await readableTrail(pact.pactId)).toEqual([
      expect.objectContaining({ person: 'Anouk', action: 'Artikel gewijzigd', subject: `“${titles[first!.clauseId]}”` }),
      expect.objectContaining({ person: 'Anouk', action: 'Artikel verwijderd', subject: `“${titles[second!.clauseId]}”` }),
    ])
    expect(titles[second!.clauseId]).toBeTruthy()
    expect((await auditNames(pact.pactId, [])).clauses[second!.clauseId]).toBeUndefined()
  })
})
