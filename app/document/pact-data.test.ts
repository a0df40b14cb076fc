// @vitest-environment jsdom
import { Editor, getSchema, type JSONContent } from '@tiptap/core'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { NamedParty } from '#app/pact-model/budget-table.ts'
import { DEMO_PACT_YEARS, demoPactModel } from '#app/demo/demo-pact-model.ts'
import { demoPactDocument } from '#app/demo/demo-document.ts'
import { renderDocumentHtml, seedPactDocument } from './document.server.ts'
import { pactExtensions } from './extensions.ts'
import { pactDataRefOf } from './pact-data.ts'
import { pactTemplate } from './template.ts'

const parties: NamedParty[] = [
  { id: 'gemeente', name: 'Gemeente Zuiderveen', kind: 'gemeente' },
  { id: 'welzijn', name: 'Stichting Welzijn Zuiderveen', kind: 'aanbieder' },
  { id: 'jeugdhulp', name: 'Jeugdhulp De Brug', kind: 'aanbieder' },
  { id: 'adviesraad', name: 'Adviesraad Sociaal Domein Zuiderveen', kind: 'inwoners' },
]
const model = demoPactModel({ gemeente: 'gemeente', welzijn: 'welzijn', jeugdhulp: 'jeugdhulp', adviesraad: 'adviesraad' })
const source = { model, valid: true, years: [...DEMO_PACT_YEARS], parties }

function clause(kind: string, ...body: JSONContent[]): JSONContent {
  return {
    type: 'clause',
    attrs: { clauseId: `clause-${kind}`, kind },
    content: [{ type: 'clauseTitle', content: [{ type: 'text', text: `Artikel ${kind}` }] }, ...body],
  }
}

function dataBlock(kind: string, refId: string): JSONContent {
  return { type: 'pactData', attrs: { kind, refId } }
}

function docWith(...content: JSONContent[]): Y.Doc {
  const doc = new Y.Doc()
  seedPactDocument(doc, { type: 'doc', content })
  return doc
}

let editor: Editor | undefined
afterEach(() => {
  editor?.destroy()
  editor = undefined
})

describe('the pactData block', () => {
  it('belongs to the schema, inside a clause, holding only its reference', () => {
    const json = { type: 'doc', content: [clause('budget', dataBlock('result-area', 'demo-jeugd-complex'))] }
    const node = getSchema(pactExtensions()).nodeFromJSON(json)
    expect(() => node.check()).not.toThrow()
    expect(node.firstChild!.child(1).toJSON()).toEqual(dataBlock('result-area', 'demo-jeugd-complex'))
  })

  it('renders as a reference with its data attributes when the model is not at hand', () => {
    const html = renderDocumentHtml(docWith(clause('budget', dataBlock('result-area', 'demo-jeugd-complex'))))
    expect(html).toContain('<div class="pw-pact-data" data-pact-data-kind="result-area" data-ref-id="demo-jeugd-complex">')
    expect(html).toContain('Resultaatgebied (gegevens uit het pact, kenmerk demo-jeugd-complex)')
  })

  it('renders the data it refers to from a given model: in a budget clause the budget, the rest folded away', () => {
    const html = renderDocumentHtml(docWith(clause('budget', dataBlock('result-area', 'demo-jeugd-complex'))), {
      pactData: source,
    })
    expect(html).toContain('data-ref-id="demo-jeugd-complex"')
    expect(html).toContain('Resultaatgebied: Jeugdigen met een complexe hulpvraag')
    // € 4.650.000 + € 620.000 in 2027, and the period's total.
    expect(html).toMatch(/<th[^>]*scope="row"[^>]*>Totaal<\/th><td[^>]*>€\u00a05\.270\.000<\/td>/)
    expect(html).toContain('€\u00a020.660.000')
    expect(html.indexOf('<details')).toBeGreaterThan(html.indexOf('€\u00a05.270.000'))
    expect(html).toContain('Jeugdigen met jeugdhulp met verblijf')
  })

  it('shows a result area’s aims first in a result-area clause, and a risk rule’s parameters', () => {
    const html = renderDocumentHtml(
      docWith(
        clause('resultaatgebied', dataBlock('result-area', 'demo-ouderen-thuis')),
        clause('risicodeling', dataBlock('risk-rule', 'demo-risicodeling-pact')),
      ),
      { pactData: source },
    )
    expect(html.indexOf('75-plussers die zelfstandig wonen')).toBeLessThan(html.indexOf('<details'))
    expect(html.indexOf('<summary>Budget van dit resultaatgebied</summary>')).toBeLessThan(html.indexOf('€\u00a03.150.000'))
    expect(html).toContain('Risicodeling: het hele pact')
    expect(html).toContain('€\u00a0750.000')
    expect(html).toMatch(/Bandbreedte rond het budget \(%\)<\/dt><dd[^>]*>5%<\/dd>/)
  })

  it('says so when the data it refers to is gone, and never trusts what a client wrote into its attributes', () => {
    const html = renderDocumentHtml(
      docWith(
        clause(
          'budget',
          dataBlock('result-area', 'verdwenen'),
          dataBlock('<img src=x onerror=alert(1)>', '"><script>alert(2)</script>'),
        ),
      ),
      { pactData: source },
    )
    expect(html).toContain('Dit onderdeel bestaat niet (meer) in de gegevens van het pact.')
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect(html).toContain('data-pact-data-kind="" data-ref-id=""')
  })
})

describe('insertPactData', () => {
  function createEditor(content: JSONContent[]): Editor {
    editor = new Editor({ extensions: pactExtensions(), content: { type: 'doc', content } })
    return editor
  }

  it('puts the block after the cursor’s block, inside the clause', () => {
    const e = createEditor([clause('budget', { type: 'paragraph', content: [{ type: 'text', text: 'Het budget.' }] })])
    e.commands.setTextSelection(e.state.doc.firstChild!.firstChild!.nodeSize + 3)
    expect(e.commands.insertPactData({ kind: 'result-area', refId: 'demo-jeugd-complex' })).toBe(true)
    expect(e.getJSON().content![0]!.content!.map((node) => node.type)).toEqual(['clauseTitle', 'paragraph', 'pactData'])
  })

  it('refuses outside a clause, and refuses a reference that is not one', () => {
    const e = createEditor([
      { type: 'paragraph', content: [{ type: 'text', text: 'Buiten.' }] },
      clause('budget', { type: 'paragraph' }),
    ])
    e.commands.setTextSelection(2)
    expect(e.commands.insertPactData({ kind: 'result-area', refId: 'demo-jeugd-complex' })).toBe(false)
    e.commands.setTextSelection(e.state.doc.firstChild!.nodeSize + 2)
    expect(e.commands.insertPactData({ kind: 'result-area', refId: '' })).toBe(false)
  })

  it('inserts a block that shows all areas, whose reference needs no id', () => {
    const e = createEditor([clause('budget', { type: 'paragraph', content: [{ type: 'text', text: 'Het budget.' }] })])
    e.commands.setTextSelection(e.state.doc.firstChild!.firstChild!.nodeSize + 3)
    expect(e.commands.insertPactData({ kind: 'all-result-areas', refId: '' })).toBe(true)
    const block = e.state.doc.firstChild!.lastChild!
    expect(pactDataRefOf(block)).toEqual({ kind: 'all-result-areas', refId: '' })
    expect(pactDataRefOf({ attrs: { kind: 'all-risk-rules', refId: { hostile: true } } })).toEqual({
      kind: 'all-risk-rules',
      refId: '',
    })
  })
})

describe('demoPactDocument', () => {
  const template = pactTemplate({ title: 'Pact Zuiderveen', region: 'Gemeente Zuiderveen', startYear: 2027, endYear: 2030 })
  const demo = demoPactDocument(template, model)
  const clauses = (demo.content ?? []).filter((node) => node.type === 'clause')
  const refsIn = (kind: string) =>
    clauses
      .filter((node) => node.attrs?.kind === kind)
      .flatMap((node) => (node.content ?? []).filter((child) => child.type === 'pactData').map((child) => child.attrs))

  it('shows the demo’s areas in its result-area and budget clauses instead of placeholder tables', () => {
    const areas = model.resultAreas.map((area) => ({ kind: 'result-area', refId: area.id }))
    expect(refsIn('resultaatgebied')).toEqual(areas)
    expect(refsIn('budget')).toEqual(areas)
    expect(JSON.stringify(demo)).not.toContain('€ [bedrag]')
  })

  it('states the risk rule in the risk-sharing clause, and leaves the council’s promise as it was', () => {
    expect(refsIn('risicodeling')).toEqual([{ kind: 'risk-rule', refId: 'demo-risicodeling-pact' }])
    const promise = (template.content ?? []).find(
      (node) => node.attrs?.kind === 'risicodeling' && JSON.stringify(node).includes('Collegeafspraak 5'),
    )
    expect(clauses).toContainEqual(promise)
  })

  it('is valid for the schema', () => {
    expect(() => getSchema(pactExtensions()).nodeFromJSON(demo).check()).not.toThrow()
  })
})
