import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useLoaderData, useRevalidator } from 'react-router'
import type * as Y from 'yjs'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { BudgetTableView } from '#app/pact-model/ui/budget-table-view.tsx'
import { ConnectionStatus } from '#app/document/ui/connection-status.tsx'
import { ModelIssues, useIssueLookup } from '#app/pact-model/ui/model-issues.tsx'
import type { PactDataSource } from '#app/document/pact-data.ts'
import { ResultAreaData, RiskRuleData } from '#app/document/ui/pact-data-view.tsx'
import { ResultAreasEditor } from '#app/pact-model/ui/result-areas-editor.tsx'
import { RiskRulesEditor } from '#app/pact-model/ui/risk-rules-editor.tsx'
import { Heading, PageHeader, Paragraph } from '#app/platform/ui/ui.tsx'
import { usePactModel, type LivePactModel } from '#app/pact-model/ui/use-pact-model.ts'
import { WhatIf } from '#app/pact-model/ui/what-if.tsx'
import { areaAnchor, PAGE_SECTIONS, PageContents } from '#app/pact-model/ui/page-contents.tsx'
import { SharedFieldsProvider } from '#app/pact-model/ui/shared-fields.tsx'
import { PresenceList } from '#app/document/ui/presence.tsx'
import { ensureProjection, readModelValidation, readProjectedModel } from '#app/pact-model/projection.server.ts'
import { pactYears } from '#app/pacts/lifecycle.ts'
import { documentWriteFacts, getPact, listParties } from '#app/pacts/pacts.server.ts'
import { documentWriteVerdict, writeOffer } from '#app/access/write-policy.ts'
import { ReadOnlyNotice } from '#app/access/ui/read-only-notice.tsx'
import type { PactModel } from '#app/pact-model/pact-model.ts'
import areasCss from '#app/pact-model/ui/areas.css?url'
import editorCss from '#app/document/ui/editor.css?url'
import type { Route } from './+types/pact-areas'

export const links: Route.LinksFunction = () => [
  // The data blocks' styles, shared with the document.
  { rel: 'stylesheet', href: editorCss },
  { rel: 'stylesheet', href: areasCss },
]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pact.title ?? 'Pact'} · Resultaatgebieden · Pactwerk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, membership } = await requirePactAccess(request, params.pactId, 'view')
  const [pact, parties] = await Promise.all([getPact(params.pactId), listParties(params.pactId)])
  // The projection is the server's last valid model; it is brought up to date with the document first.
  await ensureProjection(params.pactId)
  const [projectedModel, report] = await Promise.all([readProjectedModel(params.pactId), readModelValidation(params.pactId)])
  return {
    pact: { id: pact.id, title: pact.title },
    userId: user.id,
    years: pactYears(pact.start_year, pact.end_year),
    parties: parties.map((party) => ({ id: party.id, name: party.name, kind: party.kind })),
    // The socket enforces this too; here it only decides what the page offers, and says why not.
    ...writeOffer(documentWriteVerdict(documentWriteFacts(pact, membership.access))),
    access: membership.access,
    projectedModel,
    reportedIssues: report?.issues ?? [],
  }
}

export default function PactAreas() {
  const { t } = useTranslation()
  const { pact, userId, years, parties, canEdit, readOnly, access, projectedModel, reportedIssues } =
    useLoaderData<typeof loader>()
  const live = usePactModel(pact.id, canEdit, { years, partyIds: parties.map((party) => party.id) }, projectedModel)
  useServerReportWhileInvalid(live?.model ?? null)
  const model = live?.model.lastValid ?? projectedModel
  return (
    <SharedFieldsProvider connection={live?.connection ?? null} pactId={pact.id} userId={userId}>
      <div className="pw-stack">
        <PageHeader title={`${pact.title}: ${t('areas.page.title')}`} lead={t('areas.page.lead')} />
        {live ? <ConnectionStatus provider={live.connection.provider} /> : <p className="pw-meta">{t('areas.page.loading')}</p>}
        {live ? <PresenceList provider={live.connection.provider} /> : null}
        <noscript>
          <Paragraph>{t('areas.page.noScript')}</Paragraph>
        </noscript>
        {readOnly ? <ReadOnlyNotice reason={readOnly} access={access} pactId={pact.id} /> : null}
        {live && canEdit ? (
          <ModelIssues
            issues={live.model.issues}
            reported={reportedIssues}
            model={live.model.editable}
            lastValid={live.model.lastValid}
            parties={parties}
          />
        ) : null}

        <PageContents model={model} withWhatIf={live !== null} />

        <section aria-labelledby={PAGE_SECTIONS.budgets}>
          <Heading level={2} id={PAGE_SECTIONS.budgets}>
            {t('areas.page.budgetsHeading')}
          </Heading>
          {live && !live.model.valid ? <Paragraph className="pw-meta">{t('areas.page.lastValidNotice')}</Paragraph> : null}
          <BudgetTableView model={model} years={years} parties={parties} />
        </section>

        <section aria-labelledby={PAGE_SECTIONS.areas}>
          <Heading level={2} id={PAGE_SECTIONS.areas}>
            {t('areas.page.areasHeading')}
          </Heading>
          {live && canEdit ? (
            <Editable
              live={live.model}
              doc={live.connection.doc}
              years={years}
              parties={parties}
              reportedIssues={reportedIssues}
              part="areas"
            />
          ) : (
            <ReadOnlyAreas model={model} years={years} parties={parties} valid={live?.model.valid ?? true} />
          )}
        </section>

        <section aria-labelledby={PAGE_SECTIONS.rules}>
          <Heading level={2} id={PAGE_SECTIONS.rules}>
            {t('areas.page.rulesHeading')}
          </Heading>
          {live && canEdit ? (
            <Editable
              live={live.model}
              doc={live.connection.doc}
              years={years}
              parties={parties}
              reportedIssues={reportedIssues}
              part="rules"
            />
          ) : (
            <ReadOnlyRules model={model} years={years} parties={parties} valid={live?.model.valid ?? true} />
          )}
        </section>

        {live ? (
          <section aria-labelledby={PAGE_SECTIONS.whatIf}>
            <Heading level={2} id={PAGE_SECTIONS.whatIf}>
              {t('areas.page.whatIfHeading')}
            </Heading>
            {live.model.valid ? null : <Paragraph className="pw-meta">{t('areas.whatIf.invalidModel')}</Paragraph>}
            <WhatIf model={model} years={years} parties={parties} />
          </section>
        ) : null}
      </div>
    </SharedFieldsProvider>
  )
}

/** While the shared model is invalid, fetch the server's report again, which says who wrote what. */
function useServerReportWhileInvalid(model: LivePactModel | null) {
  const { revalidate } = useRevalidator()
  const issuesKey = model ? JSON.stringify(model.issues) : '[]'
  useEffect(() => {
    if (issuesKey === '[]') return
    // The server validates about half a second after a change.
    const timer = setTimeout(() => void revalidate(), 1_000)
    return () => clearTimeout(timer)
  }, [issuesKey, revalidate])
}

function Editable({
  live,
  doc,
  years,
  parties,
  reportedIssues,
  part,
}: {
  live: LivePactModel
  doc: Y.Doc
  years: number[]
  parties: PactDataSource['parties']
  reportedIssues: Parameters<typeof useIssueLookup>[1]
  part: 'areas' | 'rules'
}) {
  const issuesAt = useIssueLookup(live.issues, reportedIssues)
  const props = { doc, model: live.editable, years, parties, issuesAt }
  return part === 'areas' ? <ResultAreasEditor {...props} /> : <RiskRulesEditor {...props} />
}

function ReadOnlyAreas({ model, ...rest }: Omit<PactDataSource, 'model'> & { model: PactModel }) {
  const { t } = useTranslation()
  if (model.resultAreas.length === 0) return <Paragraph>{t('areas.area.none')}</Paragraph>
  return (
    <div className="pw-stack">
      {model.resultAreas.map((area) => (
        <div key={area.id} id={areaAnchor(area.id)} className="pw-pact-data">
          <ResultAreaData area={area} source={{ model, ...rest }} clauseKind={null} headingLevel={3} />
        </div>
      ))}
    </div>
  )
}

function ReadOnlyRules({ model, ...rest }: Omit<PactDataSource, 'model'> & { model: PactModel }) {
  const { t } = useTranslation()
  if (model.riskRules.length === 0) return <Paragraph>{t('areas.rule.none')}</Paragraph>
  return (
    <div className="pw-stack">
      {model.riskRules.map((rule) => (
        <div key={rule.id} className="pw-pact-data">
          <RiskRuleData rule={rule} source={{ model, ...rest }} headingLevel={3} />
        </div>
      ))}
    </div>
  )
}
