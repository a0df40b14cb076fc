import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { data, Link, useActionData, useLoaderData } from 'react-router'
import { can } from '#app/access/access.ts'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { RESTORE_REFUSALS, restoreSchema } from '#app/document/restore-form.ts'
import { restoreDocument, RestoreError, restoreOffer } from '#app/document/restore.server.ts'
import { RestoreForm } from '#app/document/ui/restore-form.tsx'
import { CompareForm, Hash, useDates } from '#app/sign-off/ui.tsx'
import { Table } from '#app/platform/ui/table.tsx'
import { PageHeader, Paragraph } from '#app/platform/ui/ui.tsx'
import { getPact } from '#app/pacts/pacts.server.ts'
import { pactStanding } from '#app/pacts/lifecycle.ts'
import { usePactStandingText } from '#app/pacts/ui/pact-standing.tsx'
import { listVersions } from '#app/sign-off/sign-off.server.ts'
import signOffCss from '#app/sign-off/sign-off.css?url'
import type { Route } from './+types/pact-versions'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: signOffCss }]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pact.title ?? 'Pact'} · Getekende versies · Pactwerk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const { membership } = await requirePactAccess(request, params.pactId, 'view')
  const [pact, versions] = await Promise.all([getPact(params.pactId), listVersions(params.pactId)])
  const standing = pactStanding(pact.status, versions.at(-1)?.number ?? null)
  // Only a beheerder restores, and needs to know whether the current text is damaged.
  const restore = can(membership.access, 'manage') ? await restoreOffer(params.pactId, membership.access) : null
  return {
    pact: { id: pact.id, title: pact.title },
    standing,
    versions: versions.map((version) => ({
      number: version.number,
      hash: version.hash,
      signedAt: version.signed_at,
      signedBy: version.signed_by_name,
    })),
    restore,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, membership } = await requirePactAccess(request, params.pactId, 'manage')
  const submission = parseWithZod(await request.formData(), { schema: restoreSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), done: false }, { status: 400 })
  try {
    await restoreDocument(params.pactId, submission.value.source, { actorId: user.id, access: membership.access })
    return { result: submission.reply({ resetForm: true }), done: true }
  } catch (error) {
    if (!(error instanceof RestoreError)) throw error
    const refusal = RESTORE_REFUSALS[error.code]
    return data({ result: submission.reply({ formErrors: [refusal.message] }), done: false }, { status: refusal.status })
  }
}

export default function PactVersions() {
  const { t } = useTranslation()
  const { date } = useDates()
  const { pact, standing, versions, restore } = useLoaderData<typeof loader>()
  const standingText = usePactStandingText(standing)
  const actionData = useActionData<typeof action>()
  const base = `/pacts/${pact.id}/versies`
  return (
    <div className="pw-stack">
      <PageHeader title={t('signoff.versions.title')} lead={t('signoff.versions.lead')} />
      {standingText ? <Paragraph>{standingText}</Paragraph> : null}
      {versions.length === 0 ? (
        <Paragraph>{t('signoff.versions.none')}</Paragraph>
      ) : (
        <>
          <Table
            caption={t('signoff.versions.caption')}
            rows={versions}
            rowKey={(version) => String(version.number)}
            columns={[
              {
                header: t('signoff.versions.number'),
                rowHeader: true,
                cell: (version) => t('signoff.versions.name', { number: version.number }),
              },
              { header: t('signoff.versions.signedAt'), cell: (version) => date(version.signedAt) },
              { header: t('signoff.versions.signedBy'), cell: (version) => version.signedBy },
              { header: t('signoff.hashLabel'), cell: (version) => <Hash value={version.hash} /> },
              {
                header: t('signoff.versions.open'),
                cell: (version) => (
                  <ul className="pw-plain-list">
                    <li>
                      <Link className="utrecht-link" to={`${base}/${version.number}`}>
                        {t('signoff.versions.view')}
                        <span className="pw-visually-hidden"> {t('signoff.versions.name', { number: version.number })}</span>
                      </Link>
                    </li>
                    <li>
                      <a className="utrecht-link" href={`${base}/${version.number}/pdf`} download>
                        {t('signoff.versions.pdf')}
                        <span className="pw-visually-hidden"> {t('signoff.versions.name', { number: version.number })}</span>
                      </a>
                    </li>
                    <li>
                      <a className="utrecht-link" href={`${base}/${version.number}/docx`} download>
                        {t('signoff.versions.docx')}
                        <span className="pw-visually-hidden"> {t('signoff.versions.name', { number: version.number })}</span>
                      </a>
                    </li>
                  </ul>
                ),
              },
            ]}
          />
          <CompareForm pactId={pact.id} numbers={versions.map((version) => version.number)} />
        </>
      )}
      {restore ? (
        <RestoreForm
          versionNumbers={versions.map((version) => version.number)}
          skipped={restore.skipped}
          refusal={restore.refusal}
          pactId={pact.id}
          result={actionData?.result}
          done={actionData?.done ?? false}
        />
      ) : null}
    </div>
  )
}
