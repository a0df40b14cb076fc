import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { seedPactContent } from '#app/document/pact-content.server.ts'
import { ports } from '#app/platform/ports.ts'
import { readPactModel, updateResultAreaField } from '#app/pact-model/pact-model-yjs.ts'
import { listAudit } from '#app/audit/audit.server.ts'
import { seedDemoIfEmpty } from '#app/demo/seed.server.ts'
import { getDb, nowIso } from '#app/platform/db/db.server.ts'
import { listVersions } from '#app/sign-off/sign-off.server.ts'
import { reportFigures, TrackingError } from '#app/tracking/tracking.server.ts'
import * as progressArea from '#app/routes/pact-progress-area.tsx'
import * as progressExport from '#app/routes/pact-progress-export.tsx'
import * as progressTemplate from '#app/routes/pact-progress-template.tsx'
import * as progressImport from '#app/routes/pact-progress-import.tsx'
import * as progressReport from '#app/routes/pact-progress-report.tsx'
import * as progress from '#app/routes/pact-progress.tsx'
import * as overview from '#app/routes/pact-overview.tsx'
import { startCollabServer, type TestCollabServer } from '#tests/support/collab.ts'
import { createUser, prepareDatabase, signIn, type TestUser } from '#tests/support/fixtures.ts'
import { get, post } from '#tests/support/route-calls.ts'

/**
 * Tracking through its routes, with real requests against the real database, on the signed
 * demo pact (seeded as `npm start` seeds it): 2027 fixed, 2028 submitted, 2029 and 2030 open.
 */

let pactId: string
let draftPactId: string
const people: Record<'anouk' | 'karim' | 'marieke' | 'henk', { id: string; cookie: string; partyId: string }> = {} as never
let reader: TestUser
let outsider: TestUser
let collab: TestCollabServer

beforeAll(async () => {
  await prepareDatabase()
  // As at start-up: the demo's documents are created by the collaboration server, from the demo template.
  collab = await startCollabServer({ seedDocument: seedPactContent })
  const seeded = await seedDemoIfEmpty()
  pactId = seeded!.signedPactId
  draftPactId = seeded!.pactId
  const members = await getDb()
    .selectFrom('pact_members')
    .innerJoin('users', 'users.id', 'pact_members.user_id')
    .select(['users.id', 'users.email', 'pact_members.party_id'])
    .where('pact_members.pact_id', '=', pactId)
    .execute()
  for (const member of members) {
    const name = member.email.split('@')[0] as keyof typeof people
    people[name] = { id: member.id, cookie: await signIn(member.id), partyId: member.party_id }
  }
  reader = await createUser('Meelezer Raad')
  await getDb()
    .insertInto('pact_members')
    .values({ pact_id: pactId, user_id: reader.id, party_id: people.henk.partyId, access: 'lezer', created_at: nowIso() })
    .execute()
  outsider = await createUser('Buitenstaander')
}, 60_000)

afterAll(async () => {
  await collab.stop()
})

const base = () => `/pacts/${pactId}/voortgang`
const as = (who: { cookie: string }, params: Record<string, string> = {}) => ({
  cookie: who.cookie,
  params: { pactId, ...params },
})

async function recordCount() {
  const row = await getDb()
    .selectFrom('tracking_records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pact_id', '=', pactId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function indicator(id: string) {
  const page = await get(progressArea.loader, `${base()}/demo-jeugd-complex`, as(people.henk, { areaId: 'demo-jeugd-complex' }))
  expect(page.status).toBe(200)
  return page.body.area.indicators.find((candidate: { id: string }) => candidate.id === id)
}

const verblijf = (fields: Record<string, string>) => ({
  form: 'realisatie',
  indicator: 'demo-jeugd-verblijf',
  value: '10,9',
  source: 'CBS Jeugdmonitor',
  referenceDate: '31-12-2029',
  public: 'on',
  intent: 'report',
  ...fields,
})

describe('the signed demo pact', () => {
  it('is signed in version 1 and tracked against it', async () => {
    expect((await listVersions(pactId)).map((version) => version.number)).toEqual([1])
    const page = await get(progress.loader, base(), as(people.henk))
    expect(page.status).toBe(200)
    expect(page.body.progress.years).toEqual([
      { year: 2027, versionNumber: 1, fixed: true },
      { year: 2028, versionNumber: 1, fixed: false },
      { year: 2029, versionNumber: 1, fixed: false },
      { year: 2030, versionNumber: 1, fixed: false },
    ])
    expect(page.body.progress.reportingYear).toBe(2028)
    // The signed risk-sharing rule applied to the spending: final for the fixed year, provisional for the open one.
    expect(page.body.riskOutcomes.map((outcome: { year: number; final: boolean }) => [outcome.year, outcome.final])).toEqual([
      [2027, true],
      [2028, false],
    ])
  })

  it('shows each indicator’s status by the one rule, and the 2027 correction', async () => {
    const jeugd = (await get(progress.loader, base(), as(people.henk))).body.progress.areas[0]
    const statuses = Object.fromEntries(jeugd.indicators.map((item: { id: string; status: string }) => [item.id, item.status]))
    expect(statuses).toEqual({
      'demo-jeugd-verblijf': 'aandacht',
      'demo-jeugd-snel-passend': 'op-koers',
      'demo-jeugd-doelen-bereikt': 'achter',
    })
    const point2027 = (await indicator('demo-jeugd-verblijf')).points.find((point: { period: string }) => point.period === '2027')
    expect(point2027).toMatchObject({ realised: 11.4, target: 11.3, cellStatus: 'vastgesteld', corrected: true })
  })

  it('leads the overview with the progress summary; an unsigned pact has none', async () => {
    const signed = await get(overview.loader, `/pacts/${pactId}`, as(people.henk))
    expect(signed.body.progress).toMatchObject({ versionNumber: 1, reportingYear: 2028 })
    expect(signed.body.progress.statusCounts['op-koers']).toBeGreaterThan(0)
    const draft = await get(overview.loader, `/pacts/${draftPactId}`, {
      cookie: people.henk.cookie,
      params: { pactId: draftPactId },
    })
    expect(draft.body.progress).toBeNull()
    const draftProgress = await get(progress.loader, `/pacts/${draftPactId}/voortgang`, {
      cookie: people.henk.cookie,
      params: { pactId: draftPactId },
    })
    expect(draftProgress.body.progress).toBeNull()
  })
})

describe('what is tracked is what was signed', () => {
  it('an edit of the live document (an amendment in progress) does not change the tracked model', async () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, await ports().documents.loadState(pactId))
    const before = Y.encodeStateVector(doc)
    updateResultAreaField(doc, 'demo-jeugd-complex', 'title', 'Een nieuwe titel in het concept')
    await ports().documents.applyServerUpdate(pactId, Y.encodeStateAsUpdate(doc, before), 'test')
    const live = new Y.Doc()
    Y.applyUpdate(live, await ports().documents.loadState(pactId))
    expect(readPactModel(live)).toMatchObject({ resultAreas: [{ title: 'Een nieuwe titel in het concept' }, {}, {}] })
    const page = await get(progress.loader, base(), as(people.henk))
    expect(page.body.progress.areas[0].title).toBe('Jeugdigen met een complexe hulpvraag')
  })
})

describe('report → submit → fix → correct', () => {
  it('runs the whole cycle, every step in the audit trail, nothing overwritten', async () => {
    const heard: string[] = []
    const stopListening = ports().events.subscribe(pactId, (kind) => heard.push(kind))
    const saved = await post(progressReport.action, `${base()}/rapporteren`, verblijf({ period: '2029' }), as(people.marieke))
    stopListening()
    expect(saved.status).toBe(200)
    expect(saved.body.done).toBe('tracking.report.saved')
    // Open voortgang pages hear of it and reload.
    expect(heard).toEqual(['tracking'])
    let point = (await indicator('demo-jeugd-verblijf')).points.find(
      (candidate: { period: string }) => candidate.period === '2029',
    )
    // A concept does not count yet.
    expect(point).toMatchObject({ realised: null, cellStatus: 'concept' })

    const submitted = await post(progressReport.action, `${base()}/rapporteren`, { form: 'indienen' }, as(people.marieke))
    expect(submitted.body).toMatchObject({ done: 'tracking.report.submitted', count: 1 })
    point = (await indicator('demo-jeugd-verblijf')).points.find((candidate: { period: string }) => candidate.period === '2029')
    expect(point).toMatchObject({ realised: 10.9, cellStatus: 'ingediend' })

    expect((await post(progress.action, base(), { period: '2029' }, as(people.marieke))).status).toBe(403)
    const fixed = await post(progress.action, base(), { period: '2029' }, as(people.anouk))
    expect(fixed.body).toEqual({ error: null, fixed: '2029' })
    expect((await post(progress.action, base(), { period: '2029-K2' }, as(people.anouk))).body.error).toBe(
      'tracking.refusals.already-fixed',
    )

    const again = await post(
      progressReport.action,
      `${base()}/rapporteren`,
      verblijf({ period: '2029', value: '10,8' }),
      as(people.marieke),
    )
    expect(again.status).toBe(400)
    expect(again.body.result.error.period).toEqual(['tracking.errors.period.period-fixed'])
    const noReason = await post(
      progressReport.action,
      `${base()}/rapporteren`,
      verblijf({ period: '2029', value: '10,8', intent: 'correct' }),
      as(people.marieke),
    )
    expect(noReason.body.result.error.reason).toEqual(['tracking.errors.reason.required'])

    const corrected = await post(
      progressReport.action,
      `${base()}/rapporteren`,
      verblijf({ period: '2029', value: '10,8', intent: 'correct', reason: 'Herziene cijfers van het CBS' }),
      as(people.marieke),
    )
    expect(corrected.body.done).toBe('tracking.report.corrected')
    point = (await indicator('demo-jeugd-verblijf')).points.find((candidate: { period: string }) => candidate.period === '2029')
    expect(point).toMatchObject({ realised: 10.8, cellStatus: 'vastgesteld', corrected: true })

    const area = await get(progressArea.loader, `${base()}/demo-jeugd-complex`, as(people.henk, { areaId: 'demo-jeugd-complex' }))
    const history = area.body.history.find((cell: { period: string; what: string }) => cell.period === '2029')
    expect(
      history.records.map((record: { status: string; value: number; counts: boolean }) => [
        record.status,
        record.value,
        record.counts,
      ]),
    ).toEqual([
      ['concept', 10.9, false],
      ['ingediend', 10.9, false],
      ['correctie', 10.8, true],
    ])
    expect(history.records[2].reason).toBe('Herziene cijfers van het CBS')

    const actions = (await listAudit(pactId)).map((entry) => entry.action)
    for (const action of ['tracking.reported', 'tracking.submitted', 'tracking.period-fixed', 'tracking.corrected'])
      expect(actions).toContain(action)
  })

  it('refuses a value for an indicator not in the signed version, a wrong period, a malformed value', async () => {
    const before = await recordCount()
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ indicator: 'niet-getekend' }, 'resultArea', 'tracking.errors.area.required'],
      [{ period: '2031' }, 'period', 'tracking.errors.period.outside-years'],
      [{ period: '2030-K1' }, 'period', 'tracking.errors.period.wrong-frequency'],
      [{ period: '2030', value: '10.5' }, 'value', 'tracking.errors.value.english-notation'],
      [{ period: '2030', referenceDate: '31-02-2030' }, 'referenceDate', 'tracking.errors.referenceDate.invalid'],
    ]
    for (const [fields, field, message] of cases) {
      const refused = await post(progressReport.action, `${base()}/rapporteren`, verblijf(fields), as(people.marieke))
      expect(refused.status).toBe(400)
      expect(refused.body.result.error[field]).toContain(message)
    }
    const negative = await post(
      progressReport.action,
      `${base()}/rapporteren`,
      { form: 'uitgaven', resultArea: 'demo-jeugd-complex', period: '2030', amount: '-1.000,00', intent: 'report' },
      as(people.marieke),
    )
    expect(negative.body.result.error.amount).toEqual(['tracking.errors.amount.negative'])
    expect(await recordCount()).toBe(before)
  })
})

describe('permissions', () => {
  it('lezers and commentators read but do not report or fix; outsiders see nothing', async () => {
    for (const who of [people.henk, reader]) {
      expect((await get(progress.loader, base(), as(who))).status).toBe(200)
      expect((await get(progressReport.loader, `${base()}/rapporteren`, as(who))).status).toBe(403)
      expect((await post(progressReport.action, `${base()}/rapporteren`, verblijf({ period: '2030' }), as(who))).status).toBe(403)
      expect((await post(progress.action, base(), { period: '2030' }, as(who))).status).toBe(403)
    }
    expect((await get(progress.loader, base(), as(outsider))).status).toBe(404)
    expect((await get(progressExport.loader, `${base()}/export.csv?soort=realisaties`, as(outsider))).status).toBe(404)
  })

  it('a party reports only for itself', async () => {
    const before = await recordCount()
    // Ouderen langer thuis is Welzijn's alone.
    const notTheirs = await post(
      progressReport.action,
      `${base()}/rapporteren`,
      verblijf({ indicator: 'demo-ouderen-regie', period: '2030' }),
      as(people.marieke),
    )
    expect(notTheirs.body.result.error.resultArea).toEqual(['tracking.errors.party.notResponsible'])
    const csv = 'resultaatgebied;partij;periode;uitgaven\nOuderen langer thuis;Stichting Welzijn Zuiderveen;2030;1.000,00\n'
    const otherParty = await post(progressImport.action, `${base()}/import`, { kind: 'uitgaven', csv }, as(people.marieke))
    expect(otherParty.body.problems).toEqual([{ line: 2, column: 'partij', message: 'tracking.errors.party.other' }])
    const figure = {
      kind: 'uitgaven' as const,
      resultAreaId: 'demo-ouderen-thuis',
      partyId: people.karim.partyId,
      period: '2030',
      status: 'concept' as const,
      reason: null,
      cents: 100,
    }
    await expect(
      reportFigures(pactId, { userId: people.marieke.id, partyId: people.marieke.partyId }, [figure], 'formulier'),
    ).rejects.toEqual(new TrackingError('other-party'))
    expect(await recordCount()).toBe(before)
  })
})

describe('measuring frequency', () => {
  it('is quarterly where the table recorded it, and settled once figures are in', async () => {
    const schulden = await get(
      progressArea.loader,
      `${base()}/demo-schulden-bestaanszekerheid`,
      as(people.anouk, { areaId: 'demo-schulden-bestaanszekerheid' }),
    )
    const eersteGesprek = schulden.body.area.indicators.find((item: { id: string }) => item.id === 'demo-schulden-eerste-gesprek')
    expect(eersteGesprek.frequency).toBe('kwartaal')
    expect(eersteGesprek.points.slice(0, 2).map((point: { period: string }) => point.period)).toEqual(['2027-K1', '2027-K2'])
    expect(schulden.body.frequencyEditable).toEqual([])
    const fields = { indicatorId: 'demo-schulden-stabiel', frequency: 'kwartaal' }
    const params = { areaId: 'demo-schulden-bestaanszekerheid' }
    expect(
      (await post(progressArea.action, `${base()}/demo-schulden-bestaanszekerheid`, fields, as(people.karim, params))).status,
    ).toBe(403)
    const refused = await post(progressArea.action, `${base()}/demo-schulden-bestaanszekerheid`, fields, as(people.anouk, params))
    expect(refused).toMatchObject({ status: 409, body: { error: 'tracking.refusals.has-records' } })
  })
})

describe('CSV import and export', () => {
  const header = 'resultaatgebied;indicator;periode;waarde;bron;peildatum;toelichting;openbaar'
  const good = [
    'Ouderen langer thuis;75-plussers die zelfstandig wonen;2030;91,9;CBS Statline;31-12-2030;;ja',
    'demo-ouderen-thuis;demo-ouderen-regie;2030;82;Cliëntervaringsonderzoek Wmo;31-12-2030;Steekproef van 400;nee',
  ]

  it('is all-or-nothing: one bad line and nothing is saved, every bad line listed', async () => {
    const before = await recordCount()
    const csv = [
      header,
      ...good,
      'Onbekend gebied;x;2030;1;bron;31-12-2030;;ja',
      'Ouderen langer thuis;75-plussers die zelfstandig wonen;2030;1;=HYPERLINK("x");31-12-2030;;ja',
    ].join('\r\n')
    const refused = await post(progressImport.action, `${base()}/import`, { kind: 'realisaties', csv }, as(people.karim))
    expect(refused.status).toBe(400)
    expect(refused.body.problems).toEqual([
      { line: 4, column: 'resultaatgebied', message: 'tracking.errors.area.unknown' },
      { line: 5, column: 'bron', message: 'tracking.csv.formula' },
    ])
    expect(await recordCount()).toBe(before)
  })

  it('shows a preview of an uploaded file, then saves every line as a concept', async () => {
    const before = await recordCount()
    const body = new FormData()
    body.set('kind', 'realisaties')
    body.set('file', new File([`\uFEFF${[header, ...good].join('\r\n')}\r\n`], 'realisaties.csv', { type: 'text/csv' }))
    const request = new Request(`http://localhost${base()}/import`, {
      method: 'POST',
      body,
      headers: { Cookie: people.karim.cookie },
    })
    const preview = (await progressImport.action({ request, params: { pactId }, context: {} } as never)) as {
      step: string
      count: number
      csv: string
    }
    expect(preview).toMatchObject({ step: 'preview', count: 2 })
    expect(await recordCount()).toBe(before)

    const saved = await post(
      progressImport.action,
      `${base()}/import`,
      { kind: 'realisaties', csv: preview.csv, intent: 'import' },
      as(people.karim),
    )
    expect(saved.body).toEqual({ step: 'done', kind: 'realisaties', count: 2 })
    expect(await recordCount()).toBe(before + 2)
    const rows = await getDb()
      .selectFrom('tracking_records')
      .select(['status', 'party_id'])
      .where('pact_id', '=', pactId)
      .orderBy('id', 'desc')
      .limit(2)
      .execute()
    expect(rows).toEqual([
      { status: 'concept', party_id: people.karim.partyId },
      { status: 'concept', party_id: people.karim.partyId },
    ])
  })

  it('offers a template per pact with what the downloader’s party reports', async () => {
    const template = async (who: { cookie: string }) => {
      const response = await progressTemplate.loader({
        request: new Request(`http://localhost${base()}/sjabloon.csv?soort=realisaties`, { headers: { Cookie: who.cookie } }),
        params: { pactId },
        context: {},
      } as never)
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (response as Response).arrayBuffer())
    }
    const forMarieke = await template(people.marieke)
    expect(forMarieke.startsWith(`\uFEFF${header}\r\n`)).toBe(true)
    expect(forMarieke).toContain('Jeugdigen met een complexe hulpvraag;Jeugdigen met jeugdhulp met verblijf;')
    expect(forMarieke).not.toContain('Ouderen langer thuis')
    expect(await template(people.henk)).toContain('Ouderen langer thuis;75-plussers die zelfstandig wonen;')
  })

  it('exports what counts in the same format, never a cell a spreadsheet would execute', async () => {
    await post(
      progressReport.action,
      `${base()}/rapporteren`,
      verblijf({ period: '2030', note: '=HYPERLINK("https://example.test")', source: '@bron' }),
      as(people.marieke),
    )
    await post(progressReport.action, `${base()}/rapporteren`, { form: 'indienen' }, as(people.marieke))
    const response = await progressExport.loader({
      request: new Request(`http://localhost${base()}/export.csv?soort=realisaties`, { headers: { Cookie: people.henk.cookie } }),
      params: { pactId },
      context: {},
    } as never)
    const bytes = new Uint8Array(await (response as Response).arrayBuffer())
    // A byte-order mark first, so Excel reads UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text.startsWith(`${header}\r\n`)).toBe(true)
    expect(text).toContain(
      `Jeugdigen met een complexe hulpvraag;Jeugdigen met jeugdhulp met verblijf;2030;10,9;'@bron;31-12-2029;"'=HYPERLINK(""https://example.test"")";ja`,
    )
    expect(text).toContain('Jeugdigen met een complexe hulpvraag;Jeugdigen met jeugdhulp met verblijf;2027;11,4;')
    const spending = await progressExport.loader({
      request: new Request(`http://localhost${base()}/export.csv?soort=uitgaven`, { headers: { Cookie: people.henk.cookie } }),
      params: { pactId },
      context: {},
    } as never)
    expect(await (spending as Response).text()).toContain(
      'Jeugdigen met een complexe hulpvraag;Jeugdhulp De Brug;2027;4.712.345,67',
    )
  })
})
