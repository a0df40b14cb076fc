import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { data, Form, Link, useActionData, useLoaderData } from 'react-router'
import { z } from 'zod'
import { can } from '#app/access/access.ts'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { Table } from '#app/platform/ui/table.tsx'
import { notFound, refusalResponse } from '#app/platform/errors.ts'
import { useLivePact } from '#app/platform/events/use-live-pact.ts'
import { formatCents } from '#app/platform/money.ts'
import { Alert, Button, Heading, Paragraph } from '#app/platform/ui/ui.tsx'
import { FREQUENCIES } from '#app/tracking/periods.ts'
import { setFrequency, TrackingError } from '#app/tracking/tracking.server.ts'
import { useDates } from '#app/sign-off/ui.tsx'
import { byPeriod } from '#app/tracking/records.ts'
import { IndicatorChart, SpendingChart } from '#app/tracking/charts.tsx'
import { SpentThisYear, StatusBadge, StatusRule, useMeasured } from '#app/tracking/ui.tsx'
import { cellHistories, progressView } from '#app/tracking/views.server.ts'
import trackingCss from '#app/tracking/tracking.css?url'
import type { Route } from './+types/pact-progress-area'
import { messageKey } from '#app/platform/i18n/keys.ts'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: trackingCss }]

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.area.title ?? 'Resultaatgebied'} · Voortgang · Pactwerk` },
]

export async function loader({ request, params }: Route.LoaderArgs) {
  const { membership } = await requirePactAccess(request, params.pactId, 'view')
  const view = await progressView(params.pactId)
  const area = view.progress?.areas.find((candidate) => candidate.id === params.areaId)
  if (!area) throw refusalResponse(notFound())
  const partyName = (id: string) => view.data.parties.find((party) => party.id === id)?.name ?? id
  const indicatorName = (id: string | null) => area.indicators.find((indicator) => indicator.id === id)?.name ?? id ?? ''
  const history = cellHistories(view.data, (record) => record.resultAreaId === area.id)
    .sort(byPeriod)
    .map((cell) => ({
      key: cell.key,
      period: cell.period,
      what: cell.kind === 'realisatie' ? indicatorName(cell.indicatorId) : partyName(cell.partyId),
      kind: cell.kind,
      status: cell.status,
      records: cell.records.map((record) => ({
        id: record.id,
        status: record.status,
        value: record.value,
        cents: record.cents,
        source: record.source,
        note: record.note,
        reason: record.reason,
        party: partyName(record.partyId),
        createdBy: record.createdBy,
        createdAt: record.createdAt,
        counts: record.id === cell.currentId,
      })),
    }))
  const reported = new Set(view.data.records.map((record) => record.indicatorId))
  return {
    pact: view.pact,
    area,
    reportingYear: view.progress!.reportingYear,
    history,
    // The frequency says what a period is for the indicator, so it is settled once figures are in.
    frequencyEditable: can(membership.access, 'manage')
      ? area.indicators.filter((indicator) => !reported.has(indicator.id)).map((indicator) => indicator.id)
      : [],
  }
}

const frequencySchema = z.object({ indicatorId: z.string(), frequency: z.enum(FREQUENCIES) })

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requirePactAccess(request, params.pactId, 'manage')
  const submission = parseWithZod(await request.formData(), { schema: frequencySchema })
  if (submission.status !== 'success')
    return data({ error: messageKey('tracking.frequencyForm.invalid'), done: null }, { status: 400 })
  const view = await progressView(params.pactId)
  const area = view.progress?.areas.find((candidate) => candidate.id === params.areaId)
  if (!area?.indicators.some((indicator) => indicator.id === submission.value.indicatorId)) throw refusalResponse(notFound())
  try {
    await setFrequency(params.pactId, user.id, submission.value.indicatorId, submission.value.frequency)
  } catch (error) {
    if (error instanceof TrackingError)
      return data({ error: messageKey(`tracking.refusals.${error.code}`), done: null }, { status: 409 })
    throw error
  }
  return { error: null, done: submission.value.indicatorId }
}

export default function PactProgressArea() {
  const { t } = useTranslation()
  const { dateTime } = useDates()
  const measured = useMeasured()
  const { pact, area, reportingYear, history, frequencyEditable } = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  useLivePact(pact.id)
  return (
    <div className="pw-stack">
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${pact.id}/voortgang`}>
          {t('tracking.progress.back')}
        </Link>
      </Paragraph>
      <Heading level={1}>{area.title}</Heading>
      <StatusRule />
      {area.indicators.map((indicator) => (
        <section key={indicator.id} className="pw-stack" aria-labelledby={`indicator-${indicator.id}`}>
          <Heading level={2} id={`indicator-${indicator.id}`}>
            {indicator.name}
          </Heading>
          <Paragraph>
            <StatusBadge status={indicator.status} />{' '}
            {t('tracking.area.indicatorFacts', {
              unit: indicator.unit,
              direction: t(`tracking.direction.${indicator.direction}`),
              baseline:
                indicator.baselineValue === null ? '–' : `${measured(indicator.baselineValue)} (${indicator.baselineYear})`,
              frequency: t(`tracking.frequency.${indicator.frequency}`),
            })}
          </Paragraph>
          {outcome?.done === indicator.id ? <Alert type="ok">{t('tracking.frequencyForm.done')}</Alert> : null}
          {outcome?.error ? <Alert type="error">{t(outcome.error)}</Alert> : null}
          {frequencyEditable.includes(indicator.id) ? (
            <Form method="post" className="pw-inline-form">
              <input type="hidden" name="indicatorId" value={indicator.id} />
              <label className="utrecht-form-label" htmlFor={`frequency-${indicator.id}`}>
                {t('tracking.frequencyForm.label')}
              </label>
              <select
                id={`frequency-${indicator.id}`}
                name="frequency"
                defaultValue={indicator.frequency}
                className="utrecht-select utrecht-select--html-select"
              >
                {FREQUENCIES.map((frequency) => (
                  <option key={frequency} value={frequency}>
                    {t(`tracking.frequencyForm.options.${frequency}`)}
                  </option>
                ))}
              </select>
              <Button appearance="secondary">{t('tracking.frequencyForm.submit')}</Button>
            </Form>
          ) : null}
          <IndicatorChart indicator={indicator} />
        </section>
      ))}
      <section className="pw-stack" aria-labelledby="spending-title">
        <Heading level={2} id="spending-title">
          {t('tracking.area.spending')}
        </Heading>
        <SpentThisYear year={reportingYear} {...area.reportingYear} />
        <SpendingChart area={area} />
      </section>
      <section className="pw-stack" aria-labelledby="history-title">
        <Heading level={2} id="history-title">
          {t('tracking.history.title')}
        </Heading>
        <Paragraph>{t('tracking.history.lead')}</Paragraph>
        {history.length === 0 ? <Paragraph>{t('tracking.history.none')}</Paragraph> : null}
        {history.map((cell) => (
          <Table
            key={cell.key}
            caption={`${cell.what} · ${cell.period} · ${t(`tracking.cell.${cell.status}`)}`}
            rows={cell.records}
            rowKey={(record) => String(record.id)}
            columns={[
              { header: t('tracking.history.when'), cell: (record) => dateTime(record.createdAt) },
              { header: t('tracking.history.who'), cell: (record) => `${record.createdBy} (${record.party})` },
              {
                header: t('tracking.history.step'),
                cell: (record) =>
                  `${t(`tracking.recordStatus.${record.status}`)}${record.counts ? ` · ${t('tracking.history.counts')}` : ''}`,
              },
              {
                header: t('tracking.history.figure'),
                numeric: true,
                cell: (record) =>
                  cell.kind === 'realisatie' ? measured(record.value) : record.cents === null ? '–' : formatCents(record.cents),
              },
              {
                header: t('tracking.history.explanation'),
                cell: (record) => [record.reason, record.source, record.note].filter(Boolean).join(' · '),
              },
            ]}
          />
        ))}
      </section>
    </div>
  )
}
