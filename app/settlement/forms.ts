import { z } from 'zod'
import { euroAmountField } from '#app/platform/euro-amount-field.ts'

/** A proposal to reinvest fund money: the one schema of its form, in the browser and on the server. */
export const fundProposalSchema = z.object({
  amount: euroAmountField(),
  purpose: z
    .string({ error: 'settlement.errors.fund.purposeRequired' })
    .trim()
    .min(1, 'settlement.errors.fund.purposeRequired')
    .max(500, 'errors.tooLong'),
  resultAreaId: z.string().optional(),
})
