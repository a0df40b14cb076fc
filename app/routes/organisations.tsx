import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { data, Form, useActionData, useLoaderData } from 'react-router'
import { requireUser } from '#app/access/authorization.server.ts'
import { notFound, refusalResponse } from '#app/platform/errors.ts'
import { checkAsFilledIn, formIntent } from '#app/platform/forms.ts'
import { Alert, Button, Heading, Paragraph, SelectField, TextField } from '#app/platform/ui/ui.tsx'
import { CopyLink } from '#app/platform/ui/copy-link.tsx'
import { createOrganisationInvitation } from '#app/pacts/invitations.server.ts'
import {
  createOrganisation,
  listOrganisationMembers,
  listUserOrganisations,
  organisationRole,
} from '#app/organisations/organisations.server.ts'
import { ORGANISATION_KINDS } from '#app/organisations/organisation.ts'
import { createOrganisationSchema } from '#app/pacts/forms.ts'
import type { Route } from './+types/organisations'

export const meta: Route.MetaFunction = () => [{ title: 'Organisaties · Pactwerk' }]

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request)
  const organisations = await listUserOrganisations(user.id)
  // Members' e-mail addresses are for the organisation's beheerders, who manage its people.
  const withMembers = await Promise.all(
    organisations.map(async (organisation) => ({
      ...organisation,
      members: (await listOrganisationMembers(organisation.id)).map(({ email, ...member }) =>
        organisation.role === 'beheerder' ? { ...member, email } : { ...member, email: null },
      ),
    })),
  )
  return { organisations: withMembers }
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  if (formIntent(formData) === 'invite') {
    const organisationId = String(formData.get('organisationId') ?? '')
    if ((await organisationRole(user.id, organisationId)) !== 'beheerder') throw refusalResponse(notFound())
    const token = await createOrganisationInvitation(organisationId, user.id)
    return { invitation: { organisationId, path: `/uitnodiging/${token}` } }
  }
  const submission = parseWithZod(formData, { schema: createOrganisationSchema })
  if (submission.status !== 'success') return data({ submission: submission.reply() }, { status: 400 })
  await createOrganisation({ ...submission.value, userId: user.id })
  return { submission: submission.reply({ resetForm: true }), created: submission.value.name }
}

export default function Organisations() {
  const { t } = useTranslation()
  const { organisations } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const lastResult = actionData && 'submission' in actionData ? actionData.submission : undefined
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createOrganisationSchema }),
    ...checkAsFilledIn,
  })
  const invitation = actionData && 'invitation' in actionData ? actionData.invitation : undefined
  return (
    <div className="pw-stack">
      <Heading level={1}>{t('organisations.title')}</Heading>
      {actionData && 'created' in actionData ? (
        <Alert type="ok">{t('organisations.created', { name: actionData.created })}</Alert>
      ) : null}
      {organisations.length === 0 ? <Paragraph>{t('organisations.none')}</Paragraph> : null}
      {organisations.map((organisation) => (
        <section key={organisation.id} className="pw-card" aria-labelledby={`org-${organisation.id}`}>
          <Heading level={2} id={`org-${organisation.id}`}>
            {organisation.name}
          </Heading>
          <Paragraph className="pw-meta">
            {t(`organisationKinds.${organisation.kind}`)} · {t(`organisations.roles.${organisation.role}`)}
          </Paragraph>
          <ul>
            {organisation.members.map((member) => (
              <li key={member.id}>
                {member.name}
                {member.email ? ` (${member.email})` : ''} — {t(`organisations.roles.${member.role}`)}
              </li>
            ))}
          </ul>
          {organisation.role === 'beheerder' ? (
            <Form method="post" className="pw-inline-form">
              <input type="hidden" name="intent" value="invite" />
              <input type="hidden" name="organisationId" value={organisation.id} />
              <Button appearance="secondary">{t('organisations.invite')}</Button>
            </Form>
          ) : null}
          {invitation?.organisationId === organisation.id ? <CopyLink path={invitation.path} /> : null}
        </section>
      ))}
      <Heading level={2}>{t('organisations.new')}</Heading>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create" />
        <TextField field={fields.name} label={t('fields.organisationName')} autoComplete="organization" />
        <SelectField
          field={fields.kind}
          label={t('fields.organisationKind')}
          placeholder={t('fields.choose')}
          options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t(`organisationKinds.${kind}`) }))}
        />
        <Button>{t('organisations.create')}</Button>
      </Form>
    </div>
  )
}
