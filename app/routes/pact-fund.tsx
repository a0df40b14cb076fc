import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { data, Form, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { can } from '#app/access/access.ts'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { forbidden, Refusal, refusalResponse } from '#app/platform/errors.ts'
import { useLivePact } from '#app/platform/events/use-live-pact.ts'
import { messageKey, messageText } from '#app/platform/i18n/keys.ts'
import { formatCents } from '#app/platform/money.ts'
import { Table } from '#app/platform/ui/table.tsx'
import { Alert, Button, Heading, Paragraph, SelectField, TextField } from '#app/platform/ui/ui.tsx'
import { decideOnFundDecision, proposeFundDecision } from '#app/settlement/settlement.server.ts'
import { fundProposalSchema } from '#app/settlement/forms.ts'
import { ApprovalForm, BalanceChart } from '#app/settlement/ui.tsx'
import { fundPage } from '#app/settlement/views.server.ts'
import { useDates } from '#app/sign-off/ui.tsx'
import trackingCss from '#app/tracking/tracking.css?url'
import { checkAsFilledIn } from '#app/platform/forms.ts'
import type { Route } from './+types/pact-fund'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: trackingCss }]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Revolverend fonds · ${data?.pact.title ?? 'Pact'} · Pactwerk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, membership } = await requirePactAccess(request, params.pactId, 'view')
  return { ...(await fundPage(params.pactId, user.id)), maySettle: can(membership.access, 'settle') }
}

const decideSchema = z.object({
  intent: z.literal('decide'),
  decisionId: z.string().min(1),
  seenHash: z.string().min(1),
  partyId: z.string().min(1),
  decision: z.enum(['akkoord', 'niet-akkoord']),
  reason: z.string().max(2000).optional(),
})

export async function action({ request, params }: Route.ActionArgs) {
  const { user, membership } = await requirePactAccess(request, params.pactId, 'comment')
  const formData = await request.formData()
  try {
    if (formData.get('intent') === 'propose') {
      if (!can(membership.access, 'settle')) throw refusalResponse(forbidden())
      const submission = parseWithZod(formData, { schema: fundProposalSchema })
      if (submission.status !== 'success') return data({ result: submission.reply(), error: null, done: null }, { status: 400 })
      const { amount, purpose, resultAreaId } = submission.value
      await proposeFundDecision({
        pactId: params.pactId,
        amountCents: amount,
        purpose,
        resultAreaId: resultAreaId || null,
        actorId: user.id,
      })
      return { result: submission.reply({ resetForm: true }), error: null, done: messageKey('settlement.fund.proposed') }
    }
    const parsed = decideSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success)
      return data({ result: undefined, error: messageKey('settlement.errors.unknown'), done: null }, { status: 400 })
    await decideOnFundDecision({ pactId: params.pactId, userId: user.id, ...parsed.data, reason: parsed.data.reason ?? null })
    return { result: undefined, error: null, done: messageKey('settlement.approvals.decided') }
  } catch (error) {
    if (error instanceof Refusal)
      return data({ result: undefined, error: error.messageKey, done: null }, { status: error.status })
    throw error
  }
}

export default function PactFund() {
  const { t } = useTranslation()
  const { date } = useDates()
  const page = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult: outcome?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: fundProposalSchema }),
    ...checkAsFilledIn,
  })
  useLivePact(page.pact.id)
  const points = page.ledger.points.map((point) => ({ date: date(point.bookedAt), cents: point.balanceCents }))
  return (
    <div className="pw-stack">
      <Heading level={1}>{t('settlement.fund.title')}</Heading>
      <Paragraph lead>{t('settlement.fund.lead')}</Paragraph>
      {outcome?.done ? <Alert type="ok">{t(outcome.done)}</Alert> : null}
      {outcome?.error ? <Alert type="error">{messageText(t, outcome.error)}</Alert> : null}
      <Paragraph>{t('settlement.fund.balance', { amount: formatCents(page.ledger.balanceCents) })}</Paragraph>
      {page.bookings.length === 0 ? (
        <Paragraph>{t('settlement.fund.empty')}</Paragraph>
      ) : (
        <>
          <BalanceChart label={t('settlement.fund.chartTitle')} points={points} />
          <Table
            caption={t('settlement.fund.ledgerCaption')}
            columns={[
              { header: t('settlement.fund.date'), cell: ({ booking }) => date(booking.bookedAt) },
              { header: t('settlement.fund.year'), cell: ({ booking }) => booking.year },
              {
                header: t('settlement.fund.source'),
                cell: ({ booking }) =>
                  booking.settlement
                    ? t('settlement.fund.fromSettlement', booking.settlement)
                    : t('settlement.fund.fromDecision', { purpose: booking.purpose ?? '' }),
              },
              {
                header: t('settlement.fund.amount'),
                numeric: true,
                cell: ({ booking, balanceCents }) => `${formatCents(booking.cents)} (${formatCents(balanceCents)})`,
              },
            ]}
            rows={page.bookings.map((booking, index) => ({
              booking,
              balanceCents: page.ledger.points[index]!.balanceCents,
            }))}
            rowKey={({ booking }) => String(booking.id)}
          />
          <Table
            caption={t('settlement.fund.perYearCaption')}
            columns={[
              { header: t('settlement.fund.year'), rowHeader: true, cell: (year) => year.year },
              { header: t('settlement.fund.in'), numeric: true, cell: (year) => formatCents(year.inCents) },
              { header: t('settlement.fund.out'), numeric: true, cell: (year) => formatCents(year.outCents) },
            ]}
            rows={page.ledger.years}
            rowKey={(year) => String(year.year)}
          />
        </>
      )}

      {page.decisions.length > 0 ? (
        <section className="pw-stack" aria-labelledby="fund-decisions">
          <Heading level={2} id="fund-decisions">
            {t('settlement.fund.decisionsCaption')}
          </Heading>
          {page.decisions.map((decision) => (
            <article key={decision.id} className="pw-stack">
              <Heading level={3}>
                {decision.purpose} · {formatCents(decision.amountCents)}
              </Heading>
              <Paragraph>
                {t(`settlement.fund.decisionStatus.${decision.status}`)}
                {decision.resultAreaId ? ` · ${page.areaTitles[decision.resultAreaId] ?? decision.resultAreaId}` : ''}
              </Paragraph>
              <ul>
                {decision.approvals.parties.map((party) => (
                  <li key={party.partyId}>
                    {page.partyNames[party.partyId] ?? party.partyId}: {t(`settlement.approvals.statuses.${party.status}`)}
                    {party.reason ? ` — ${party.reason}` : ''}
                  </li>
                ))}
              </ul>
              {decision.status === 'open'
                ? page.decidesFor.map((partyId) => (
                    <ApprovalForm
                      key={partyId}
                      subject={{ field: 'decisionId', id: decision.id }}
                      hash={decision.hash}
                      partyId={partyId}
                      partyName={page.partyNames[partyId] ?? partyId}
                    />
                  ))
                : null}
            </article>
          ))}
        </section>
      ) : null}

      {page.maySettle ? (
        <Form method="post" className="pw-stack" {...getFormProps(form)}>
          <fieldset className="pw-stack">
            <legend>{t('settlement.fund.proposeTitle')}</legend>
            <input type="hidden" name="intent" value="propose" />
            <TextField field={fields.amount} label={t('settlement.fund.amount')} inputMode="decimal" />
            <TextField field={fields.purpose} label={t('settlement.fund.purpose')} />
            <SelectField
              field={fields.resultAreaId}
              label={t('settlement.fund.resultArea')}
              placeholder={t('settlement.fund.noResultArea')}
              options={Object.entries(page.areaTitles).map(([value, label]) => ({ value, label }))}
            />
          </fieldset>
          <Button type="submit">{t('settlement.fund.propose')}</Button>
        </Form>
      ) : null}
    </div>
  )
}
