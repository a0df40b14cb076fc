import { useTranslation } from 'react-i18next'
import { Form, Link } from 'react-router'
import type { PactStanding, PactStatus } from '#app/pacts/lifecycle.ts'
import { PactStatusBadge, usePactStandingText } from '#app/pacts/ui/pact-standing.tsx'
import { useFormAnswer, type FormAnswer } from '#app/platform/forms.ts'
import type { MessageKey } from '#app/platform/i18n/keys.ts'
import { ConfirmButton } from '#app/platform/ui/confirm-button.tsx'
import { Select } from '#app/platform/ui/field.tsx'
import { Table } from '#app/platform/ui/table.tsx'
import { Alert, Button, FormErrors, Heading, Paragraph } from '#app/platform/ui/ui.tsx'
import type { ClauseStatus } from './status.ts'
import { StatusBadge } from './ui.tsx'

/** What a successful status or signatory change says: a message key and what it names. */
export type SignOffDone = { key: MessageKey; status?: PactStatus; version?: number }

/**
 * The widgets of the sign-off page: the pact's status with the changes a beheerder may make,
 * the clause × party matrix, and the signatories per party, each showing the outcome of its
 * own forms.
 */

export interface MatrixPact {
  id: string
  title: string
  status: PactStatus
  standing: PactStanding
}

export interface MatrixClause {
  clauseId: string
  title: string
  agreed: boolean
  /** Open discussion threads and open suggestions in the clause. */
  openComments: number
  openSuggestions: number
  /** One per signing party, in the order of `signingParties`. */
  statuses: ClauseStatus[]
  /** Likewise: where the party's standing change request points at a suggestion, whose it is (null: someone no longer known). */
  requests: Array<{ proposerName: string | null } | null>
}

export interface SigningParty {
  id: string
  name: string
  signatories: Array<{ userId: string; name: string }>
  /** Who designates this party's signatories (signatory-designation.ts), by name. */
  designators: string[]
  /** Whether the reader is one of them. */
  canDesignate: boolean
  /** The party's members who could be named (only for those who designate). */
  candidates: Array<{ userId: string; name: string }>
}

/** What stands between the pact and signing, in words: clause, party, status. */
export interface OpenItem {
  clauseId: string
  clause: string
  party: string
  status: ClauseStatus
}

export function PactStatusSection({
  pact,
  transitions,
}: {
  pact: MatrixPact
  transitions: Array<{ to: PactStatus; amendment: boolean; confirm: boolean }>
}) {
  const { t } = useTranslation()
  const standing = usePactStandingText(pact.standing)
  return (
    <section aria-labelledby="status-heading">
      <Heading level={2} id="status-heading">
        {t('signoff.lifecycle.title')}
      </Heading>
      <Paragraph>
        {t('signoff.lifecycle.current')} <PactStatusBadge standing={pact.standing} />
        {standing ? <strong data-testid="sign-off-standing"> {standing}</strong> : null}
      </Paragraph>
      <Outcome section="status" pactId={pact.id} />
      {transitions.length ? (
        <div className="pw-actions">
          {transitions.map(({ to, amendment, confirm }) => {
            const label = t(amendment ? 'signoff.lifecycle.actions.amendment' : `signoff.lifecycle.actions.${to}`)
            // Signing and amending are asked first, in words (needsConfirmation): neither is undone by a click.
            const confirmation = confirm ? confirmationOf(pact.standing, amendment) : null
            return confirmation ? (
              <ConfirmButton
                key={to}
                label={label}
                appearance="primary"
                question={t(confirmation.question)}
                details={<Paragraph>{t(confirmation.details, confirmation.values)}</Paragraph>}
                confirmLabel={t(confirmation.confirm, confirmation.values)}
                submit={{ intent: 'change-status', to }}
              />
            ) : (
              <Form key={to} method="post">
                <input type="hidden" name="intent" value="change-status" />
                <Button name="to" value={to} appearance={to === 'concept' ? 'secondary' : 'primary'}>
                  {label}
                </Button>
              </Form>
            )
          })}
        </div>
      ) : null}
      {transitions.some((transition) => transition.amendment) ? (
        <Paragraph className="pw-meta">{t('signoff.lifecycle.amendmentHelp')}</Paragraph>
      ) : null}
    </section>
  )
}

/** What the confirmation of signing or of starting an amendment says, with the version numbers it names. */
function confirmationOf(standing: PactStanding, amendment: boolean) {
  if (amendment) {
    const inForce = standing.kind === 'in-force' ? standing.version : 0
    return {
      question: 'signoff.lifecycle.confirmAmendment.question',
      details: 'signoff.lifecycle.confirmAmendment.details',
      confirm: 'signoff.lifecycle.confirmAmendment.confirm',
      values: { inForce, draft: inForce + 1 },
    } as const
  }
  return {
    question: 'signoff.lifecycle.confirmSign.question',
    details: 'signoff.lifecycle.confirmSign.details',
    confirm: 'signoff.lifecycle.confirmSign.confirm',
    values: { number: standing.kind === 'amending' ? standing.draft : 1 },
  } as const
}

/** For a signatory: the review flow, per party they sign for, with how many items are left. */
export function ReviewLinks({
  pactId,
  parties,
}: {
  pactId: string
  parties: Array<{ partyId: string; name: string; open: number }>
}) {
  const { t } = useTranslation()
  if (parties.length === 0) return null
  return (
    <section aria-labelledby="review-heading">
      <Heading level={2} id="review-heading">
        {t('signoff.review.title')}
      </Heading>
      <ul className="pw-plain-list">
        {parties.map((party) => (
          <li key={party.partyId}>
            {party.open > 0 ? (
              <Link
                className="utrecht-link"
                to={`/pacts/${pactId}/akkoord/beoordelen${parties.length > 1 ? `?partij=${party.partyId}` : ''}`}
              >
                {t('signoff.review.start', { party: party.name, count: party.open })}
              </Link>
            ) : (
              t('signoff.review.startNone', { party: party.name })
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

export function SignOffMatrix({
  pact,
  clauses,
  signingParties,
}: {
  pact: MatrixPact
  clauses: MatrixClause[]
  signingParties: SigningParty[]
}) {
  const { t } = useTranslation()
  const agreed = clauses.filter((clause) => clause.agreed).length
  return (
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
                    <>
                      <Link className="utrecht-link pw-matrix__title" to={`/pacts/${pact.id}/artikelen/${clause.clauseId}`}>
                        {clause.title || t('signoff.matrix.untitled')}
                      </Link>
                      <ClauseActivity pactId={pact.id} clause={clause} />
                    </>
                  ) : (
                    <span className="pw-matrix__title">{clause.title || t('signoff.matrix.untitled')}</span>
                  ),
              },
              ...signingParties.map((party, column) => ({
                key: party.id,
                header: party.name,
                cell: (clause: (typeof clauses)[number]) => {
                  const status = clause.statuses[column]
                  const request = clause.requests[column]
                  if (!status) return null
                  return (
                    <>
                      <StatusBadge status={status} />
                      {request ? (
                        <span className="pw-matrix__request" data-testid="request-about">
                          {' '}
                          {t('signoff.matrix.requestAbout', {
                            name: request.proposerName ?? t('signoff.suggestions.unknownPerson'),
                          })}
                        </span>
                      ) : null}
                    </>
                  )
                },
              })),
            ]}
          />
        </>
      )}
    </section>
  )
}

/** The outcome of the last submission made in this section: done, refused, and what is still open. */
function Outcome({ section, pactId }: { section: 'status' | 'signatories'; pactId: string }) {
  const { t } = useTranslation()
  const outcome = useFormAnswer<FormAnswer<SignOffDone> & { open: OpenItem[] }>(section)
  return (
    <div aria-live="polite">
      {outcome?.done ? (
        <Alert type="ok">
          {t(outcome.done.key, {
            status: outcome.done.status ? t(`pactStatus.${outcome.done.status}`) : '',
            number: outcome.done.version,
          })}{' '}
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

export function Signatories({ pactId, parties }: { pactId: string; parties: SigningParty[] }) {
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
            <Paragraph className="pw-meta">
              {party.designators.length
                ? t('signoff.signatories.designators', { names: party.designators.join(', ') })
                : t('signoff.signatories.noDesignators')}
            </Paragraph>
            {party.signatories.length === 0 ? (
              <Paragraph>{t('signoff.signatories.none')}</Paragraph>
            ) : (
              <ul className="pw-plain-list">
                {party.signatories.map((signatory) => (
                  <li key={signatory.userId}>
                    {party.canDesignate ? (
                      <Form method="post" className="pw-inline-form">
                        <input type="hidden" name="intent" value="remove-signatory" />
                        <input type="hidden" name="partyId" value={party.id} />
                        <input type="hidden" name="userId" value={signatory.userId} />
                        <span>{signatory.name}</span>
                        <Button appearance="subtle">
                          {t('signoff.signatories.remove')}
                          <span className="pw-visually-hidden">
                            {t('signoff.signatories.removeWhom', { name: signatory.name, party: party.name })}
                          </span>
                        </Button>
                      </Form>
                    ) : (
                      signatory.name
                    )}
                  </li>
                ))}
              </ul>
            )}
            {party.canDesignate && party.candidates.length > 0 ? (
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

/** Open discussions and suggestions of a clause, each opening where it is dealt with. */
function ClauseActivity({
  pactId,
  clause,
}: {
  pactId: string
  clause: { clauseId: string; openComments: number; openSuggestions: number }
}) {
  const { t } = useTranslation()
  if (clause.openComments === 0 && clause.openSuggestions === 0) return null
  return (
    <span className="pw-matrix__activity">
      {clause.openComments > 0 ? (
        <Link className="utrecht-link" to={`/pacts/${pactId}/artikelen/${clause.clauseId}#discussion-heading`}>
          {t('signoff.matrix.openComments', { count: clause.openComments })}
        </Link>
      ) : null}
      {clause.openSuggestions > 0 ? (
        <Link className="utrecht-link" to={`/pacts/${pactId}/document`}>
          {t('signoff.matrix.openSuggestions', { count: clause.openSuggestions })}
        </Link>
      ) : null}
    </span>
  )
}
