import { useEditorState, type Editor } from '@tiptap/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { colorFor } from '#app/document/colors.ts'
import {
  listOpenSuggestions,
  SUGGESTIONS_AT_CLAUSE,
  selectSuggestions,
  suggestionAnchor,
  suggestionKey,
  type OpenSuggestion,
} from '#app/document/suggestions.ts'
import { ConfirmButton } from '#app/platform/ui/confirm-button.tsx'
import { Button, Heading, Paragraph } from '#app/platform/ui/ui.tsx'

export interface SuggestionPerson {
  name: string
  partyName: string
}

/**
 * The open suggestions, per clause ("3 voorstellen in artikel 5"): who proposed what, and the
 * buttons to decide. Redacteuren and beheerders accept or reject, one at a time, all of one
 * person's or all in a clause (after a confirmation naming the count); the author withdraws their
 * own. A decision is an ordinary change of the shared text, one update however many it takes; the
 * server audits each suggestion in it. Discussing a suggestion happens on its clause's page.
 */
export function SuggestionPanel({
  editor,
  pactId,
  userId,
  canDecide,
  people,
}: {
  editor: Editor
  pactId: string
  userId: string
  canDecide: boolean
  people: Readonly<Record<string, SuggestionPerson>>
}) {
  const { t } = useTranslation()
  const { groups, authors } = useEditorState({ editor, selector: ({ editor: e }) => openSuggestionsOf(e) })
  const decide = (suggestions: readonly OpenSuggestion[], accept: boolean) =>
    editor.chain().focus().decideSuggestions(suggestions, accept).run()
  const nameOf = (authorId: string) => {
    const person = people[authorId]
    return person ? `${person.name} (${person.partyName})` : t('editor.suggestions.unknownPerson')
  }
  useOpenAtClause(editor, groups.length > 0)
  return (
    <aside className="pw-suggestions" aria-labelledby="pw-suggestions-title" data-testid="suggestions">
      <Heading level={2} id="pw-suggestions-title">
        {t('editor.suggestions.title')}
      </Heading>
      {groups.length === 0 ? <Paragraph>{t('editor.suggestions.none')}</Paragraph> : null}
      {canDecide && authors.length > 0 ? (
        <section className="pw-suggestions__clause" data-testid="suggestions-by-person">
          <Heading level={3}>{t('editor.suggestions.byPerson')}</Heading>
          <ul className="pw-suggestions__list">
            {authors.map(({ authorId, suggestions }) => (
              <li key={authorId} className="pw-suggestions__item">
                <p>{t('editor.suggestions.personCount', { name: nameOf(authorId), count: suggestions.length })}</p>
                <BulkDecision
                  suggestions={suggestions}
                  onDecide={decide}
                  scope={t('editor.suggestions.ofPerson', { name: nameOf(authorId) })}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {groups.map((group) => {
        const title = group.title
          ? t('editor.suggestions.inClause', { count: group.suggestions.length, title: group.title })
          : t('editor.suggestions.outsideClauses', { count: group.suggestions.length })
        return (
          <section key={group.clauseId ?? ''} className="pw-suggestions__clause">
            {/* Focusable: a link from the clause page opens the editor here (useOpenAtClause). */}
            <h3
              className="utrecht-heading-3"
              id={group.clauseId ? `${SUGGESTIONS_AT_CLAUSE}${group.clauseId}` : undefined}
              tabIndex={-1}
            >
              {title}
            </h3>
            {canDecide && group.suggestions.length > 1 ? (
              <BulkDecision
                suggestions={group.suggestions}
                onDecide={decide}
                scope={
                  group.title
                    ? t('editor.suggestions.inClauseScope', { title: group.title })
                    : t('editor.suggestions.outsideClausesScope')
                }
              />
            ) : null}
            <ul className="pw-suggestions__list">
              {group.suggestions.map((suggestion) => {
                const own = suggestion.authorId === userId
                return (
                  <li
                    key={suggestionKey(suggestion)}
                    className="pw-suggestions__item"
                    style={{ borderInlineStartColor: colorFor(suggestion.partyId) }}
                  >
                    <p>
                      {t(suggestion.kind === 'insertion' ? 'editor.suggestions.insert' : 'editor.suggestions.delete', {
                        name: nameOf(suggestion.authorId),
                      })}{' '}
                      <q className={`pw-suggestions__text pw-suggestions__text--${suggestion.kind}`}>{suggestion.text}</q>
                    </p>
                    <div className="pw-suggestions__actions">
                      {canDecide ? (
                        <>
                          <Button type="button" appearance="secondary" onClick={() => decide([suggestion], true)}>
                            {t('editor.suggestions.accept')}
                          </Button>
                          <Button type="button" appearance="secondary" onClick={() => decide([suggestion], false)}>
                            {own ? t('editor.suggestions.withdraw') : t('editor.suggestions.reject')}
                          </Button>
                        </>
                      ) : own ? (
                        <Button type="button" appearance="secondary" onClick={() => decide([suggestion], false)}>
                          {t('editor.suggestions.withdraw')}
                        </Button>
                      ) : null}
                      {suggestion.clauseId ? (
                        <a
                          className="utrecht-link"
                          href={`/pacts/${pactId}/artikelen/${suggestion.clauseId}#${suggestionAnchor(suggestion)}`}
                        >
                          {t('editor.suggestions.discuss')}
                          <span className="pw-visually-hidden"> {suggestion.text}</span>
                        </a>
                      ) : null}
                    </div>
                  </li>
                )
              })}
            </ul>
          </section>
        )
      })}
    </aside>
  )
}

/** "Alle … aannemen / afwijzen": one transaction for all of them, after a confirmation naming the count. */
function BulkDecision({
  suggestions,
  scope,
  onDecide,
}: {
  suggestions: readonly OpenSuggestion[]
  /** Whose or where, in words: "van Henk Bosman (Adviesraad)", "in Budget". */
  scope: string
  onDecide: (suggestions: readonly OpenSuggestion[], accept: boolean) => void
}) {
  const { t } = useTranslation()
  const count = suggestions.length
  return (
    <div className="pw-suggestions__actions">
      {([true, false] as const).map((accept) => (
        <ConfirmButton
          key={String(accept)}
          label={t(accept ? 'editor.suggestions.acceptAll' : 'editor.suggestions.rejectAll')}
          ariaLabel={t(accept ? 'editor.suggestions.acceptAllScoped' : 'editor.suggestions.rejectAllScoped', { scope })}
          question={t(accept ? 'editor.suggestions.confirmAccept' : 'editor.suggestions.confirmReject', { count, scope })}
          details={<Paragraph>{t(accept ? 'editor.suggestions.acceptDetails' : 'editor.suggestions.rejectDetails')}</Paragraph>}
          confirmLabel={t(accept ? 'editor.suggestions.confirmAcceptLabel' : 'editor.suggestions.confirmRejectLabel', { count })}
          onConfirm={() => onDecide(suggestions, accept)}
        />
      ))}
    </div>
  )
}

/** Opened at a clause's suggestions (`#voorstellen-<clauseId>`): show that clause and its suggestions, once they have arrived. */
function useOpenAtClause(editor: Editor, loaded: boolean) {
  const opened = useRef(false)
  useEffect(() => {
    if (opened.current || !loaded) return
    const hash = decodeURIComponent(window.location.hash.slice(1))
    if (!hash.startsWith(SUGGESTIONS_AT_CLAUSE)) return
    opened.current = true
    const clauseId = hash.slice(SUGGESTIONS_AT_CLAUSE.length)
    const clause = [...editor.view.dom.querySelectorAll<HTMLElement>('[data-clause-id]')].find(
      (element) => element.dataset.clauseId === clauseId,
    )
    clause?.scrollIntoView({ block: 'start' })
    document.getElementById(hash)?.focus()
  }, [editor, loaded])
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

/** The open suggestions per clause, and per author who has several, each suggestion once. */
function openSuggestionsOf(editor: Editor) {
  const titles = clauseTitles(editor)
  const open = listOpenSuggestions(editor.getJSON())
  const clauseIds = [...new Set(open.map((suggestion) => suggestion.clauseId))]
  const groups: ClauseGroup[] = clauseIds.map((clauseId) => ({
    clauseId,
    title: clauseId ? (titles.get(clauseId) ?? '') : '',
    suggestions: selectSuggestions(open, { clauseId }),
  }))
  // "All of one person's" only where that is more than one.
  const authors = [...new Set(open.map((suggestion) => suggestion.authorId))]
    .map((authorId) => ({ authorId, suggestions: selectSuggestions(open, { authorId }) }))
    .filter((author) => author.suggestions.length > 1)
  return { groups, authors }
}
