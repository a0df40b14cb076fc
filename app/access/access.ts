/**
 * Who may do what to a pact. The one table of pact permissions: the server's guards, the
 * collaboration socket and the UI all ask `can()`.
 */
export const ACCESS_LEVELS = ['beheerder', 'redacteur', 'commentator', 'lezer'] as const
export type AccessLevel = (typeof ACCESS_LEVELS)[number]

// 'report': enter and submit tracking figures for one's own party; 'fix-period': fix a period on behalf of the table.
export const PACT_PERMISSIONS = ['view', 'comment', 'edit', 'manage', 'report', 'fix-period'] as const
export type PactPermission = (typeof PACT_PERMISSIONS)[number]

const GRANTS: Record<AccessLevel, readonly PactPermission[]> = {
  beheerder: ['view', 'comment', 'edit', 'manage', 'report', 'fix-period'],
  redacteur: ['view', 'comment', 'edit', 'report'],
  commentator: ['view', 'comment'],
  lezer: ['view'],
}

export function isAccessLevel(value: unknown): value is AccessLevel {
  return typeof value === 'string' && (ACCESS_LEVELS as readonly string[]).includes(value)
}

export function can(access: AccessLevel | null | undefined, permission: PactPermission): boolean {
  return access != null && GRANTS[access].includes(permission)
}

/**
 * The access a stored membership grants, or null when it grants none: the membership rule of
 * every page and of the collaboration socket (an unknown level grants nothing).
 */
export function membershipAccess(stored: string | null | undefined): AccessLevel | null {
  return isAccessLevel(stored) && can(stored, 'view') ? stored : null
}
