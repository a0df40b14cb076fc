import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { data, Form, Link, useActionData, useSearchParams } from 'react-router'
import { requireAnonymous } from '#app/access/authorization.server.ts'
import { knownDeviceOf, rememberDevice } from '#app/platform/auth/known-devices.server.ts'
import { claimSignInAttempt, signInKeys, signInSucceeded } from '#app/platform/auth/rate-limit.server.ts'
import { redirectWithNewSession } from '#app/platform/auth/session.server.ts'
import { forgetOfflineStores } from '#app/document/offline-store.ts'
import { Alert, Button, FormErrors, Heading, Paragraph, TextField } from '#app/platform/ui/ui.tsx'
import { findUserByEmail, verifyCredentials } from '#app/accounts/users.server.ts'
import { signInSchema } from '#app/accounts/forms.ts'
import { safeRedirectPath } from '#app/platform/auth/redirect.ts'
import { checkAsFilledIn } from '#app/platform/forms.ts'
import type { Route } from './+types/sign-in'

export const meta: Route.MetaFunction = () => [{ title: 'Inloggen · Pactwerk' }]

export async function loader({ request }: Route.LoaderArgs) {
  await requireAnonymous(request)
  return null
}

export async function action({ request, context }: Route.ActionArgs) {
  await requireAnonymous(request)
  const submission = parseWithZod(await request.formData(), { schema: signInSchema })
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  const { email, password, redirectTo } = submission.value
  const clientAddress = context?.clientAddress ?? 'unknown'
  const account = await findUserByEmail(email)
  const knownDeviceId = account ? await knownDeviceOf(request, account.id) : null
  const keys = signInKeys({ email, clientAddress, knownDeviceId })
  const claim = await claimSignInAttempt(keys)
  if (!claim.allowed) {
    return data(submission.reply({ hideFields: ['password'], formErrors: ['errors.signIn.tooManyAttempts'] }), { status: 429 })
  }
  const user = await verifyCredentials(email, password)
  if (!user) return data(submission.reply({ hideFields: ['password'], formErrors: ['errors.signIn.invalid'] }), { status: 400 })
  await signInSucceeded(keys)
  return redirectWithNewSession(request, user.id, safeRedirectPath(redirectTo, '/pacts'), [
    await rememberDevice(request, user.id),
  ])
}

export default function SignIn() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const redirectTo = searchParams.get('redirectTo') ?? ''
  const signedOut = searchParams.has('uitgelogd')
  const signedUp = searchParams.has('aangemeld')
  useEffect(() => {
    if (signedOut) void forgetOfflineStores()
  }, [signedOut])
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
    ...checkAsFilledIn,
  })
  return (
    <div className="pw-stack">
      <Heading level={1}>{t('signIn.title')}</Heading>
      {signedOut ? <Alert type="ok">{t('signIn.signedOut')}</Alert> : null}
      {signedUp ? <Alert type="info">{t('signIn.signedUp')}</Alert> : null}
      <FormErrors errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.email} label={t('fields.email')} type="email" autoComplete="username" />
        <TextField field={fields.password} label={t('fields.password')} type="password" autoComplete="current-password" />
        <Button>{t('signIn.submit')}</Button>
      </Form>
      <Paragraph>
        {t('signIn.noAccount')}{' '}
        <Link className="utrecht-link" to={redirectTo ? `/aanmelden?${new URLSearchParams({ redirectTo })}` : '/aanmelden'}>
          {t('nav.signUp')}
        </Link>
      </Paragraph>
    </div>
  )
}
