import { redirect } from 'react-router'
import { safeRedirectPath } from '#app/platform/auth/redirect.ts'
import { isLocale, LOCALE_COOKIE } from '#app/platform/i18n/config.ts'
import type { Route } from './+types/language'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: Route.ActionArgs) {
  const formData = await request.formData()
  const locale = formData.get('locale')
  const to = safeRedirectPath(formData.get('redirectTo'), '/')
  if (!isLocale(locale)) return redirect(to)
  const oneYear = 60 * 60 * 24 * 365
  return redirect(to, { headers: { 'Set-Cookie': `${LOCALE_COOKIE}=${locale}; Path=/; SameSite=Lax; Max-Age=${oneYear}` } })
}
