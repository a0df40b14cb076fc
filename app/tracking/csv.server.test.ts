import { describe, expect, it } from 'vitest'
import { DEMO_PACT_YEARS, demoPactModel } from '#app/demo/demo-pact-model.ts'
import { MAX_CSV_BYTES, MAX_CSV_LINES } from './csv-format.ts'
import { readRealisationsCsv, readSpendingCsv, writeCsv } from './csv.server.ts'
import type { TrackedPact } from './tracked-pact.ts'

const parties = { gemeente: 'g', welzijn: 'w', jeugdhulp: 'j', adviesraad: 'a' }
const pact: TrackedPact = {
  years: [...DEMO_PACT_YEARS],
  versionNumber: 1,
  model: demoPactModel(parties),
  parties: [
    { id: 'g', name: 'Gemeente Zuiderveen' },
    { id: 'w', name: 'Stichting Welzijn Zuiderveen' },
    { id: 'j', name: 'Jeugdhulp De Brug' },
    { id: 'a', name: 'Adviesraad Sociaal Domein Zuiderveen' },
  ],
  frequencies: { 'demo-schulden-eerste-gesprek': 'kwartaal' },
  fixings: [{ period: '2027', throughRecordId: 10, versionNumber: 1 }],
}

const REALISATIONS = 'resultaatgebied;indicator;periode;waarde;bron;peildatum;toelichting;openbaar'
const SPENDING = 'resultaatgebied;partij;periode;uitgaven'
const goodRealisation =
  'Ouderen langer thuis;75-plussers die zelfstandig wonen;2028;91,7;CBS Statline;31-12-2028;Voorlopig cijfer;ja'

const realisations = (...lines: string[]) => readRealisationsCsv([REALISATIONS, ...lines].join('\r\n'), pact, 'w')
const spending = (...lines: string[]) => readSpendingCsv([SPENDING, ...lines].join('\n'), pact, 'w')
const problems = (result: ReturnType<typeof realisations> | ReturnType<typeof spending>) => (result.ok ? [] : result.problems)

describe('reading realisations in the Dutch Excel dialect', () => {
  it('reads titles or ids, decimal commas, dd-mm-jjjj dates and ja/nee, with or without a BOM', () => {
    const lines = [
      goodRealisation,
      'demo-schulden-bestaanszekerheid;demo-schulden-eerste-gesprek;2028-k2;77;Wijkteamregistratie;30-06-2028;;nee',
    ]
    for (const file of [[REALISATIONS, ...lines].join('\r\n'), `\uFEFF${[REALISATIONS, ...lines].join('\n')}\n`]) {
      const result = readRealisationsCsv(new TextEncoder().encode(file), pact, 'w')
      expect(result).toEqual({
        ok: true,
        figures: [
          {
            line: 2,
            figure: {
              kind: 'realisatie',
              resultAreaId: 'demo-ouderen-thuis',
              indicatorId: 'demo-ouderen-zelfstandig',
              partyId: 'w',
              period: '2028',
              status: 'concept',
              reason: null,
              value: 91.7,
              source: 'CBS Statline',
              referenceDate: '2028-12-31',
              note: 'Voorlopig cijfer',
              public: true,
            },
          },
          expect.objectContaining({
            line: 3,
            figure: expect.objectContaining({
              indicatorId: 'demo-schulden-eerste-gesprek',
              period: '2028-K2',
              value: 77,
              public: false,
            }),
          }),
        ],
      })
    }
  })

  it('lists every bad line with its number and reason, and returns no figures at all', () => {
    const result = realisations(
      goodRealisation,
      'Onbekend gebied;75-plussers die zelfstandig wonen;2028;1;bron;31-12-2028;;ja',
      'Ouderen langer thuis;Onbekende indicator;2028;1;bron;31-12-2028;;ja',
      'Ouderen langer thuis;75-plussers die zelfstandig wonen;2031;1;bron;31-12-2031;;ja',
      'Ouderen langer thuis;75-plussers die zelfstandig wonen;2028-K1;1;bron;31-03-2028;;ja',
      'Schulden en bestaanszekerheid;Aanmeldingen met een eerste gesprek binnen drie werkdagen;2028;1;bron;31-12-2028;;ja',
      'Ouderen langer thuis;75-plussers die zelfstandig wonen;2027;1;bron;31-12-2027;;ja',
      'Ouderen langer thuis;75-plussers die zelfstandig wonen;2028;1.5;bron;31-12-2028;;ja',
      'Ouderen langer thuis;75-plussers die zelfstandig wonen;2028;veel;bron;2028-31-12;;misschien',
      'Jeugdigen met een complexe hulpvraag;Jeugdigen met jeugdhulp met verblijf;2028;11;bron;31-12-2028;;ja',
      'Ouderen langer thuis;75-plussers die zelfstandig wonen;2028;1;=HYPERLINK("https://evil.example");31-12-2028;@SUM(A1);ja',
      'Ouderen langer thuis,75-plussers die zelfstandig wonen,2028,1,bron,31-12-2028,,ja',
      'Ouderen langer thuis;75-plussers die zelfstandig wonen;2028;1',
    )
    expect(problems(result)).toEqual([
      { line: 3, column: 'resultaatgebied', message: 'tracking.errors.area.unknown' },
      { line: 4, column: 'indicator', message: 'tracking.errors.indicator.unknown' },
      { line: 5, column: 'periode', message: 'tracking.errors.period.outside-years' },
      { line: 6, column: 'periode', message: 'tracking.errors.period.wrong-frequency' },
      { line: 7, column: 'periode', message: 'tracking.errors.period.wrong-frequency' },
      { line: 8, column: 'periode', message: 'tracking.errors.period.period-fixed' },
      { line: 9, column: 'waarde', message: 'tracking.errors.value.english-notation' },
      { line: 10, column: 'waarde', message: 'tracking.errors.value.not-a-number' },
      { line: 10, column: 'peildatum', message: 'tracking.errors.referenceDate.invalid' },
      { line: 10, column: 'openbaar', message: 'tracking.errors.public.invalid' },
      // Jeugdigen met een complexe hulpvraag is Jeugdhulp's and Welzijn's; this is Welzijn reporting, so allowed:
      // the only problems below are the formula cells and the broken lines.
      { line: 12, column: 'bron', message: 'tracking.csv.formula' },
      { line: 12, column: 'toelichting', message: 'tracking.csv.formula' },
      { line: 13, column: null, message: 'tracking.csv.mixedSeparators' },
      { line: 14, column: null, message: 'tracking.csv.columnCount' },
    ])
  })

  it('refuses a party reporting an area it is not responsible for', () => {
    const result = readRealisationsCsv([REALISATIONS, goodRealisation].join('\n'), pact, 'j')
    expect(problems(result)).toEqual([{ line: 2, column: 'resultaatgebied', message: 'tracking.errors.party.notResponsible' }])
  })

  it('refuses a wrong header, another separator, a file that is not UTF-8, an empty file', () => {
    expect(
      problems(readRealisationsCsv('gebied;indicator;periode;waarde;bron;peildatum;toelichting;openbaar\n', pact, 'w')),
    ).toEqual([{ line: 1, column: null, message: 'tracking.csv.wrongHeader' }])
    expect(problems(readRealisationsCsv(`${REALISATIONS.replaceAll(';', ',')}\n`, pact, 'w'))).toEqual([
      { line: 1, column: null, message: 'tracking.csv.wrongSeparator' },
    ])
    expect(problems(readRealisationsCsv(new Uint8Array([0xff, 0xfe, 0x41, 0x00]), pact, 'w'))).toEqual([
      { line: 0, column: null, message: 'tracking.csv.notUtf8' },
    ])
    expect(problems(readRealisationsCsv('', pact, 'w'))).toEqual([{ line: 0, column: null, message: 'tracking.csv.empty' }])
    expect(problems(readRealisationsCsv(`${REALISATIONS}\r\n\r\n`, pact, 'w'))).toEqual([
      { line: 0, column: null, message: 'tracking.csv.empty' },
    ])
  })

  it('refuses a line it cannot read, such as an unclosed quote', () => {
    expect(problems(realisations(goodRealisation, 'Ouderen langer thuis;"75-plussers;2028;1;bron;31-12-2028;;ja'))).toEqual([
      { line: 3, column: null, message: 'tracking.csv.malformed' },
    ])
  })

  it('refuses files over 2 MB or 10,000 lines before reading a line', () => {
    const big = `${REALISATIONS}\n${'x'.repeat(MAX_CSV_BYTES)}`
    expect(problems(readRealisationsCsv(big, pact, 'w'))).toEqual([{ line: 0, column: null, message: 'tracking.csv.tooLarge' }])
    const many = [REALISATIONS, ...Array.from({ length: MAX_CSV_LINES + 1 }, () => goodRealisation)].join('\n')
    expect(problems(readRealisationsCsv(many, pact, 'w'))).toEqual([
      { line: 0, column: null, message: 'tracking.csv.tooManyLines' },
    ])
  })

  it('lists at most 200 problems and counts the rest', () => {
    const result = realisations(...Array.from({ length: 250 }, () => 'Onbekend;x;2028;1;bron;31-12-2028;;ja'))
    expect(result.ok).toBe(false)
    if (!result.ok) expect([result.problems.length, result.more]).toEqual([200, 50])
  })
})

describe('reading spending', () => {
  it('reads amounts as 1.234,56 or 1234,56 into cents, the party by name or id', () => {
    const result = spending(
      'Ouderen langer thuis;Stichting Welzijn Zuiderveen;2028;3.281.250,00',
      'demo-schulden-bestaanszekerheid;w;2028;1688400,5',
    )
    expect(result.ok && result.figures.map(({ figure }) => figure)).toEqual([
      {
        kind: 'uitgaven',
        resultAreaId: 'demo-ouderen-thuis',
        partyId: 'w',
        period: '2028',
        status: 'concept',
        reason: null,
        cents: 328_125_000,
      },
      {
        kind: 'uitgaven',
        resultAreaId: 'demo-schulden-bestaanszekerheid',
        partyId: 'w',
        period: '2028',
        status: 'concept',
        reason: null,
        cents: 168_840_050,
      },
    ])
  })

  it('refuses negative and malformed amounts, quarters, another party, an unknown party, a fixed year', () => {
    expect(
      problems(
        spending(
          'Ouderen langer thuis;Stichting Welzijn Zuiderveen;2028;-5,00',
          'Ouderen langer thuis;Stichting Welzijn Zuiderveen;2028;1,234.56',
          'Ouderen langer thuis;Stichting Welzijn Zuiderveen;2028;12,345',
          'Ouderen langer thuis;Stichting Welzijn Zuiderveen;2028-K1;100',
          'Ouderen langer thuis;Jeugdhulp De Brug;2028;100',
          'Ouderen langer thuis;Zorgverzekeraar Zuid;2028;100',
          'Ouderen langer thuis;Stichting Welzijn Zuiderveen;2027;100',
          'Ouderen langer thuis;Stichting Welzijn Zuiderveen;2028;',
        ),
      ),
    ).toEqual([
      { line: 2, column: 'uitgaven', message: 'tracking.errors.amount.negative' },
      { line: 3, column: 'uitgaven', message: 'tracking.errors.amount.english-notation' },
      { line: 4, column: 'uitgaven', message: 'tracking.errors.amount.too-many-decimals' },
      { line: 5, column: 'periode', message: 'tracking.errors.period.wrong-frequency' },
      { line: 6, column: 'partij', message: 'tracking.errors.party.other' },
      { line: 7, column: 'partij', message: 'tracking.errors.party.unknown' },
      { line: 8, column: 'periode', message: 'tracking.errors.period.period-fixed' },
      { line: 9, column: 'uitgaven', message: 'tracking.errors.amount.empty' },
    ])
  })
})

describe('writing CSV', () => {
  it('writes the dialect with a BOM and never a cell a spreadsheet would execute', () => {
    const csv = writeCsv('realisaties', [['=Gebied', '+ind', '2028', '-3', '@bron', '31-12-2028', '\tnote', 'ja']])
    expect(csv).toBe(`\uFEFF${REALISATIONS}\r\n'=Gebied;'+ind;2028;-3;'@bron;31-12-2028;'\tnote;ja\r\n`)
  })

  it('reads back what it wrote', () => {
    const csv = writeCsv('uitgaven', [['Ouderen langer thuis', 'Stichting Welzijn Zuiderveen', '2028', '1.234,56']])
    expect(readSpendingCsv(csv, pact, 'w')).toMatchObject({ ok: true, figures: [{ line: 2, figure: { cents: 123_456 } }] })
  })
})
