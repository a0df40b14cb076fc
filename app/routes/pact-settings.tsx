import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { Form, useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { CopyLink } from '#app/platform/ui/copy-link.tsx'
import { Refusal } from '#app/platform/errors.ts'
import {
  answer,
  checkAsFilledIn,
  formIntent,
  invalidAnswer,
  refusedAnswer,
  useFormAnswer,
  type FormAnswer,
} from '#app/platform/forms.ts'
import { Select } from '#app/platform/ui/field.tsx'
import { Table } from '#app/platform/ui/table.tsx'
import {
  Alert,
  Button,
  CheckboxField,
  FormErrors,
  Heading,
  PageHeader,
  Paragraph,
  SelectField,
  TextField,
} from '#app/platform/ui/ui.tsx'
import { createPactInvitation } from '#app/pacts/invitations.server.ts'
import { addParty, changeMemberAccess, getPact, listMembers, listParties, setSuggestionsOnly } from '#app/pacts/pacts.server.ts'
import { ACCESS_LEVELS } from '#app/access/access.ts'
import { ORGANISATION_KINDS } from '#app/organisations/organisation.ts'
import { addPartySchema, invitePersonSchema, settingsSchema } from '#app/pacts/forms.ts'
import type { Route } from './+types/pact-settings'
import { messageKey, type MessageKey } from '#app/platform/i18n/keys.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Instellingen · Pactwerk' }]

export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePactAccess(request, params.pactId, 'manage')
  const [pact, parties, members] = await Promise.all([
    getPact(params.pactId),
    listParties(params.pactId),
    listMembers(params.pactId),
  ])
  return {
    suggestionsOnly: pact.suggestions_only === 1,
    parties: parties.map((party) => ({ id: party.id, name: party.name })),
    members: members.map((member) => ({
      user_id: member.user_id,
      name: member.name,
      party_name: member.party_name,
      access: member.access,
    })),
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requirePactAccess(request, params.pactId, 'manage')
  const formData = await request.formData()
  const form = formIntent(formData)
  const submission = parseWithZod(formData, { schema: settingsSchema })
  if (submission.status !== 'success') return invalidAnswer(form, submission)
  const value = submission.value
  try {
    switch (value.intent) {
      case 'add-party':
        await addParty(params.pactId, value, user.id)
        return answer(form, submission.reply({ resetForm: true }), { done: messageKey('settings.partyAdded') })
      case 'invite': {
        const token = await createPactInvitation({
          pactId: params.pactId,
          partyId: value.partyId,
          access: value.access,
          createdBy: user.id,
        })
        if (!token) throw new Refusal(422, 'errors.party.required', { fieldErrors: { partyId: ['errors.party.required'] } })
        return answer(form, submission.reply({ resetForm: true }), { invitationPath: `/uitnodiging/${token}` })
      }
      case 'change-access':
        await changeMemberAccess(params.pactId, value.userId, value.access, user.id)
        return answer(form, submission.reply(), { done: messageKey('settings.accessChanged') })
      case 'suggestions-only': {
        const on = value.suggestionsOnly === 'on'
        await setSuggestionsOnly(params.pactId, on, user.id)
        const done = on ? messageKey('pact.suggestionsOnly.switchedOn') : messageKey('pact.suggestionsOnly.switchedOff')
        return answer(form, submission.reply(), { done })
      }
    }
  } catch (error) {
    if (error instanceof Refusal) return refusedAnswer(form, submission, error)
    throw error
  }
}

export default function PactSettings() {
  const { t } = useTranslation()
  const { parties, members, suggestionsOnly } = useLoaderData<typeof loader>()
  return (
    <div className="pw-stack">
      <PageHeader title={t('settings.title')} />
      <SuggestionsOnlyForm on={suggestionsOnly} />
      <InviteForm parties={parties} />
      <AddPartyForm />
      <AccessTable members={members} />
    </div>
  )
}

function SuggestionsOnlyForm({ on }: { on: boolean }) {
  const { t } = useTranslation()
  const actionData = useFormAnswer<FormAnswer<MessageKey>>('suggestions-only')
  return (
    <section aria-labelledby="suggestions-only-heading">
      <Heading level={2} id="suggestions-only-heading">
        {t('pact.suggestionsOnly.title')}
      </Heading>
      {actionData?.done ? <Alert type="ok">{t(actionData.done)}</Alert> : null}
      <Paragraph>{t('pact.suggestionsOnly.explanation')}</Paragraph>
      <Paragraph>
        <strong data-testid="suggestions-only-state">{t(on ? 'pact.suggestionsOnly.isOn' : 'pact.suggestionsOnly.isOff')}</strong>
      </Paragraph>
      <Form method="post" id="suggestions-only">
        <input type="hidden" name="intent" value="suggestions-only" />
        <input type="hidden" name="suggestionsOnly" value={on ? 'off' : 'on'} />
        <Button appearance={on ? 'secondary' : 'primary'}>
          {t(on ? 'pact.suggestionsOnly.switchOff' : 'pact.suggestionsOnly.switchOn')}
        </Button>
      </Form>
    </section>
  )
}

function InviteForm({ parties }: { parties: Array<{ id: string; name: string }> }) {
  const { t } = useTranslation()
  const actionData = useFormAnswer<FormAnswer<MessageKey> & { invitationPath?: string }>('invite')
  const [form, fields] = useForm({
    id: 'invite',
    lastResult: actionData?.result,
    defaultValue: { access: 'redacteur' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: invitePersonSchema }),
    ...checkAsFilledIn,
  })
  return (
    <section aria-labelledby="invite-heading">
      <Heading level={2} id="invite-heading">
        {t('settings.invite')}
      </Heading>
      <Paragraph>{t('settings.inviteIntro')}</Paragraph>
      {actionData?.invitationPath ? <CopyLink path={actionData.invitationPath} /> : null}
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
          options={ACCESS_LEVELS.map((level) => ({
            value: level,
            label: `${t(`access.${level}`)} — ${t(`accessHelp.${level}`)}`,
          }))}
        />
        <Button>{t('settings.createLink')}</Button>
      </Form>
    </section>
  )
}

function AddPartyForm() {
  const { t } = useTranslation()
  const actionData = useFormAnswer<FormAnswer<MessageKey>>('add-party')
  const [form, fields] = useForm({
    id: 'add-party',
    lastResult: actionData?.result,
    defaultValue: { isSignatory: 'on' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addPartySchema }),
    ...checkAsFilledIn,
  })
  return (
    <section aria-labelledby="party-heading">
      <Heading level={2} id="party-heading">
        {t('settings.addParty')}
      </Heading>
      {actionData?.done ? <Alert type="ok">{t(actionData.done)}</Alert> : null}
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
  const actionData = useFormAnswer<FormAnswer<MessageKey>>('change-access')
  return (
    <section aria-labelledby="access-heading">
      <Heading level={2} id="access-heading">
        {t('settings.people')}
      </Heading>
      <FormErrors errors={actionData?.result.error?.[''] ?? undefined} />
      {actionData?.done ? <Alert type="ok">{t(actionData.done)}</Alert> : null}
      <Table
        caption={t('settings.people')}
        captionHidden
        rows={members}
        rowKey={(member) => member.user_id}
        columns={[
          { header: t('fields.name'), rowHeader: true, cell: (member) => member.name },
          { header: t('overview.party'), cell: (member) => member.party_name },
          {
            header: t('fields.access'),
            cell: (member) => (
              <Form method="post" className="pw-inline-form">
                <input type="hidden" name="intent" value="change-access" />
                <input type="hidden" name="userId" value={member.user_id} />
                <Select
                  id={`access-${member.user_id}`}
                  name="access"
                  label={t('settings.accessFor', { name: member.name })}
                  labelHidden
                  defaultValue={member.access}
                  options={ACCESS_LEVELS.map((level) => ({ value: level, label: t(`access.${level}`) }))}
                />
                <Button appearance="secondary">{t('settings.save')}</Button>
              </Form>
            ),
          },
        ]}
      />
    </section>
  )
}
