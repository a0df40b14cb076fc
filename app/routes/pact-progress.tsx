import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { data, Form, Link, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { can } from '#app/access/access.ts'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { Table } from '#app/platform/ui/table.tsx'
import { useLivePact } from '#app/platform/events/use-live-pact.ts'
import { Alert, Button, buttonClass, Heading, Paragraph } from '#app/platform/ui/ui.tsx'
import { fixPeriod, TrackingError } from '#app/tracking/tracking.server.ts'
import { SpendingChart } from '#app/tracking/charts.tsx'
import { IndicatorSummaryTable, RiskOutcomesTable, SpentThisYear, StatusRule } from '#app/tracking/ui.tsx'
import { progressView } from '#app/tracking/views.server.ts'
import { useDates } from '#app/sign-off/ui.tsx'
import trackingCss from '#app/tracking/tracking.css?url'
import type { Route } from './+types/pact-progress'
import { messageKey } from '#app/platform/i18n/keys.ts'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: trackingCss }]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pact.title ?? 'Pact'} · Voortgang · Pactwerk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const { membership } = await requirePactAccess(request, params.pactId, 'view')
  const { pact, versions, progress, riskOutcomes, fixings, fixable, data: tracking } = await progressView(params.pactId)
  return {
    pact,
    versions,
    progress,
    riskOutcomes,
    partyNames: Object.fromEntries(tracking.parties.map((party) => [party.id, party.name])),
    areaTitles: Object.fromEntries((progress?.areas ?? []).map((area) => [area.id, area.title])),
    fixings,
    fixable,
    mayReport: can(membership.access, 'report'),
    mayFix: can(membership.access, 'fix-period'),
  }
}

const fixSchema = z.object({ period: z.string({ error: 'tracking.errors.period.required' }) })

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requirePactAccess(request, params.pactId, 'fix-period')
  const submission = parseWithZod(await request.formData(), { schema: fixSchema })
  if (submission.status !== 'success')
    return data({ error: messageKey('tracking.errors.period.required'), fixed: null }, { status: 400 })
  try {
    await fixPeriod(params.pactId, user.id, submission.value.period)
  } catch (error) {
    if (error instanceof TrackingError)
      return data({ error: messageKey(`tracking.refusals.${error.code}`), fixed: null }, { status: 409 })
    throw error
  }
  return { error: null, fixed: submission.value.period }
}

export default function PactProgress() {
  const { t } = useTranslation()
  const { date } = useDates()
  const { pact, versions, progress, riskOutcomes, partyNames, areaTitles, fixings, fixable, mayReport, mayFix } =
    useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  useLivePact(pact.id)
  const base = `/pacts/${pact.id}/voortgang`
  return (
    <div className="pw-stack">
      <Heading level={1}>{t('tracking.progress.title')}</Heading>
      {!progress ? (
        <Paragraph lead>{t('tracking.progress.notSigned')}</Paragraph>
      ) : (
        <>
          <Paragraph lead>{t('tracking.progress.lead')}</Paragraph>
          {outcome?.fixed ? <Alert type="ok">{t('tracking.fix.done', { period: outcome.fixed })}</Alert> : null}
          {outcome?.error ? <Alert type="error">{t(outcome.error)}</Alert> : null}
          <nav className="pw-actions" aria-label={t('tracking.progress.actions')}>
            {mayReport ? (
              <>
                <Link className={buttonClass('primary')} to={`${base}/rapporteren`}>
                  {t('tracking.nav.report')}
                </Link>
                <Link className={buttonClass('secondary')} to={`${base}/import`}>
                  {t('tracking.nav.import')}
                </Link>
              </>
            ) : null}
            <a className={buttonClass('secondary')} href={`${base}/export.csv?soort=realisaties`} download>
              {t('tracking.nav.exportRealisations')}
            </a>
            <a className={buttonClass('secondary')} href={`${base}/export.csv?soort=uitgaven`} download>
              {t('tracking.nav.exportSpending')}
            </a>
          </nav>

          <Table
            caption={t('tracking.progress.yearsCaption')}
            rows={progress.years}
            rowKey={(year) => String(year.year)}
            columns={[
              { header: t('tracking.fields.year'), rowHeader: true, cell: (year) => year.year },
              {
                header: t('tracking.progress.versionInForce'),
                cell: (year) => {
                  const signed = versions.find((version) => version.number === year.versionNumber)
                  return (
                    <>
                      <Link className="utrecht-link" to={`/pacts/${pact.id}/versies/${year.versionNumber}`}>
                        {t('signoff.versions.name', { number: year.versionNumber })}
                      </Link>
                      {signed ? ` (${date(signed.signedAt)})` : ''}
                    </>
                  )
                },
              },
              {
                header: t('tracking.fields.cellStatus'),
                cell: (year) => (year.fixed ? t('tracking.cell.vastgesteld') : t('tracking.progress.open')),
              },
            ]}
          />

          <nav className="pw-actions" aria-label={t('settlement.nav.links')}>
            {progress.years
              .filter((year) => year.fixed)
              .map((year) => (
                <Link key={year.year} className={buttonClass('secondary')} to={`/pacts/${pact.id}/afrekening/${year.year}`}>
                  {t('settlement.nav.settlementOf', { year: year.year })}
                </Link>
              ))}
            <Link className={buttonClass('secondary')} to={`/pacts/${pact.id}/fonds`}>
              {t('settlement.nav.fund')}
            </Link>
          </nav>

          <SpentThisYear year={progress.reportingYear} {...progress.reportingYearTotals} />
          <StatusRule />

          {progress.areas.map((area) => (
            <section key={area.id} className="pw-stack" aria-labelledby={`area-${area.id}`}>
              <Heading level={2} id={`area-${area.id}`}>
                {area.title}
              </Heading>
              <Paragraph>
                <Link className="utrecht-link" to={`${base}/${area.id}`}>
                  {t('tracking.progress.openArea', { title: area.title })}
                </Link>
              </Paragraph>
              <IndicatorSummaryTable area={area} />
              <SpentThisYear year={progress.reportingYear} {...area.reportingYear} />
              <SpendingChart area={area} />
            </section>
          ))}

          <section className="pw-stack" aria-labelledby="risk-title">
            <Heading level={2} id="risk-title">
              {t('tracking.risk.title')}
            </Heading>
            <Paragraph>{t('tracking.risk.lead')}</Paragraph>
            {riskOutcomes.length === 0 ? (
              <Paragraph>{t('tracking.risk.none')}</Paragraph>
            ) : (
              <RiskOutcomesTable outcomes={riskOutcomes} partyNames={partyNames} areaTitles={areaTitles} />
            )}
          </section>

          <section className="pw-stack" aria-labelledby="fixings-title">
            <Heading level={2} id="fixings-title">
              {t('tracking.fix.title')}
            </Heading>
            <Paragraph>{t('tracking.fix.lead')}</Paragraph>
            {fixings.length === 0 ? (
              <Paragraph>{t('tracking.fix.none')}</Paragraph>
            ) : (
              <ul>
                {fixings.map((fixing) => (
                  <li key={fixing.period}>
                    {t('tracking.fix.item', {
                      period: fixing.period,
                      name: fixing.fixed_by_name,
                      date: date(fixing.fixed_at),
                      number: fixing.version_number,
                    })}
                  </li>
                ))}
              </ul>
            )}
            {mayFix && fixable.length > 0 ? (
              <Form method="post" className="pw-inline-form">
                <label className="utrecht-form-label" htmlFor="fix-period">
                  {t('tracking.fields.period')}
                </label>
                <select id="fix-period" name="period" className="utrecht-select utrecht-select--html-select">
                  {fixable.map((period) => (
                    <option key={period} value={period}>
                      {period}
                    </option>
                  ))}
                </select>
                <Button appearance="secondary">{t('tracking.fix.submit')}</Button>
              </Form>
            ) : null}
          </section>
        </>
      )}
    </div>
  )
}
