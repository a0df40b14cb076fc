import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { Form, Link, useLoaderData, type ShouldRevalidateFunction } from 'react-router'
import { ReadOnlyNotice } from '#app/access/ui/read-only-notice.tsx'
import { can } from '#app/access/access.ts'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { Refusal } from '#app/platform/errors.ts'
import { useLivePact } from '#app/platform/events/use-live-pact.ts'
import { answer, invalidAnswer, refusedAnswer } from '#app/platform/forms.ts'
import { Select } from '#app/platform/ui/field.tsx'
import { Button, PageHeader, Paragraph } from '#app/platform/ui/ui.tsx'
import { reviewSchema } from '#app/sign-off/forms.ts'
import { reviewPage } from '#app/sign-off/review-page.server.ts'
import { decideOnItems, SignOffError } from '#app/sign-off/sign-off.server.ts'
import { ReviewFlow, ReviewSaved } from '#app/sign-off/ui-review.tsx'
import editorCss from '#app/document/ui/editor.css?url'
import signOffCss from '#app/sign-off/sign-off.css?url'
import type { Route } from './+types/pact-review'

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: editorCss },
  { rel: 'stylesheet', href: signOffCss },
]

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.pact.title ?? 'Pact'} · Artikelen beoordelen · Pactwerk` },
]

// A refusal because an item changed must show its new text: reload even though the action failed.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, membership } = await requirePactAccess(request, params.pactId, 'view')
  const page = await reviewPage(params.pactId, user.id, new URL(request.url).searchParams.get('partij'))
  return { ...page, access: membership.access }
}

export async function action({ request, params }: Route.ActionArgs) {
  // Deciding is for signatories, whatever their access; the back end checks that.
  const { user } = await requirePactAccess(request, params.pactId, 'view')
  const submission = parseWithZod(await request.formData(), { schema: reviewSchema })
  if (submission.status !== 'success') return invalidAnswer('review', submission)
  const { partyId, decisions } = submission.value
  try {
    await decideOnItems({ pactId: params.pactId, partyId, userId: user.id, items: decisions })
    return answer('review', submission.reply({ resetForm: true }), { done: 'signoff.review.saved', count: decisions.length })
  } catch (error) {
    if (error instanceof SignOffError && error.code === 'stale-content') {
      // Nothing was written: name the changed items, so the page shows their new text and keeps the other choices.
      const message = error.items.length === 1 ? 'signoff.review.errors.stale_one' : 'signoff.review.errors.stale_other'
      return answer('review', submission.reply({ formErrors: [message] }), { status: 409, stale: [...error.items] })
    }
    if (!(error instanceof Refusal)) throw error
    return refusedAnswer('review', submission, error)
  }
}

export default function PactReview() {
  const { t } = useTranslation()
  const { pact, decisionsOpen, parties, party, items, access } = useLoaderData<typeof loader>()
  useLivePact(pact.id)
  return (
    <div className="pw-stack">
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${pact.id}/akkoord`}>
          {t('signoff.backToMatrix')}
        </Link>
      </Paragraph>
      <PageHeader
        title={party ? t('signoff.review.titleFor', { party: party.name }) : t('signoff.review.title')}
        lead={t('signoff.review.lead')}
      />
      {parties.length > 1 && party ? (
        <Form method="get" className="pw-inline-form">
          <Select
            id="review-party"
            name="partij"
            label={t('signoff.review.partyLegend')}
            options={parties.map((option) => ({ value: option.id, label: option.name }))}
            defaultValue={party.id}
          />
          <Button appearance="secondary">{t('signoff.review.switchParty')}</Button>
        </Form>
      ) : null}
      <ReviewSaved />
      {!decisionsOpen ? (
        <ReadOnlyNotice reason="pact-signed" access={access} pactId={pact.id} />
      ) : !party ? (
        <Paragraph>{t('signoff.review.notSignatory')}</Paragraph>
      ) : items.length === 0 ? (
        <Paragraph>{t('signoff.review.none', { party: party.name })}</Paragraph>
      ) : (
        <ReviewFlow key={party.id} pactId={pact.id} party={party} items={items} canDecideSuggestions={can(access, 'edit')} />
      )}
    </div>
  )
}
