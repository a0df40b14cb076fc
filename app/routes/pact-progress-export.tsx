import { requirePactAccess } from '#app/access/authorization.server.ts'
import { notFound, refusalResponse } from '#app/platform/errors.ts'
import { downloadName } from '#app/sign-off/exports/version-document.ts'
import { isCsvKind } from '#app/tracking/csv-format.ts'
import { writeCsv } from '#app/tracking/csv.server.ts'
import { loadTracking, recordExport } from '#app/tracking/tracking.server.ts'
import { exportLines } from '#app/tracking/views.server.ts'
import type { Route } from './+types/pact-progress-export'

/** Every reported figure that counts, in the import format (`?soort=realisaties` or `uitgaven`). */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requirePactAccess(request, params.pactId, 'view')
  // Realisations unless spending is asked for.
  const kind = new URL(request.url).searchParams.get('soort') ?? 'realisaties'
  if (!isCsvKind(kind)) throw refusalResponse(notFound())
  const tracking = await loadTracking(params.pactId)
  await recordExport(params.pactId, user.id, kind)
  return new Response(writeCsv(kind, exportLines(tracking, kind)), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${downloadName(tracking.pact.title, kind, 'csv')}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
