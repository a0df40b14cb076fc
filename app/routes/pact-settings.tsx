import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { Form, Link, useActionData, useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { CopyLink } from '#app/platform/ui/copy-link.tsx'
import { Alert, Button, CheckboxField, FormErrors, Heading, Paragraph, SelectField, TextField } from '#app/platform/ui/ui.tsx'
import { createPactInvitation } from '#app/pacts/invitations.server.ts'
import { addParty, changeMemberAccess, getPact, LastManagerError, listMembers, listParties } from '#app/pacts/pacts.server.ts'
import { ACCESS_LEVELS } from '#app/access/access.ts'
import { ORGANISATION_KINDS } from '#app/organisations/organisation.ts'
import { addPartySchema, invitePersonSchema, settingsSchema } from '#app/pacts/forms.ts'
import type { Route } from './+types/pact-settings'
import { messageKey } from '#app/platform/i18n/keys.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Instellingen · Pactwerk' }]

export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePactAccess(request, params.pactId, 'manage')
  const [pact, parties, members] = await Promise.all([getPact(params.pactId), listParties(params.pactId), listMembers(params.pactId)])
  return {
    pact: { id: pact.id, title: pact.title },
    parties: parties.map((party) => ({ id: party.id, name: party.name })),
    members: members.map((member) => ({ user_id: member.user_id, name: member.name, party_name: member.party_name, access: member.access })),
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requirePactAccess(request, params.pactId, 'manage')
  const submission = parseWithZod(await request.formData(), { schema: settingsSchema })
  if (submission.status !== 'success') return { intent: submission.payload.intent, result: submission.reply() }
  const value = submission.value
  switch (value.intent) {
    case 'add-party': {
      await addParty(params.pactId, value, user.id)
      return { intent: value.intent, result: submission.reply({ resetForm: true }), done: messageKey('settings.partyAdded') }
    }
    case 'invite': {
      const token = await createPactInvitation({ pactId: params.pactId, partyId: value.partyId, access: value.access, createdBy: user.id })
      if (!token) return { intent: value.intent, result: submission.reply({ fieldErrors: { partyId: ['errors.party.required'] } }) }
      return { intent: value.intent, result: submission.reply({ resetForm: true }), invitationPath: `/uitnodiging/${token}` }
    }
    case 'change-access': {
      try {
        const changed = await changeMemberAccess(params.pactId, value.userId, value.access, user.id)
        if (!changed) return { intent: value.intent, result: submission.reply({ formErrors: ['errors.member.notFound'] }) }
      } catch (error) {
        if (error instanceof LastManagerError) {
          return { intent: value.intent, result: submission.reply({ formErrors: ['errors.member.lastManager'] }) }
        }
        throw error
      }
      return { intent: value.intent, result: submission.reply(), done: messageKey('settings.accessChanged') }
    }
  }
}

function useIntentResult(intent: string) {
  const actionData = useActionData<typeof action>()
  return actionData?.intent === intent ? actionData : undefined
}

export default function PactSettings() {
  const { t } = useTranslation()
  const { pact, parties, members } = useLoaderData<typeof loader>()
  return (
    <div className="pw-stack">
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${pact.id}`}>
          {t('settings.back', { title: pact.title })}
        </Link>
      </Paragraph>
      <Heading level={1}>{t('settings.title')}</Heading>
      <InviteForm parties={parties} />
      <AddPartyForm />
      <AccessTable members={members} />
    </div>
  )
}

function InviteForm({ parties }: { parties: Array<{ id: string; name: string }> }) {
  const { t } = useTranslation()
  const actionData = useIntentResult('invite')
  const [form, fields] = useForm({
    id: 'invite',
    lastResult: actionData?.result,
    defaultValue: { access: 'redacteur' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: invitePersonSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <section aria-labelledby="invite-heading">
      <Heading level={2} id="invite-heading">
        {t('settings.invite')}
      </Heading>
      <Paragraph>{t('settings.inviteIntro')}</Paragraph>
      {actionData && 'invitationPath' in actionData && actionData.invitationPath ? <CopyLink path={actionData.invitationPath} /> : null}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="invite" />
        <SelectField
          field={fields.partyId}
          label={t('fields.party')}
          placeholder={t('fields.choose')}
          options={parties.map((party) => ({ value: party.id, label: party.name }))}
        />
        <SelectField
          field={fields.access}
          label={t('fields.access')}
          options={ACCESS_LEVELS.map((level) => ({ value: level, label: `${t(`access.${level}`)} — ${t(`accessHelp.${level}`)}` }))}
        />
        <Button>{t('settings.createLink')}</Button>
      </Form>
    </section>
  )
}

function AddPartyForm() {
  const { t } = useTranslation()
  const actionData = useIntentResult('add-party')
  const [form, fields] = useForm({
    id: 'add-party',
    lastResult: actionData?.result,
    defaultValue: { isSignatory: 'on' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addPartySchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <section aria-labelledby="party-heading">
      <Heading level={2} id="party-heading">
        {t('settings.addParty')}
      </Heading>
      {actionData && 'done' in actionData && actionData.done ? <Alert type="ok">{t(actionData.done)}</Alert> : null}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-party" />
        <TextField field={fields.name} label={t('fields.organisationName')} />
        <SelectField
          field={fields.kind}
          label={t('fields.organisationKind')}
          placeholder={t('fields.choose')}
          options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t(`organisationKinds.${kind}`) }))}
        />
        <CheckboxField field={fields.isSignatory} label={t('fields.isSignatory')} />
        <Button>{t('settings.addPartySubmit')}</Button>
      </Form>
    </section>
  )
}

function AccessTable({ members }: { members: Array<{ user_id: string; name: string; party_name: string; access: string }> }) {
  const { t } = useTranslation()
  const actionData = useIntentResult('change-access')
  return (
    <section aria-labelledby="access-heading">
      <Heading level={2} id="access-heading">
        {t('settings.people')}
      </Heading>
      <FormErrors errors={actionData?.result.error?.[''] ?? undefined} />
      {actionData && 'done' in actionData && actionData.done ? <Alert type="ok">{t(actionData.done)}</Alert> : null}
      <div className="pw-table-wrap">
        <table className="utrecht-table">
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="col">{t('fields.name')}</th>
              <th className="utrecht-table__header-cell" scope="col">{t('overview.party')}</th>
              <th className="utrecht-table__header-cell" scope="col">{t('fields.access')}</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {members.map((member) => (
              <tr key={member.user_id} className="utrecht-table__row">
                <td className="utrecht-table__cell">{member.name}</td>
                <td className="utrecht-table__cell">{member.party_name}</td>
                <td className="utrecht-table__cell">
                  <Form method="post" className="pw-inline-form">
                    <input type="hidden" name="intent" value="change-access" />
                    <input type="hidden" name="userId" value={member.user_id} />
                    <label className="pw-visually-hidden" htmlFor={`access-${member.user_id}`}>
                      {t('settings.accessFor', { name: member.name })}
                    </label>
                    <select
                      id={`access-${member.user_id}`}
                      name="access"
                      defaultValue={member.access}
                      className="utrecht-select utrecht-select--html-select"
                    >
                      {ACCESS_LEVELS.map((level) => (
                        <option key={level} value={level}>
                          {t(`access.${level}`)}
                        </option>
                      ))}
                    </select>
                    <Button appearance="secondary">{t('settings.save')}</Button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
