import { redirect } from 'react-router'
import {
  clearSessionCookie,
  invalidateSession,
  readCookie,
  SESSION_COOKIE,
  sessionIdFromToken,
} from '#app/platform/auth/session.server.ts'
import type { Route } from './+types/sign-out'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: Route.ActionArgs) {
  const token = readCookie(request.headers.get('Cookie'), SESSION_COOKIE)
  if (token) await invalidateSession(sessionIdFromToken(token))
  return redirect('/inloggen?uitgelogd=1', { headers: { 'Set-Cookie': clearSessionCookie(request) } })
}
