import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { seedPactDocument } from '#app/document/document.server.ts'
import { getDb } from '#app/platform/db/db.server.ts'
import * as areasPage from '#app/routes/pact-areas.tsx'
import * as documentPage from '#app/routes/pact-document.tsx'
import * as layout from '#app/routes/pact-layout.tsx'
import * as readPage from '#app/routes/pact-read.tsx'
import * as settingsPage from '#app/routes/pact-settings.tsx'
import { createSqlDocumentStore } from '#server/collab/persistence.ts'
import { startCollabServer, type TestCollabServer } from '#tests/support/collab.ts'
import { addMember, createTestPact, type TestPact, type TestUser } from '#tests/support/fixtures.ts'
import { get, post } from '#tests/support/route-calls.ts'

/**
 * The pact-wide suggestion-only mode through its pages: a beheerder switches it (audited), what
 * the pages then offer, and the leesversie that shows open suggestions only on request.
 */

let server: TestCollabServer
let pact: TestPact
let redacteur: TestUser
let commentator: TestUser

const ORIGINAL = 'Het budget staat vast.'
const PROPOSED = ' Voor vier jaar.'
const TO_DELETE = ' Altijd.'

beforeAll(async () => {
  server = await startCollabServer()
  pact = await createTestPact('Anouk Beheerder')
  redacteur = await addMember(pact, 'redacteur', 'Karim Redacteur')
  commentator = await addMember(pact, 'commentator', 'Henk Adviesraad')
  const mark = (type: string, id: string) => ({
    type,
    attrs: { id, authorId: commentator.id, partyId: pact.partyId, createdAt: '2026-11-30T12:00:00.000Z' },
  })
  const doc = new Y.Doc()
  seedPactDocument(doc, {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: ORIGINAL },
          { type: 'text', text: PROPOSED, marks: [mark('insertion', 's1')] },
          { type: 'text', text: TO_DELETE, marks: [mark('deletion', 's2')] },
        ],
      },
    ],
  })
  await createSqlDocumentStore().create(pact.pactId, Y.encodeStateAsUpdate(doc))
})

afterAll(async () => {
  await server.stop()
})

const as = (user: TestUser) => ({ cookie: user.cookie, params: { pactId: pact.pactId } })
const switchMode = (user: TestUser, suggestionsOnly: 'on' | 'off') =>
  post(settingsPage.action, `/pacts/${pact.pactId}/instellingen`, { intent: 'suggestions-only', suggestionsOnly }, as(user))

describe('switching suggestion-only mode', () => {
  it('is for a beheerder only', async () => {
    expect((await switchMode(redacteur, 'on')).status).toBe(403)
    expect((await get(settingsPage.loader, `/pacts/${pact.pactId}/instellingen`, as(pact.owner))).body.suggestionsOnly).toBe(
      false,
    )
  })

  it('turns the pages of those who could edit into proposing, freezes the model, and is audited on and off with who', async () => {
    const switched = await switchMode(pact.owner, 'on')
    expect(switched.status).toBe(200)
    expect(switched.body.done).toBe('pact.suggestionsOnly.switchedOn')

    const editorPage = (await get(documentPage.loader, `/pacts/${pact.pactId}/document`, as(redacteur))).body
    expect(editorPage).toMatchObject({ canEdit: false, canSuggest: true, canDecide: true, suggestionsOnly: true, readOnly: null })
    const commentatorPage = (await get(documentPage.loader, `/pacts/${pact.pactId}/document`, as(commentator))).body
    expect(commentatorPage).toMatchObject({ canEdit: false, canSuggest: true, canDecide: false, suggestionsOnly: false })
    const areas = (await get(areasPage.loader, `/pacts/${pact.pactId}/resultaatgebieden`, as(pact.owner))).body
    expect(areas).toMatchObject({ canEdit: false, readOnly: 'suggestions-only' })
    expect((await get(layout.loader, `/pacts/${pact.pactId}`, as(commentator))).body.suggestionsOnly).toBe(true)

    await switchMode(pact.owner, 'off')
    expect((await get(documentPage.loader, `/pacts/${pact.pactId}/document`, as(redacteur))).body).toMatchObject({
      canEdit: true,
      suggestionsOnly: false,
    })
    expect((await get(layout.loader, `/pacts/${pact.pactId}`, as(commentator))).body.suggestionsOnly).toBe(false)
    const audited = await getDb()
      .selectFrom('audit_events')
      .select(['actor_id', 'details'])
      .where('pact_id', '=', pact.pactId)
      .where('action', '=', 'pact.suggestions-only')
      .orderBy('id')
      .execute()
    expect(audited).toEqual([
      { actor_id: pact.owner.id, details: JSON.stringify({ suggestionsOnly: true }) },
      { actor_id: pact.owner.id, details: JSON.stringify({ suggestionsOnly: false }) },
    ])
  })
})

describe('the leesversie', () => {
  const read = async (query = '') => (await get(readPage.loader, `/pacts/${pact.pactId}/leesversie${query}`, as(redacteur))).body

  it('reads without open suggestions by default: proposed text left out, proposed deletions still there', async () => {
    const page = await read()
    expect(page).toMatchObject({ showSuggestions: false, openSuggestions: 2 })
    expect(page.html).toContain(`${ORIGINAL}${TO_DELETE}`)
    expect(page.html).not.toContain(PROPOSED.trim())
    expect(page.html).not.toContain('<ins')
    expect(page.html).not.toContain('<del')
  })

  it('shows them on request, marked as <ins>/<del> and saying in words who proposed what', async () => {
    const { html, showSuggestions } = await read('?voorstellen=tonen')
    expect(showSuggestions).toBe(true)
    const proposer = `Henk Adviesraad (Gemeente ${pact.owner.id})`
    expect(html).toMatch(
      new RegExp(
        `<ins class="pw-suggestion pw-suggestion--insertion"[^>]*><span class="pw-visually-hidden">Voorstel van ${escape(proposer)} om toe te voegen: </span>${PROPOSED}<span class="pw-visually-hidden"> \\(einde voorstel\\)</span></ins>`,
      ),
    )
    expect(html).toMatch(
      new RegExp(
        `<del [^>]*><span class="pw-visually-hidden">Voorstel van ${escape(proposer)} om te schrappen: </span>${TO_DELETE}`,
      ),
    )
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
