import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { data, Form, Link, useActionData, useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { StatusBadge } from '#app/sign-off/ui.tsx'
import { Alert, Button, FormErrors, Heading, Paragraph } from '#app/platform/ui/ui.tsx'
import { useLivePact } from '#app/platform/events/use-live-pact.ts'
import { getPact, listMembers } from '#app/pacts/pacts.server.ts'
import { addSignatory, changePactStatus, listSignatories, removeSignatory, SignOffError, signOffState } from '#app/sign-off/sign-off.server.ts'
import { can } from '#app/access/access.ts'
import type { PactStatus } from '#app/organisations/organisation.ts'
import { allowedTransitions, isAmendment } from '#app/pacts/lifecycle.ts'
import { openItems } from '#app/sign-off/status.ts'
import { refusalFor, signOffFormSchema } from '#app/sign-off/forms.ts'
import signOffCss from '#app/sign-off/sign-off.css?url'
import type { Route } from './+types/pact-sign-off'
import type { MessageKey } from '#app/platform/i18n/keys.ts'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: signOffCss }]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pact.title ?? 'Pact'} · Akkoord per artikel · Pactwerk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const { membership } = await requirePactAccess(request, params.pactId, 'view')
  const canManage = can(membership.access, 'manage')
  const [pact, { snapshot, parties, matrix }, signatories, members] = await Promise.all([
    getPact(params.pactId),
    signOffState(params.pactId),
    listSignatories(params.pactId),
    listMembers(params.pactId),
  ])
  const signingParties = parties
    .filter((party) => party.is_signatory)
    .map((party) => {
      const named = signatories.filter((signatory) => signatory.party_id === party.id)
      const candidates = members.filter((member) => member.party_id === party.id && !named.some((signatory) => signatory.user_id === member.user_id))
      return {
        id: party.id,
        name: party.name,
        signatories: named.map((signatory) => ({ userId: signatory.user_id, name: signatory.name })),
        candidates: canManage ? candidates.map((member) => ({ userId: member.user_id, name: member.name })) : [],
      }
    })
  const status = pact.status
  return {
    pact: { id: pact.id, title: pact.title, status },
    clauses: matrix.clauses.map((row, index) => ({
      clauseId: row.clauseId,
      title: snapshot.clauses[index]!.title,
      agreed: row.agreed,
      statuses: row.parties.map((party) => party.status),
    })),
    signingParties,
    transitions: canManage ? allowedTransitions(status).map((to) => ({ to, amendment: isAmendment(status, to) })) : [],
    canManage,
  }
}

/** What stands between the pact and signing, in the words of the page: clause, party, status. */
async function openItemsInWords(pactId: string) {
  const { snapshot, parties, matrix } = await signOffState(pactId)
  const titles = new Map(snapshot.clauses.map((clause) => [clause.clauseId, clause.title]))
  const partyNames = new Map(parties.map((party) => [party.id, party.name]))
  return openItems(matrix).map((item) => ({
    clauseId: item.clauseId,
    clause: titles.get(item.clauseId) ?? '',
    party: partyNames.get(item.partyId) ?? '',
    status: item.status,
  }))
}

/** What a successful change says: a message key and what it names. */
interface Done {
  key: MessageKey
  status?: PactStatus
  version?: number
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requirePactAccess(request, params.pactId, 'manage')
  const submission = parseWithZod(await request.formData(), { schema: signOffFormSchema })
  // Status changes and signatories each show their outcome beside their own forms.
  const section = submission.payload.intent === 'change-status' ? 'status' : 'signatories'
  if (submission.status !== 'success') return data({ section, result: submission.reply(), open: [], done: null }, { status: 400 })
  const value = submission.value
  const succeeded = (done: Done) => ({ section, result: submission.reply(), open: [], done })
  try {
    if (value.intent === 'change-status') {
      const version = await changePactStatus(params.pactId, value.to, user.id)
      return succeeded(version ? { key: 'signoff.lifecycle.signed', version } : { key: 'signoff.lifecycle.changed', status: value.to })
    }
    if (value.intent === 'add-signatory') {
      await addSignatory(params.pactId, value.partyId, value.userId, user.id)
      return succeeded({ key: 'signoff.signatories.added' })
    }
    await removeSignatory(params.pactId, value.partyId, value.userId, user.id)
    return succeeded({ key: 'signoff.signatories.removed' })
  } catch (error) {
    if (!(error instanceof SignOffError)) throw error
    const refusal = refusalFor(error.code)
    const open = error.code === 'open-clauses' ? await openItemsInWords(params.pactId) : []
    return data({ section, result: submission.reply({ formErrors: [refusal.message] }), open, done: null }, { status: refusal.status })
  }
}

export default function PactSignOff() {
  const { t } = useTranslation()
  const { pact, clauses, signingParties, transitions, canManage } = useLoaderData<typeof loader>()
  useLivePact(pact.id)
  const agreed = clauses.filter((clause) => clause.agreed).length
  return (
    <div className="pw-stack">
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${pact.id}`}>
          {t('signoff.backToPact', { title: pact.title })}
        </Link>
      </Paragraph>
      <Heading level={1}>{t('signoff.matrix.title')}</Heading>
      <Paragraph lead>{t('signoff.matrix.lead')}</Paragraph>
      <Paragraph className="pw-meta">{t('signoff.live')}</Paragraph>

      <section aria-labelledby="status-heading">
        <Heading level={2} id="status-heading">
          {t('signoff.lifecycle.title')}
        </Heading>
        <Paragraph>
          {t('signoff.lifecycle.current')} <strong>{t(`pactStatus.${pact.status}`)}</strong>
        </Paragraph>
        <Outcome section="status" pactId={pact.id} />
        {transitions.length ? (
          <Form method="post" className="pw-actions">
            <input type="hidden" name="intent" value="change-status" />
            {transitions.map(({ to, amendment }) => (
              <Button key={to} name="to" value={to} appearance={to === 'concept' && !amendment ? 'secondary' : 'primary'}>
                {t(amendment ? 'signoff.lifecycle.actions.amendment' : `signoff.lifecycle.actions.${to}`)}
              </Button>
            ))}
          </Form>
        ) : null}
        {transitions.some((transition) => transition.amendment) ? <Paragraph className="pw-meta">{t('signoff.lifecycle.amendmentHelp')}</Paragraph> : null}
      </section>

      <section aria-labelledby="matrix-heading">
        <Heading level={2} id="matrix-heading">
          {t('signoff.matrix.heading')}
        </Heading>
        {signingParties.length === 0 ? <Paragraph>{t('signoff.matrix.noSigningParties')}</Paragraph> : null}
        {clauses.length === 0 ? (
          <Paragraph>{t('signoff.matrix.noClauses')}</Paragraph>
        ) : (
          <>
            <Paragraph>{t('signoff.matrix.agreedCount', { agreed, total: clauses.length })}</Paragraph>
            <div className="pw-table-wrap">
              <table className="utrecht-table pw-matrix" data-testid="sign-off-matrix">
                <caption className="utrecht-table__caption">{t('signoff.matrix.caption')}</caption>
                <thead className="utrecht-table__header">
                  <tr className="utrecht-table__row">
                    <th className="utrecht-table__header-cell" scope="col">
                      {t('signoff.matrix.clause')}
                    </th>
                    {signingParties.map((party) => (
                      <th key={party.id} className="utrecht-table__header-cell" scope="col">
                        {party.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="utrecht-table__body">
                  {clauses.map((clause, index) => (
                    <tr key={clause.clauseId || `untitled-${index}`} className="utrecht-table__row">
                      <th className="utrecht-table__header-cell" scope="row">
                        {clause.clauseId ? (
                          <Link className="utrecht-link" to={`/pacts/${pact.id}/artikelen/${clause.clauseId}`}>
                            {clause.title || t('signoff.matrix.untitled')}
                          </Link>
                        ) : (
                          clause.title || t('signoff.matrix.untitled')
                        )}
                      </th>
                      {clause.statuses.map((status, column) => (
                        <td key={signingParties[column]?.id ?? column} className="utrecht-table__cell">
                          <StatusBadge status={status} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <Signatories pactId={pact.id} parties={signingParties} canManage={canManage} />
    </div>
  )
}

/** The outcome of the last submission made in this section: done, refused, and what is still open. */
function Outcome({ section, pactId }: { section: 'status' | 'signatories'; pactId: string }) {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const outcome = actionData?.section === section ? actionData : undefined
  return (
    <div aria-live="polite">
      {outcome?.done ? (
        <Alert type="ok">
          {t(outcome.done.key, { status: outcome.done.status ? t(`pactStatus.${outcome.done.status}`) : '', number: outcome.done.version })}{' '}
          {outcome.done.version ? (
            <Link className="utrecht-link" to={`/pacts/${pactId}/versies/${outcome.done.version}`}>
              {t('signoff.lifecycle.viewVersion', { number: outcome.done.version })}
            </Link>
          ) : null}
        </Alert>
      ) : null}
      <FormErrors errors={outcome?.result.error?.[''] ?? undefined} />
      {outcome?.open.length ? (
        <Alert type="warning" role="status">
          <p className="utrecht-paragraph">{t('signoff.lifecycle.openItems', { count: outcome.open.length })}</p>
          <ul className="utrecht-unordered-list">
            {outcome.open.map((item) => (
              <li key={`${item.clauseId} ${item.party}`}>
                {item.clause || t('signoff.matrix.untitled')} — {item.party}: {t(`signoff.status.${item.status}`)}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </div>
  )
}

function Signatories({
  pactId,
  parties,
  canManage,
}: {
  pactId: string
  parties: Array<{ id: string; name: string; signatories: Array<{ userId: string; name: string }>; candidates: Array<{ userId: string; name: string }> }>
  canManage: boolean
}) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="signatories-heading">
      <Heading level={2} id="signatories-heading">
        {t('signoff.signatories.title')}
      </Heading>
      <Paragraph>{t('signoff.signatories.lead')}</Paragraph>
      <Outcome section="signatories" pactId={pactId} />
      <div className="pw-two-col">
        {parties.map((party) => (
          <div key={party.id} className="pw-card">
            <Heading level={3}>{party.name}</Heading>
            {party.signatories.length === 0 ? (
              <Paragraph>{t('signoff.signatories.none')}</Paragraph>
            ) : (
              <ul className="pw-plain-list">
                {party.signatories.map((signatory) => (
                  <li key={signatory.userId}>
                    {canManage ? (
                      <Form method="post" className="pw-inline-form">
                        <input type="hidden" name="intent" value="remove-signatory" />
                        <input type="hidden" name="partyId" value={party.id} />
                        <input type="hidden" name="userId" value={signatory.userId} />
                        <span>{signatory.name}</span>
                        <Button appearance="subtle">
                          {t('signoff.signatories.remove')}
                          <span className="pw-visually-hidden">{t('signoff.signatories.removeWhom', { name: signatory.name, party: party.name })}</span>
                        </Button>
                      </Form>
                    ) : (
                      signatory.name
                    )}
                  </li>
                ))}
              </ul>
            )}
            {canManage && party.candidates.length > 0 ? (
              <Form method="post" className="pw-inline-form">
                <input type="hidden" name="intent" value="add-signatory" />
                <input type="hidden" name="partyId" value={party.id} />
                <label className="utrecht-form-label" htmlFor={`signatory-${party.id}`}>
                  {t('signoff.signatories.person', { party: party.name })}
                </label>
                <select id={`signatory-${party.id}`} name="userId" className="utrecht-select utrecht-select--html-select">
                  {party.candidates.map((candidate) => (
                    <option key={candidate.userId} value={candidate.userId}>
                      {candidate.name}
                    </option>
                  ))}
                </select>
                <Button appearance="secondary">{t('signoff.signatories.add')}</Button>
              </Form>
            ) : null}
          </div>
        ))}
      </div>
    </section>
  )
}
