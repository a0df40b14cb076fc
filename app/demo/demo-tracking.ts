import type { DemoPactParties } from './demo-pact-model.ts'

/**
 * Two years of reported figures for the signed demo pact, chosen so the dashboard shows every
 * status: some indicators on track, some asking for attention, one behind; spending a little
 * over budget in one area and under in another. 2027 is fixed (with one correction after
 * fixing, so a figure's history shows one); 2028 is submitted and still open.
 */

export type DemoParty = keyof DemoPactParties

export interface DemoRealisation {
  party: DemoParty
  resultAreaId: string
  indicatorId: string
  period: string
  value: number
}

export interface DemoSpending {
  party: DemoParty
  resultAreaId: string
  year: number
  euros: string
}

/** Measured quarterly (the neighbourhood team's registration is read every quarter); every other indicator yearly. */
export const DEMO_QUARTERLY_INDICATORS = ['demo-schulden-eerste-gesprek']

const JEUGD = 'demo-jeugd-complex'
const OUDEREN = 'demo-ouderen-thuis'
const SCHULDEN = 'demo-schulden-bestaanszekerheid'

function yearly(party: DemoParty, resultAreaId: string, indicatorId: string, values: Record<number, number>): DemoRealisation[] {
  return Object.entries(values).map(([year, value]) => ({ party, resultAreaId, indicatorId, period: year, value }))
}

function quarterly(
  party: DemoParty,
  resultAreaId: string,
  indicatorId: string,
  year: number,
  values: readonly number[],
): DemoRealisation[] {
  return values.map((value, index) => ({ party, resultAreaId, indicatorId, period: `${year}-K${index + 1}`, value }))
}

export const DEMO_REALISATIONS: DemoRealisation[] = [
  ...yearly('jeugdhulp', JEUGD, 'demo-jeugd-verblijf', { 2027: 11.2, 2028: 11 }),
  ...yearly('jeugdhulp', JEUGD, 'demo-jeugd-snel-passend', { 2027: 66, 2028: 73 }),
  ...yearly('jeugdhulp', JEUGD, 'demo-jeugd-doelen-bereikt', { 2027: 67, 2028: 66.5 }),
  ...yearly('welzijn', OUDEREN, 'demo-ouderen-zelfstandig', { 2027: 91.5, 2028: 91.7 }),
  // The monitor is held every other year: only 2028.
  ...yearly('welzijn', OUDEREN, 'demo-ouderen-eenzaam', { 2028: 11.2 }),
  ...yearly('welzijn', OUDEREN, 'demo-ouderen-regie', { 2027: 78.5, 2028: 80 }),
  ...yearly('welzijn', SCHULDEN, 'demo-schulden-problematisch', { 2027: 6.3, 2028: 6.1 }),
  ...quarterly('welzijn', SCHULDEN, 'demo-schulden-eerste-gesprek', 2027, [62, 66, 69, 71]),
  ...quarterly('welzijn', SCHULDEN, 'demo-schulden-eerste-gesprek', 2028, [74, 77, 79, 81]),
  ...yearly('welzijn', SCHULDEN, 'demo-schulden-stabiel', { 2027: 63, 2028: 65 }),
]

export const DEMO_SPENDING: DemoSpending[] = [
  { party: 'jeugdhulp', resultAreaId: JEUGD, year: 2027, euros: '4.712.345,67' },
  { party: 'welzijn', resultAreaId: JEUGD, year: 2027, euros: '598.200,00' },
  { party: 'jeugdhulp', resultAreaId: JEUGD, year: 2028, euros: '4.395.000,00' },
  { party: 'welzijn', resultAreaId: JEUGD, year: 2028, euros: '731.500,50' },
  { party: 'welzijn', resultAreaId: OUDEREN, year: 2027, euros: '3.102.000,00' },
  { party: 'welzijn', resultAreaId: OUDEREN, year: 2028, euros: '3.281.250,00' },
  { party: 'welzijn', resultAreaId: SCHULDEN, year: 2027, euros: '1.655.000,00' },
  { party: 'jeugdhulp', resultAreaId: SCHULDEN, year: 2027, euros: '244.000,00' },
  { party: 'welzijn', resultAreaId: SCHULDEN, year: 2028, euros: '1.688.400,00' },
  { party: 'jeugdhulp', resultAreaId: SCHULDEN, year: 2028, euros: '271.300,00' },
]

export const DEMO_FIXED_YEAR = 2027

export const DEMO_CORRECTION = {
  party: 'jeugdhulp' as DemoParty,
  resultAreaId: JEUGD,
  indicatorId: 'demo-jeugd-verblijf',
  period: '2027',
  value: 11.4,
  reason: 'CBS heeft de cijfers over 2027 herzien na nalevering door twee aanbieders.',
}
