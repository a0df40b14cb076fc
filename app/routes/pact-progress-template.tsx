import { can } from '#app/access/access.ts'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { notFound, refusalResponse } from '#app/platform/errors.ts'
import { downloadName } from '#app/sign-off/exports/version-document.ts'
import { isCsvKind } from '#app/tracking/csv-format.ts'
import { writeCsv } from '#app/tracking/csv.server.ts'
import { loadTracking } from '#app/tracking/tracking.server.ts'
import { templateLines } from '#app/tracking/views.server.ts'
import type { Route } from './+types/pact-progress-template'

/** A template for this pact's import (`?soort=realisaties` or `uitgaven`): the areas, indicators and parties of the signed version filled in. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { membership } = await requirePactAccess(request, params.pactId, 'view')
  // Realisations unless spending is asked for.
  const kind = new URL(request.url).searchParams.get('soort') ?? 'realisaties'
  if (!isCsvKind(kind)) throw refusalResponse(notFound())
  const tracking = await loadTracking(params.pactId)
  return new Response(
    writeCsv(kind, templateLines(tracking, kind, can(membership.access, 'report') ? membership.partyId : null)),
    {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${downloadName(tracking.pact.title, `sjabloon-${kind}`, 'csv')}"`,
        'Cache-Control': 'private, no-store',
      },
    },
  )
}
