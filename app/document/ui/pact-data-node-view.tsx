import { NodeViewWrapper, useEditorState, type ReactNodeViewProps } from '@tiptap/react'
import { createContext, useContext } from 'react'
import { useTranslation } from 'react-i18next'
import { isClauseKind, type ClauseKind } from '#app/document/clause.ts'
import {
  emptyPactDataText,
  pactDataAttributes,
  pactDataParts,
  pactDataRefOf,
  type PactDataRef,
  type PactDataSource,
} from '#app/document/pact-data.ts'
import { ResultAreaData, RiskRuleData } from './pact-data-view.tsx'

/**
 * A `pactData` block inside the editor. Kept apart from the data views (pact-data-view.tsx),
 * which the resultaatgebieden page uses without loading the editor.
 */

/** What the editor's data blocks read from; provided around the editor, null while loading. */
export const PactDataContext = createContext<PactDataSource | null>(null)

export function PactDataContent({
  dataRef,
  source,
  clauseKind,
}: {
  dataRef: PactDataRef | null
  source: PactDataSource
  clauseKind: ClauseKind | null
}) {
  const { t } = useTranslation()
  const { areas, rules } = pactDataParts(dataRef, source.model)
  return (
    <>
      {source.valid ? null : <p className="pw-pact-data__notice">{t('areas.data.invalid')}</p>}
      {areas.map((area) => (
        <ResultAreaData key={area.id} area={area} source={source} clauseKind={clauseKind} />
      ))}
      {rules.map((rule) => (
        <RiskRuleData key={rule.id} rule={rule} source={source} />
      ))}
      {areas.length + rules.length > 0 ? null : (
        <p className="pw-pact-data__notice">
          {t(`areas.data.${emptyPactDataText(dataRef)}`)}
          {source.modelPageHref && emptyPactDataText(dataRef) !== 'missing' ? (
            <>
              {' '}
              <a href={source.modelPageHref}>{t('areas.data.toModelPage')}</a>.
            </>
          ) : null}
        </p>
      )}
    </>
  )
}

/** The kind of the clause the block at `pos` sits in, if it sits directly in one. */
function clauseKindAround(editor: ReactNodeViewProps['editor'], pos: number | undefined): ClauseKind | null {
  if (pos === undefined || pos > editor.state.doc.content.size) return null
  const parent = editor.state.doc.resolve(pos).parent
  return parent.type.name === 'clause' && isClauseKind(parent.attrs.kind) ? parent.attrs.kind : null
}

/** The editor's live view of a `pactData` block: re-renders whenever anyone changes the model. */
export function PactDataNodeView({ node, editor, getPos, selected }: ReactNodeViewProps) {
  const { t } = useTranslation()
  const source = useContext(PactDataContext)
  const clauseKind = useEditorState({ editor, selector: () => clauseKindAround(editor, getPos()) })
  const dataRef = pactDataRefOf(node)
  const { class: className, ...attributes } = pactDataAttributes(dataRef)
  return (
    <NodeViewWrapper
      className={`${className}${selected ? ' pw-pact-data--selected' : ''}`}
      {...attributes}
      data-testid="pact-data"
    >
      {source ? <PactDataContent dataRef={dataRef} source={source} clauseKind={clauseKind} /> : <p>{t('areas.data.loading')}</p>}
    </NodeViewWrapper>
  )
}
