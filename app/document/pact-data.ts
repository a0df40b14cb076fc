import { Node, type NodeViewRenderer } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { NodeSelection } from '@tiptap/pm/state'
import type { NamedParty } from '#app/pact-model/budget-table.ts'
import type { PactModel, ResultArea, RiskRule } from '#app/pact-model/pact-model.ts'
import { areasNl } from '#app/pact-model/texts.nl.ts'
import { selectedClause } from './clause.ts'

/**
 * A block inside a clause that shows structured data of the pact: a result area (its budget,
 * indicators, …) or a risk-sharing rule, or all result areas or all rules there are (what a new
 * pact's text starts with, so the text shows the model from the first day). It holds only a
 * reference; the data itself lives in the shared model, so text and numbers are read, and signed,
 * together. Sign-off finds these blocks by this node's name (app/sign-off/approvable-items.ts).
 */

export const PACT_DATA_KINDS = ['result-area', 'risk-rule', 'all-result-areas', 'all-risk-rules'] as const
export type PactDataKind = (typeof PACT_DATA_KINDS)[number]
/** The kinds that show every part of one sort; their reference has no id. */
export const PACT_DATA_COLLECTION_KINDS: readonly PactDataKind[] = ['all-result-areas', 'all-risk-rules']

export function isPactDataKind(value: unknown): value is PactDataKind {
  return typeof value === 'string' && (PACT_DATA_KINDS as readonly string[]).includes(value)
}

export interface PactDataRef {
  kind: PactDataKind
  /** The part's id; '' for a collection kind. */
  refId: string
}

/** The reference a node holds; any client can write attributes, so anything else reads as null. */
export function pactDataRefOf(node: Pick<ProseMirrorNode, 'attrs'>): PactDataRef | null {
  const { kind, refId } = node.attrs
  if (!isPactDataKind(kind)) return null
  if (PACT_DATA_COLLECTION_KINDS.includes(kind)) return { kind, refId: '' }
  return typeof refId === 'string' && refId !== '' ? { kind, refId } : null
}

/** The result areas and rules a reference shows, in model order; none when it refers to nothing there. */
export function pactDataParts(ref: PactDataRef | null, model: PactModel): { areas: ResultArea[]; rules: RiskRule[] } {
  if (ref?.kind === 'all-result-areas') return { areas: model.resultAreas, rules: [] }
  if (ref?.kind === 'all-risk-rules') return { areas: [], rules: model.riskRules }
  return {
    areas: ref?.kind === 'result-area' ? model.resultAreas.filter((area) => area.id === ref.refId) : [],
    rules: ref?.kind === 'risk-rule' ? model.riskRules.filter((rule) => rule.id === ref.refId) : [],
  }
}

/** What an empty block says instead: a collection with nothing in it yet, or a part that is gone. */
export function emptyPactDataText(ref: PactDataRef | null): 'noAreas' | 'noRules' | 'missing' {
  return ref?.kind === 'all-result-areas' ? 'noAreas' : ref?.kind === 'all-risk-rules' ? 'noRules' : 'missing'
}

/** What data blocks show their data from. */
export interface PactDataSource {
  /** The model to show: the valid model, or the last valid one while the shared one is invalid. */
  model: PactModel
  valid: boolean
  years: readonly number[]
  parties: readonly NamedParty[]
  /** Where the model is edited; an empty block in the editor links there. */
  modelPageHref?: string
}

/** The wrapper's attributes, the same in the editor, the static HTML and the reading version. */
export function pactDataAttributes(ref: PactDataRef | null): Record<string, string> {
  return { class: 'pw-pact-data', 'data-pact-data-kind': ref?.kind ?? '', 'data-ref-id': ref?.refId ?? '' }
}

// Stored HTML stays Dutch, like the clause kind labels.
function pactDataReferenceText(ref: PactDataRef): string {
  if (ref.kind === 'all-result-areas') return areasNl.data.allResultAreas
  if (ref.kind === 'all-risk-rules') return areasNl.data.allRiskRules
  const kind = ref.kind === 'risk-rule' ? areasNl.data.riskRule : areasNl.data.resultArea
  return areasNl.data.reference.replace('{{kind}}', kind).replace('{{refId}}', ref.refId)
}

export interface PactDataOptions {
  /** The live view in the editor; the client passes a React node view, the server renders statically. */
  nodeView: NodeViewRenderer | null
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    pactData: {
      /** Insert a data block after the block the cursor is in, inside the current clause. */
      insertPactData: (ref: PactDataRef) => ReturnType
    }
  }
}

export const PactData = Node.create<PactDataOptions>({
  name: 'pactData',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: false,

  addOptions() {
    return { nodeView: null }
  },

  addAttributes() {
    return {
      kind: { default: null, rendered: false, parseHTML: (element) => element.getAttribute('data-pact-data-kind') },
      refId: { default: null, rendered: false, parseHTML: (element) => element.getAttribute('data-ref-id') },
    }
  },

  parseHTML() {
    return [{ tag: 'div.pw-pact-data' }]
  },

  // Without the model at hand (a copy to the clipboard, the plain reading version) the block says what it refers to.
  renderHTML({ node }) {
    const ref = pactDataRefOf(node)
    return [
      'div',
      pactDataAttributes(ref),
      ['p', { class: 'pw-pact-data__reference' }, ref ? pactDataReferenceText(ref) : areasNl.data.missing],
    ]
  },

  addNodeView() {
    return this.options.nodeView
  },

  addCommands() {
    return {
      insertPactData:
        (ref) =>
        ({ tr, dispatch }) => {
          const clause = selectedClause(tr.selection)
          if (!clause || !isPactDataKind(ref.kind) || (!ref.refId && !PACT_DATA_COLLECTION_KINDS.includes(ref.kind))) return false
          const { $from } = tr.selection
          // After the clause's child the cursor is in (never before the title), or at the clause's end.
          const pos = $from.depth >= 2 ? $from.after(2) : clause.pos + clause.node.nodeSize - 1
          if (dispatch) {
            tr.insert(pos, this.type.create(ref))
            tr.setSelection(NodeSelection.create(tr.doc, pos)).scrollIntoView()
          }
          return true
        },
    }
  },
})
