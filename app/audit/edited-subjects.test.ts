import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DOCUMENT_FIELD } from '#app/document/extensions.ts'
import {
  addIndicator,
  removeResultArea,
  setBudget,
  setResponsibleParty,
  updateResultAreaField,
  upsertRiskRule,
  writeResultArea,
} from '#app/pact-model/pact-model-yjs.ts'
import type { ResultArea, RiskRule } from '#app/pact-model/pact-model.ts'
import { editedSubjects } from './edited-subjects.ts'

const area: ResultArea = {
  id: 'jeugd',
  title: 'Jeugd',
  description: '',
  challenge: '',
  targetGroup: '',
  responsiblePartyIds: [],
  budgets: [{ partyId: 'brug', year: 2027, cents: 100 }],
  indicators: [],
}

const rule: RiskRule = {
  id: 'regel',
  scope: { kind: 'result-area', resultAreaId: 'jeugd' },
  corridorPercent: 5,
  providerShareInside: 50,
  providerShareOutside: 25,
  providerCapCents: null,
  underspend: { providerGainShare: 0, revolvingFundShare: 0 },
  division: { kind: 'pro-rata' },
}

function clause(clauseId: string, title: string, body: string): Y.XmlElement {
  const element = new Y.XmlElement('clause')
  element.setAttribute('clauseId', clauseId)
  const titleNode = new Y.XmlElement('clauseTitle')
  titleNode.insert(0, [new Y.XmlText(title)])
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(body)])
  element.insert(0, [titleNode, paragraph])
  return element
}

/** A pact document with two clauses, a paragraph outside them, and one area with a rule. */
function pactDoc() {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD)
  const outside = new Y.XmlElement('paragraph')
  outside.insert(0, [new Y.XmlText('Inleiding')])
  fragment.insert(0, [
    clause('art-5', 'Risicoverdeling', 'De gemeente draagt.'),
    clause('art-6', 'Evaluatie', 'Jaarlijks.'),
    outside,
  ])
  writeResultArea(doc, area)
  upsertRiskRule(doc, rule)
  return doc
}

/** The subjects of the one transaction `change` makes, with their details. */
function subjectsOf(doc: Y.Doc, change: () => void) {
  const found: Array<{ key: string; action: string; details: Record<string, string | number> }> = []
  const listener = (transaction: Y.Transaction) => {
    for (const subject of editedSubjects(transaction))
      found.push({ key: subject.key, action: subject.action, details: subject.details() })
  }
  doc.on('afterTransaction', listener)
  change()
  doc.off('afterTransaction', listener)
  return found
}

function textOf(doc: Y.Doc, clauseIndex: number): Y.XmlText {
  const element = doc.getXmlFragment(DOCUMENT_FIELD).get(clauseIndex) as Y.XmlElement
  return (element.get(element.length - 1) as Y.XmlElement).get(0) as Y.XmlText
}

describe('what an edit was about', () => {
  it('names the clause whose text changed, with its title', () => {
    const doc = pactDoc()
    expect(subjectsOf(doc, () => textOf(doc, 0).insert(0, 'Nee: '))).toEqual([
      { key: 'clause:art-5', action: 'edit.clause', details: { clauseId: 'art-5', title: 'Risicoverdeling' } },
    ])
  })

  it('names each clause one transaction touched once, and a change to a clause title as that clause', () => {
    const doc = pactDoc()
    const subjects = subjectsOf(doc, () =>
      doc.transact(() => {
        textOf(doc, 0).insert(0, 'a')
        textOf(doc, 0).insert(1, 'b')
        textOf(doc, 1).delete(0, 3)
        const title = (doc.getXmlFragment(DOCUMENT_FIELD).get(1) as Y.XmlElement).get(0) as Y.XmlElement
        ;(title.get(0) as Y.XmlText).insert(0, 'Jaarlijkse ')
      }),
    )
    expect(subjects.map((subject) => [subject.key, subject.details.title])).toEqual([
      ['clause:art-5', 'Risicoverdeling'],
      ['clause:art-6', 'Jaarlijkse Evaluatie'],
    ])
  })

  it('calls text outside the clauses, and clauses added or moved, the text outside the clauses', () => {
    const doc = pactDoc()
    const fragment = doc.getXmlFragment(DOCUMENT_FIELD)
    const actions = (change: () => void) => subjectsOf(doc, change).map((subject) => subject.action)
    expect(actions(() => ((fragment.get(2) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'x'))).toEqual(['edit.outside-text'])
    expect(actions(() => fragment.insert(3, [clause('art-7', 'Looptijd', 'Vier jaar.')]))).toEqual(['edit.outside-text'])
    // A move, as the editor makes one: the clause removed and the same clause inserted elsewhere.
    const moveToEnd = () =>
      doc.transact(() => {
        fragment.delete(0, 1)
        fragment.insert(fragment.length, [clause('art-5', 'Risicoverdeling', 'De gemeente draagt.')])
      })
    expect(actions(moveToEnd)).toEqual(['edit.outside-text'])
  })

  it('names a removed clause by its title as it read before, and other changes around it apart', () => {
    const doc = pactDoc()
    const fragment = doc.getXmlFragment(DOCUMENT_FIELD)
    expect(subjectsOf(doc, () => fragment.delete(1, 1))).toEqual([
      { key: 'clause-removed:art-6', action: 'edit.clause-removed', details: { clauseId: 'art-6', title: 'Evaluatie' } },
    ])
    // Removing the last clause and the paragraph after it: the paragraph is text outside the clauses.
    expect(subjectsOf(doc, () => fragment.delete(0, 2)).map((subject) => [subject.action, subject.details.title])).toEqual([
      ['edit.clause-removed', 'Risicoverdeling'],
      ['edit.outside-text', undefined],
    ])
  })

  it('names a clause another person removed by its title as it read then, not as it once read', () => {
    const client = pactDoc()
    // The server keeps what was deleted (no garbage collection), so earlier deletions are there to skip.
    const server = new Y.Doc({ gc: false })
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client))
    const title = ((client.getXmlFragment(DOCUMENT_FIELD).get(1) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText
    title.delete(0, 1)
    title.insert(0, 'Jaarlijkse e')
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))
    const found: Array<[string, unknown]> = []
    server.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const subject of editedSubjects(transaction)) found.push([subject.action, subject.details().title])
    })
    client.getXmlFragment(DOCUMENT_FIELD).delete(1, 1)
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))
    expect(found).toEqual([['edit.clause-removed', 'Jaarlijkse evaluatie']])
  })

  it('names the area and year of a budget, and the part of an area that changed', () => {
    const doc = pactDoc()
    expect(subjectsOf(doc, () => setBudget(doc, 'jeugd', 'brug', 2028, 500))).toEqual([
      { key: 'budget:jeugd:2028', action: 'edit.budget', details: { areaId: 'jeugd', area: 'Jeugd', year: 2028 } },
    ])
    const action = (change: () => void) => subjectsOf(doc, change).map((subject) => [subject.action, subject.details.area])
    expect(action(() => updateResultAreaField(doc, 'jeugd', 'description', 'Dichtbij'))).toEqual([['edit.area', 'Jeugd']])
    expect(action(() => setResponsibleParty(doc, 'jeugd', 'brug', true))).toEqual([['edit.area-parties', 'Jeugd']])
    const indicator = {
      id: 'ind',
      name: 'Wachttijd',
      unit: 'weken',
      level: 'populatie' as const,
      direction: 'lager-is-beter' as const,
      baselineValue: null,
      baselineYear: null,
      targets: [],
      dataSource: '',
    }
    expect(action(() => addIndicator(doc, 'jeugd', indicator))).toEqual([['edit.indicators', 'Jeugd']])
  })

  it('names areas added and removed, also the first area of a pact, without the order they imply', () => {
    const fresh = new Y.Doc()
    expect(subjectsOf(fresh, () => writeResultArea(fresh, area)).map((s) => [s.action, s.details.area])).toEqual([
      ['edit.area-added', 'Jeugd'],
    ])
    const doc = pactDoc()
    expect(subjectsOf(doc, () => writeResultArea(doc, { ...area, id: 'wonen', title: 'Wonen' })).map((s) => s.action)).toEqual([
      'edit.area-added',
    ])
    expect(subjectsOf(doc, () => removeResultArea(doc, 'wonen')).map((s) => s.action)).toEqual(['edit.area-removed'])
  })

  it('recognises the model in a document that received it in an update, as the server’s document does', () => {
    const client = new Y.Doc()
    const server = new Y.Doc()
    writeResultArea(client, area)
    const found: string[] = []
    server.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const subject of editedSubjects(transaction)) found.push(`${subject.action} ${subject.details().area}`)
    })
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client))
    setBudget(client, 'jeugd', 'brug', 2028, 1)
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))
    expect(found).toEqual(['edit.area-added Jeugd', 'edit.budget Jeugd'])
  })

  it('names a risk rule by the area it is for', () => {
    const doc = pactDoc()
    expect(subjectsOf(doc, () => upsertRiskRule(doc, { ...rule, corridorPercent: 10 }))).toEqual([
      { key: 'rule:regel', action: 'edit.risk-rule', details: { ruleId: 'regel', areaId: 'jeugd', area: 'Jeugd' } },
    ])
  })
})
