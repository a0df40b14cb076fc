import { useEditorState, type Editor } from '@tiptap/react'
import { useContext, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CLAUSE_KINDS, isClauseKind, type ClauseKind } from '#app/document/clause.ts'
import type { PactDataRef } from '#app/document/pact-data.ts'
import { Toolbar, ToolbarGroup, ToolbarSelect, type ToolbarCommand } from '#app/platform/ui/toolbar.tsx'
import { commandStates, currentClauseKind, EDITOR_COMMANDS, type EditorCommand } from './editor-commands.ts'
import { PactDataContext } from './pact-data-node-view.tsx'
import { riskScopeLabel } from './pact-data-view.tsx'

/** The editor's toolbar: the command table in groups, with the clause-kind choices beside their commands. */
export function EditorToolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation()
  const [newClauseKind, setNewClauseKind] = useState<ClauseKind>('algemeen')
  const newKindId = useId()
  const currentKindId = useId()
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({ clauseKind: currentClauseKind(e), commands: commandStates(e) }),
  })
  const group = (name: EditorCommand['group']): ToolbarCommand[] =>
    EDITOR_COMMANDS.filter((command) => command.group === name && state.commands[command.id]?.shown).map((command) => ({
      id: command.id,
      label: t(command.label),
      ariaLabel: command.ariaLabel && t(command.ariaLabel),
      shortcut: command.shortcut,
      pressed: state.commands[command.id]?.active,
      disabled: !state.commands[command.id]?.enabled,
      run: () =>
        command
          .apply(editor.chain().focus(), { newClauseKind, columnTitle: (column) => t('editor.toolbar.columnTitle', { column }) })
          .run(),
    }))
  const kindOptions = CLAUSE_KINDS.map((kind) => ({ value: kind, label: t(`editor.kinds.${kind}`) }))

  return (
    <Toolbar label={t('editor.toolbar.label')}>
      <ToolbarGroup commands={group('text')} />
      <ToolbarGroup commands={group('table')} />
      <ToolbarGroup commands={group('new-clause')}>
        <ToolbarSelect
          id={newKindId}
          label={t('editor.toolbar.newClauseKind')}
          value={newClauseKind}
          options={kindOptions}
          onChange={(value) => {
            if (isClauseKind(value)) setNewClauseKind(value)
          }}
        />
      </ToolbarGroup>
      <ToolbarGroup commands={group('clause')}>
        <ToolbarSelect
          id={currentKindId}
          label={t('editor.toolbar.currentClauseKind')}
          value={state.clauseKind ?? ''}
          disabled={!state.clauseKind}
          emptyOption={state.clauseKind ? undefined : ''}
          options={kindOptions}
          // No focus() here: keyboard users change the value with the arrow keys and stay on the select.
          onChange={(value) => {
            if (isClauseKind(value)) editor.commands.setClauseKind(value)
          }}
        />
      </ToolbarGroup>
      <InsertPactData editor={editor} inClause={state.clauseKind !== null} />
    </Toolbar>
  )
}

/** Puts a result area's or a risk rule's data (or all of them) into the current clause, where it is read and signed with the text. */
function InsertPactData({ editor, inClause }: { editor: Editor; inClause: boolean }) {
  const { t } = useTranslation()
  const source = useContext(PactDataContext)
  const selectId = useId()
  const [chosen, setChosen] = useState('')
  const options: Array<PactDataRef & { label: string }> = source
    ? [
        // Every area or rule there is, also those added later: what a new pact's text starts with.
        { kind: 'all-result-areas', refId: '', label: t('areas.data.optionAllAreas') },
        { kind: 'all-risk-rules', refId: '', label: t('areas.data.optionAllRules') },
        ...source.model.resultAreas.map((area) => ({
          kind: 'result-area' as const,
          refId: area.id,
          label: t('areas.data.optionArea', { title: area.title }),
        })),
        ...source.model.riskRules.map((rule) => ({
          kind: 'risk-rule' as const,
          refId: rule.id,
          label: t('areas.data.optionRule', { scope: riskScopeLabel(rule, source.model, t) }),
        })),
      ]
    : []
  const choice = options.find((option) => `${option.kind}:${option.refId}` === chosen) ?? options[0]
  return (
    <ToolbarGroup
      commands={[
        {
          id: 'insertPactData',
          label: t('areas.data.insert'),
          ariaLabel: t('areas.data.insertLabelLong'),
          disabled: !choice || !inClause,
          run: () => {
            if (choice) editor.chain().focus().insertPactData({ kind: choice.kind, refId: choice.refId }).run()
          },
        },
      ]}
    >
      <ToolbarSelect
        id={selectId}
        label={t('areas.data.insertLabel')}
        value={choice ? `${choice.kind}:${choice.refId}` : ''}
        disabled={options.length === 0}
        emptyOption={options.length === 0 ? t('areas.data.choose') : undefined}
        options={options.map((option) => ({ value: `${option.kind}:${option.refId}`, label: option.label }))}
        onChange={setChosen}
      />
    </ToolbarGroup>
  )
}
