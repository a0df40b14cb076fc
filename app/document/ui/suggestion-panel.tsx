import { useEditorState, type Editor } from '@tiptap/react'
import { useTranslation } from 'react-i18next'
import { colorFor } from '#app/document/colors.ts'
import { listOpenSuggestions, suggestionKey, type OpenSuggestion } from '#app/document/suggestions.ts'
import { Button, Heading, Paragraph } from '#app/platform/ui/ui.tsx'

export interface SuggestionPerson {
  name: string
  partyName: string
}

/**
 * The open suggestions, per clause ("3 voorstellen in artikel 5"): who proposed what, and the
 * buttons to decide. Redacteuren and beheerders accept or reject; the author withdraws their own.
 * A decision is an ordinary change of the shared text; the server audits it.
 */
export function SuggestionPanel({
  editor,
  userId,
  canDecide,
  people,
}: {
  editor: Editor
  userId: string
  canDecide: boolean
  people: Readonly<Record<string, SuggestionPerson>>
}) {
  const { t } = useTranslation()
  const groups = useEditorState({ editor, selector: ({ editor: e }) => groupByClause(e) })
  const decide = (suggestion: OpenSuggestion, accept: boolean) =>
    editor.chain().focus().decideSuggestion(suggestion, accept).run()
  return (
    <aside className="pw-suggestions" aria-labelledby="pw-suggestions-title" data-testid="suggestions">
      <Heading level={2} id="pw-suggestions-title">
        {t('editor.suggestions.title')}
      </Heading>
      {groups.length === 0 ? <Paragraph>{t('editor.suggestions.none')}</Paragraph> : null}
      {groups.map((group) => (
        <section key={group.clauseId ?? ''} className="pw-suggestions__clause">
          <Heading level={3}>
            {group.title
              ? t('editor.suggestions.inClause', { count: group.suggestions.length, title: group.title })
              : t('editor.suggestions.outsideClauses', { count: group.suggestions.length })}
          </Heading>
          <ul className="pw-suggestions__list">
            {group.suggestions.map((suggestion) => {
              const person = people[suggestion.authorId]
              const own = suggestion.authorId === userId
              return (
                <li
                  key={suggestionKey(suggestion)}
                  className="pw-suggestions__item"
                  style={{ borderInlineStartColor: colorFor(suggestion.partyId) }}
                >
                  <p>
                    {t(suggestion.kind === 'insertion' ? 'editor.suggestions.insert' : 'editor.suggestions.delete', {
                      name: person ? `${person.name} (${person.partyName})` : t('editor.suggestions.unknownPerson'),
                    })}{' '}
                    <q className={`pw-suggestions__text pw-suggestions__text--${suggestion.kind}`}>{suggestion.text}</q>
                  </p>
                  <div className="pw-suggestions__actions">
                    {canDecide ? (
                      <>
                        <Button type="button" appearance="secondary" onClick={() => decide(suggestion, true)}>
                          {t('editor.suggestions.accept')}
                        </Button>
                        <Button type="button" appearance="secondary" onClick={() => decide(suggestion, false)}>
                          {own ? t('editor.suggestions.withdraw') : t('editor.suggestions.reject')}
                        </Button>
                      </>
                    ) : own ? (
                      <Button type="button" appearance="secondary" onClick={() => decide(suggestion, false)}>
                        {t('editor.suggestions.withdraw')}
                      </Button>
                    ) : null}
                  </div>
                </li>
              )
            })}
          </ul>
        </section>
      ))}
    </aside>
  )
}

/** Which clauses have open discussions, in document order, each opening its clause page's discussion. */
export function CommentCounts({
  editor,
  pactId,
  openComments,
}: {
  editor: Editor
  pactId: string
  openComments: Readonly<Record<string, number>>
}) {
  const { t } = useTranslation()
  const clauses = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      [...clauseTitles(e)].flatMap(([clauseId, title]) =>
        openComments[clauseId] ? [{ clauseId, title, count: openComments[clauseId] }] : [],
      ),
  })
  return (
    <section className="pw-suggestions" aria-labelledby="pw-comment-counts-title" data-testid="comment-counts">
      <Heading level={2} id="pw-comment-counts-title">
        {t('editor.comments.title')}
      </Heading>
      {clauses.length === 0 ? <Paragraph>{t('editor.comments.none')}</Paragraph> : null}
      <ul className="pw-suggestions__list">
        {clauses.map(({ clauseId, title, count }) => (
          <li key={clauseId}>
            <a className="utrecht-link" href={`/pacts/${pactId}/artikelen/${clauseId}#discussion-heading`}>
              {t('editor.comments.inClause', { count, title })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}

function clauseTitles(editor: Editor): Map<string, string> {
  const titles = new Map<string, string>()
  editor.state.doc.forEach((node) => {
    if (node.type.name === 'clause' && typeof node.attrs.clauseId === 'string')
      titles.set(node.attrs.clauseId, node.firstChild?.textContent ?? '')
  })
  return titles
}

interface ClauseGroup {
  clauseId: string | null
  title: string
  suggestions: OpenSuggestion[]
}

function groupByClause(editor: Editor): ClauseGroup[] {
  const titles = new Map<string, string>()
  editor.state.doc.forEach((node) => {
    if (node.type.name === 'clause' && typeof node.attrs.clauseId === 'string')
      titles.set(node.attrs.clauseId, node.firstChild?.textContent ?? '')
  })
  const groups = new Map<string | null, ClauseGroup>()
  for (const suggestion of listOpenSuggestions(editor.getJSON())) {
    const group = groups.get(suggestion.clauseId) ?? { clauseId: suggestion.clauseId, title: '', suggestions: [] }
    group.title = suggestion.clauseId ? (titles.get(suggestion.clauseId) ?? '') : ''
    group.suggestions.push(suggestion)
    groups.set(suggestion.clauseId, group)
  }
  return [...groups.values()]
}
