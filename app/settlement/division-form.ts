import { parseDutchNumber } from '#app/platform/dutch-number.ts'
import { parseEuroToCents } from '#app/platform/money.ts'
import type { MunicipalDivision } from './division.ts'

/**
 * A region's division as typed in its form, Dutch notation: `solidariteit` and per gemeente
 * `sleutel-<partyId>` (percent) and `maximum-<partyId>` (euros, empty for no maximum). Whether
 * the numbers make a usable division (the key adding up to 100 %, …) is `divisionProblems`'s
 * question; this only reads them.
 */
export type DivisionFormResult =
  | { ok: true; division: MunicipalDivision }
  | {
      ok: false
      problem:
        | 'settlement.errors.division.solidarityRange'
        | 'settlement.errors.division.percentInvalid'
        | 'settlement.errors.division.capInvalid'
    }

export function divisionFromForm(
  fields: Readonly<Record<string, unknown>>,
  municipalityIds: readonly string[],
): DivisionFormResult {
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '')
  const solidarity = parseDutchNumber(text('solidariteit'))
  if (!solidarity.ok) return { ok: false, problem: 'settlement.errors.division.solidarityRange' }
  const key: MunicipalDivision['key'] = []
  for (const partyId of municipalityIds) {
    const percent = parseDutchNumber(text(`sleutel-${partyId}`))
    if (!percent.ok) return { ok: false, problem: 'settlement.errors.division.percentInvalid' }
    const capText = text(`maximum-${partyId}`).trim()
    const cap = capText === '' ? null : parseEuroToCents(capText)
    if (cap && !cap.ok) return { ok: false, problem: 'settlement.errors.division.capInvalid' }
    key.push({ partyId, percent: percent.value, capCents: cap ? cap.cents : null })
  }
  return { ok: true, division: { solidarityPercent: solidarity.value, key } }
}
