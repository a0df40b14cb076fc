import type { BudgetCell, Indicator, PactModel } from '#app/pact-model/pact-model.ts'

/**
 * The structured model of the demo pact: the fictional Gemeente Zuiderveen (about 60,000
 * inhabitants) with a welfare organisation, a youth-care provider and the residents' advisory
 * council, 2027–2030. Amounts are whole euros; the ids are fixed so a reseeded demo stays the same.
 */

export const DEMO_PACT_YEARS = [2027, 2028, 2029, 2030] as const

export type DemoPactParties = { gemeente: string; welzijn: string; jeugdhulp: string; adviesraad: string }

function euros(amount: number): number {
  return amount * 100
}

/** One budget cell per pact year, in whole euros. */
function yearlyBudgets(partyId: string, eurosPerYear: readonly [number, number, number, number]): BudgetCell[] {
  return DEMO_PACT_YEARS.map((year, index) => ({ partyId, year, cents: euros(eurosPerYear[index]) }))
}

function yearlyTargets(values: readonly number[], years: readonly number[] = DEMO_PACT_YEARS): Indicator['targets'] {
  return years.map((year, index) => ({ year, value: values[index] }))
}

export function demoPactModel(parties: DemoPactParties): PactModel {
  return {
    resultAreas: [
      {
        id: 'demo-jeugd-complex',
        title: 'Jeugdigen met een complexe hulpvraag',
        challenge:
          'Minder jeugdigen groeien op buiten het eigen gezin. Hulp begint vroeg, dichtbij huis en rond het hele gezin, zodat zware zorg en verblijf minder nodig zijn.',
        description:
          'Het wijkteam en de jeugdhulpaanbieder werken vanaf de eerste vraag samen met één plan per gezin. Specialistische hulp komt naar het gezin toe; verblijf is een tijdelijke stap met een plan voor terugkeer.',
        targetGroup: 'Jeugdigen van 0 tot 18 jaar (en jongvolwassenen tot 23) met meervoudige problemen, en hun ouders.',
        responsiblePartyIds: [parties.jeugdhulp, parties.welzijn],
        // The shift the pact is about: specialist care shrinks as early help in the neighbourhood grows.
        budgets: [
          ...yearlyBudgets(parties.jeugdhulp, [4_650_000, 4_480_000, 4_300_000, 4_120_000]),
          ...yearlyBudgets(parties.welzijn, [620_000, 720_000, 830_000, 940_000]),
        ],
        indicators: [
          {
            id: 'demo-jeugd-verblijf',
            name: 'Jeugdigen met jeugdhulp met verblijf',
            unit: 'per 1.000 jeugdigen',
            level: 'populatie',
            direction: 'lager-is-beter',
            baselineValue: 11.8,
            baselineYear: 2025,
            targets: yearlyTargets([11.3, 10.7, 10.1, 9.6]),
            dataSource: 'CBS Jeugdmonitor',
          },
          {
            id: 'demo-jeugd-snel-passend',
            name: 'Gezinnen met passende hulp binnen vier weken na de eerste vraag',
            unit: '%',
            level: 'inwoner',
            direction: 'hoger-is-beter',
            baselineValue: 58,
            baselineYear: 2025,
            targets: yearlyTargets([65, 72, 78, 84]),
            dataSource: 'Wijkteamregistratie',
          },
          {
            id: 'demo-jeugd-doelen-bereikt',
            name: 'Afgesloten trajecten waarin de doelen van het gezin (grotendeels) zijn bereikt',
            unit: '%',
            level: 'inwoner',
            direction: 'hoger-is-beter',
            baselineValue: 66,
            baselineYear: 2025,
            targets: yearlyTargets([68, 71, 74, 76]),
            dataSource: 'Beleidsinformatie Jeugd (CBS)',
          },
        ],
      },
      {
        id: 'demo-ouderen-thuis',
        title: 'Ouderen langer thuis',
        challenge:
          'Het aantal 75-plussers groeit deze periode met ruim tien procent. Ouderen wonen zo lang als zij willen veilig thuis, met mensen om zich heen, zonder dat de zorg onbetaalbaar wordt.',
        description:
          'Welzijn organiseert ontmoeting, mantelzorgondersteuning en lichte hulp in de wijk, en bezoekt 80-plussers preventief. Zwaardere ondersteuning wordt afgestemd met huisarts en wijkverpleging.',
        targetGroup: 'Inwoners van 75 jaar en ouder, hun mantelzorgers en buren.',
        responsiblePartyIds: [parties.welzijn],
        // Rises with the number of older residents, though more slowly than it would without prevention.
        budgets: yearlyBudgets(parties.welzijn, [3_150_000, 3_240_000, 3_330_000, 3_420_000]),
        indicators: [
          {
            id: 'demo-ouderen-zelfstandig',
            name: '75-plussers die zelfstandig wonen',
            unit: '%',
            level: 'populatie',
            direction: 'hoger-is-beter',
            baselineValue: 91.2,
            baselineYear: 2024,
            targets: yearlyTargets([91.4, 91.6, 91.8, 92]),
            dataSource: 'CBS Statline',
          },
          {
            id: 'demo-ouderen-eenzaam',
            name: '65-plussers die zich ernstig eenzaam voelen',
            unit: '%',
            level: 'populatie',
            direction: 'lager-is-beter',
            baselineValue: 11.5,
            baselineYear: 2024,
            // The monitor is held every other year, so only those years get a target.
            targets: yearlyTargets([10.5, 9.5], [2028, 2030]),
            dataSource: 'GGD Gezondheidsmonitor Volwassenen en Ouderen',
          },
          {
            id: 'demo-ouderen-regie',
            name: 'Cliënten die ervaren dat de ondersteuning hun zelfredzaamheid vergroot',
            unit: '%',
            level: 'inwoner',
            direction: 'hoger-is-beter',
            baselineValue: 77,
            baselineYear: 2025,
            targets: yearlyTargets([79, 81, 83, 85]),
            dataSource: 'Cliëntervaringsonderzoek Wmo',
          },
        ],
      },
      {
        id: 'demo-schulden-bestaanszekerheid',
        title: 'Schulden en bestaanszekerheid',
        challenge:
          'Geldzorgen worden vroeg gezien en aangepakt, voordat ze uitgroeien tot problematische schulden die gezondheid, werk en opvoeding ondermijnen.',
        description:
          'Vroegsignalering van betalingsachterstanden, binnen drie werkdagen een eerste gesprek, budgetcoaching en schuldregeling uit één hand. Gezinnen met jeugdhulp krijgen de geldvraag direct mee in het gezinsplan.',
        targetGroup:
          'Huishoudens met betalingsachterstanden of problematische schulden, met voorrang voor gezinnen met kinderen.',
        responsiblePartyIds: [parties.welzijn, parties.jeugdhulp],
        budgets: [
          ...yearlyBudgets(parties.welzijn, [1_640_000, 1_700_000, 1_760_000, 1_800_000]),
          ...yearlyBudgets(parties.jeugdhulp, [260_000, 270_000, 280_000, 290_000]),
        ],
        indicators: [
          {
            id: 'demo-schulden-problematisch',
            name: 'Huishoudens met geregistreerde problematische schulden',
            unit: '% van de huishoudens',
            level: 'populatie',
            direction: 'lager-is-beter',
            baselineValue: 6.4,
            baselineYear: 2024,
            targets: yearlyTargets([6.2, 6, 5.7, 5.4]),
            dataSource: 'CBS Statline',
          },
          {
            id: 'demo-schulden-eerste-gesprek',
            name: 'Aanmeldingen met een eerste gesprek binnen drie werkdagen',
            unit: '%',
            level: 'inwoner',
            direction: 'hoger-is-beter',
            baselineValue: 54,
            baselineYear: 2025,
            targets: yearlyTargets([70, 80, 85, 90]),
            dataSource: 'Wijkteamregistratie',
          },
          {
            id: 'demo-schulden-stabiel',
            name: 'Huishoudens met een stabiele financiële situatie een jaar na afronding',
            unit: '%',
            level: 'inwoner',
            direction: 'hoger-is-beter',
            baselineValue: 61,
            baselineYear: 2025,
            targets: yearlyTargets([64, 67, 70, 72]),
            dataSource: 'Registratie schuldhulpverlening',
          },
        ],
      },
    ],
    riskRules: [
      {
        id: 'demo-risicodeling-pact',
        scope: { kind: 'pact' },
        corridorPercent: 5,
        providerShareInside: 50,
        providerShareOutside: 20,
        providerCapCents: euros(750_000),
        // Most of an underspend is reinvested in the social base through the revolving fund.
        underspend: { providerGainShare: 30, revolvingFundShare: 40 },
        division: { kind: 'pro-rata' },
      },
    ],
  }
}
