import { useTranslation } from 'react-i18next'
import { data, Form, Link, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { can } from '#app/access/access.ts'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { forbidden, notFound, Refusal, refusalResponse } from '#app/platform/errors.ts'
import { useLivePact } from '#app/platform/events/use-live-pact.ts'
import { messageKey, messageText } from '#app/platform/i18n/keys.ts'
import { formatDutchNumber } from '#app/platform/dutch-number.ts'
import { formatCents, formatCentsPlain } from '#app/platform/money.ts'
import { Table } from '#app/platform/ui/table.tsx'
import { Alert, Button, Heading, Paragraph } from '#app/platform/ui/ui.tsx'
import { divisionFromForm } from '#app/settlement/division-form.ts'
import { decideOnSettlement, openSettlement, setDivision } from '#app/settlement/settlement.server.ts'
import { shareLines } from '#app/settlement/statement.ts'
import { ApprovalForm, SharesChart, useHolderName } from '#app/settlement/ui.tsx'
import { settlementPage } from '#app/settlement/views.server.ts'
import { useDates } from '#app/sign-off/ui.tsx'
import trackingCss from '#app/tracking/tracking.css?url'
import type { Route } from './+types/pact-settlement'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: trackingCss }]

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Afrekening ${data?.year ?? ''} · ${data?.pact.title ?? 'Pact'} · Pactwerk` },
]

function yearOf(text: string | undefined): number {
  const year = Number(text)
  if (!text || !/^\d{4}$/.test(text)) throw refusalResponse(notFound())
  return year
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, membership } = await requirePactAccess(request, params.pactId, 'view')
  const page = await settlementPage(params.pactId, yearOf(params.jaar), user.id)
  if (!page.knownYear) throw refusalResponse(notFound())
  return { ...page, maySettle: can(membership.access, 'settle') }
}

const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('open') }),
  z.object({ intent: z.literal('division'), ruleId: z.string().min(1) }).loose(),
  z.object({
    intent: z.literal('decide'),
    settlementId: z.string().min(1),
    seenHash: z.string().min(1),
    partyId: z.string().min(1),
    decision: z.enum(['akkoord', 'niet-akkoord']),
    reason: z.string().max(2000).optional(),
  }),
])

export async function action({ request, params }: Route.ActionArgs) {
  // Deciding is for those who may take part in the discussion (and then only for a party they sign for).
  const { user, membership } = await requirePactAccess(request, params.pactId, 'comment')
  const year = yearOf(params.jaar)
  const fields = Object.fromEntries(await request.formData())
  const parsed = actionSchema.safeParse(fields)
  if (!parsed.success) return data({ error: messageKey('settlement.errors.unknown'), done: null }, { status: 400 })
  const input = parsed.data
  try {
    if (input.intent === 'open') {
      if (!can(membership.access, 'settle')) throw refusalResponse(forbidden())
      await openSettlement(params.pactId, year, user.id)
      return { error: null, done: messageKey('settlement.page.opened') }
    }
    if (input.intent === 'division') {
      if (!can(membership.access, 'settle')) throw refusalResponse(forbidden())
      const { municipalities } = await settlementPage(params.pactId, year, user.id)
      const read = divisionFromForm(
        fields,
        municipalities.map((municipality) => municipality.id),
      )
      if (!read.ok) return data({ error: read.problem, done: null }, { status: 400 })
      await setDivision(params.pactId, input.ruleId, read.division, user.id)
      return { error: null, done: messageKey('settlement.division.saved') }
    }
    const final = await decideOnSettlement({ pactId: params.pactId, userId: user.id, reason: input.reason ?? null, ...input })
    return { error: null, done: final ? messageKey('settlement.approvals.final') : messageKey('settlement.approvals.decided') }
  } catch (error) {
    if (error instanceof Refusal) return data({ error: error.messageKey, done: null }, { status: error.status })
    throw error
  }
}

export default function PactSettlement() {
  const { t } = useTranslation()
  const { dateTime } = useDates()
  const page = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const holderName = useHolderName(page.partyNames)
  useLivePact(page.pact.id)
  const { inForce, approvals } = page
  const ruleTitle = (rule: { ruleId: string }) => {
    const scope = inForce?.inputs.rules.find((candidate) => candidate.ruleId === rule.ruleId)?.scope
    return scope?.kind === 'result-area'
      ? t('settlement.page.ruleArea', { title: page.areaTitles[scope.resultAreaId] ?? scope.resultAreaId })
      : t('settlement.page.rulePact')
  }
  return (
    <div className="pw-stack">
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${page.pact.id}/voortgang`}>
          {t('settlement.page.back')}
        </Link>
      </Paragraph>
      <Heading level={1}>{t('settlement.page.title', { year: page.year })}</Heading>
      <Paragraph lead>{t('settlement.page.lead', { year: page.year })}</Paragraph>
      {outcome?.done ? <Alert type="ok">{t(outcome.done)}</Alert> : null}
      {outcome?.error ? <Alert type="error">{messageText(t, outcome.error)}</Alert> : null}
      {page.problem ? (
        <Alert type="info">
          {t('settlement.page.notYet')} {messageText(t, page.problem)}
        </Alert>
      ) : null}
      {page.revisionNeeded ? <Alert type="warning">{t('settlement.page.revisionNeeded')}</Alert> : null}
      {page.stale ? <Alert type="warning">{t('settlement.errors.stale')}</Alert> : null}
      {page.maySettle && page.divisions.length > 0 ? (
        <section className="pw-stack" aria-labelledby="settlement-division">
          <p id="settlement-division" className="utrecht-paragraph">
            {t('settlement.division.lead')}
          </p>
          {page.divisions.map(({ ruleId, scope, division }) => (
            <Form key={ruleId} method="post" className="pw-stack">
              <fieldset className="pw-stack">
                <legend>
                  {t('settlement.division.title', {
                    rule:
                      scope.kind === 'result-area'
                        ? t('settlement.page.ruleArea', { title: page.areaTitles[scope.resultAreaId] ?? scope.resultAreaId })
                        : t('settlement.page.rulePact'),
                  })}
                </legend>
                <input type="hidden" name="intent" value="division" />
                <input type="hidden" name="ruleId" value={ruleId} />
                <label htmlFor={`solidarity-${ruleId}`}>{t('settlement.division.solidarity')}</label>
                <p id={`solidarity-help-${ruleId}`}>{t('settlement.division.solidarityHelp')}</p>
                <input
                  id={`solidarity-${ruleId}`}
                  name="solidariteit"
                  inputMode="decimal"
                  aria-describedby={`solidarity-help-${ruleId}`}
                  defaultValue={formatDutchNumber(division?.solidarityPercent ?? 100)}
                  className="utrecht-textbox"
                />
                {page.municipalities.map((municipality) => {
                  const entry = division?.key.find((candidate) => candidate.partyId === municipality.id)
                  return (
                    <div key={municipality.id} className="pw-stack">
                      <label htmlFor={`key-${ruleId}-${municipality.id}`}>
                        {t('settlement.division.key', { name: municipality.name })}
                      </label>
                      <input
                        id={`key-${ruleId}-${municipality.id}`}
                        name={`sleutel-${municipality.id}`}
                        inputMode="decimal"
                        defaultValue={entry ? formatDutchNumber(entry.percent) : ''}
                        className="utrecht-textbox"
                      />
                      <label htmlFor={`cap-${ruleId}-${municipality.id}`}>
                        {t('settlement.division.cap', { name: municipality.name })}
                      </label>
                      <input
                        id={`cap-${ruleId}-${municipality.id}`}
                        name={`maximum-${municipality.id}`}
                        inputMode="decimal"
                        defaultValue={entry?.capCents != null ? formatCentsPlain(entry.capCents) : ''}
                        className="utrecht-textbox"
                      />
                    </div>
                  )
                })}
              </fieldset>
              <Button type="submit">{t('settlement.division.save')}</Button>
            </Form>
          ))}
        </section>
      ) : null}
      {page.maySettle && page.canOpen ? (
        <Form method="post">
          <input type="hidden" name="intent" value="open" />
          <Button type="submit">{inForce ? t('settlement.page.openRevision') : t('settlement.page.open')}</Button>
        </Form>
      ) : null}

      {inForce ? (
        <section className="pw-stack" aria-labelledby="settlement-in-force">
          <Heading level={2} id="settlement-in-force">
            {t('settlement.page.settlementNumber', { year: page.year, number: inForce.number })}
          </Heading>
          <Paragraph>
            {t(`settlement.status.${inForce.status}`)} · {t('settlement.page.version', { number: inForce.versionNumber })}
          </Paragraph>
          <Paragraph>
            {t('settlement.page.hash')}: <code>{inForce.hash}</code>
          </Paragraph>
          <Paragraph>{t('settlement.page.shareHelp')}</Paragraph>
          {inForce.outcome.rules.map((rule) => {
            const lines = shareLines(rule).map((line) => ({ name: holderName(line.holder), cents: line.cents }))
            const title = ruleTitle(rule)
            return (
              <section key={rule.ruleId} className="pw-stack" aria-label={title}>
                <Heading level={3}>{title}</Heading>
                <Table
                  caption={title}
                  columns={[
                    { header: t('settlement.page.budget'), numeric: true, cell: (row) => formatCents(row.budgetCents) },
                    { header: t('settlement.page.actual'), numeric: true, cell: (row) => formatCents(row.actualCents) },
                    { header: t('settlement.page.deviation'), numeric: true, cell: (row) => formatCents(row.deviationCents) },
                  ]}
                  rows={[rule]}
                  rowKey={(row) => row.ruleId}
                />
                <Table
                  caption={t('settlement.page.chartTitle', { year: page.year })}
                  columns={[
                    { header: t('settlement.page.party'), rowHeader: true, cell: (line) => line.name },
                    { header: t('settlement.page.share'), numeric: true, cell: (line) => formatCents(line.cents) },
                  ]}
                  rows={lines}
                  rowKey={(line) => line.name}
                />
                <SharesChart title={t('settlement.page.chartTitle', { year: page.year })} shares={lines} />
              </section>
            )
          })}
          <Paragraph>
            <a className="utrecht-link" href={`/pacts/${page.pact.id}/afrekening/${page.year}.csv`} download>
              {t('settlement.page.csv')}
            </a>
            {inForce.status === 'definitief' ? (
              <>
                {' · '}
                <a className="utrecht-link" href={`/pacts/${page.pact.id}/afrekening/${page.year}.pdf`} download>
                  {t('settlement.statement.pdf')}
                </a>
              </>
            ) : null}
          </Paragraph>

          {page.history.length > 0 ? (
            <section className="pw-stack" aria-labelledby="settlement-history">
              <Heading level={3} id="settlement-history">
                {t('settlement.page.history', { year: page.year })}
              </Heading>
              <ul>
                {page.history.map((settlement) => (
                  <li key={settlement.id}>
                    {t('settlement.page.settlementNumber', { year: page.year, number: settlement.number })}:{' '}
                    {t(`settlement.status.${settlement.status}`)}, {t('settlement.page.superseded')}{' '}
                    <code>{settlement.hash.slice(0, 12)}</code>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          {approvals ? (
            <section className="pw-stack" aria-labelledby="settlement-approvals">
              <Heading level={2} id="settlement-approvals">
                {t('settlement.approvals.title')}
              </Heading>
              <Table
                caption={t('settlement.approvals.title')}
                columns={[
                  {
                    header: t('settlement.approvals.party'),
                    rowHeader: true,
                    cell: (party) => page.partyNames[party.partyId] ?? party.partyId,
                  },
                  {
                    header: t('settlement.approvals.status'),
                    cell: (party) =>
                      `${t(`settlement.approvals.statuses.${party.status}`)}${party.decidedAt ? ` (${dateTime(party.decidedAt)})` : ''}`,
                  },
                  { header: t('settlement.approvals.reason'), cell: (party) => party.reason ?? '' },
                ]}
                rows={approvals.parties}
                rowKey={(party) => party.partyId}
              />
              {inForce.status === 'open' && !page.stale
                ? page.decidesFor
                    .filter((partyId) => page.signingParties.includes(partyId))
                    .map((partyId) => (
                      <ApprovalForm
                        key={partyId}
                        subject={{ field: 'settlementId', id: inForce.id }}
                        hash={inForce.hash}
                        partyId={partyId}
                        partyName={page.partyNames[partyId] ?? partyId}
                      />
                    ))
                : null}
            </section>
          ) : null}
        </section>
      ) : null}
    </div>
  )
}
