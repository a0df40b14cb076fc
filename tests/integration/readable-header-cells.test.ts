import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { seedPactContent } from '#app/document/pact-content.server.ts'
import { seedPactDocument } from '#app/document/document.server.ts'
import { getDb } from '#app/platform/db/db.server.ts'
import * as readPage from '#app/routes/pact-read.tsx'
import * as versionPage from '#app/routes/pact-version.tsx'
import { reviewPage } from '#app/sign-off/review-page.server.ts'
import { addSignatory } from '#app/sign-off/sign-off.server.ts'
import { createSqlDocumentStore } from '#server/collab/persistence.ts'
import { startCollabServer, type TestCollabServer } from '#tests/support/collab.ts'
import { createTestPact, storeSignedVersion, type TestPact } from '#tests/support/fixtures.ts'
import { get } from '#tests/support/route-calls.ts'

/**
 * A table made with the old table button has header cells nobody wrote in. The pages that show
 * the text to read show them as ordinary cells, as the editor does; a signed version's stored HTML
 * (which its hash covers) keeps them as signed.
 */

let server: TestCollabServer
let pact: TestPact

const cell = (type: string, text?: string) => ({
  type,
  content: [{ type: 'paragraph', ...(text ? { content: [{ type: 'text', text }] } : {}) }],
})
const OLD_TABLE = {
  type: 'doc',
  content: [
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader'), cell('tableHeader', 'Bedrag')] },
        { type: 'tableRow', content: [cell('tableCell', 'Jeugd'), cell('tableCell', '100')] },
      ],
    },
  ],
}
const STORED_HTML =
  '<table><tbody><tr><th colspan="1" rowspan="1"><p></p></th><th colspan="1" rowspan="1"><p>Bedrag</p></th></tr></tbody></table>'

beforeAll(async () => {
  server = await startCollabServer({ seedDocument: seedPactContent })
  pact = await createTestPact('Beheerder Tabel')
  const doc = new Y.Doc()
  seedPactDocument(doc, OLD_TABLE)
  await createSqlDocumentStore().create(pact.pactId, Y.encodeStateAsUpdate(doc))
  await storeSignedVersion(pact, doc, STORED_HTML)
})

afterAll(async () => {
  await server.stop()
})

const asOwner = (extra: Record<string, string> = {}) => ({ cookie: pact.owner.cookie, params: { pactId: pact.pactId, ...extra } })
const headerCells = (html: string) => [...html.matchAll(/<th\b[^>]*>/g)].map(([tag]) => tag)

describe('empty header cells of old tables, read', () => {
  it('are ordinary cells in the leesversie', async () => {
    const { body } = await get(readPage.loader, `/pacts/${pact.pactId}/leesversie`, asOwner())
    expect(headerCells(body.html)).toEqual([expect.stringContaining('role="cell"'), expect.not.stringContaining('role=')])
  })

  it('are ordinary cells in the review flow', async () => {
    await addSignatory(pact.pactId, pact.partyId, pact.owner.id, pact.owner.id)
    const { items } = await reviewPage(pact.pactId, pact.owner.id, null)
    const html = items.map((item) => item.html).join('')
    expect(headerCells(html)).toEqual([expect.stringContaining('role="cell"'), expect.not.stringContaining('role=')])
  })

  it('are ordinary cells on a signed version’s page, while its stored HTML stays as signed', async () => {
    const { body } = await get(versionPage.loader, `/pacts/${pact.pactId}/versies/1`, asOwner({ number: '1' }))
    expect(headerCells(body.version.html)).toEqual([expect.stringContaining('role="cell"'), expect.not.stringContaining('role=')])
    const stored = await getDb()
      .selectFrom('pact_versions')
      .select('html')
      .where('pact_id', '=', pact.pactId)
      .executeTakeFirstOrThrow()
    expect(stored.html).toBe(STORED_HTML)
  })
})
