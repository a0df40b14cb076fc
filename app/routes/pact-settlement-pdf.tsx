import { requirePactAccess } from '#app/access/authorization.server.ts'
import { notFound, refusalResponse } from '#app/platform/errors.ts'
import { createI18n } from '#app/platform/i18n/config.ts'
import { settlementStatementBlocks } from '#app/settlement/statement-document.ts'
import { finalStatement } from '#app/settlement/views.server.ts'
import { downloadName } from '#app/sign-off/exports/version-document.ts'
import { versionPdf } from '#app/sign-off/exports/version-pdf.server.ts'
import type { Route } from './+types/pact-settlement-pdf'

/** The statement of a year's final settlement, in Dutch like the signed version; there is none before it is final. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requirePactAccess(request, params.pactId, 'view')
  if (!/^\d{4}$/.test(params.jaar)) throw refusalResponse(notFound())
  const statement = await finalStatement(params.pactId, Number(params.jaar), user.id)
  if (!statement) throw refusalResponse(notFound())
  const { page, settlement } = statement
  const { t } = createI18n('nl')
  const ruleTitle = (ruleId: string) => {
    const scope = settlement.inputs.rules.find((rule) => rule.ruleId === ruleId)?.scope
    return scope?.kind === 'result-area'
      ? t('settlement.page.ruleArea', { title: page.areaTitles[scope.resultAreaId] ?? scope.resultAreaId })
      : t('settlement.page.rulePact')
  }
  const blocks = settlementStatementBlocks(
    {
      pactTitle: page.pact.title,
      settlement,
      ruleTitle,
      holderName: (holder) =>
        holder.kind === 'party'
          ? (page.partyNames[holder.partyId] ?? holder.partyId)
          : holder.kind === 'fonds'
            ? t('settlement.page.fund')
            : t('organisationKinds.gemeente'),
      approvals: statement.approvals,
    },
    t,
  )
  const pdf = await versionPdf(blocks, {
    title: t('settlement.statement.title', { year: settlement.year, pact: page.pact.title }),
    hash: settlement.hash,
    footer: (current, pages) =>
      t('settlement.statement.footer', { year: settlement.year, number: settlement.number, page: current, pages }),
    lang: 'nl',
  })
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${downloadName(page.pact.title, `afrekening ${settlement.year} versie ${settlement.number}`, 'pdf')}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
