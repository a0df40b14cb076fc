import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { data, Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { hasWordChanges, readableWordDiff } from '#app/sign-off/diff.ts'
import { DiffLegend, Hash, StatusBadge, useDates, WordDiff } from '#app/sign-off/ui.tsx'
import { Alert, Badge, Button, FormErrors, Heading, Paragraph, TextAreaField } from '#app/platform/ui/ui.tsx'
import { useLivePact } from '#app/platform/events/use-live-pact.ts'
import { addComment, CommentError, listComments, setThreadResolved } from '#app/sign-off/comments.server.ts'
import { approvableItemHtml, pactSnapshot } from '#app/document/pact-document.server.ts'
import { getPact } from '#app/pacts/pacts.server.ts'
import { decidedCanonicals, userNames } from '#app/sign-off/views.server.ts'
import { decideOnClause, SignOffError, signingPartiesOf, signOffState } from '#app/sign-off/sign-off.server.ts'
import { can } from '#app/access/access.ts'
import { isDocumentEditable } from '#app/pacts/lifecycle.ts'
import { clauseFormSchema, commentSchema, decisionSchema, refusalFor } from '#app/sign-off/forms.ts'
import { DECISIONS } from '#app/sign-off/status.ts'
import editorCss from '#app/document/ui/editor.css?url'
import signOffCss from '#app/sign-off/sign-off.css?url'
import type { Route } from './+types/pact-clause'
import { messageKey, messageText } from '#app/platform/i18n/keys.ts'

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: editorCss },
  { rel: 'stylesheet', href: signOffCss },
]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.clause.title ?? 'Artikel'} · Pactwerk` }]

// A refusal because the text changed must show the new text: reload even though the action failed.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate

const notFound = () => data({ message: 'not-found' }, { status: 404 })

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, membership } = await requirePactAccess(request, params.pactId, 'view')
  const [pact, { snapshot, parties, matrix }, yourParties, comments] = await Promise.all([
    getPact(params.pactId),
    signOffState(params.pactId),
    signingPartiesOf(user.id, params.pactId),
    listComments(params.pactId),
  ])
  const index = snapshot.clauses.findIndex((clause) => clause.clauseId === params.clauseId)
  if (index < 0) throw notFound()
  const clause = snapshot.clauses[index]!
  const signOff = matrix.clauses[index]!

  const partyNames = new Map(parties.map((party) => [party.id, party.name]))
  const decisions = signOff.parties.flatMap((party) => (party.latest ? [party.latest] : []))
  const approvedHashes = signOff.parties.filter((party) => party.status === 'gewijzigd-na-akkoord').map((party) => party.latest!.contentHash)
  const [names, approvedTexts] = await Promise.all([
    userNames(decisions.map((decision) => decision.userId)),
    decidedCanonicals(params.pactId, clause.clauseId, approvedHashes),
  ])

  // One "what changed since" per approved text: parties that approved the same text share it.
  const changesSince = [...approvedTexts].map(([hash, canonical]) => {
    const approvers = signOff.parties.filter((party) => party.status === 'gewijzigd-na-akkoord' && party.latest!.contentHash === hash)
    return {
      parties: approvers.map((party) => partyNames.get(party.partyId) ?? ''),
      yours: approvers.some((party) => yourParties.includes(party.partyId)),
      approvedAt: approvers.map((party) => party.latest!.decidedAt).sort().at(-1)!,
      words: readableWordDiff(canonical, clause.canonical),
    }
  })

  const clauseComments = comments.filter((comment) => comment.clause_id === clause.clauseId)
  const threads = clauseComments
    .filter((comment) => comment.parent_id === null)
    .map((thread) => ({ ...thread, replies: clauseComments.filter((comment) => comment.parent_id === thread.id) }))

  const status = pact.status
  const decisionsOpen = isDocumentEditable(status)
  // The signing parties this person may decide for, while decisions are open.
  const decideFor = decisionsOpen
    ? signOff.parties.filter((party) => yourParties.includes(party.partyId)).map((party) => ({ id: party.partyId, name: partyNames.get(party.partyId) ?? '' }))
    : []
  return {
    pact: { id: pact.id, title: pact.title, status },
    clause: {
      clauseId: clause.clauseId,
      title: clause.title,
      kind: clause.kind,
      contentHash: clause.contentHash,
      html: approvableItemHtml(snapshot, clause.clauseId) ?? '',
    },
    parties: signOff.parties.map((party) => ({
      partyId: party.partyId,
      name: partyNames.get(party.partyId) ?? '',
      status: party.status,
      latest: party.latest && { name: names.get(party.latest.userId) ?? '', decision: party.latest.decision, decidedAt: party.latest.decidedAt },
    })),
    changesSince,
    decideFor,
    signsForThisPact: yourParties.length > 0,
    decisionsOpen,
    threads,
    canComment: can(membership.access, 'comment'),
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const formData = await request.formData()
  // Deciding is for signatories, whatever their access; the back end checks that. Discussing needs 'comment'.
  const { user } = await requirePactAccess(request, params.pactId, formData.get('intent') === 'decide' ? 'view' : 'comment')
  const submission = parseWithZod(formData, { schema: clauseFormSchema })
  if (submission.status !== 'success') {
    return data({ form: formName(submission.payload), result: submission.reply(), done: null }, { status: 400 })
  }
  const value = submission.value
  const form = formName(value)
  try {
    switch (value.intent) {
      case 'decide':
        await decideOnClause({
          pactId: params.pactId,
          clauseId: params.clauseId,
          partyId: value.partyId,
          userId: user.id,
          decision: value.decision,
          seenHash: value.seenHash,
          explanation: value.explanation,
        })
        return { form, result: submission.reply({ resetForm: true }), done: messageKey('signoff.clause.decide.saved') }
      case 'comment': {
        const { clauses } = await pactSnapshot(params.pactId)
        await addComment({
          pactId: params.pactId,
          clauseId: params.clauseId,
          parentId: value.parentId || null,
          body: value.body,
          quote: null,
          authorId: user.id,
          clauseExists: clauses.some((clause) => clause.clauseId === params.clauseId),
        })
        return { form, result: submission.reply({ resetForm: true }), done: messageKey('signoff.comments.posted') }
      }
      case 'resolve':
      case 'reopen':
        await setThreadResolved(params.pactId, value.threadId, value.intent === 'resolve', user.id)
        return { form, result: submission.reply(), done: null }
    }
  } catch (error) {
    if (!(error instanceof SignOffError || error instanceof CommentError)) throw error
    const refusal = refusalFor(error.code)
    return data({ form, result: submission.reply({ formErrors: [refusal.message] }), done: null }, { status: refusal.status })
  }
}

/** Which of the page's forms a submission came from, so only that form shows its result. */
function formName(payload: Record<string, unknown>): string {
  if (payload.intent === 'comment' && payload.parentId) return `reply-${String(payload.parentId)}`
  if (payload.intent === 'resolve' || payload.intent === 'reopen') return `thread-${String(payload.threadId)}`
  return String(payload.intent ?? '')
}

function useFormResult(form: string) {
  const actionData = useActionData<typeof action>()
  return actionData?.form === form ? actionData : undefined
}

export default function PactClause() {
  const { t } = useTranslation()
  const { dateTime } = useDates()
  const { pact, clause, parties, changesSince, decideFor, signsForThisPact, decisionsOpen, threads, canComment } = useLoaderData<typeof loader>()
  useLivePact(pact.id)
  return (
    <div className="pw-stack">
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${pact.id}/akkoord`}>
          {t('signoff.backToMatrix')}
        </Link>
      </Paragraph>
      <Heading level={1}>{clause.title || t('signoff.matrix.untitled')}</Heading>
      <Paragraph className="pw-meta">
        {pact.title} · {t('signoff.clause.kind')}: {t(`editor.kinds.${clause.kind}`, { defaultValue: clause.kind })} · {t('signoff.clause.pactStatus')}:{' '}
        <Badge>{t(`pactStatus.${pact.status}`)}</Badge>
      </Paragraph>
      <Paragraph className="pw-meta">{t('signoff.live')}</Paragraph>

      <section aria-labelledby="text-heading">
        <Heading level={2} id="text-heading">
          {t('signoff.clause.currentText')}
        </Heading>
        {/* Safe: the static renderer emits only the schema's own elements, with all text escaped. */}
        <div className="pw-document" data-testid="clause-text" dangerouslySetInnerHTML={{ __html: clause.html }} />
        <Paragraph className="pw-meta">
          {t('signoff.clause.hashLabel')}: <Hash value={clause.contentHash} />
        </Paragraph>
      </section>

      <section aria-labelledby="parties-heading">
        <Heading level={2} id="parties-heading">
          {t('signoff.clause.statusTitle')}
        </Heading>
        <div className="pw-table-wrap">
          <table className="utrecht-table">
            <caption className="pw-visually-hidden">{t('signoff.clause.statusCaption')}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col">{t('signoff.clause.party')}</th>
                <th className="utrecht-table__header-cell" scope="col">{t('signoff.clause.status')}</th>
                <th className="utrecht-table__header-cell" scope="col">{t('signoff.clause.latestDecision')}</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {parties.map((party) => (
                <tr key={party.partyId} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{party.name}</th>
                  <td className="utrecht-table__cell">
                    <StatusBadge status={party.status} />
                  </td>
                  <td className="utrecht-table__cell">
                    {party.latest
                      ? t('signoff.clause.decidedBy', {
                          decision: t(`signoff.decisions.${party.latest.decision}`),
                          name: party.latest.name,
                          date: dateTime(party.latest.decidedAt),
                        })
                      : t('signoff.clause.noDecision')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {changesSince.map((change) => (
          <div key={change.parties.join()} className="pw-changed-since" data-testid="changed-since">
            <Heading level={3}>
              {change.yours
                ? t('signoff.clause.changedSinceYours', { date: dateTime(change.approvedAt) })
                : t('signoff.clause.changedSince', { parties: change.parties.join(', '), date: dateTime(change.approvedAt) })}
            </Heading>
            {hasWordChanges(change.words) ? (
              <>
                <DiffLegend />
                <WordDiff words={change.words} />
              </>
            ) : (
              <Paragraph>{t('signoff.diff.onlyFormatting')}</Paragraph>
            )}
          </div>
        ))}
      </section>

      {decideFor.length > 0 ? (
        <DecisionForm parties={decideFor} seenHash={clause.contentHash} />
      ) : (
        <Paragraph>{signsForThisPact && !decisionsOpen ? t('signoff.clause.decide.closed') : t('signoff.clause.decide.notSignatory')}</Paragraph>
      )}

      <Discussion threads={threads} canComment={canComment} />
    </div>
  )
}

function DecisionForm({ parties, seenHash }: { parties: Array<{ id: string; name: string }>; seenHash: string }) {
  const { t } = useTranslation()
  const actionData = useFormResult('decide')
  const [form, fields] = useForm({
    id: 'decide',
    lastResult: actionData?.result,
    defaultValue: { partyId: parties.length === 1 ? parties[0]!.id : undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: decisionSchema }),
    shouldValidate: 'onSubmit',
  })
  return (
    <section aria-labelledby="decide-heading">
      <Heading level={2} id="decide-heading">
        {t('signoff.clause.decide.title')}
      </Heading>
      {actionData?.done ? <Alert type="ok">{t(actionData.done)}</Alert> : null}
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
          <RadioGroup
            name="partyId"
            legend={t('signoff.clause.decide.partyLegend')}
            selected={fields.partyId.initialValue}
            errors={fields.partyId.errors}
            errorId={fields.partyId.errorId}
            options={parties.map((party) => ({ value: party.id, label: party.name }))}
          />
        )}
        <RadioGroup
          name="decision"
          legend={t('signoff.clause.decide.legend')}
          selected={fields.decision.initialValue}
          errors={fields.decision.errors}
          errorId={fields.decision.errorId}
          options={DECISIONS.map((decision) => ({ value: decision, label: t(`signoff.decisions.${decision}`), description: t(`signoff.decisionHelp.${decision}`) }))}
        />
        <TextAreaField field={fields.explanation} label={t('signoff.clause.decide.explanation')} description={t('signoff.clause.decide.explanationHelp')} />
        <Button>{t('signoff.clause.decide.submit')}</Button>
      </Form>
    </section>
  )
}

function RadioGroup({
  name,
  legend,
  options,
  selected,
  errors,
  errorId,
}: {
  name: string
  legend: string
  options: Array<{ value: string; label: string; description?: string }>
  selected: unknown
  errors: string[] | undefined
  errorId: string
}) {
  const { t } = useTranslation()
  const invalid = Boolean(errors?.length)
  return (
    <fieldset
      className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset pw-radio-group${invalid ? ' utrecht-form-fieldset--invalid' : ''}`}
      aria-describedby={invalid ? errorId : undefined}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
      {invalid ? (
        <div className="utrecht-form-field-error-message" id={errorId}>
          {errors!.map((error) => (
            <div key={error}>{messageText(t, error)}</div>
          ))}
        </div>
      ) : null}
      {options.map((option) => {
        const id = `${name}-${option.value}`
        return (
          <div key={option.value} className="utrecht-form-field utrecht-form-field--radio">
            <div className="utrecht-form-field__input">
              <input
                type="radio"
                id={id}
                name={name}
                value={option.value}
                defaultChecked={selected === option.value}
                aria-describedby={option.description ? `${id}-description` : undefined}
                className={`utrecht-radio-button utrecht-radio-button--html-input utrecht-radio-button--custom${invalid ? ' utrecht-radio-button--invalid' : ''}`}
              />
            </div>
            <div className="utrecht-form-field__label utrecht-form-field__label--radio">
              <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={id}>
                {option.label}
              </label>
            </div>
            {option.description ? (
              <div className="utrecht-form-field__description utrecht-form-field-description" id={`${id}-description`}>
                {option.description}
              </div>
            ) : null}
          </div>
        )
      })}
    </fieldset>
  )
}

type Thread = Route.ComponentProps['loaderData']['threads'][number]

function Discussion({ threads, canComment }: { threads: Thread[]; canComment: boolean }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="discussion-heading">
      <Heading level={2} id="discussion-heading">
        {t('signoff.comments.title')}
      </Heading>
      {threads.length === 0 ? <Paragraph>{t('signoff.comments.none')}</Paragraph> : null}
      <ol className="pw-threads" data-testid="threads">
        {threads.map((thread) => (
          <li key={thread.id} className={`pw-thread${thread.resolved_at ? ' pw-thread--resolved' : ''}`}>
            <CommentView comment={thread} resolved={Boolean(thread.resolved_at)} />
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
      {canComment ? <CommentForm /> : <Paragraph>{t('signoff.comments.readOnly')}</Paragraph>}
    </section>
  )
}

function CommentView({ comment, resolved }: { comment: Thread['replies'][number]; resolved: boolean }) {
  const { t } = useTranslation()
  const { dateTime } = useDates()
  return (
    <article className="pw-comment" aria-label={t('signoff.comments.by', { name: comment.author_name })}>
      <p className="utrecht-paragraph pw-comment__meta">
        <strong>{comment.author_name}</strong> · <time dateTime={comment.created_at}>{dateTime(comment.created_at)}</time>
        {comment.decision ? (
          <>
            {' '}
            · {t('signoff.comments.decisionNote', { decision: t(`signoff.decisions.${comment.decision}`) })}
          </>
        ) : null}
        {resolved ? (
          <>
            {' '}
            <Badge>{t('signoff.comments.resolved')}</Badge>
          </>
        ) : null}
      </p>
      <p className="utrecht-paragraph pw-comment__body">{comment.body}</p>
    </article>
  )
}

function ThreadActions({ thread }: { thread: Thread }) {
  const { t } = useTranslation()
  const stateResult = useFormResult(`thread-${thread.id}`)
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

function CommentForm({ parent }: { parent?: { id: string; author: string } }) {
  const { t } = useTranslation()
  const id = parent ? `reply-${parent.id}` : 'comment'
  const actionData = useFormResult(id)
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
      {actionData?.done ? <Alert type="ok">{t(actionData.done)}</Alert> : null}
      <FormErrors errors={form.errors} />
      <TextAreaField
        field={fields.body}
        label={parent ? t('signoff.comments.replyLabel', { name: parent.author }) : t('signoff.comments.newLabel')}
        rows={parent ? 2 : 4}
      />
      <Button appearance={parent ? 'secondary' : 'primary'}>{t(parent ? 'signoff.comments.replySubmit' : 'signoff.comments.submit')}</Button>
    </Form>
  )
}
