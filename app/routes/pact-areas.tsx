import { useEffect, type ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import { useLoaderData, useRevalidator } from 'react-router'
import type * as Y from 'yjs'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { BudgetTableView } from '#app/pact-model/ui/budget-table-view.tsx'
import { ConnectionStatus } from '#app/document/ui/connection-status.tsx'
import { ModelIssues, useIssueLookup } from '#app/pact-model/ui/model-issues.tsx'
import type { PactDataSource } from '#app/document/pact-data.ts'
import { ResultAreaData, RiskRuleData } from '#app/document/ui/pact-data-view.tsx'
import type { ModelEditorProps } from '#app/pact-model/ui/model-editor.ts'
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

        {MODEL_PARTS.map((part) => (
          <ModelPartSection
            key={part.section}
            part={part}
            live={live && canEdit ? live : null}
            source={{ model, years, parties, valid: live?.model.valid ?? true }}
            reportedIssues={reportedIssues}
          />
        ))}

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

/**
 * The parts of the model edited on this page, alike in shape: a section under its heading with the
 * live editor for those who may edit, and otherwise the data views the document shows too.
 */
const MODEL_PARTS = [
  {
    section: PAGE_SECTIONS.areas,
    heading: 'areas.page.areasHeading',
    none: 'areas.area.none',
    Editor: ResultAreasEditor,
    views: (source: PactDataSource) =>
      source.model.resultAreas.map((area) => (
        <div key={area.id} id={areaAnchor(area.id)} className="pw-pact-data">
          <ResultAreaData area={area} source={source} clauseKind={null} headingLevel={3} />
        </div>
      )),
  },
  {
    section: PAGE_SECTIONS.rules,
    heading: 'areas.page.rulesHeading',
    none: 'areas.rule.none',
    Editor: RiskRulesEditor,
    views: (source: PactDataSource) =>
      source.model.riskRules.map((rule) => (
        <div key={rule.id} className="pw-pact-data">
          <RiskRuleData rule={rule} source={source} headingLevel={3} />
        </div>
      )),
  },
] as const

function ModelPartSection({
  part,
  live,
  source,
  reportedIssues,
}: {
  part: (typeof MODEL_PARTS)[number]
  /** The live model, when the person may edit it. */
  live: { model: LivePactModel; connection: { doc: Y.Doc } } | null
  source: PactDataSource
  reportedIssues: Parameters<typeof useIssueLookup>[1]
}) {
  const { t } = useTranslation()
  const views = live ? [] : part.views(source)
  return (
    <section aria-labelledby={part.section}>
      <Heading level={2} id={part.section}>
        {t(part.heading)}
      </Heading>
      {live ? (
        <Editable
          live={live.model}
          doc={live.connection.doc}
          source={source}
          reportedIssues={reportedIssues}
          Editor={part.Editor}
        />
      ) : views.length === 0 ? (
        <Paragraph>{t(part.none)}</Paragraph>
      ) : (
        <div className="pw-stack">{views}</div>
      )}
    </section>
  )
}

function Editable({
  live,
  doc,
  source,
  reportedIssues,
  Editor,
}: {
  live: LivePactModel
  doc: Y.Doc
  source: PactDataSource
  reportedIssues: Parameters<typeof useIssueLookup>[1]
  Editor: ComponentType<ModelEditorProps>
}) {
  const issuesAt = useIssueLookup(live.issues, reportedIssues)
  return <Editor doc={doc} model={live.editable} years={source.years} parties={source.parties} issuesAt={issuesAt} />
}
