import { createContext, useContext } from 'react'

/**
 * The Content-Security-Policy nonce of the page being rendered on the server (entry.server.tsx
 * provides it), for the inline scripts React Router writes. In the browser it is empty: the
 * scripts already ran, and browsers hide a nonce from the DOM anyway.
 */
export const NonceContext = createContext('')

export function useNonce(): string {
  return useContext(NonceContext)
}
