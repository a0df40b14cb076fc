export const ORGANISATION_KINDS = [
  'gemeente',
  'aanbieder',
  'inwoners',
  'zorgverzekeraar',
  'woningcorporatie',
  'onderwijs',
  'overig',
] as const
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number]

export const ORGANISATION_ROLES = ['beheerder', 'lid'] as const
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number]
