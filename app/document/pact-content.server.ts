import type * as Y from 'yjs'
import { demoPactModel, type DemoPactParties } from '#app/demo/demo-pact-model.ts'
import { DEMO_PARTIES } from '#app/demo/demo-parties.ts'
import { seedPactModel } from '#app/pact-model/pact-model-yjs.ts'
import { demoPactDocument } from '#app/demo/demo-document.ts'
import { seedPactDocument } from '#app/document/document.server.ts'
import { pactTemplate } from '#app/document/template.ts'
import { getPact, listParties } from '#app/pacts/pacts.server.ts'

/**
 * The starting content of a new pact's document, written once by the collaboration server
 * when the document is first created (never by a client: that would duplicate it). The demo
 * pact also gets its result areas, budgets and risk sharing, shown inside its clauses.
 */
export async function seedPactContent(pactId: string, doc: Y.Doc): Promise<void> {
  const pact = await getPact(pactId)
  const template = pactTemplate({ title: pact.title, region: pact.region, startYear: pact.start_year, endYear: pact.end_year })
  if (pact.template !== 'demo-zuiderveen') {
    seedPactDocument(doc, template)
    return
  }
  const model = demoPactModel(demoPartyIds(await listParties(pactId)))
  seedPactModel(doc, model)
  seedPactDocument(doc, demoPactDocument(template, model))
}

// The demo's parties as app/demo/seed.server.ts put them at the table, each found by its organisation.
function demoPartyIds(parties: ReadonlyArray<{ id: string; name: string }>): DemoPactParties {
  const idOf = (role: keyof DemoPactParties) => {
    const name = DEMO_PARTIES.find((demo) => demo.role === role)?.organisation
    const party = parties.find((candidate) => candidate.name === name)
    if (!party) throw new Error(`The demo pact has no party for "${role}"`)
    return party.id
  }
  return { gemeente: idOf('gemeente'), welzijn: idOf('welzijn'), jeugdhulp: idOf('jeugdhulp'), adviesraad: idOf('adviesraad') }
}
