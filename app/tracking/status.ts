import type { IndicatorDirection } from '#app/pact-model/pact-model.ts'

/**
 * How an indicator is doing: the one rule, shown on the voortgang page as `tracking.status.rule`.
 *
 * - **op koers**: the realised value meets or beats the year's target.
 * - **aandacht**: it misses the target, but at least half of the improvement the pact planned from
 *   the baseline to that target has been made. Without a baseline, or when the target asks for no
 *   improvement over it, "close" means within 10% of the target instead.
 * - **achter**: anything else, including a move the wrong way.
 * - **geen oordeel**: no realised value, or no target for that year.
 *
 * "Better" follows the indicator's direction, so one rule serves both.
 */
export const STATUSES = ['op-koers', 'aandacht', 'achter', 'geen-oordeel'] as const
export type IndicatorStatus = (typeof STATUSES)[number]

export const ATTENTION_SHARE_OF_PLANNED_GAIN = 0.5
export const ATTENTION_DISTANCE_WITHOUT_BASELINE = 0.1

export interface StatusInput {
  direction: IndicatorDirection
  baseline: number | null
  target: number | null
  realised: number | null
}

export function indicatorStatus({ direction, baseline, target, realised }: StatusInput): IndicatorStatus {
  if (realised === null || target === null) return 'geen-oordeel'
  // Orient every value so that higher is better.
  const sign = direction === 'hoger-is-beter' ? 1 : -1
  if (sign * (realised - target) >= 0) return 'op-koers'
  const plannedGain = baseline === null ? 0 : sign * (target - baseline)
  if (baseline !== null && plannedGain > 0) {
    const gain = sign * (realised - baseline)
    return gain >= ATTENTION_SHARE_OF_PLANNED_GAIN * plannedGain ? 'aandacht' : 'achter'
  }
  const distance = Math.abs(realised - target)
  return distance <= ATTENTION_DISTANCE_WITHOUT_BASELINE * Math.abs(target) ? 'aandacht' : 'achter'
}
