import type { JSONContent } from '@tiptap/core'
import type { PactModel } from '#app/pact-model/pact-model.ts'
import type { PactDataRef } from '#app/document/pact-data.ts'

/**
 * The demo pact's text: the template, with the blocks that show all result areas in its
 * result-area and budget clauses replaced by one block per demo area (as a drafting team places
 * them), and the first risk-sharing clause (the agreement itself, not the council's promise)
 * stating the demo's rules.
 */
export function demoPactDocument(template: JSONContent, model: PactModel): JSONContent {
  const areaBlocks = model.resultAreas.map((area) => dataBlock({ kind: 'result-area', refId: area.id }))
  let riskClauseSeen = false
  const content = template.content?.map((node) => {
    if (node.type !== 'clause') return node
    const kind = node.attrs?.kind
    if (kind === 'resultaatgebied' || kind === 'budget') {
      return withBody(node, (body) =>
        body.flatMap((child) => (child.type === 'pactData' && child.attrs?.kind === 'all-result-areas' ? areaBlocks : [child])),
      )
    }
    if (kind === 'risicodeling' && !riskClauseSeen) {
      riskClauseSeen = true
      return withBody(node, () => [
        RISK_SHARING_TEXT,
        ...model.riskRules.map((rule) => dataBlock({ kind: 'risk-rule', refId: rule.id })),
      ])
    }
    return node
  })
  return { ...template, content }
}

const RISK_SHARING_TEXT: JSONContent = {
  type: 'paragraph',
  content: [
    {
      type: 'text',
      text: 'Gemeente en aanbieders dragen samen het financiële risico binnen de afgesproken budgetten, volgens de afspraak hieronder. De gemeente draagt of houdt wat de afspraak niet aan de aanbieders of het revolverend fonds toedeelt.',
    },
  ],
}

function dataBlock(ref: PactDataRef): JSONContent {
  return { type: 'pactData', attrs: { ...ref } }
}

// A clause is its title followed by its body blocks.
function withBody(clause: JSONContent, rewrite: (body: JSONContent[]) => JSONContent[]): JSONContent {
  const [title, ...body] = clause.content ?? []
  return { ...clause, content: [title, ...rewrite(body)] }
}
