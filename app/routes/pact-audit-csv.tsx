import { stringify } from 'csv-stringify/sync'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { listAudit } from '#app/audit/audit.server.ts'
import { getPact } from '#app/pacts/pacts.server.ts'
import { csvSafeCell } from '#app/platform/csv.ts'
import { detailsLine, readableAuditEntry } from '#app/sign-off/audit-entry.ts'
import { downloadName } from '#app/sign-off/exports/version-document.ts'
import { auditNames } from '#app/sign-off/views.server.ts'
import { createI18n } from '#app/platform/i18n/config.ts'
import { formatDateTime } from '#app/platform/i18n/format.ts'
import type { Route } from './+types/pact-audit-csv'

/**
 * The audit trail as CSV, in Dutch (a record for the archive). Semicolons and a byte-order
 * mark, so Excel with Dutch settings opens it in columns with accents intact; names and
 * details are people's own text, so no cell may start a formula. Downloading is a GET, which
 * another site can make a browser do: it changes nothing, the trail included.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePactAccess(request, params.pactId, 'view')
  const [pact, entries] = await Promise.all([getPact(params.pactId), listAudit(params.pactId)])
  const { t } = createI18n('nl')
  const names = await auditNames(params.pactId, entries)
  const csv = stringify(
    [...entries].reverse().map((entry) => {
      const readable = readableAuditEntry(entry, names, t)
      return [
        entry.id,
        formatDateTime(entry.created_at, 'nl'),
        readable.person,
        readable.organisation,
        readable.action,
        readable.subject,
        detailsLine(readable.details),
        entry.action,
        entry.created_at,
      ]
    }),
    {
      bom: true,
      cast: { string: csvSafeCell },
      delimiter: ';',
      header: true,
      columns: (['id', 'time', 'who', 'organisation', 'what', 'subject', 'details', 'code', 'utc'] as const).map((column) =>
        t(`signoff.audit.csvColumns.${column}`),
      ),
      record_delimiter: 'windows',
    },
  )
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${downloadName(pact.title, 'logboek', 'csv')}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
