import { can, type AccessLevel, type PactPermission } from '#app/access/access.ts'

/**
 * The pages of a pact, in the order of the pact navigation. Adding a page to the navigation is
 * one row here (plus its texts under `pact.nav`); the route still checks its own permission.
 */
export const PACT_PAGES = [
  { key: 'overview', path: '', permission: 'view', covers: [] },
  { key: 'document', path: 'document', permission: 'view', covers: ['leesversie'] },
  { key: 'areas', path: 'resultaatgebieden', permission: 'view', covers: [] },
  { key: 'signOff', path: 'akkoord', permission: 'view', covers: ['artikelen'] },
  { key: 'versions', path: 'versies', permission: 'view', covers: ['vergelijken'] },
  { key: 'progress', path: 'voortgang', permission: 'view', covers: [] },
  { key: 'settlement', path: 'fonds', permission: 'view', covers: ['afrekening'] },
  { key: 'audit', path: 'logboek', permission: 'view', covers: [] },
  { key: 'settings', path: 'instellingen', permission: 'manage', covers: [] },
] as const satisfies ReadonlyArray<{ key: string; path: string; permission: PactPermission; covers: readonly string[] }>

export type PactPageKey = (typeof PACT_PAGES)[number]['key']

export interface PactNavItem {
  key: PactPageKey
  href: string
}

/** The pages this access level may open, with their addresses. */
export function pactNavigation(pactId: string, access: AccessLevel): PactNavItem[] {
  return PACT_PAGES.filter((page) => can(access, page.permission)).map((page) => ({
    key: page.key,
    href: page.path ? `/pacts/${pactId}/${page.path}` : `/pacts/${pactId}`,
  }))
}

/**
 * Where in the navigation a pact address is: `page` when it is the page itself, `section` when
 * it is a page under it (a clause under Akkoord, the read version under Tekst), null otherwise.
 */
export function navPosition(pathname: string, pactId: string, key: PactPageKey): 'page' | 'section' | null {
  const page = PACT_PAGES.find((candidate) => candidate.key === key)
  if (!page) return null
  const base = `/pacts/${pactId}`
  const rest = pathname.replace(/\/+$/, '')
  if (rest !== base && !rest.startsWith(`${base}/`)) return null
  const segments = rest.slice(base.length).split('/').filter(Boolean)
  if (!page.path) return segments.length === 0 ? 'page' : null
  if (segments[0] === page.path) return segments.length === 1 ? 'page' : 'section'
  return (page.covers as readonly string[]).includes(segments[0] ?? '') ? 'section' : null
}
