/**
 * The what-if slider's scale: from nothing to twice the budget, in round steps of about 1 % of
 * the budget (1, 2 or 5 times a power of ten euros), so every position is an amount people would
 * say out loud: € 10.000, not € 57.550.
 */
export interface SliderScale {
  stepEuros: number
  maxEuros: number
}

export function sliderScale(budgetCents: number): SliderScale {
  const stepEuros = roundStep(budgetCents / 100 / 100)
  return { stepEuros, maxEuros: Math.max(Math.ceil((2 * budgetCents) / 100 / stepEuros), 1) * stepEuros }
}

/** The nearest of 1, 2 and 5 times a power of ten at or below `euros`; at least € 1. */
export function roundStep(euros: number): number {
  if (!(euros >= 1)) return 1
  const power = 10 ** Math.floor(Math.log10(euros))
  const leading = euros / power
  return (leading >= 5 ? 5 : leading >= 2 ? 2 : 1) * power
}

/** The slider position for an amount: the nearest step, within the scale. */
export function sliderPosition(cents: number, { stepEuros, maxEuros }: SliderScale): number {
  return Math.min(Math.max(Math.round(cents / 100 / stepEuros) * stepEuros, 0), maxEuros)
}
