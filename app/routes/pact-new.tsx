import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { data, Form, Link, redirect, useActionData, useLoaderData } from 'react-router'
import { requireUser } from '#app/access/authorization.server.ts'
import { Fieldset } from '#app/platform/ui/field.tsx'
import { Button, Heading, Paragraph, SelectField, TextField } from '#app/platform/ui/ui.tsx'
import { listUserOrganisations } from '#app/organisations/organisations.server.ts'
import { createPact } from '#app/pacts/pacts.server.ts'
import { createPactSchema } from '#app/pacts/forms.ts'
import { checkAsFilledIn } from '#app/platform/forms.ts'
import type { Route } from './+types/pact-new'

export const meta: Route.MetaFunction = () => [{ title: 'Nieuw pact · Pactwerk' }]

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request)
  return { organisations: await listUserOrganisations(user.id), thisYear: new Date().getFullYear() }
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request)
  const submission = parseWithZod(await request.formData(), { schema: createPactSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const organisations = await listUserOrganisations(user.id)
  if (!organisations.some((organisation) => organisation.id === submission.value.organisationId)) {
    return data(submission.reply({ fieldErrors: { organisationId: ['errors.organisation.required'] } }), { status: 422 })
  }
  const pactId = await createPact(submission.value, user.id)
  return redirect(`/pacts/${pactId}`)
}

export default function NewPact() {
  const { t } = useTranslation()
  const { organisations, thisYear } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { startYear: String(thisYear + 1), endYear: String(thisYear + 4), organisationId: organisations[0]?.id },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createPactSchema }),
    ...checkAsFilledIn,
  })
  if (organisations.length === 0) {
    return (
      <div className="pw-stack">
        <Heading level={1}>{t('pactNew.title')}</Heading>
        <Paragraph>{t('pactNew.needOrganisation')}</Paragraph>
        <Link className="utrecht-link" to="/organisaties">
          {t('pactNew.toOrganisations')}
        </Link>
      </div>
    )
  }
  return (
    <div className="pw-stack">
      <Heading level={1}>{t('pactNew.title')}</Heading>
      <Paragraph lead>{t('pactNew.intro')}</Paragraph>
      <Form method="post" {...getFormProps(form)}>
        <TextField field={fields.title} label={t('fields.pactTitle')} />
        <TextField field={fields.region} label={t('fields.region')} description={t('pactNew.regionHint')} />
        <Fieldset legend={t('fields.period')}>
          <div className="pw-two-col">
            <TextField field={fields.startYear} label={t('fields.startYear')} inputMode="numeric" />
            <TextField field={fields.endYear} label={t('fields.endYear')} inputMode="numeric" />
          </div>
        </Fieldset>
        <SelectField
          field={fields.organisationId}
          label={t('fields.ownOrganisation')}
          options={organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
        />
        <Button>{t('pactNew.submit')}</Button>
      </Form>
    </div>
  )
}
