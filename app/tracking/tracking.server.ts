import * as Y from 'yjs'
import type { Transaction } from 'kysely'
import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'
import type { Database } from '#app/platform/db/schema.ts'
import type { OrganisationKind } from '#app/organisations/organisation.ts'
import { recordAudit } from '#app/audit/audit.server.ts'
import { ports } from '#app/platform/ports.ts'
import { readPactModel } from '#app/pact-model/pact-model-yjs.ts'
import { validatePactModel, type PactModel } from '#app/pact-model/pact-model.ts'
import { getPact, listParties } from '#app/pacts/pacts.server.ts'
import { checkPeriod, parsePeriod, periodCovers, type Frequency } from './periods.ts'
import { cellKey, deriveCell, fixingFor, groupByCell, type Fixing, type TrackingRecord } from './records.ts'
import type { CsvKind } from './csv-format.ts'
import type { ReportedFigure } from './report-forms.ts'
import type { TrackedPact } from './tracked-pact.ts'

/**
 * Tracking records in SQL: append-only rows for reported figures, period fixings and measuring
 * frequencies. Every change is one transaction with its audit entry, then open pages are told.
 * What may be reported is checked by the schemas in report-forms.ts; this module re-checks what
 * can change between that check and the write (a period fixed meanwhile) inside the transaction.
 */

export type TrackingErrorCode =
  'not-signed' | 'period-changed' | 'other-party' | 'invalid-period' | 'already-fixed' | 'nothing-to-submit' | 'has-records'

export class TrackingError extends Error {
  constructor(readonly code: TrackingErrorCode) {
    super(code)
  }
}

export interface Reporter {
  userId: string
  partyId: string
}

export interface TrackingData {
  pact: { id: string; title: string; status: string; startYear: number; endYear: number }
  years: number[]
  parties: Array<{ id: string; name: string; kind: OrganisationKind }>
  versions: Array<{ number: number; signedAt: string }>
  /** Null until the pact has a signed version: nothing is tracked before that. */
  tracked: TrackedPact | null
  models: Map<number, PactModel>
  records: TrackingRecord[]
}

// Signed versions never change, so a decoded model can be kept by version id.
const MAX_CACHED_MODELS = 32
const decodedModels = new Map<string, PactModel | null>()

/** The structured model stored in a signed version (its full Yjs state), as validated when it was signed. */
export function signedModel(
  version: { id: string; state_base64: string },
  context: { years: number[]; partyIds: string[] },
): PactModel | null {
  const cached = decodedModels.get(version.id)
  if (cached !== undefined) return cached
  const model = decodeModel(version.state_base64, context)
  if (decodedModels.size >= MAX_CACHED_MODELS) decodedModels.delete(decodedModels.keys().next().value!)
  decodedModels.set(version.id, model)
  return model
}

function decodeModel(stateBase64: string, context: { years: number[]; partyIds: string[] }): PactModel | null {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, Buffer.from(stateBase64, 'base64'))
    const validation = validatePactModel(readPactModel(doc), context)
    return validation.ok ? validation.model : null
  } catch {
    // A state Yjs cannot read has no model to track; the page says there is nothing, instead of failing.
    return null
  } finally {
    doc.destroy()
  }
}

const EMPTY_MODEL: PactModel = { resultAreas: [], riskRules: [] }

export async function loadTracking(pactId: string, db: Db = getDb()): Promise<TrackingData> {
  const [pact, parties, versions, fixings, frequencies, records] = await Promise.all([
    getPact(pactId, db),
    listParties(pactId, db),
    db
      .selectFrom('pact_versions')
      .select(['id', 'number', 'state_base64', 'signed_at'])
      .where('pact_id', '=', pactId)
      .orderBy('number')
      .execute(),
    listFixings(pactId, db),
    db
      .selectFrom('tracking_frequencies')
      .select(['indicator_id', 'frequency'])
      .where('pact_id', '=', pactId)
      .orderBy('id')
      .execute(),
    listRecords(pactId, db),
  ])
  const years = Array.from({ length: pact.end_year - pact.start_year + 1 }, (_, index) => pact.start_year + index)
  const context = { years, partyIds: parties.map((party) => party.id) }
  const models = new Map<number, PactModel>()
  const latest = versions.at(-1)
  const wanted = new Set([latest?.number, ...fixings.map((fixing) => fixing.versionNumber)])
  for (const version of versions) {
    if (wanted.has(version.number)) models.set(version.number, signedModel(version, context) ?? EMPTY_MODEL)
  }
  const frequencyOf: Record<string, Frequency> = {}
  for (const row of frequencies) frequencyOf[row.indicator_id] = row.frequency
  return {
    pact: { id: pact.id, title: pact.title, status: pact.status, startYear: pact.start_year, endYear: pact.end_year },
    years,
    parties: parties.map((party) => ({ id: party.id, name: party.name, kind: party.kind })),
    versions: versions.map((version) => ({ number: version.number, signedAt: version.signed_at })),
    tracked: latest
      ? {
          years,
          versionNumber: latest.number,
          model: models.get(latest.number)!,
          parties: parties.map(({ id, name }) => ({ id, name })),
          frequencies: frequencyOf,
          fixings,
        }
      : null,
    models,
    records,
  }
}

async function listFixings(pactId: string, db: Db | Transaction<Database>): Promise<Fixing[]> {
  const rows = await db
    .selectFrom('tracking_fixings')
    .select(['period', 'through_record_id', 'version_number'])
    .where('pact_id', '=', pactId)
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    period: row.period,
    throughRecordId: Number(row.through_record_id),
    versionNumber: row.version_number,
  }))
}

export async function listFixingDetails(pactId: string, db: Db = getDb()) {
  return db
    .selectFrom('tracking_fixings')
    .innerJoin('users', 'users.id', 'tracking_fixings.fixed_by')
    .select([
      'tracking_fixings.period',
      'tracking_fixings.version_number',
      'tracking_fixings.fixed_at',
      'users.name as fixed_by_name',
    ])
    .where('tracking_fixings.pact_id', '=', pactId)
    .orderBy('tracking_fixings.id')
    .execute()
}

async function listRecords(pactId: string, db: Db | Transaction<Database>): Promise<TrackingRecord[]> {
  const rows = await db
    .selectFrom('tracking_records')
    .innerJoin('users', 'users.id', 'tracking_records.created_by')
    .selectAll('tracking_records')
    .select('users.name as created_by_name')
    .where('tracking_records.pact_id', '=', pactId)
    .orderBy('tracking_records.id')
    .execute()
  return rows.map((row): TrackingRecord => ({
    id: Number(row.id),
    kind: row.kind,
    status: row.status,
    resultAreaId: row.result_area_id,
    indicatorId: row.indicator_id,
    partyId: row.party_id,
    period: row.period,
    value: row.value,
    cents: row.cents === null ? null : Number(row.cents),
    source: row.source,
    referenceDate: row.reference_date,
    note: row.note,
    public: row.public === 1,
    reason: row.reason,
    correctionOf: row.correction_of === null ? null : Number(row.correction_of),
    versionNumber: row.version_number,
    createdBy: row.created_by_name,
    createdAt: row.created_at,
  }))
}

// Open pages of the pact reload their figures.
function announceChange(pactId: string): void {
  ports().events.publish(pactId, 'tracking')
}

async function latestVersionNumber(pactId: string, db: Db | Transaction<Database>): Promise<number> {
  const row = await db
    .selectFrom('pact_versions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('pact_id', '=', pactId)
    .executeTakeFirst()
  if (row?.n == null) throw new TrackingError('not-signed')
  return Number(row.n)
}

/**
 * Appends figures checked by `realisationSchema`/`spendingSchema`: all of them or none. `via`
 * says where they came from, for the audit trail.
 */
export async function reportFigures(
  pactId: string,
  reporter: Reporter,
  figures: readonly ReportedFigure[],
  via: 'formulier' | 'import' | 'demo',
  db: Db = getDb(),
) {
  if (figures.some((figure) => figure.partyId !== reporter.partyId)) throw new TrackingError('other-party')
  const ids = await db.transaction().execute(async (trx) => {
    const versionNumber = await latestVersionNumber(pactId, trx)
    const fixings = await listFixings(pactId, trx)
    const cells = groupByCell(await listRecords(pactId, trx))
    const createdAt = nowIso()
    const written: number[] = []
    for (const figure of figures) {
      const fixing = fixingFor(figure.period, fixings)
      // The form was checked against the fixings of a moment ago; a fixing since then wins.
      if ((figure.status === 'correctie') !== (fixing !== null)) throw new TrackingError('period-changed')
      const indicatorId = figure.kind === 'realisatie' ? figure.indicatorId : null
      const corrected =
        figure.status === 'correctie' ? deriveCell(cells.get(cellKey({ ...figure, indicatorId })) ?? [], fixing).current : null
      const row = await trx
        .insertInto('tracking_records')
        .values({
          pact_id: pactId,
          kind: figure.kind,
          result_area_id: figure.resultAreaId,
          indicator_id: indicatorId,
          party_id: figure.partyId,
          period: figure.period,
          value: figure.kind === 'realisatie' ? figure.value : null,
          cents: figure.kind === 'uitgaven' ? figure.cents : null,
          source: figure.kind === 'realisatie' ? figure.source : null,
          reference_date: figure.kind === 'realisatie' ? figure.referenceDate : null,
          note: figure.kind === 'realisatie' ? figure.note : null,
          public: figure.kind === 'realisatie' && figure.public ? 1 : 0,
          status: figure.status,
          reason: figure.reason,
          correction_of: corrected?.id ?? null,
          version_number: versionNumber,
          created_by: reporter.userId,
          created_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      written.push(Number(row.id))
    }
    const corrections = figures.filter((figure) => figure.status === 'correctie').length
    await recordAudit(trx, {
      pactId,
      actorId: reporter.userId,
      action: corrections > 0 ? 'tracking.corrected' : 'tracking.reported',
      details: {
        via,
        partyId: reporter.partyId,
        records: written,
        ...(figures.length === 1 ? { figure: figures[0] } : { count: figures.length }),
      },
    })
    return written
  })
  announceChange(pactId)
  return ids
}

/** Submits the party's concepts (of one period, or all): each becomes the cell's submitted figure. */
export async function submitDrafts(pactId: string, reporter: Reporter, period: string | null, db: Db = getDb()): Promise<number> {
  const ids = await db.transaction().execute(async (trx) => {
    const fixings = await listFixings(pactId, trx)
    const cells = groupByCell(await listRecords(pactId, trx))
    const drafts = [...cells.values()]
      .map((records) => deriveCell(records, fixingFor(records[0]!.period, fixings)).draft)
      .filter(
        (draft): draft is TrackingRecord =>
          draft !== null && draft.partyId === reporter.partyId && (period === null || draft.period === period),
      )
    if (drafts.length === 0) throw new TrackingError('nothing-to-submit')
    const createdAt = nowIso()
    const written: number[] = []
    for (const draft of drafts) {
      const row = await trx
        .insertInto('tracking_records')
        .values({
          pact_id: pactId,
          kind: draft.kind,
          result_area_id: draft.resultAreaId,
          indicator_id: draft.indicatorId,
          party_id: draft.partyId,
          period: draft.period,
          value: draft.value,
          cents: draft.cents,
          source: draft.source,
          reference_date: draft.referenceDate,
          note: draft.note,
          public: draft.public ? 1 : 0,
          status: 'ingediend',
          reason: null,
          correction_of: null,
          version_number: draft.versionNumber,
          created_by: reporter.userId,
          created_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      written.push(Number(row.id))
    }
    await recordAudit(trx, {
      pactId,
      actorId: reporter.userId,
      action: 'tracking.submitted',
      details: { partyId: reporter.partyId, period, concepts: drafts.map((draft) => draft.id), records: written },
    })
    return written
  })
  announceChange(pactId)
  return ids.length
}

/** Fixes a year (with its quarters) or a quarter on behalf of the table: its submitted figures are locked. */
export async function fixPeriod(pactId: string, actorId: string, periodText: string, db: Db = getDb()): Promise<void> {
  const pact = await getPact(pactId, db)
  const years = Array.from({ length: pact.end_year - pact.start_year + 1 }, (_, index) => pact.start_year + index)
  const parsed = parsePeriod(periodText)
  const checked = parsed && checkPeriod(periodText, { years, frequency: parsed.quarter === null ? 'jaar' : 'kwartaal' })
  if (!checked?.ok) throw new TrackingError('invalid-period')
  await db.transaction().execute(async (trx) => {
    const versionNumber = await latestVersionNumber(pactId, trx)
    const fixings = await listFixings(pactId, trx)
    if (fixings.some((fixing) => periodCovers(parsePeriod(fixing.period)!, checked.period)))
      throw new TrackingError('already-fixed')
    const last = await trx
      .selectFrom('tracking_records')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('pact_id', '=', pactId)
      .executeTakeFirst()
    const throughRecordId = Number(last?.id ?? 0)
    await trx
      .insertInto('tracking_fixings')
      .values({
        pact_id: pactId,
        period: checked.text,
        through_record_id: throughRecordId,
        version_number: versionNumber,
        fixed_by: actorId,
        fixed_at: nowIso(),
      })
      .execute()
    await recordAudit(trx, {
      pactId,
      actorId,
      action: 'tracking.period-fixed',
      details: { period: checked.text, throughRecordId, versionNumber },
    })
  })
  announceChange(pactId)
}

/** Records how often an indicator is measured; only before anything was reported for it, so no period changes meaning. */
export async function setFrequency(
  pactId: string,
  actorId: string,
  indicatorId: string,
  frequency: Frequency,
  db: Db = getDb(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const reported = await trx
      .selectFrom('tracking_records')
      .select('id')
      .where('pact_id', '=', pactId)
      .where('indicator_id', '=', indicatorId)
      .limit(1)
      .executeTakeFirst()
    if (reported) throw new TrackingError('has-records')
    await trx
      .insertInto('tracking_frequencies')
      .values({ pact_id: pactId, indicator_id: indicatorId, frequency, set_by: actorId, set_at: nowIso() })
      .execute()
    await recordAudit(trx, { pactId, actorId, action: 'tracking.frequency-set', details: { indicatorId, frequency } })
  })
  announceChange(pactId)
}

/** Who downloaded which figures: exports are in the audit trail too. */
export async function recordExport(pactId: string, actorId: string, kind: CsvKind, db: Db = getDb()): Promise<void> {
  await recordAudit(db, { pactId, actorId, action: 'tracking.exported', details: { kind } })
}
