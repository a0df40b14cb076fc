import { useTranslation } from 'react-i18next'
import { data, Form, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { can } from '#app/access/access.ts'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { forbidden, Refusal, refusalResponse } from '#app/platform/errors.ts'
import { useLivePact } from '#app/platform/events/use-live-pact.ts'
import { messageKey, messageText } from '#app/platform/i18n/keys.ts'
import { formatCents, parseEuroToCents } from '#app/platform/money.ts'
import { Alert, Button, Heading, Paragraph } from '#app/platform/ui/ui.tsx'
import { decideOnFundDecision, proposeFundDecision } from '#app/settlement/settlement.server.ts'
import { BalanceChart } from '#app/settlement/ui.tsx'
import { fundPage } from '#app/settlement/views.server.ts'
import { useDates } from '#app/sign-off/ui.tsx'
import trackingCss from '#app/tracking/tracking.css?url'
import type { Route } from './+types/pact-fund'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: trackingCss }]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Revolverend fonds · ${data?.pact.title ?? 'Pact'} · Pactwerk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, membership } = await requirePactAccess(request, params.pactId, 'view')
  return { ...(await fundPage(params.pactId, user.id)), maySettle: can(membership.access, 'settle') }
}

const actionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('propose'),
    amount: z.string(),
    purpose: z.string().max(500),
    resultAreaId: z.string().optional(),
  }),
  z.object({
    intent: z.literal('decide'),
    decisionId: z.string().min(1),
    seenHash: z.string().min(1),
    partyId: z.string().min(1),
    decision: z.enum(['akkoord', 'niet-akkoord']),
    reason: z.string().max(2000).optional(),
  }),
])

export async function action({ request, params }: Route.ActionArgs) {
  const { user, membership } = await requirePactAccess(request, params.pactId, 'comment')
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ error: messageKey('settlement.errors.unknown'), done: null }, { status: 400 })
  const input = parsed.data
  try {
    if (input.intent === 'propose') {
      if (!can(membership.access, 'settle')) throw refusalResponse(forbidden())
      const amount = parseEuroToCents(input.amount)
      if (!amount.ok) return data({ error: messageKey('settlement.errors.fund.amountInvalid'), done: null }, { status: 400 })
      await proposeFundDecision({
        pactId: params.pactId,
        amountCents: amount.cents,
        purpose: input.purpose,
        resultAreaId: input.resultAreaId || null,
        actorId: user.id,
      })
      return { error: null, done: messageKey('settlement.fund.proposed') }
    }
    await decideOnFundDecision({ pactId: params.pactId, userId: user.id, reason: input.reason ?? null, ...input })
    return { error: null, done: messageKey('settlement.approvals.decided') }
  } catch (error) {
    if (error instanceof Refusal) return data({ error: error.messageKey, done: null }, { status: error.status })
    throw error
  }
}

export default function PactFund() {
  const { t } = useTranslation()
  const { date } = useDates()
  const page = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
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
          <div className="pw-table-wrap">
            <table className="utrecht-table">
              <caption className="utrecht-table__caption">{t('settlement.fund.ledgerCaption')}</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="col">
                    {t('settlement.fund.date')}
                  </th>
                  <th className="utrecht-table__header-cell" scope="col">
                    {t('settlement.fund.year')}
                  </th>
                  <th className="utrecht-table__header-cell" scope="col">
                    {t('settlement.fund.source')}
                  </th>
                  <th className="utrecht-table__header-cell" scope="col">
                    {t('settlement.fund.amount')}
                  </th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {page.bookings.map((booking, index) => (
                  <tr key={booking.id} className="utrecht-table__row">
                    <td className="utrecht-table__cell">{date(booking.bookedAt)}</td>
                    <td className="utrecht-table__cell">{booking.year}</td>
                    <td className="utrecht-table__cell">
                      {booking.settlement
                        ? t('settlement.fund.fromSettlement', booking.settlement)
                        : t('settlement.fund.fromDecision', { purpose: booking.purpose ?? '' })}
                    </td>
                    <td className="utrecht-table__cell utrecht-table__cell--numeric-data">
                      {formatCents(booking.cents)} ({formatCents(page.ledger.points[index]!.balanceCents)})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pw-table-wrap">
            <table className="utrecht-table">
              <caption className="utrecht-table__caption">{t('settlement.fund.perYearCaption')}</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="col">
                    {t('settlement.fund.year')}
                  </th>
                  <th className="utrecht-table__header-cell" scope="col">
                    {t('settlement.fund.in')}
                  </th>
                  <th className="utrecht-table__header-cell" scope="col">
                    {t('settlement.fund.out')}
                  </th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {page.ledger.years.map((year) => (
                  <tr key={year.year} className="utrecht-table__row">
                    <th className="utrecht-table__header-cell" scope="row">
                      {year.year}
                    </th>
                    <td className="utrecht-table__cell utrecht-table__cell--numeric-data">{formatCents(year.inCents)}</td>
                    <td className="utrecht-table__cell utrecht-table__cell--numeric-data">{formatCents(year.outCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
                    <Form key={partyId} method="post" className="pw-stack">
                      <fieldset className="pw-stack">
                        <legend>{t('settlement.approvals.decide', { party: page.partyNames[partyId] ?? partyId })}</legend>
                        <input type="hidden" name="intent" value="decide" />
                        <input type="hidden" name="decisionId" value={decision.id} />
                        <input type="hidden" name="seenHash" value={decision.hash} />
                        <input type="hidden" name="partyId" value={partyId} />
                        <label>
                          <input type="radio" name="decision" value="akkoord" defaultChecked />{' '}
                          {t('settlement.approvals.akkoord')}
                        </label>
                        <label>
                          <input type="radio" name="decision" value="niet-akkoord" /> {t('settlement.approvals.nietAkkoord')}
                        </label>
                        <label htmlFor={`reason-${decision.id}-${partyId}`}>{t('settlement.approvals.reasonLabel')}</label>
                        <textarea id={`reason-${decision.id}-${partyId}`} name="reason" rows={2} className="utrecht-textarea" />
                      </fieldset>
                      <Button type="submit">{t('settlement.approvals.submit')}</Button>
                    </Form>
                  ))
                : null}
            </article>
          ))}
        </section>
      ) : null}

      {page.maySettle ? (
        <Form method="post" className="pw-stack">
          <fieldset className="pw-stack">
            <legend>{t('settlement.fund.proposeTitle')}</legend>
            <input type="hidden" name="intent" value="propose" />
            <label htmlFor="fund-amount">{t('settlement.fund.amount')}</label>
            <input id="fund-amount" name="amount" inputMode="decimal" required className="utrecht-textbox" />
            <label htmlFor="fund-purpose">{t('settlement.fund.purpose')}</label>
            <input id="fund-purpose" name="purpose" required maxLength={500} className="utrecht-textbox" />
            <label htmlFor="fund-area">{t('settlement.fund.resultArea')}</label>
            <select id="fund-area" name="resultAreaId" className="utrecht-select">
              <option value="">{t('settlement.fund.noResultArea')}</option>
              {Object.entries(page.areaTitles).map(([id, title]) => (
                <option key={id} value={id}>
                  {title}
                </option>
              ))}
            </select>
          </fieldset>
          <Button type="submit">{t('settlement.fund.propose')}</Button>
        </Form>
      ) : null}
    </div>
  )
}
