import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { Form } from 'react-router'
import type { TFunction } from 'i18next'
import {
  SUGGESTIONS_AT_CLAUSE,
  suggestionAnchor,
  type OpenSuggestion,
  type SuggestionOutcome,
} from '#app/document/suggestions.ts'
import { useFormAnswer, type FormAnswer } from '#app/platform/forms.ts'
import type { MessageKey } from '#app/platform/i18n/keys.ts'
import { Table } from '#app/platform/ui/table.tsx'
import { RadioGroup } from '#app/platform/ui/field.tsx'
import {
  Alert,
  Badge,
  Button,
  FormErrors,
  Heading,
  Paragraph,
  RadioField,
  TextAreaField,
  useFieldErrors,
} from '#app/platform/ui/ui.tsx'
import { OUTSIDE_TEXT_ITEM_ID } from './approvable-items.ts'
import type { WordChange } from './diff.ts'
import type { ModelChange } from './model-changes.ts'
import { commentSchema, decisionSchema } from './forms.ts'
import { DECISIONS, type ClauseStatus, type Decision } from './status.ts'
import { ItemChanges, StatusBadge, useDates } from './ui.tsx'

/**
 * The widgets of the clause page: each signing party's status, what changed since an approval,
 * the open suggestions with their threads, the decision form and the discussion. The route loads
 * the page's data and lays them out.
 */

/** Each signing party's standing on the clause: its status and its latest decision. */
export interface ClauseParty {
  partyId: string
  name: string
  status: ClauseStatus
  latest: { name: string; decision: Decision; decidedAt: string } | null
}

/** What changed since the text that one or more parties approved. */
export interface ChangeSince {
  parties: string[]
  yours: boolean
  approvedAt: string
  words: WordChange[]
  dataChanges: ModelChange[]
}

export interface ClauseComment {
  id: string
  author_name: string
  author_organisation: string | null
  created_at: string
  body: string
  decision: Decision | null
  resolved_at: string | null
  /** The suggestion the thread is about, and its text when the thread began. */
  suggestion_key: string | null
  quote: string | null
}

export type ClauseThread = ClauseComment & {
  replies: ClauseComment[]
  /** How the suggestion the thread is about ended, where the audit trail tells. */
  suggestionOutcome: SuggestionOutcome | null
}

/** An open suggestion as the sign-off pages show it, with the threads about it. */
export type ShownSuggestion = OpenSuggestion & {
  key: string
  authorName: string | null
  partyName: string | null
  threads: ClauseThread[]
}

export function ClauseParties({ parties, changesSince }: { parties: ClauseParty[]; changesSince: ChangeSince[] }) {
  const { t } = useTranslation()
  const { dateTime } = useDates()
  return (
    <>
      <Table
        caption={t('signoff.clause.statusCaption')}
        captionHidden
        rows={parties}
        rowKey={(party) => party.partyId}
        columns={[
          { header: t('signoff.clause.party'), rowHeader: true, cell: (party) => party.name },
          { header: t('signoff.clause.status'), cell: (party) => <StatusBadge status={party.status} /> },
          {
            header: t('signoff.clause.latestDecision'),
            cell: (party) =>
              party.latest
                ? t('signoff.clause.decidedBy', {
                    decision: t(`signoff.decisions.${party.latest.decision}`),
                    name: party.latest.name,
                    date: dateTime(party.latest.decidedAt),
                  })
                : t('signoff.clause.noDecision'),
          },
        ]}
      />
      {changesSince.map((change) => (
        <div key={change.parties.join()} className="pw-changed-since" data-testid="changed-since">
          <Heading level={3}>
            {change.yours
              ? t('signoff.clause.changedSinceYours', { date: dateTime(change.approvedAt) })
              : t('signoff.clause.changedSince', { parties: change.parties.join(', '), date: dateTime(change.approvedAt) })}
          </Heading>
          <ItemChanges words={change.words} dataChanges={change.dataChanges} legend />
        </div>
      ))}
    </>
  )
}

/** A party this person decides for, with the choice already made on the content shown, if any. */
export interface DecidingParty {
  id: string
  name: string
  recorded: { decision: Decision; name: string; decidedAt: string } | null
}

export function DecisionForm({
  parties,
  seenHash,
  suggestions,
}: {
  parties: DecidingParty[]
  seenHash: string
  /** The clause's open suggestions, one of which a requested change can point at. */
  suggestions: readonly ShownSuggestion[]
}) {
  const { t } = useTranslation()
  const { dateTime } = useDates()
  const actionData = useFormAnswer<FormAnswer<MessageKey>>('decide')
  const only = parties.length === 1 ? parties[0]! : null
  const [form, fields] = useForm({
    id: 'decide',
    lastResult: actionData?.result,
    defaultValue: { partyId: only?.id, decision: only?.recorded?.decision },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: decisionSchema }),
    shouldValidate: 'onSubmit',
  })
  const suggestionErrors = useFieldErrors(fields.suggestionKey)
  return (
    <section aria-labelledby="decide-heading">
      <Heading level={2} id="decide-heading">
        {t('signoff.clause.decide.title')}
      </Heading>
      {actionData?.done ? <Alert type="ok">{t(actionData.done)}</Alert> : null}
      {parties.map((party) =>
        party.recorded ? (
          <Paragraph key={party.id}>
            <span data-testid="recorded-decision">
              {t('signoff.clause.decide.recorded', {
                party: party.name,
                decision: t(`signoff.decisions.${party.recorded.decision}`),
                name: party.recorded.name,
                date: dateTime(party.recorded.decidedAt),
              })}
            </span>
          </Paragraph>
        ) : null,
      )}
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="decide" />
        {/* The hash of the text shown above: the decision counts for exactly that text. */}
        <input type="hidden" name="seenHash" value={seenHash} />
        {parties.length === 1 ? (
          <>
            <input type="hidden" name="partyId" value={parties[0]!.id} />
            <Paragraph>{t('signoff.clause.decide.onBehalfOf', { party: parties[0]!.name })}</Paragraph>
          </>
        ) : (
          <RadioField
            field={fields.partyId}
            legend={t('signoff.clause.decide.partyLegend')}
            options={parties.map((party) => ({ value: party.id, label: party.name }))}
          />
        )}
        <RadioField
          field={fields.decision}
          legend={t('signoff.clause.decide.legend')}
          options={DECISIONS.map((decision) => ({
            value: decision,
            label: t(`signoff.decisions.${decision}`),
            description: t(`signoff.decisionHelp.${decision}`),
          }))}
        />
        <RequestedSuggestionChoice
          suggestions={suggestions}
          name={fields.suggestionKey.name}
          defaultValue={fields.suggestionKey.initialValue}
          errors={suggestionErrors}
        />
        <TextAreaField
          field={fields.explanation}
          label={t('signoff.clause.decide.explanation')}
          description={t('signoff.clause.decide.explanationHelp')}
        />
        <Button>{t('signoff.clause.decide.submit')}</Button>
      </Form>
    </section>
  )
}

/**
 * Which of the item's open suggestions a requested change is about (or none in particular): the
 * clause page's decision form and the review flow ask it alike. Nothing when there are none.
 * Uncontrolled with `defaultValue`, controlled with `value` + `onChange`.
 */
export function RequestedSuggestionChoice({
  suggestions,
  ...group
}: {
  suggestions: readonly ShownSuggestion[]
  name: string
  defaultValue?: unknown
  value?: string
  onChange?: (key: string) => void
  errors?: readonly string[]
}) {
  const { t } = useTranslation()
  if (suggestions.length === 0) return null
  return (
    <RadioGroup
      {...group}
      legend={t('signoff.suggestions.requestLegend')}
      options={[
        { value: '', label: t('signoff.suggestions.requestNone') },
        ...suggestions.map((suggestion) => ({
          value: suggestion.key,
          label: t('signoff.suggestions.requestOption', { name: authorOf(t, suggestion), text: suggestion.text }),
        })),
      ]}
    />
  )
}

/**
 * The clause's open suggestions: who proposed what for which party and when, marked as inserted or
 * deleted (for the eye and for screen readers), each with its threads; that the clause cannot be
 * approved until they are decided, and where to decide.
 */
export function ClauseSuggestions({
  pactId,
  clauseId,
  suggestions,
  canComment,
  canDecide,
  headingLevel = 2,
}: {
  pactId: string
  clauseId: string
  suggestions: readonly ShownSuggestion[]
  /** Reply and start threads here (the review flow only shows them: it is one form of its own). */
  canComment: boolean
  /** Redacteuren and beheerders decide on suggestions, in the editor. */
  canDecide: boolean
  headingLevel?: 2 | 3
}) {
  const { t } = useTranslation()
  const { dateTime } = useDates()
  if (suggestions.length === 0) return null
  // The text outside the clauses has no place of its own in the editor's panel.
  const editorLink = `/pacts/${pactId}/document${clauseId === OUTSIDE_TEXT_ITEM_ID ? '' : `#${SUGGESTIONS_AT_CLAUSE}${clauseId}`}`
  return (
    <section aria-labelledby={`suggestions-heading-${clauseId}`} className="pw-open-suggestions" data-testid="open-suggestions">
      <Heading level={headingLevel} id={`suggestions-heading-${clauseId}`}>
        {t('signoff.suggestions.title')}
      </Heading>
      <Alert type="warning">{t('signoff.suggestions.blocked', { count: suggestions.length })}</Alert>
      <Paragraph>
        <a className="utrecht-link" href={editorLink}>
          {t(canDecide ? 'signoff.suggestions.decideInEditor' : 'signoff.suggestions.viewInEditor')}
        </a>
      </Paragraph>
      <ul className="pw-plain-list pw-open-suggestions__list">
        {suggestions.map((suggestion) => (
          <li key={suggestion.key} id={suggestionAnchor(suggestion)} className="pw-open-suggestion">
            <p className="utrecht-paragraph">
              {t(suggestion.kind === 'insertion' ? 'signoff.suggestions.insert' : 'signoff.suggestions.delete', {
                name: authorOf(t, suggestion),
                party: suggestion.partyName ?? t('signoff.suggestions.unknownParty'),
              })}{' '}
              <SuggestedText suggestion={suggestion} />
            </p>
            {suggestion.createdAt ? (
              <p className="utrecht-paragraph pw-meta">
                {t('signoff.suggestions.proposedAt', { date: dateTime(suggestion.createdAt) })}
              </p>
            ) : null}
            <ThreadList threads={suggestion.threads} canComment={canComment} />
            {canComment ? <CommentForm suggestion={suggestion} /> : null}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The proposed words, marked as an insertion or deletion in colour and line, and in words for screen readers. */
function SuggestedText({ suggestion }: { suggestion: Pick<ShownSuggestion, 'kind' | 'text'> }) {
  const { t } = useTranslation()
  const Tag = suggestion.kind === 'insertion' ? 'ins' : 'del'
  return (
    <Tag className="pw-suggested-text">
      <span className="pw-visually-hidden">
        [{t(suggestion.kind === 'insertion' ? 'signoff.diff.inserted' : 'signoff.diff.deleted')}:{' '}
      </span>
      {suggestion.text}
      <span className="pw-visually-hidden">]</span>
    </Tag>
  )
}

export function authorOf(t: TFunction, suggestion: Pick<ShownSuggestion, 'authorName'>): string {
  return suggestion.authorName ?? t('signoff.suggestions.unknownPerson')
}

export function Discussion({ threads, canComment }: { threads: ClauseThread[]; canComment: boolean }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="discussion-heading">
      <Heading level={2} id="discussion-heading">
        {t('signoff.comments.title')}
      </Heading>
      {threads.length === 0 ? <Paragraph>{t('signoff.comments.none')}</Paragraph> : null}
      <ThreadList threads={threads} canComment={canComment} />
      {canComment ? <CommentForm /> : <Paragraph>{t('signoff.comments.readOnly')}</Paragraph>}
    </section>
  )
}

function ThreadList({ threads, canComment }: { threads: readonly ClauseThread[]; canComment: boolean }) {
  if (threads.length === 0) return null
  return (
    <ol className="pw-threads" data-testid="threads">
      {threads.map((thread) => (
        <li key={thread.id} className={`pw-thread${thread.resolved_at ? ' pw-thread--resolved' : ''}`}>
          <CommentView comment={thread} resolved={Boolean(thread.resolved_at)} outcome={thread.suggestionOutcome} />
          {thread.replies.length ? (
            <ol className="pw-replies">
              {thread.replies.map((reply) => (
                <li key={reply.id}>
                  <CommentView comment={reply} resolved={false} />
                </li>
              ))}
            </ol>
          ) : null}
          {canComment ? <ThreadActions thread={thread} /> : null}
        </li>
      ))}
    </ol>
  )
}

const ABOUT: Record<SuggestionOutcome | 'open', MessageKey> = {
  open: 'signoff.suggestions.about',
  accepted: 'signoff.suggestions.aboutAccepted',
  rejected: 'signoff.suggestions.aboutRejected',
  withdrawn: 'signoff.suggestions.aboutWithdrawn',
}

function CommentView({
  comment,
  resolved,
  outcome = null,
}: {
  comment: ClauseComment
  resolved: boolean
  /** For a thread about a suggestion that is no longer open: how it ended, if known. */
  outcome?: SuggestionOutcome | null
}) {
  const { t } = useTranslation()
  const { dateTime } = useDates()
  return (
    <article className="pw-comment" aria-label={t('signoff.comments.by', { name: comment.author_name })}>
      <p className="utrecht-paragraph pw-comment__meta">
        <strong>{comment.author_name}</strong>
        {comment.author_organisation ? ` (${comment.author_organisation})` : null} ·{' '}
        <time dateTime={comment.created_at}>{dateTime(comment.created_at)}</time>
        {comment.decision ? (
          <> · {t('signoff.comments.decisionNote', { decision: t(`signoff.decisions.${comment.decision}`) })}</>
        ) : null}
        {resolved ? (
          <>
            {' '}
            <Badge>{t('signoff.comments.resolved')}</Badge>
          </>
        ) : null}
      </p>
      {comment.suggestion_key && comment.quote !== null ? (
        <p className="utrecht-paragraph pw-comment__about">
          {t(ABOUT[outcome ?? 'open'])} <q>{comment.quote}</q>
        </p>
      ) : null}
      {comment.body ? <p className="utrecht-paragraph pw-comment__body">{comment.body}</p> : null}
    </article>
  )
}

function ThreadActions({ thread }: { thread: ClauseThread }) {
  const { t } = useTranslation()
  const stateResult = useFormAnswer(`thread-${thread.id}`)
  const resolved = Boolean(thread.resolved_at)
  return (
    <div className="pw-thread__actions">
      <FormErrors errors={stateResult?.result.error?.[''] ?? undefined} />
      {resolved ? null : <CommentForm parent={{ id: thread.id, author: thread.author_name }} />}
      <Form method="post" className="pw-inline-form">
        <input type="hidden" name="intent" value={resolved ? 'reopen' : 'resolve'} />
        <input type="hidden" name="threadId" value={thread.id} />
        <Button appearance="secondary">
          {t(resolved ? 'signoff.comments.reopen' : 'signoff.comments.resolve')}
          <span className="pw-visually-hidden">{t('signoff.comments.threadOf', { name: thread.author_name })}</span>
        </Button>
      </Form>
    </div>
  )
}

function CommentForm({
  parent,
  suggestion,
}: {
  parent?: { id: string; author: string }
  suggestion?: Pick<ShownSuggestion, 'key'>
}) {
  const { t } = useTranslation()
  // As clauseFormName names the form that was sent, so its answer shows here.
  const id = parent ? `reply-${parent.id}` : suggestion ? `comment-${suggestion.key}` : 'comment'
  const actionData = useFormAnswer<FormAnswer<MessageKey>>(id)
  const [form, fields] = useForm({
    id,
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: commentSchema }),
    shouldValidate: 'onSubmit',
  })
  return (
    <Form method="post" {...getFormProps(form)} className={parent ? 'pw-reply-form' : undefined}>
      <input type="hidden" name="intent" value="comment" />
      {parent ? <input type="hidden" name="parentId" value={parent.id} /> : null}
      {suggestion ? <input type="hidden" name="suggestionKey" value={suggestion.key} /> : null}
      {actionData?.done ? <Alert type="ok">{t(actionData.done)}</Alert> : null}
      <FormErrors errors={form.errors} />
      <TextAreaField
        field={fields.body}
        label={
          parent
            ? t('signoff.comments.replyLabel', { name: parent.author })
            : t(suggestion ? 'signoff.suggestions.newLabel' : 'signoff.comments.newLabel')
        }
        rows={parent || suggestion ? 2 : 4}
      />
      <Button appearance={parent || suggestion ? 'secondary' : 'primary'}>
        {t(parent ? 'signoff.comments.replySubmit' : suggestion ? 'signoff.suggestions.submit' : 'signoff.comments.submit')}
      </Button>
    </Form>
  )
}
