import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { Link, useLoaderData, type ShouldRevalidateFunction } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { currentItems } from '#app/document/pact-document.server.ts'
import { notFound, Refusal, refusalResponse } from '#app/platform/errors.ts'
import { useLivePact } from '#app/platform/events/use-live-pact.ts'
import { answer, formIntent, invalidAnswer, refusedAnswer } from '#app/platform/forms.ts'
import { Heading, PageHeader, Paragraph } from '#app/platform/ui/ui.tsx'
import { clausePage } from '#app/sign-off/clause-page.server.ts'
import { addComment, setThreadResolved } from '#app/sign-off/comments.server.ts'
import { clauseFormName, clauseFormSchema } from '#app/sign-off/forms.ts'
import { decideOnClause } from '#app/sign-off/sign-off.server.ts'
import { Hash } from '#app/sign-off/ui.tsx'
import { ReadOnlyNotice } from '#app/access/ui/read-only-notice.tsx'
import { ClauseParties, ClauseSuggestions, DecisionForm, Discussion } from '#app/sign-off/ui-clause.tsx'
import { can } from '#app/access/access.ts'
import editorCss from '#app/document/ui/editor.css?url'
import signOffCss from '#app/sign-off/sign-off.css?url'
import type { Route } from './+types/pact-clause'

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: editorCss },
  { rel: 'stylesheet', href: signOffCss },
]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.clause.title ?? 'Artikel'} · Pactwerk` }]

// A refusal because the text changed must show the new text: reload even though the action failed.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, membership } = await requirePactAccess(request, params.pactId, 'view')
  const page = await clausePage(params.pactId, params.clauseId, { userId: user.id, access: membership.access })
  if (!page) throw refusalResponse(notFound())
  return { ...page, access: membership.access }
}

export async function action({ request, params }: Route.ActionArgs) {
  const formData = await request.formData()
  // Deciding is for signatories, whatever their access; the back end checks that. Discussing needs 'comment'.
  const { user } = await requirePactAccess(request, params.pactId, formIntent(formData) === 'decide' ? 'view' : 'comment')
  const submission = parseWithZod(formData, { schema: clauseFormSchema })
  const form = clauseFormName(submission.payload)
  if (submission.status !== 'success') return invalidAnswer(form, submission)
  const value = submission.value
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
          suggestionKey: value.suggestionKey,
        })
        return answer(form, submission.reply({ resetForm: true }), { done: 'signoff.clause.decide.saved' })
      case 'comment': {
        const { clauses, suggestions } = await currentItems(params.pactId)
        await addComment({
          pactId: params.pactId,
          clauseId: params.clauseId,
          parentId: value.parentId || null,
          body: value.body,
          quote: null,
          authorId: user.id,
          clauseExists: clauses.some((clause) => clause.clauseId === params.clauseId),
          suggestionKey: value.suggestionKey,
          openSuggestions: suggestions,
        })
        return answer(form, submission.reply({ resetForm: true }), { done: 'signoff.comments.posted' })
      }
      case 'resolve':
      case 'reopen':
        await setThreadResolved(params.pactId, value.threadId, value.intent === 'resolve', user.id)
        return answer(form, submission.reply())
    }
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    return refusedAnswer(form, submission, error)
  }
}

export default function PactClause() {
  const { t } = useTranslation()
  const { pact, clause, parties, changesSince, decideFor, next, decisionsOpen, threads, suggestions, canComment, access } =
    useLoaderData<typeof loader>()
  useLivePact(pact.id)
  return (
    <div className="pw-stack">
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${pact.id}/akkoord`}>
          {t('signoff.backToMatrix')}
        </Link>
      </Paragraph>
      <PageHeader
        title={clause.title || t('signoff.matrix.untitled')}
        meta={`${t('signoff.clause.kind')}: ${t(`editor.kinds.${clause.kind}`, { defaultValue: clause.kind })}`}
      >
        <Paragraph className="pw-meta">{t('signoff.live')}</Paragraph>
      </PageHeader>

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
        <ClauseParties parties={parties} changesSince={changesSince} />
      </section>

      <ClauseSuggestions
        pactId={pact.id}
        clauseId={clause.clauseId}
        suggestions={suggestions}
        canComment={canComment}
        canDecide={can(access, 'edit')}
      />

      {decideFor.length > 0 ? (
        <>
          <DecisionForm key={clause.contentHash} parties={decideFor} seenHash={clause.contentHash} suggestions={suggestions} />
          <ul className="pw-plain-list" aria-label={t('signoff.review.title')}>
            {next ? (
              <li>
                <Link className="utrecht-link" to={`/pacts/${pact.id}/artikelen/${next.clauseId}`}>
                  {t('signoff.review.nextFromClause', { title: next.title || t('signoff.matrix.untitled') })}
                </Link>
              </li>
            ) : null}
            <li>
              <Link className="utrecht-link" to={`/pacts/${pact.id}/akkoord/beoordelen`}>
                {t('signoff.review.allFromClause')}
              </Link>
            </li>
          </ul>
        </>
      ) : decisionsOpen ? (
        <Paragraph>{t('signoff.clause.decide.notSignatory')}</Paragraph>
      ) : (
        <ReadOnlyNotice reason="pact-signed" access={access} pactId={pact.id} />
      )}

      <Discussion threads={threads} canComment={canComment} />
    </div>
  )
}
