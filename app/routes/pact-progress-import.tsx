import { useTranslation } from 'react-i18next'
import { data, Form, Link, useActionData, useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { Table } from '#app/platform/ui/table.tsx'
import { Refusal, refusalResponse } from '#app/platform/errors.ts'
import { formatDutchNumber } from '#app/platform/dutch-number.ts'
import { formatCents } from '#app/platform/money.ts'
import { Alert, Button, Heading, Paragraph } from '#app/platform/ui/ui.tsx'
import { isCsvKind, MAX_CSV_BYTES, MAX_CSV_LINES, type CsvKind } from '#app/tracking/csv-format.ts'
import { readRealisationsCsv, readSpendingCsv, type CsvProblem } from '#app/tracking/csv.server.ts'
import type { ReportedFigure } from '#app/tracking/report-forms.ts'
import { loadTracking, reportFigures, TrackingError, type TrackingData } from '#app/tracking/tracking.server.ts'
import trackingCss from '#app/tracking/tracking.css?url'
import type { Route } from './+types/pact-progress-import'
import { messageText } from '#app/platform/i18n/keys.ts'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: trackingCss }]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pact.title ?? 'Pact'} · Importeren · Pactwerk` }]

const PREVIEW_LINES = 100

export async function loader({ request, params }: Route.LoaderArgs) {
  const { membership } = await requirePactAccess(request, params.pactId, 'report')
  const tracking = await loadTracking(params.pactId)
  if (!tracking.tracked) throw refusalResponse(new Refusal(409, 'tracking.progress.notSigned'))
  return { pact: tracking.pact, party: tracking.parties.find((party) => party.id === membership.partyId)! }
}

type Outcome =
  | { step: 'problems'; kind: CsvKind; problems: CsvProblem[]; more: number }
  | { step: 'preview'; kind: CsvKind; csv: string; count: number; lines: Array<{ line: number; cells: string[] }> }
  | { step: 'done'; kind: CsvKind; count: number }

function read(kind: CsvKind, file: Uint8Array | string, tracking: TrackingData, partyId: string) {
  const tracked = tracking.tracked!
  return kind === 'realisaties' ? readRealisationsCsv(file, tracked, partyId) : readSpendingCsv(file, tracked, partyId)
}

function previewCells(figure: ReportedFigure, tracking: TrackingData): string[] {
  const area = tracking.tracked!.model.resultAreas.find((candidate) => candidate.id === figure.resultAreaId)
  if (figure.kind === 'uitgaven') return [area?.title ?? '', figure.period, formatCents(figure.cents)]
  const indicator = area?.indicators.find((candidate) => candidate.id === figure.indicatorId)
  return [area?.title ?? '', indicator?.name ?? '', figure.period, formatDutchNumber(figure.value), figure.source]
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, membership } = await requirePactAccess(request, params.pactId, 'report')
  // Refused before the body is read: multipart overhead aside, a larger request cannot hold an acceptable file.
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_CSV_BYTES * 2) {
    return data(
      {
        step: 'problems',
        kind: 'realisaties',
        problems: [{ line: 0, column: null, message: 'tracking.csv.tooLarge' }],
        more: 0,
      } satisfies Outcome,
      { status: 413 },
    )
  }
  const formData = await request.formData()
  const kind = formData.get('kind')
  if (!isCsvKind(kind))
    return data(
      {
        step: 'problems',
        kind: 'realisaties',
        problems: [{ line: 0, column: null, message: 'tracking.csv.kind' }],
        more: 0,
      } satisfies Outcome,
      { status: 400 },
    )
  const tracking = await loadTracking(params.pactId)
  if (!tracking.tracked) throw refusalResponse(new Refusal(409, 'tracking.progress.notSigned'))
  const upload = formData.get('file')
  const confirmed = formData.get('csv')
  const file =
    typeof confirmed === 'string'
      ? confirmed
      : upload instanceof File && upload.size > 0
        ? new Uint8Array(await upload.arrayBuffer())
        : null
  if (file === null)
    return data(
      {
        step: 'problems',
        kind,
        problems: [{ line: 0, column: null, message: 'tracking.csv.noFile' }],
        more: 0,
      } satisfies Outcome,
      { status: 400 },
    )
  const result = read(kind, file, tracking, membership.partyId)
  if (!result.ok)
    return data({ step: 'problems', kind, problems: result.problems, more: result.more } satisfies Outcome, { status: 400 })
  if (formData.get('intent') !== 'import') {
    const csv = typeof file === 'string' ? file : new TextDecoder().decode(file)
    const lines = result.figures
      .slice(0, PREVIEW_LINES)
      .map(({ line, figure }) => ({ line, cells: previewCells(figure, tracking) }))
    return { step: 'preview', kind, csv, count: result.figures.length, lines } satisfies Outcome
  }
  try {
    await reportFigures(
      params.pactId,
      { userId: user.id, partyId: membership.partyId },
      result.figures.map(({ figure }) => figure),
      'import',
    )
  } catch (error) {
    if (!(error instanceof TrackingError)) throw error
    return data(
      {
        step: 'problems',
        kind,
        problems: [{ line: 0, column: null, message: `tracking.refusals.${error.code}` }],
        more: 0,
      } satisfies Outcome,
      { status: 409 },
    )
  }
  return { step: 'done', kind, count: result.figures.length } satisfies Outcome
}

export default function PactProgressImport() {
  const { t } = useTranslation()
  const { pact, party } = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>() as Outcome | undefined
  const base = `/pacts/${pact.id}/voortgang`
  return (
    <div className="pw-stack">
      <Paragraph>
        <Link className="utrecht-link" to={base}>
          {t('tracking.progress.back')}
        </Link>
      </Paragraph>
      <Heading level={1}>{t('tracking.import.title')}</Heading>
      <Paragraph lead>{t('tracking.import.lead', { party: party.name })}</Paragraph>
      <ul>
        <li>{t('tracking.import.realisationColumns')}</li>
        <li>{t('tracking.import.spendingColumns')}</li>
        <li>
          {t('tracking.import.dialect', { lines: MAX_CSV_LINES.toLocaleString('nl-NL'), megabytes: MAX_CSV_BYTES / 1024 / 1024 })}
        </li>
      </ul>
      <ul className="pw-plain-list">
        <li>
          <a className="utrecht-link" href={`${base}/sjabloon.csv?soort=realisaties`} download>
            {t('tracking.import.templateRealisations')}
          </a>
        </li>
        <li>
          <a className="utrecht-link" href={`${base}/sjabloon.csv?soort=uitgaven`} download>
            {t('tracking.import.templateSpending')}
          </a>
        </li>
      </ul>

      {outcome?.step === 'done' ? (
        <Alert type="ok">
          {t('tracking.import.done', { count: outcome.count })}{' '}
          <Link className="utrecht-link" to={`${base}/rapporteren`}>
            {t('tracking.import.toSubmit')}
          </Link>
        </Alert>
      ) : null}

      {outcome?.step === 'problems' ? (
        <Alert type="error">
          <p className="utrecht-paragraph">{t('tracking.import.refused')}</p>
          <ul className="pw-csv-errors">
            {outcome.problems.map((problem, index) => (
              <li key={index}>
                {problem.line > 0 ? `${t('tracking.import.line', { line: problem.line })}: ` : ''}
                {messageText(t, problem.message)}
                {problem.column ? ` (${t('tracking.import.column', { column: problem.column })})` : ''}
              </li>
            ))}
          </ul>
          {outcome.more > 0 ? <p className="utrecht-paragraph">{t('tracking.import.more', { count: outcome.more })}</p> : null}
        </Alert>
      ) : null}

      {outcome?.step === 'preview' ? (
        <section className="pw-stack" aria-labelledby="preview-title">
          <Heading level={2} id="preview-title">
            {t('tracking.import.previewTitle', { count: outcome.count })}
          </Heading>
          <Paragraph>{t('tracking.import.previewLead')}</Paragraph>
          <Table
            caption={t('tracking.import.previewCaption')}
            rows={outcome.lines}
            rowKey={(line) => String(line.line)}
            columns={[
              { header: t('tracking.import.lineHeader'), rowHeader: true, cell: (line) => line.line },
              ...[
                t('tracking.fields.resultArea'),
                ...(outcome.kind === 'realisaties' ? [t('tracking.fields.indicator')] : []),
                t('tracking.fields.period'),
                outcome.kind === 'realisaties' ? t('tracking.fields.value') : t('tracking.fields.amount'),
                ...(outcome.kind === 'realisaties' ? [t('tracking.fields.source')] : []),
              ].map((header, index) => ({
                key: String(index),
                header,
                cell: (line: (typeof outcome.lines)[number]) => line.cells[index],
              })),
            ]}
          />
          <Form method="post">
            <input type="hidden" name="kind" value={outcome.kind} />
            <input type="hidden" name="csv" value={outcome.csv} />
            <div className="pw-actions">
              <Button name="intent" value="import">
                {t('tracking.import.confirm', { count: outcome.count })}
              </Button>
              <Link className="utrecht-link" to={`${base}/import`}>
                {t('tracking.import.cancel')}
              </Link>
            </div>
          </Form>
        </section>
      ) : null}

      {outcome?.step !== 'preview' ? (
        <Form method="post" encType="multipart/form-data" className="pw-stack">
          <fieldset className="utrecht-form-fieldset">
            <legend className="utrecht-form-fieldset__legend">{t('tracking.import.kind')}</legend>
            {(['realisaties', 'uitgaven'] as const).map((kind) => (
              <div key={kind} className="utrecht-form-field utrecht-form-field--radio">
                <input
                  type="radio"
                  id={`kind-${kind}`}
                  name="kind"
                  value={kind}
                  defaultChecked={(outcome?.kind ?? 'realisaties') === kind}
                  className="utrecht-radio-button utrecht-radio-button--html-input"
                />{' '}
                <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={`kind-${kind}`}>
                  {t(`tracking.import.kinds.${kind}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="csv-file">
              {t('tracking.import.file')}
            </label>
            <div className="utrecht-form-field__input">
              <input
                id="csv-file"
                type="file"
                name="file"
                accept=".csv,text/csv"
                className="utrecht-textbox utrecht-textbox--html-input"
              />
            </div>
          </div>
          <Button>{t('tracking.import.preview')}</Button>
        </Form>
      ) : null}
    </div>
  )
}
