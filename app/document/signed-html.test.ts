import type { JSONContent } from '@tiptap/core'
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DEMO_PACT_YEARS, demoPactModel } from '#app/demo/demo-pact-model.ts'
import type { NamedParty } from '#app/pact-model/budget-table.ts'
import { seedPactModel } from '#app/pact-model/pact-model-yjs.ts'
import { versionHash } from '#app/sign-off/status.ts'
import { seedPactDocument } from './document.server.ts'
import { snapshotFromState } from './pact-document.server.ts'

/**
 * What a signed version stores is pinned: the same document gives the same HTML, clause hashes
 * and version hash, on any machine and after any change to the UI. If one of these expected
 * values changes, every stored version's hash no longer recomputes and every approval of an
 * affected clause reopens: change them only on purpose, with a migration note.
 */

const parties: NamedParty[] = [
  { id: 'gemeente', name: 'Gemeente Zuiderveen', kind: 'gemeente' },
  { id: 'welzijn', name: 'Stichting Welzijn Zuiderveen', kind: 'aanbieder' },
  { id: 'jeugdhulp', name: 'Jeugdhulp De Brug', kind: 'aanbieder' },
  { id: 'adviesraad', name: 'Adviesraad Sociaal Domein Zuiderveen', kind: 'inwoners' },
]
const model = demoPactModel({ gemeente: 'gemeente', welzijn: 'welzijn', jeugdhulp: 'jeugdhulp', adviesraad: 'adviesraad' })
const text = (value: string, marks: string[] = []): JSONContent => ({
  type: 'text',
  text: value,
  ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}),
})
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })
const clause = (clauseId: string, kind: string, title: string, ...body: JSONContent[]): JSONContent => ({
  type: 'clause',
  attrs: { clauseId, kind },
  content: [{ type: 'clauseTitle', content: [text(title)] }, ...body],
})

const document: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [text('1. Waarom dit pact')] },
    clause(
      'pin-algemeen',
      'algemeen',
      'Partijen',
      paragraph(text('Wij werken '), text('samen', ['bold']), text(' aan de '), text('wijk', ['italic']), text('.')),
    ),
    clause(
      'pin-budget',
      'budget',
      'Budget jeugd',
      {
        type: 'orderedList',
        attrs: { start: 2 },
        content: [{ type: 'listItem', content: [paragraph(text('Vast budget & <geen> verrassingen'))] }],
      },
      { type: 'pactData', attrs: { kind: 'result-area', refId: model.resultAreas[0]!.id } },
    ),
    clause('pin-risico', 'risicodeling', 'Risicodeling', {
      type: 'pactData',
      attrs: { kind: 'risk-rule', refId: model.riskRules[0]!.id },
    }),
    clause('pin-resultaat', 'resultaatgebied', 'Ouderen', {
      type: 'pactData',
      attrs: { kind: 'result-area', refId: model.resultAreas[1]!.id },
    }),
  ],
}

function signedSnapshot() {
  const doc = new Y.Doc()
  seedPactModel(doc, model)
  seedPactDocument(doc, document)
  return snapshotFromState(Y.encodeStateAsUpdate(doc), { years: [...DEMO_PACT_YEARS], parties })
}

const sha256Hex = (value: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(value)))

describe('the HTML a signed version stores', () => {
  it('is the same for the same document, built again by another client', () => {
    const first = signedSnapshot()
    const second = signedSnapshot()
    expect(second.html).toBe(first.html)
    expect(second.clauses).toEqual(first.clauses)
  })

  it('is pinned: HTML, clause hashes and version hash of a fixed document', () => {
    const snapshot = signedSnapshot()
    const clauseHashes = snapshot.clauses.map(({ clauseId, contentHash }) => ({ clauseId, contentHash }))
    expect(snapshot.html).toContain('<ol start="2"><li><p>Vast budget &amp; &lt;geen&gt; verrassingen</p></li></ol>')
    expect(snapshot.html).toContain('<td class="utrecht-table__cell utrecht-table__cell--numeric-data">€\u00a020.660.000</td>')
    // Issue 9: the result area no clause shows follows the text; the text's HTML itself is unchanged.
    const notInText = snapshot.html.indexOf('<section class="pw-not-in-text"><h2>Afspraken die niet in de tekst staan</h2>')
    expect(sha256Hex(snapshot.html.slice(0, notInText))).toBe('a746c139f66b4b4a9ec044516591309d9f3359d85320aaaed21523f8b14bd354')
    expect(snapshot.html.slice(notInText)).toContain('data-ref-id="demo-schulden-bestaanszekerheid"')
    expect(sha256Hex(snapshot.html)).toBe('2fd7da417be7e71d479b3210651bf9b073bed4903230f964cb0a3cc46f9b8031')
    // Issue 9: the heading outside the clauses and the result area no clause shows are items of their own; the clause
    // hashes are unchanged, the version hash covers the two new items too.
    expect(clauseHashes).toEqual([
      { clauseId: 'pin-algemeen', contentHash: '6de0fe4763cf29486cca5a334817c37aeb9032427262965a03295c83b95fd377' },
      { clauseId: 'pin-budget', contentHash: 'b5d39c0ea4e4bdda8137469f7099d2a157b37d00d2e4eb0b1853a2507aadd29e' },
      { clauseId: 'pin-risico', contentHash: '40de56123017ec1d469a2aab91d3e746df3c89e64737fdc98d077f1c8032d81d' },
      { clauseId: 'pin-resultaat', contentHash: 'a1dc4a152ea3e62d027f0997c3f66f84da54de3e93ee36e846558d200ddaefef' },
      { clauseId: 'tekst.buiten-artikelen', contentHash: '29a0bc41b179747280a457d848b6c16c4aa57bc8a166e7cd9be3d5bd0d6b3653' },
      {
        clauseId: 'resultaatgebied.demo-schulden-bestaanszekerheid',
        contentHash: 'ba79c988ae7d900ce34e2aa966f7987391a214447e17b98118c26f4b217a8bcc',
      },
    ])
    // The Yjs state is left out: it holds the writing client's random id.
    expect(versionHash({ html: snapshot.html, clauseHashes })).toBe(
      'a5770783963860a3e287899728f5b6446d2032d64c57badb5f44d9fe881ee681',
    )
  })
})
