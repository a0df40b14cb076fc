import type { ReactNode } from 'react'
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { data, Form, Link, useActionData, useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { Refusal, refusalResponse } from '#app/platform/errors.ts'
import { formatCents } from '#app/platform/money.ts'
import {
  Alert,
  Button,
  CheckboxField,
  FormErrors,
  Heading,
  Paragraph,
  SelectField,
  TextAreaField,
  TextField,
} from '#app/platform/ui/ui.tsx'
import { byPeriod } from '#app/tracking/records.ts'
import { realisationSchema, spendingSchema } from '#app/tracking/report-forms.ts'
import { loadTracking, reportFigures, submitDrafts, TrackingError } from '#app/tracking/tracking.server.ts'
import type { TrackedPact } from '#app/tracking/tracked-pact.ts'
import { cellHistories, reportableFor } from '#app/tracking/views.server.ts'
import { useMeasured } from '#app/tracking/ui.tsx'
import trackingCss from '#app/tracking/tracking.css?url'
import type { Route } from './+types/pact-progress-report'
import { messageKey } from '#app/platform/i18n/keys.ts'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: trackingCss }]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pact.title ?? 'Pact'} · Rapporteren · Pactwerk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const { membership } = await requirePactAccess(request, params.pactId, 'report')
  const tracking = await loadTracking(params.pactId)
  if (!tracking.tracked) throw refusalResponse(new Refusal(409, 'tracking.progress.notSigned'))
  const partyId = membership.partyId
  const { indicatorAreas, spendingAreas } = reportableFor(tracking, partyId)
  const drafts = cellHistories(tracking, (record) => record.partyId === partyId)
    .filter((cell) => cell.draftId !== null)
    .sort(byPeriod)
    .map((cell) => {
      const draft = cell.records.find((record) => record.id === cell.draftId)!
      const area = tracking.tracked!.model.resultAreas.find((candidate) => candidate.id === cell.resultAreaId)
      const what =
        cell.kind === 'realisatie' ? area?.indicators.find((indicator) => indicator.id === cell.indicatorId)?.name : area?.title
      return { key: cell.key, period: cell.period, kind: cell.kind, what: what ?? '', value: draft.value, cents: draft.cents }
    })
  return {
    pact: tracking.pact,
    party: tracking.parties.find((party) => party.id === partyId)!,
    tracked: tracking.tracked,
    indicatorOptions: indicatorAreas.flatMap((area) =>
      area.indicators.map((indicator) => ({
        value: indicator.id,
        label: `${area.title} — ${indicator.name} (${indicator.unit})`,
      })),
    ),
    spendingOptions: spendingAreas.map((area) => ({ value: area.id, label: area.title })),
    drafts,
  }
}

const FORMS = ['realisatie', 'uitgaven', 'indienen'] as const
type FormName = (typeof FORMS)[number]

export async function action({ request, params }: Route.ActionArgs) {
  const { user, membership } = await requirePactAccess(request, params.pactId, 'report')
  const formData = await request.formData()
  const form = FORMS.find((name) => name === formData.get('form')) ?? 'realisatie'
  const tracking = await loadTracking(params.pactId)
  if (!tracking.tracked) throw refusalResponse(new Refusal(409, 'tracking.progress.notSigned'))
  const reporter = { userId: user.id, partyId: membership.partyId }
  try {
    if (form === 'indienen') {
      const count = await submitDrafts(params.pactId, reporter, null)
      return { form, result: null, done: messageKey('tracking.report.submitted'), count }
    }
    const schema =
      form === 'realisatie'
        ? realisationSchema(tracking.tracked, reporter.partyId)
        : spendingSchema(tracking.tracked, reporter.partyId)
    const submission = parseWithZod(formData, { schema })
    if (submission.status !== 'success') return data({ form, result: submission.reply(), done: null, count: 0 }, { status: 400 })
    await reportFigures(params.pactId, reporter, [submission.value], 'formulier')
    const done =
      submission.value.status === 'correctie' ? messageKey('tracking.report.corrected') : messageKey('tracking.report.saved')
    return { form, result: submission.reply({ resetForm: true }), done, count: 1 }
  } catch (error) {
    if (!(error instanceof TrackingError)) throw error
    return data(
      { form, result: { status: 'error' as const, error: { '': [`tracking.refusals.${error.code}`] } }, done: null, count: 0 },
      { status: 409 },
    )
  }
}

function useFormResult(form: FormName) {
  const actionData = useActionData<typeof action>()
  return actionData?.form === form ? actionData : undefined
}

export default function PactProgressReport() {
  const { t } = useTranslation()
  const measured = useMeasured()
  const { pact, party, tracked, indicatorOptions, spendingOptions, drafts } = useLoaderData<typeof loader>()
  const submitted = useFormResult('indienen')
  return (
    <div className="pw-stack">
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${pact.id}/voortgang`}>
          {t('tracking.progress.back')}
        </Link>
      </Paragraph>
      <Heading level={1}>{t('tracking.report.title')}</Heading>
      <Paragraph lead>{t('tracking.report.lead', { party: party.name, number: tracked.versionNumber })}</Paragraph>
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${pact.id}/voortgang/import`}>
          {t('tracking.report.importInstead')}
        </Link>
      </Paragraph>

      <section className="pw-stack" aria-labelledby="drafts-title">
        <Heading level={2} id="drafts-title">
          {t('tracking.report.draftsTitle')}
        </Heading>
        {submitted?.done ? <Alert type="ok">{t(submitted.done, { count: submitted.count })}</Alert> : null}
        <FormErrors errors={submitted?.result?.error?.[''] ?? undefined} />
        {drafts.length === 0 ? (
          <Paragraph>{t('tracking.report.noDrafts')}</Paragraph>
        ) : (
          <>
            <ul>
              {drafts.map((draft) => (
                <li key={draft.key}>
                  {draft.period} · {draft.what}:{' '}
                  {draft.kind === 'realisatie' ? measured(draft.value) : formatCents(draft.cents ?? 0)}
                </li>
              ))}
            </ul>
            <Form method="post">
              <input type="hidden" name="form" value="indienen" />
              <Button>{t('tracking.report.submitAll', { count: drafts.length })}</Button>
            </Form>
          </>
        )}
      </section>

      {indicatorOptions.length > 0 ? <RealisationForm tracked={tracked} partyId={party.id} options={indicatorOptions} /> : null}
      {spendingOptions.length > 0 ? <SpendingForm tracked={tracked} partyId={party.id} options={spendingOptions} /> : null}
      {indicatorOptions.length === 0 && spendingOptions.length === 0 ? (
        <Paragraph>{t('tracking.report.nothingToReport')}</Paragraph>
      ) : null}
    </div>
  )
}

type Options = Array<{ value: string; label: string }>

/** One figure form's conform state: validated on submit with its schema, fed by the action's last result. */
function useReportForm<Schema extends z.ZodType<unknown, Record<string, unknown>>>(
  name: 'realisatie' | 'uitgaven',
  schema: Schema,
) {
  const outcome = useFormResult(name)
  return useForm({
    id: name,
    lastResult: outcome?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onSubmit',
  })
}

/** The frame both figure forms share: heading, the saved notice, form-level errors and the concept/correction buttons. */
function ReportFormSection({
  name,
  titleId,
  title,
  formProps,
  errors,
  children,
}: {
  name: 'realisatie' | 'uitgaven'
  titleId: string
  title: string
  formProps: ReturnType<typeof getFormProps>
  errors: string[] | undefined
  children: ReactNode
}) {
  const { t } = useTranslation()
  const outcome = useFormResult(name)
  return (
    <section className="pw-stack" aria-labelledby={titleId}>
      <Heading level={2} id={titleId}>
        {title}
      </Heading>
      {outcome?.done ? <Alert type="ok">{t(outcome.done)}</Alert> : null}
      <Form method="post" {...formProps} className="pw-stack">
        <FormErrors errors={errors} />
        <input type="hidden" name="form" value={name} />
        {children}
        <div className="pw-actions">
          <Button name="intent" value="report">
            {t('tracking.report.saveConcept')}
          </Button>
          <Button name="intent" value="correct" appearance="secondary">
            {t('tracking.report.saveCorrection')}
          </Button>
        </div>
      </Form>
    </section>
  )
}

function RealisationForm({ tracked, partyId, options }: { tracked: TrackedPact; partyId: string; options: Options }) {
  const { t } = useTranslation()
  const [form, fields] = useReportForm('realisatie', realisationSchema(tracked, partyId))
  return (
    <ReportFormSection
      name="realisatie"
      titleId="realisation-title"
      title={t('tracking.report.realisationTitle')}
      formProps={getFormProps(form)}
      errors={form.errors}
    >
      <SelectField
        field={fields.indicator}
        label={t('tracking.fields.indicator')}
        options={options}
        placeholder={t('fields.choose')}
      />
      <TextField field={fields.period} label={t('tracking.fields.period')} description={t('tracking.report.periodHint')} />
      <TextField
        field={fields.value}
        label={t('tracking.fields.value')}
        description={t('tracking.report.valueHint')}
        inputMode="decimal"
      />
      <TextField field={fields.source} label={t('tracking.fields.source')} />
      <TextField
        field={fields.referenceDate}
        label={t('tracking.fields.referenceDate')}
        description={t('tracking.report.dateHint')}
      />
      <TextAreaField field={fields.note} label={t('tracking.fields.note')} rows={3} />
      <CheckboxField field={fields.public} label={t('tracking.fields.public')} />
      <TextAreaField
        field={fields.reason}
        label={t('tracking.fields.reason')}
        description={t('tracking.report.reasonHint')}
        rows={2}
      />
    </ReportFormSection>
  )
}

function SpendingForm({ tracked, partyId, options }: { tracked: TrackedPact; partyId: string; options: Options }) {
  const { t } = useTranslation()
  const [form, fields] = useReportForm('uitgaven', spendingSchema(tracked, partyId))
  return (
    <ReportFormSection
      name="uitgaven"
      titleId="spending-form-title"
      title={t('tracking.report.spendingTitle')}
      formProps={getFormProps(form)}
      errors={form.errors}
    >
      <SelectField
        field={fields.resultArea}
        label={t('tracking.fields.resultArea')}
        options={options}
        placeholder={t('fields.choose')}
      />
      <SelectField
        field={fields.period}
        label={t('tracking.fields.year')}
        options={tracked.years.map((year) => ({ value: String(year), label: String(year) }))}
        placeholder={t('fields.choose')}
      />
      <TextField
        field={fields.amount}
        label={t('tracking.fields.amount')}
        description={t('tracking.report.amountHint')}
        inputMode="decimal"
      />
      <TextAreaField
        field={fields.reason}
        label={t('tracking.fields.reason')}
        description={t('tracking.report.reasonHint')}
        rows={2}
      />
    </ReportFormSection>
  )
}
