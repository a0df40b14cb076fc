const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Cross-site request forgery guard: a state-changing request must come from our own origin.
 * Browsers send `Origin` on every POST (forms included); requests without it are refused
 * unless the browser's own `Sec-Fetch-Site` says same-origin.
 */
export function isAllowedOrigin(
  method: string,
  headers: { origin?: string | null; secFetchSite?: string | null },
  expectedOrigin: string,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true
  if (headers.origin) return headers.origin === expectedOrigin
  return headers.secFetchSite === 'same-origin'
}
