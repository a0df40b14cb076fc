import { requirePactAccess } from '#app/access/authorization.server.ts'
import { notFound, refusalResponse } from '#app/platform/errors.ts'
import { recordSettlementExport } from '#app/settlement/settlement.server.ts'
import { settlementNl } from '#app/settlement/texts.nl.ts'
import { settlementPage, settlementCsv } from '#app/settlement/views.server.ts'
import { downloadName } from '#app/sign-off/exports/version-document.ts'
import { nl } from '#app/platform/i18n/nl.ts'
import type { Route } from './+types/pact-settlement-csv'

/**
 * The settlement in force of a year, one line per rule and party; the file is in Dutch, as its
 * column names. Before a settlement is opened it holds only the column names.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requirePactAccess(request, params.pactId, 'view')
  if (!/^\d{4}$/.test(params.jaar)) throw refusalResponse(notFound())
  const page = await settlementPage(params.pactId, Number(params.jaar), user.id)
  if (!page.knownYear) throw refusalResponse(notFound())
  const { inForce } = page
  const csv = settlementCsv(inForce, {
    ruleTitle: (ruleId) => {
      const scope = inForce?.inputs.rules.find((rule) => rule.ruleId === ruleId)?.scope
      return scope?.kind === 'result-area'
        ? settlementNl.page.ruleArea.replace('{{title}}', page.areaTitles[scope.resultAreaId] ?? scope.resultAreaId)
        : settlementNl.page.rulePact
    },
    holderName: (holder) =>
      holder.kind === 'party'
        ? (page.partyNames[holder.partyId] ?? holder.partyId)
        : holder.kind === 'fonds'
          ? settlementNl.page.fund
          : nl.organisationKinds.gemeente,
  })
  await recordSettlementExport(params.pactId, user.id, page.year, inForce?.number ?? null)
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${downloadName(page.pact.title, `afrekening ${page.year}`, 'csv')}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
