import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { currentItems, pactSnapshot } from '#app/document/pact-document.server.ts'
import { writeResultArea } from '#app/pact-model/pact-model-yjs.ts'
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

/** The first clause of the document, with the first piece of text in it. */
function firstClause(doc: Y.Doc): { clauseId: string; text: Y.XmlText } {
  const clause = doc
    .getXmlFragment(DOCUMENT_FIELD)
    .toArray()
    .find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'clause')!
  const walk = (node: Y.XmlElement): Y.XmlText | null => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText && child.length > 0) return child
      const found = child instanceof Y.XmlElement ? walk(child) : null
      if (found) return found
    }
    return null
  }
  return { clauseId: clause.getAttribute('clauseId') as string, text: walk(clause)! }
}

describe('the items the sign-off pages read from the live document (currentItems)', () => {
  it('are derived once per reading: read again unchanged, they are the same', async () => {
    const first = await currentItems(pact.pactId)
    expect(await currentItems(pact.pactId)).toBe(first)
  })

  it('are derived again after an insertion and after a deletion, for the changed clause only', async () => {
    const { clauseId, text } = firstClause(client.doc)
    const before = await currentItems(pact.pactId)
    const index = before.clauses.findIndex((item) => item.clauseId === clauseId)
    expect(before.itemHtml(clauseId)).not.toContain('Gewijzigd: ')

    await changeAndWait(() => text.insert(0, 'Gewijzigd: '))
    const inserted = await currentItems(pact.pactId)
    expect(inserted).not.toBe(before)
    expect(inserted.clauses[index]!.canonical).toContain('Gewijzigd: ')
    expect(inserted.clauses[index]!.contentHash).not.toBe(before.clauses[index]!.contentHash)
    expect(inserted.itemHtml(clauseId)).toContain('Gewijzigd: ')
    // The other clauses were not derived again.
    const other = before.clauses.findIndex((item, at) => at !== index && item.item === 'clause')
    expect(inserted.clauses[other]).toBe(before.clauses[other])

    const vector = Y.encodeStateVector(client.doc)
    await changeAndWait(() => text.delete(0, 'Gewijzigd: '.length))
    expect(Y.encodeStateVector(client.doc)).toEqual(vector)
    const deleted = await currentItems(pact.pactId)
    expect(deleted).not.toBe(inserted)
    expect(deleted.itemHtml(clauseId)).not.toContain('Gewijzigd: ')
    expect(deleted.clauses.map((item) => item.contentHash)).toEqual(before.clauses.map((item) => item.contentHash))
  })

  it('are derived again when the structured model changes', async () => {
    const before = await currentItems(pact.pactId)
    const area = {
      id: 'area-cache-test',
      title: 'Resultaatgebied Cachetoets',
      description: '',
      challenge: '',
      targetGroup: '',
      responsiblePartyIds: [],
      budgets: [],
      indicators: [],
    }
    await changeAndWait(() => writeResultArea(client.doc, area))
    const after = await currentItems(pact.pactId)
    expect(after).not.toBe(before)
    const showing = after.clauses.filter((item) => item.canonical.includes('Resultaatgebied Cachetoets'))
    expect(showing.length).toBeGreaterThan(0)
    for (const item of showing) {
      expect(before.clauses.find((old) => old.clauseId === item.clauseId)?.contentHash).not.toBe(item.contentHash)
    }
  })
})
