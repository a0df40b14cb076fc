import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Form, Link } from 'react-router'
import { useFormAnswer, type FormAnswer } from '#app/platform/forms.ts'
import { RadioGroup } from '#app/platform/ui/field.tsx'
import { Table } from '#app/platform/ui/table.tsx'
import { Alert, Button, buttonClass, FormErrors, Heading, Paragraph } from '#app/platform/ui/ui.tsx'
import type { WordChange } from './diff.ts'
import type { ModelChange } from './model-changes.ts'
import { DECISIONS, type ClauseStatus, type Decision } from './status.ts'
import { Hash, ItemChanges, StatusBadge, useDates } from './ui.tsx'
import { authorOf, ClauseSuggestions, RequestedSuggestionChoice, type ClauseThread, type ShownSuggestion } from './ui-clause.tsx'

/**
 * The review flow: a signatory walks their party's open items one after another and records all
 * choices at once. Every item is in one form, so it works without JavaScript as one long page;
 * with it, the items show one at a time with a summary at the end, and focus moves to each.
 */

export interface ReviewItem {
  clauseId: string
  title: string
  contentHash: string
  html: string
  status: ClauseStatus
  changesSince: { decision: Decision; decidedAt: string; words: WordChange[]; dataChanges: ModelChange[] } | null
  threads: ClauseThread[]
  /** Open suggestions in the item, with their threads: it cannot be approved until they are decided. */
  suggestions: ShownSuggestion[]
}

/** What the review form's action answers: the count recorded, or the items that changed meanwhile. */
export type ReviewAnswer = FormAnswer & { count?: number; stale?: string[] }

interface Choice {
  decision: Decision
  /** The hash of the content on screen when the choice was made: the decision is bound to it. */
  seenHash: string
  /** With a requested change: the open suggestion it is about, if the reviewer named one. */
  suggestionKey?: string
}

export function ReviewFlow({
  pactId,
  party,
  items,
  canDecideSuggestions,
}: {
  pactId: string
  party: { id: string; name: string }
  items: ReviewItem[]
  canDecideSuggestions: boolean
}) {
  const { t } = useTranslation()
  const answer = useFormAnswer<ReviewAnswer>('review')
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [changed, setChanged] = useState<readonly string[]>([])
  const [step, setStep] = useState(0)
  // One item at a time once the page runs in the browser; without JavaScript every item shows.
  const [stepwise, setStepwise] = useState(false)
  useEffect(() => setStepwise(true), [])

  useEffect(() => {
    if (!answer) return
    if (answer.done) {
      setChoices({})
      setChanged([])
      setStep(0)
    } else if (answer.stale?.length) {
      const stale = answer.stale
      // Those choices were about a text that is gone; the others stay.
      setChoices((current) => Object.fromEntries(Object.entries(current).filter(([clauseId]) => !stale.includes(clauseId))))
      setChanged(stale)
      const first = items.findIndex((item) => stale.includes(item.clauseId))
      if (first >= 0) setStep(first)
    }
    // Only a new answer acts; the items follow from the reload it causes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer])

  const headings = useRef(new Map<number, HTMLElement>())
  const moved = useRef(false)
  const current = Math.min(step, items.length)
  useEffect(() => {
    // Focus follows the reader's own step, not the first render.
    if (moved.current) headings.current.get(current)?.focus()
  }, [current])
  const go = (to: number) => {
    moved.current = true
    setStep(to)
  }

  const chosen = items.filter((item) => choices[item.clauseId])
  const allAgreed = chosen.every((item) => choices[item.clauseId]!.decision === 'akkoord')
  const submitLabel = !stepwise
    ? t('signoff.review.submitStatic')
    : allAgreed
      ? t('signoff.review.submitAllAgreed', { count: chosen.length })
      : t('signoff.review.submitMixed', { count: chosen.length })
  const decisionText = (item: ReviewItem) => {
    const choice = choices[item.clauseId]
    if (!choice) return t('signoff.review.noChoice')
    const about =
      choice.decision === 'wijziging-gevraagd' && item.suggestions.find((suggestion) => suggestion.key === choice.suggestionKey)
    return about
      ? t('signoff.suggestions.requestedAbout', { name: authorOf(t, about) })
      : t(`signoff.decisions.${choice.decision}`)
  }
  const headingRef = (index: number) => (element: HTMLElement | null) => {
    if (element) headings.current.set(index, element)
    else headings.current.delete(index)
  }

  return (
    <Form method="post" className="pw-review" aria-labelledby="review-form-heading">
      <h2 id="review-form-heading" className="pw-visually-hidden">
        {t('signoff.review.titleFor', { party: party.name })}
      </h2>
      <input type="hidden" name="intent" value="review" />
      <input type="hidden" name="partyId" value={party.id} />
      <div aria-live="polite">
        <FormErrors errors={answer?.result.error?.[''] ?? undefined} />
      </div>
      {items.map((item, index) => (
        <section
          key={item.clauseId}
          className="pw-review__item pw-card"
          hidden={stepwise && index !== current}
          aria-labelledby={`review-${item.clauseId}`}
          data-testid="review-item"
        >
          <p className="utrecht-paragraph pw-meta">{t('signoff.review.position', { index: index + 1, count: items.length })}</p>
          <Heading level={2} id={`review-${item.clauseId}`}>
            <span tabIndex={-1} ref={headingRef(index)}>
              {item.title || t('signoff.matrix.untitled')}
            </span>
          </Heading>
          <p className="utrecht-paragraph">
            <StatusBadge status={item.status} />
          </p>
          {changed.includes(item.clauseId) ? <Alert type="warning">{t('signoff.review.changedWhileReading')}</Alert> : null}
          {/* Safe: the static renderer emits only the schema's own elements, with all text escaped. */}
          <div className="pw-document" dangerouslySetInnerHTML={{ __html: item.html }} />
          <p className="utrecht-paragraph pw-meta">
            {t('signoff.clause.hashLabel')}: <Hash value={item.contentHash} />
          </p>
          <ChangesSince item={item} />
          <ClauseSuggestions
            pactId={pactId}
            clauseId={item.clauseId}
            suggestions={item.suggestions}
            canComment={false}
            canDecide={canDecideSuggestions}
            headingLevel={3}
          />
          <Comments pactId={pactId} item={item} />
          <input type="hidden" name={`items[${index}].clauseId`} value={item.clauseId} />
          <input type="hidden" name={`items[${index}].seenHash`} value={choices[item.clauseId]?.seenHash ?? item.contentHash} />
          <RadioGroup
            name={`items[${index}].decision`}
            legend={t('signoff.review.choice')}
            options={DECISIONS.map((decision) => ({
              value: decision,
              label: t(`signoff.decisions.${decision}`),
              description: t(`signoff.decisionHelp.${decision}`),
            }))}
            value={choices[item.clauseId]?.decision ?? null}
            onChange={(decision) =>
              setChoices((current) => ({
                ...current,
                [item.clauseId]: { ...current[item.clauseId], decision, seenHash: item.contentHash },
              }))
            }
          />
          {/* Without JavaScript every item asks it; the schema keeps it only with a requested change. */}
          {!stepwise || choices[item.clauseId]?.decision === 'wijziging-gevraagd' ? (
            <RequestedSuggestionChoice
              suggestions={item.suggestions}
              name={`items[${index}].suggestionKey`}
              value={choices[item.clauseId]?.suggestionKey ?? ''}
              onChange={(suggestionKey) =>
                setChoices((current) => ({ ...current, [item.clauseId]: { ...current[item.clauseId]!, suggestionKey } }))
              }
            />
          ) : null}
          <div className="utrecht-form-field utrecht-form-field--textarea">
            <label className="utrecht-form-label" htmlFor={`review-explanation-${item.clauseId}`}>
              {t('signoff.review.explanation')}
            </label>
            <textarea
              id={`review-explanation-${item.clauseId}`}
              name={`items[${index}].explanation`}
              rows={2}
              className="utrecht-textarea utrecht-textarea--html-textarea"
            />
          </div>
          {stepwise ? (
            <div className="pw-actions">
              {index > 0 ? (
                <button type="button" className={buttonClass('secondary')} onClick={() => go(index - 1)}>
                  {t('signoff.review.previous')}
                </button>
              ) : null}
              <button type="button" className={buttonClass('primary')} onClick={() => go(index + 1)}>
                {index + 1 < items.length ? t('signoff.review.next') : t('signoff.review.toSummary')}
              </button>
            </div>
          ) : null}
        </section>
      ))}
      <section
        className="pw-review__summary"
        hidden={stepwise && current !== items.length}
        aria-labelledby="review-summary-heading"
      >
        <Heading level={2} id="review-summary-heading">
          <span tabIndex={-1} ref={headingRef(items.length)}>
            {t('signoff.review.summary')}
          </span>
        </Heading>
        {stepwise ? (
          <Table
            caption={t('signoff.review.summaryCaption')}
            captionHidden
            rows={items.map((item, index) => ({ ...item, index }))}
            rowKey={(item) => item.clauseId}
            columns={[
              { header: t('signoff.review.item'), rowHeader: true, cell: (item) => item.title || t('signoff.matrix.untitled') },
              { header: t('signoff.review.yourChoice'), cell: (item) => decisionText(item) },
              {
                header: t('signoff.review.change'),
                cell: (item) => (
                  <button type="button" className={buttonClass('subtle')} onClick={() => go(item.index)}>
                    {t('signoff.review.change')}
                    <span className="pw-visually-hidden">
                      {t('signoff.review.changeWhich', { title: item.title || t('signoff.matrix.untitled') })}
                    </span>
                  </button>
                ),
              },
            ]}
          />
        ) : null}
        <Paragraph>{t('signoff.review.allOrNothing')}</Paragraph>
        {stepwise && chosen.length < items.length ? (
          <Paragraph>{t('signoff.review.skipped', { count: items.length - chosen.length })}</Paragraph>
        ) : null}
        <div className="pw-actions">
          {stepwise && items.length > 0 ? (
            <button type="button" className={buttonClass('secondary')} onClick={() => go(items.length - 1)}>
              {t('signoff.review.previous')}
            </button>
          ) : null}
          <Button disabled={stepwise && chosen.length === 0}>{submitLabel}</Button>
        </div>
      </section>
    </Form>
  )
}

/**
 * What the last review recorded. It lives outside the flow: once every item is decided the flow
 * gives way to "nothing left to review", and the confirmation must stay readable (and announced).
 */
export function ReviewSaved() {
  const { t } = useTranslation()
  const answer = useFormAnswer<ReviewAnswer>('review')
  return (
    <div aria-live="polite">
      {answer?.done && answer.count ? <Alert type="ok">{t('signoff.review.saved', { count: answer.count })}</Alert> : null}
    </div>
  )
}

function ChangesSince({ item }: { item: ReviewItem }) {
  const { t } = useTranslation()
  const { dateTime } = useDates()
  if (!item.changesSince) return <Paragraph className="pw-meta">{t('signoff.review.neverDecided')}</Paragraph>
  return (
    <div className="pw-changed-since">
      <Heading level={3}>
        {t('signoff.review.changedSinceDecision', {
          date: dateTime(item.changesSince.decidedAt),
          decision: t(`signoff.decisions.${item.changesSince.decision}`),
        })}
      </Heading>
      <ItemChanges words={item.changesSince.words} dataChanges={item.changesSince.dataChanges} legend />
    </div>
  )
}

function Comments({ pactId, item }: { pactId: string; item: ReviewItem }) {
  const { t } = useTranslation()
  const { dateTime } = useDates()
  const comments = item.threads.flatMap((thread) => [thread, ...thread.replies])
  return (
    <div className="pw-review__comments">
      <Heading level={3}>{t('signoff.review.comments')}</Heading>
      {comments.length === 0 ? (
        <Paragraph>{t('signoff.review.noComments')}</Paragraph>
      ) : (
        <ul className="pw-plain-list">
          {comments.map((comment) => (
            <li key={comment.id} className="pw-comment">
              <p className="utrecht-paragraph pw-comment__meta">
                <strong>{comment.author_name}</strong> · <time dateTime={comment.created_at}>{dateTime(comment.created_at)}</time>
              </p>
              <p className="utrecht-paragraph pw-comment__body">{comment.body}</p>
            </li>
          ))}
        </ul>
      )}
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${pactId}/artikelen/${item.clauseId}`}>
          {t('signoff.review.reply')}
        </Link>
      </Paragraph>
    </div>
  )
}
