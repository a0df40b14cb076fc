import { SESSION_COOKIE } from '#app/platform/auth/session.server.ts'

/**
 * Call route loaders and actions the way React Router does, with real Requests, against the
 * real database: what a browser without JavaScript would send.
 */
const ORIGIN = 'http://localhost'

type RouteFn = (args: any) => Promise<unknown>

export interface CallOptions {
  cookie?: string
  params?: Record<string, string>
  clientAddress?: string
}

export async function post(action: RouteFn, path: string, fields: Record<string, string>, options: CallOptions = {}) {
  const request = new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { Origin: ORIGIN, ...(options.cookie ? { Cookie: options.cookie } : {}) },
  })
  return settle(action, request, options)
}

export async function get(loader: RouteFn, path: string, options: CallOptions = {}) {
  const request = new Request(`${ORIGIN}${path}`, { headers: options.cookie ? { Cookie: options.cookie } : {} })
  return settle(loader, request, options)
}

/** Thrown and returned results alike, as { status, body, headers }. */
export async function settle(fn: RouteFn, request: Request, options: CallOptions = {}) {
  let result: unknown
  try {
    result = await fn({ request, params: options.params ?? {}, context: { clientAddress: options.clientAddress ?? '192.0.2.1' } })
  } catch (thrown) {
    result = thrown
  }
  if (result instanceof Response) return { status: result.status, body: null as any, headers: result.headers }
  if (result && typeof result === 'object' && (result as any).type === 'DataWithResponseInit') {
    const { data, init } = result as any
    return { status: init?.status ?? 200, body: data, headers: new Headers(init?.headers) }
  }
  return { status: 200, body: result as any, headers: new Headers() }
}

export function sessionCookieFrom(headers: Headers): string {
  const setCookie = headers.get('Set-Cookie') ?? ''
  const token = setCookie.match(new RegExp(`${SESSION_COOKIE}=([^;]*)`))?.[1]
  if (!token) throw new Error(`No session cookie in response: ${setCookie}`)
  return `${SESSION_COOKIE}=${token}`
}
