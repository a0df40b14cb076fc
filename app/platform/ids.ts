import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'

/** A random, URL-safe id with 100 bits of entropy: unguessable, so ids in URLs leak nothing. */
export function newId(): string {
  const bytes = new Uint8Array(13)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes).slice(0, 20)
}
