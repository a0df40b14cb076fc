import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { Form, Link, useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { StatusBadge } from '#app/sign-off/ui.tsx'
import { Refusal } from '#app/platform/errors.ts'
import { answer, formIntent, useFormAnswer, type Done, type FormAnswer } from '#app/platform/forms.ts'
import { Select } from '#app/platform/ui/field.tsx'
import { Table } from '#app/platform/ui/table.tsx'
import { Alert, Button, FormErrors, Heading, PageHeader, Paragraph } from '#app/platform/ui/ui.tsx'
import { useLivePact } from '#app/platform/events/use-live-pact.ts'
import { getPact, listMembers } from '#app/pacts/pacts.server.ts'
import { addSignatory, changePactStatus, listSignatories, removeSignatory, SignOffError, signOffState } from '#app/sign-off/sign-off.server.ts'
import { can } from '#app/access/access.ts'
import type { PactStatus } from '#app/organisations/organisation.ts'
import { allowedTransitions, isAmendment } from '#app/pacts/lifecycle.ts'
import { openItems } from '#app/sign-off/sign-off.ts'
import { signOffFormSchema } from '#app/sign-off/forms.ts'
import signOffCss from '#app/sign-off/sign-off.css?url'
import type { Route } from './+types/pact-sign-off'

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
  const status = pact.status as PactStatus
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

type OpenItem = Awaited<ReturnType<typeof openItemsInWords>>[number]

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requirePactAccess(request, params.pactId, 'manage')
  const formData = await request.formData()
  // Status changes and signatories each show their outcome beside their own forms.
  const form = formIntent(formData) === 'change-status' ? 'status' : 'signatories'
  const submission = parseWithZod(formData, { schema: signOffFormSchema })
  if (submission.status !== 'success') return answer(form, submission.reply(), { status: 400, open: [] as OpenItem[] })
  const value = submission.value
  const succeeded = (done: Exclude<Done, string>) => answer(form, submission.reply(), { done, open: [] as OpenItem[] })
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
    if (!(error instanceof Refusal)) throw error
    const open = error instanceof SignOffError && error.code === 'open-clauses' ? await openItemsInWords(params.pactId) : []
    return answer(form, submission.reply({ formErrors: [error.messageKey] }), { status: error.status, open })
  }
}

export default function PactSignOff() {
  const { t } = useTranslation()
  const { pact, clauses, signingParties, transitions, canManage } = useLoaderData<typeof loader>()
  useLivePact(pact.id)
  const agreed = clauses.filter((clause) => clause.agreed).length
  return (
    <div className="pw-stack">
      <PageHeader title={t('signoff.matrix.title')} lead={t('signoff.matrix.lead')}>
        <Paragraph className="pw-meta">{t('signoff.live')}</Paragraph>
      </PageHeader>

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
            <Table
              caption={t('signoff.matrix.caption')}
              className="pw-matrix"
              testId="sign-off-matrix"
              rows={clauses.map((clause, index) => ({ ...clause, key: clause.clauseId || `untitled-${index}` }))}
              rowKey={(clause) => clause.key}
              columns={[
                {
                  header: t('signoff.matrix.clause'),
                  rowHeader: true,
                  cell: (clause) =>
                    clause.clauseId ? (
                      <Link className="utrecht-link" to={`/pacts/${pact.id}/artikelen/${clause.clauseId}`}>
                        {clause.title || t('signoff.matrix.untitled')}
                      </Link>
                    ) : (
                      clause.title || t('signoff.matrix.untitled')
                    ),
                },
                ...signingParties.map((party, column) => ({
                  key: party.id,
                  header: party.name,
                  cell: (clause: (typeof clauses)[number]) => {
                    const status = clause.statuses[column]
                    return status ? <StatusBadge status={status} /> : null
                  },
                })),
              ]}
            />
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
  const outcome = useFormAnswer<FormAnswer<Exclude<Done, string>> & { open: OpenItem[] }>(section)
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
                <Select
                  id={`signatory-${party.id}`}
                  name="userId"
                  label={t('signoff.signatories.person', { party: party.name })}
                  options={party.candidates.map((candidate) => ({ value: candidate.userId, label: candidate.name }))}
                />
                <Button appearance="secondary">{t('signoff.signatories.add')}</Button>
              </Form>
            ) : null}
          </div>
        ))}
      </div>
    </section>
  )
}
