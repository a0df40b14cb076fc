import type { modelNl } from './validation-texts.nl.ts'

export const modelEn: typeof modelNl = {
  errors: {
    invalid: 'This data does not have the expected form.',
    id: {
      invalid: 'The internal key is missing or invalid.',
      duplicate: 'This internal key is already used elsewhere in the pact.',
    },
    party: { unknown: 'This party is not part of this pact.', duplicate: 'This party is already listed.' },
    year: {
      invalid: 'Enter a year, for example 2027.',
      outsidePeriod: "This year is outside the pact's period.",
      duplicate: 'A target has already been entered for this year.',
    },
    cents: {
      invalid: 'Enter an amount in whole cents.',
      negative: 'The amount cannot be negative.',
      tooLarge: 'Together the amounts are too large to process.',
    },
    text: { invalid: 'Enter text here.', tooLong: 'This text is too long.' },
    title: { required: 'Give the result area a title.', tooLong: 'The title can be at most 200 characters long.' },
    name: { required: 'Give the indicator a name.', tooLong: 'The name can be at most 200 characters long.' },
    unit: {
      required: "State the indicator's unit, for example % or per 1,000 residents.",
      tooLong: 'The unit can be at most 50 characters long.',
    },
    level: { invalid: 'Choose population level or resident level.' },
    direction: { invalid: 'Choose whether higher or lower is better.' },
    number: { invalid: 'Enter a number.' },
    baseline: { incomplete: 'For the baseline, enter both the value and the year.' },
    budget: { duplicate: 'There is already a budget for this party and year.' },
    percent: { range: 'Enter a percentage from 0 to 100.', decimals: 'Use at most two decimal places.' },
    gainPlusFund: "The providers' share and the revolving fund's share together cannot exceed 100%.",
    weight: { invalid: 'Enter a weight above 0, with at most six decimal places.' },
    weights: { empty: 'Give at least one provider a weight.' },
    scope: {
      invalid: 'Choose whether the rule applies to the whole pact or to one result area.',
      unknownResultArea: 'This result area does not exist (any more).',
      duplicate: 'A risk-sharing rule already exists for this.',
    },
    division: { invalid: "Choose how the providers' share is divided." },
    whatIf: {
      noRule: 'No risk-sharing rule has been agreed for this part.',
      noBudget: 'No budget has been agreed for this part in that year.',
      noProviders: 'No responsible provider has a budget for this part in that year.',
    },
  },
}
