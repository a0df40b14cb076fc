import type * as Y from 'yjs'
import type { NamedParty } from '#app/pact-model/budget-table.ts'
import type { EditablePactModel } from '#app/pact-model/editable-pact-model.ts'

/** What every editor of the shared model gets: the document to write to, the model as it stands, and its problems. */
export type Path = ReadonlyArray<string | number>

export interface ModelEditorProps {
  doc: Y.Doc
  model: EditablePactModel
  years: readonly number[]
  parties: readonly NamedParty[]
  /** The translated problems with the shared value at a path (and who wrote it, when known). */
  issuesAt: (path: Path) => string[]
}
