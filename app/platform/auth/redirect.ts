// Any origin we own would do: only whether the target stays on it matters, and a reserved
// `.invalid` name can never be a real site.
const BASE = 'http://pactwerk.invalid'

/**
 * Where to send someone after a form, from a value the request supplied (`redirectTo`).
 * The value is parsed the way the browser will parse the `Location` header, so tabs and
 * newlines the URL parser strips (`/\t/evil.example` becomes `//evil.example`), backslashes
 * it reads as slashes and absolute URLs cannot lead elsewhere; only a path on our own origin
 * is returned, re-serialised, so the header never carries control characters either.
 */
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback
  let url: URL
  try {
    url = new URL(value, BASE)
  } catch {
    return fallback
  }
  if (url.origin !== BASE) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}
