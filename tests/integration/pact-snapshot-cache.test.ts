import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { pactSnapshot } from '#app/document/pact-document.server.ts'
import { seedPactContent } from '#app/document/pact-content.server.ts'
import { DOCUMENT_FIELD } from '#app/document/extensions.ts'
import { connectClient, startCollabServer, waitFor, type TestCollabServer, type TestClient } from '#tests/support/collab.ts'
import { createTestPact, type TestPact } from '#tests/support/fixtures.ts'

let server: TestCollabServer
let pact: TestPact
let client: TestClient

beforeAll(async () => {
  server = await startCollabServer({ seedDocument: seedPactContent })
  pact = await createTestPact('Wethouder')
  client = connectClient(server, pact.pactId, pact.owner)
  await client.whenSynced()
})

afterAll(async () => {
  client.destroy()
  await server.stop()
})

/** The first piece of text in the document (in the template's first clause or heading). */
function firstText(doc: Y.Doc): Y.XmlText {
  const walk = (node: Y.XmlFragment | Y.XmlElement): Y.XmlText | null => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText && child.length > 0) return child
      if (child instanceof Y.XmlElement) {
        const found = walk(child)
        if (found) return found
      }
    }
    return null
  }
  return walk(doc.getXmlFragment(DOCUMENT_FIELD))!
}

const storedState = () => server.collab.loadDocumentState(pact.pactId)

async function changeAndWait(change: () => void): Promise<void> {
  const before = await storedState()
  change()
  await waitFor(
    async () => Buffer.compare(Buffer.from(await storedState()), Buffer.from(before)) !== 0,
    'the change to reach the server',
  )
}

describe('the pact snapshot the sign-off pages read', () => {
  it('is built once per document state: read again unchanged, it is the same one', async () => {
    const first = await pactSnapshot(pact.pactId)
    expect(await pactSnapshot(pact.pactId)).toBe(first)
  })

  it('is built again after an insertion, and after a deletion (which leaves the state vector as it was)', async () => {
    const before = await pactSnapshot(pact.pactId)
    await changeAndWait(() => firstText(client.doc).insert(0, 'Gewijzigd: '))
    const inserted = await pactSnapshot(pact.pactId)
    expect(inserted).not.toBe(before)
    expect(inserted.html).toContain('Gewijzigd: ')

    const vector = Y.encodeStateVector(client.doc)
    await changeAndWait(() => firstText(client.doc).delete(0, 'Gewijzigd: '.length))
    expect(Y.encodeStateVector(client.doc)).toEqual(vector)
    const deleted = await pactSnapshot(pact.pactId)
    expect(deleted).not.toBe(inserted)
    expect(deleted.html).not.toContain('Gewijzigd: ')
    expect(deleted.clauses.map((clause) => clause.contentHash)).toEqual(before.clauses.map((clause) => clause.contentHash))
  })
})
