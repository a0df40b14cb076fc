import { z } from 'zod'
import { ACCESS_LEVELS } from '#app/access/access.ts'
import { ORGANISATION_KINDS } from '#app/organisations/organisation.ts'

export const MIN_YEAR = 2000
export const MAX_YEAR = 2100
export const MAX_PACT_YEARS = 12

const year = (requiredKey: string) =>
  z.coerce
    .number({ error: requiredKey })
    .int({ error: 'errors.year.invalid' })
    .min(MIN_YEAR, { error: 'errors.year.invalid' })
    .max(MAX_YEAR, { error: 'errors.year.invalid' })

function isPlausibleYear(year: number) {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR
}

export const createPactSchema = z
  .object({
    title: z
      .string({ error: 'errors.title.required' })
      .trim()
      .min(1, { error: 'errors.title.required' })
      .max(200, { error: 'errors.tooLong' }),
    region: z
      .string({ error: 'errors.region.required' })
      .trim()
      .min(1, { error: 'errors.region.required' })
      .max(200, { error: 'errors.tooLong' }),
    startYear: year('errors.year.required'),
    endYear: year('errors.year.required'),
    organisationId: z.string({ error: 'errors.organisation.required' }).min(1, { error: 'errors.organisation.required' }),
  })
  .superRefine((value, ctx) => {
    // Zod reports refinements even when a year itself was invalid; one message per field is enough.
    if (![value.startYear, value.endYear].every(isPlausibleYear)) return
    if (value.endYear < value.startYear) {
      ctx.addIssue({ code: 'custom', path: ['endYear'], message: 'errors.period.endBeforeStart' })
    } else if (value.endYear - value.startYear + 1 > MAX_PACT_YEARS) {
      ctx.addIssue({ code: 'custom', path: ['endYear'], message: 'errors.period.tooLong' })
    }
  })

export const createOrganisationSchema = z.object({
  name: z
    .string({ error: 'errors.name.required' })
    .trim()
    .min(1, { error: 'errors.name.required' })
    .max(160, { error: 'errors.tooLong' }),
  kind: z.enum(ORGANISATION_KINDS, { error: 'errors.kind.required' }),
})

export const addPartySchema = z.object({
  intent: z.literal('add-party'),
  name: z
    .string({ error: 'errors.name.required' })
    .trim()
    .min(1, { error: 'errors.name.required' })
    .max(160, { error: 'errors.tooLong' }),
  kind: z.enum(ORGANISATION_KINDS, { error: 'errors.kind.required' }),
  isSignatory: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
})

export const invitePersonSchema = z.object({
  intent: z.literal('invite'),
  partyId: z.string({ error: 'errors.party.required' }).min(1, { error: 'errors.party.required' }),
  access: z.enum(ACCESS_LEVELS, { error: 'errors.access.required' }),
})

export const changeAccessSchema = z.object({
  intent: z.literal('change-access'),
  userId: z.string().min(1),
  access: z.enum(ACCESS_LEVELS, { error: 'errors.access.required' }),
})

/** The pact's suggestion-only mode: the button says which way it switches. */
export const suggestionsOnlySchema = z.object({
  intent: z.literal('suggestions-only'),
  suggestionsOnly: z.enum(['on', 'off']),
})

export const settingsSchema = z.discriminatedUnion('intent', [
  addPartySchema,
  invitePersonSchema,
  changeAccessSchema,
  suggestionsOnlySchema,
])
