import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { data, Form, Link, redirect, useActionData, useSearchParams } from 'react-router'
import { requireAnonymous } from '#app/access/authorization.server.ts'
import { Button, Heading, Paragraph, TextField } from '#app/platform/ui/ui.tsx'
import { createUser, EmailInUseError } from '#app/accounts/users.server.ts'
import { signUpSchema } from '#app/accounts/forms.ts'
import { safeRedirectPath } from '#app/platform/auth/redirect.ts'
import { checkAsFilledIn } from '#app/platform/forms.ts'
import type { Route } from './+types/sign-up'

export const meta: Route.MetaFunction = () => [{ title: 'Account aanmaken · Pactwerk' }]

export async function loader({ request }: Route.LoaderArgs) {
  await requireAnonymous(request)
  return null
}

export async function action({ request }: Route.ActionArgs) {
  await requireAnonymous(request)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: signUpSchema })
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  const { name, email, password, redirectTo } = submission.value
  // Whether the address already has an account must not show, neither in the answer nor in
  // its timing: createUser hashes the password before the unique index refuses a taken
  // address, and both cases continue to the sign-in page with the same words. Telling the
  // existing owner that someone tried needs outgoing mail, which Pactwerk does not send yet.
  try {
    await createUser({ name, email, password })
  } catch (error) {
    if (!(error instanceof EmailInUseError)) throw error
  }
  const next = new URLSearchParams({ aangemeld: '1' })
  const target = safeRedirectPath(redirectTo, '')
  if (target) next.set('redirectTo', target)
  return redirect(`/inloggen?${next}`)
}

export default function SignUp() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const redirectTo = searchParams.get('redirectTo') ?? ''
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signUpSchema }),
    ...checkAsFilledIn,
  })
  return (
    <div className="pw-stack">
      <Heading level={1}>{t('signUp.title')}</Heading>
      <Paragraph lead>{t('signUp.intro')}</Paragraph>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.name} label={t('fields.name')} autoComplete="name" />
        <TextField field={fields.email} label={t('fields.email')} type="email" autoComplete="email" />
        <TextField
          field={fields.password}
          label={t('fields.password')}
          type="password"
          autoComplete="new-password"
          description={t('signUp.passwordHint')}
        />
        <Button>{t('signUp.submit')}</Button>
      </Form>
      <Paragraph>
        {t('signUp.haveAccount')}{' '}
        <Link className="utrecht-link" to={redirectTo ? `/inloggen?${new URLSearchParams({ redirectTo })}` : '/inloggen'}>
          {t('nav.signIn')}
        </Link>
      </Paragraph>
    </div>
  )
}
