// @vitest-environment jsdom
import { Editor, getSchema, type JSONContent } from '@tiptap/core'
import { Collaboration } from '@tiptap/extension-collaboration'
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { isUsableClauseId } from '#app/document/clause-ids.ts'
import { renderDocumentHtml, seedPactDocument } from './document.server.ts'
import { DOCUMENT_FIELD } from './extensions.ts'
import { pactExtensions } from './extensions.ts'
import { pactTemplate } from './template.ts'

const input = { title: 'Pact Zorgzaam Zuid', region: 'Regio Zuid', startYear: 2026, endYear: 2029 }

function clausesOf(json: JSONContent): Array<{ id: unknown; kind: unknown; title: string }> {
  return (json.content ?? [])
    .filter((node) => node.type === 'clause')
    .map((node) => ({ id: node.attrs?.clauseId, kind: node.attrs?.kind, title: node.content?.[0]?.content?.[0]?.text ?? '' }))
}

function seeded(json: JSONContent = pactTemplate(input)): Y.Doc {
  const doc = new Y.Doc()
  seedPactDocument(doc, json)
  return doc
}

function paragraphDoc(...texts: string[]): JSONContent {
  return { type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) }
}

describe('pactTemplate', () => {
  it('is valid for the schema', () => {
    expect(() => getSchema(pactExtensions()).nodeFromJSON(pactTemplate(input)).check()).not.toThrow()
  })

  it('has the sections of a Pact voor de Transformatie and the five council agreements', () => {
    const clauses = clausesOf(pactTemplate(input))
    const titles = clauses.map((clause) => clause.title)
    for (const title of [
      'Onze gedeelde opgaven',
      'Resultaatgebieden',
      'Budgetten',
      'Risicodeling',
      'De ontwikkeltafel',
      'Monitoren en leren',
    ]) {
      expect(titles).toContain(title)
    }
    expect(titles.filter((title) => title.startsWith('Collegeafspraak'))).toHaveLength(5)
    expect(new Set(clauses.map((clause) => clause.kind))).toEqual(
      new Set(['algemeen', 'opgave', 'resultaatgebied', 'budget', 'risicodeling', 'samenwerking']),
    )
  })

  it('gives every clause a fresh, unique id each time', () => {
    const first = clausesOf(pactTemplate(input)).map((clause) => clause.id)
    const second = clausesOf(pactTemplate(input)).map((clause) => clause.id)
    expect(first.every(isUsableClauseId)).toBe(true)
    expect(new Set([...first, ...second]).size).toBe(first.length * 2)
  })

  it('fills in the pact details', () => {
    const html = renderDocumentHtml(seeded())
    expect(html).toContain('Pact Zorgzaam Zuid')
    expect(html).toContain('Regio Zuid')
    expect(html).toContain('31 december 2029')
  })

  // Issue 9, item 5: static tables with "€ [bedrag]" were a second source of truth beside the model.
  it('shows the model in its result-area, budget and risk-sharing clauses: data blocks, no placeholder tables', () => {
    const template = pactTemplate(input)
    const blocksIn = (kind: string) =>
      (template.content ?? [])
        .filter((node) => node.type === 'clause' && node.attrs?.kind === kind)
        .flatMap((node) => (node.content ?? []).filter((child) => child.type === 'pactData').map((child) => child.attrs?.kind))
    expect(blocksIn('resultaatgebied')).toEqual(['all-result-areas'])
    expect(blocksIn('budget')).toEqual(['all-result-areas'])
    expect(blocksIn('risicodeling')).toEqual(['all-risk-rules'])
    const json = JSON.stringify(template)
    expect(json).not.toContain('"type":"table"')
    expect(json).not.toMatch(/€ \[|\[bedrag\]|\[\d+\] procent/)
  })

  it('says in an empty model’s blocks that there is nothing yet', () => {
    const empty = { model: { resultAreas: [], riskRules: [] }, valid: true, years: [2026, 2027], parties: [] }
    const html = renderDocumentHtml(seeded(), { pactData: empty })
    expect(html).toContain('Er zijn nog geen resultaatgebieden.')
    expect(html).toContain('Er zijn nog geen afspraken over risicodeling.')
  })
})

describe('seedPactDocument', () => {
  it('stores the template in the fragment the editor reads, unchanged', () => {
    const template = pactTemplate(input)
    const doc = seeded(template)
    const stored = new Editor({
      extensions: [...pactExtensions(), Collaboration.configure({ document: doc, field: DOCUMENT_FIELD })],
    })
    try {
      expect(stored.getJSON()).toEqual(getSchema(pactExtensions()).nodeFromJSON(template).toJSON())
    } finally {
      stored.destroy()
    }
  })

  it('leaves a document that already has content alone', () => {
    const doc = seeded()
    const before = Y.encodeStateAsUpdate(doc)
    expect(seedPactDocument(doc, pactTemplate(input))).toBe(false)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })

  it('refuses content the schema does not allow', () => {
    const doc = new Y.Doc()
    expect(() => seedPactDocument(doc, { type: 'doc', content: [{ type: 'clauseTitle' }] })).toThrow()
    expect(doc.getXmlFragment(DOCUMENT_FIELD).length).toBe(0)
  })
})

describe('renderDocumentHtml', () => {
  it('contains every clause title, id and kind of the seeded template', () => {
    const template = pactTemplate(input)
    const html = renderDocumentHtml(seeded(template))
    for (const clause of clausesOf(template)) {
      expect(html).toContain(`<h3 class="pw-clause__title">${clause.title}</h3>`)
      expect(html).toContain(`data-clause-id="${clause.id}" data-clause-kind="${clause.kind}"`)
    }
  })

  it('round-trips the template: rendering the Yjs document equals rendering the template itself', () => {
    const template = pactTemplate(input)
    expect(renderDocumentHtml(seeded(template))).toBe(renderToHTMLString({ extensions: pactExtensions(), content: template }))
  })

  it('renders an empty document as an empty string', () => {
    expect(renderDocumentHtml(new Y.Doc())).toBe('')
  })

  it('escapes markup that people typed or pasted as text', () => {
    const html = renderDocumentHtml(seeded(paragraphDoc('<script>alert(1)</script>', '<img src=x onerror="alert(2)">')))
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><p>&lt;img src=x onerror="alert(2)"&gt;</p>')
  })

  it('skips node types outside the schema visibly, and drops marks and attributes outside it', () => {
    const doc = seeded(paragraphDoc('Gewone tekst'))
    const fragment = doc.getXmlFragment(DOCUMENT_FIELD)
    doc.transact(() => {
      const script = new Y.XmlElement('script')
      script.insert(0, [new Y.XmlText('alert(1)')])
      const image = new Y.XmlElement('image')
      image.setAttribute('src', 'x')
      image.setAttribute('onerror', 'alert(2)')
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.setAttribute('onclick', 'alert(3)')
      paragraph.setAttribute('style', 'background:url(javascript:alert(4))')
      const text = new Y.XmlText()
      text.insert(0, 'klik hier', { link: { href: 'javascript:alert(5)' }, bold: {} })
      paragraph.insert(0, [text])
      fragment.push([script, image, paragraph])
    })
    const html = renderDocumentHtml(doc)
    expect(html).toBe('<p>Gewone tekst</p><p>[onleesbaar deel overgeslagen]</p><p><strong>klik hier</strong></p>')
  })

  it('keeps table spans and widths within bounds', () => {
    const hostileCell = {
      type: 'tableCell',
      attrs: { colspan: 1_000_000_000, colwidth: ['1px; background: url(https://example.org/track)'] },
      content: [{ type: 'paragraph' }],
    }
    const html = renderDocumentHtml(
      seeded({ type: 'doc', content: [{ type: 'table', content: [{ type: 'tableRow', content: [hostileCell] }] }] }),
    )
    expect(html).toContain('<td colspan="1" rowspan="1">')
    expect(html).not.toContain('url(')
  })

  it('escapes hostile clause attributes and shows an unknown kind as general', () => {
    const doc = seeded({
      type: 'doc',
      content: [
        {
          type: 'clause',
          attrs: { clauseId: 'x" onmouseover="alert(1)', kind: '"><script>alert(2)</script>' },
          content: [{ type: 'clauseTitle', content: [{ type: 'text', text: 'Titel' }] }, { type: 'paragraph' }],
        },
      ],
    })
    const html = renderDocumentHtml(doc)
    expect(html).toContain('data-clause-id="x&quot; onmouseover=&quot;alert(1)"')
    expect(html).toContain('data-clause-kind="algemeen"')
    expect(html).not.toContain('<script')
  })
})
