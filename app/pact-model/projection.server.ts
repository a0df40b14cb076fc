import { createHash } from 'node:crypto'
import * as Y from 'yjs'
import { advisoryXactLock } from '#app/platform/db/advisory-lock.server.ts'
import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'
import { readModelOf, type ModelReading, type WriterNameOf } from '#app/pact-model/pact-model-yjs.ts'
import { validatePactModel, type PactModel, type PactModelContext, type ReportedIssue } from '#app/pact-model/pact-model.ts'
import { ports } from '#app/platform/ports.ts'
import { pactYears } from '#app/pacts/lifecycle.ts'
import { getPact, listParties } from '#app/pacts/pacts.server.ts'

/**
 * The pact's structured model as SQL: the server validates what clients wrote into the shared
 * document and projects only a valid model into tables (result areas, budgets, indicators,
 * risk rules). An invalid model leaves the last valid projection in place and is reported,
 * field by field, with the names of the people who wrote the offending values.
 */

export interface ModelValidationReport {
  valid: boolean
  issues: ReportedIssue[]
  checkedAt: string
}

export async function pactModelContext(pactId: string, db: Db = getDb()): Promise<PactModelContext> {
  const [pact, parties] = await Promise.all([getPact(pactId, db), listParties(pactId, db)])
  return { years: pactYears(pact.start_year, pact.end_year), partyIds: parties.map((party) => party.id) }
}

// Projections of one pact run one after another, so an older state never overwrites a newer one.
const pactQueues = new Map<string, Promise<unknown>>()

function inPactQueue<T>(pactId: string, task: () => Promise<T>): Promise<T> {
  const result = (pactQueues.get(pactId) ?? Promise.resolve()).then(task, task)
  const tail = result.catch(() => undefined)
  pactQueues.set(pactId, tail)
  void tail.then(() => {
    if (pactQueues.get(pactId) === tail) pactQueues.delete(pactId)
  })
  return result
}

/**
 * Validates the model in `source` and, if valid, makes the projection equal to it; if invalid,
 * keeps the projection and records the issues. The source is a whole document as one Yjs
 * update, or the live server's reading of just the model (readModelOf): a large pact's text is
 * then neither encoded nor decoded again for it.
 */
export function projectPactModel(
  pactId: string,
  source: Uint8Array | ModelReading,
  writerNameOf: WriterNameOf | null = null,
  db: Db = getDb(),
) {
  return inPactQueue(pactId, () => projectState(pactId, source, writerNameOf, db))
}

/** Builds the projection again from the pact's document, e.g. after the tables were lost. */
export function rebuildProjection(pactId: string, db: Db = getDb()): Promise<ModelValidationReport> {
  return inPactQueue(pactId, async () =>
    projectReading(pactId, await ports().documents.readLive(pactId, readModelOf), null, db, { force: true }),
  )
}

/**
 * Makes sure the projection reflects the current document: rebuilds it when it is missing or
 * older than the document (changes made just before a shutdown may not have been projected).
 * Reads the model from the live document: a large pact's text is neither encoded nor decoded for it.
 */
export function ensureProjection(pactId: string, db: Db = getDb()): Promise<void> {
  return inPactQueue(pactId, async () => {
    await projectReading(pactId, await ports().documents.readLive(pactId, readModelOf), null, db)
  })
}

async function projectState(
  pactId: string,
  source: Uint8Array | ModelReading,
  writerNameOf: WriterNameOf | null,
  db: Db,
  options: { force?: boolean } = {},
): Promise<ModelValidationReport> {
  if (!(source instanceof Uint8Array)) return projectReading(pactId, source, writerNameOf, db, options)
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, source)
    return await projectReading(pactId, readModelOf(doc), writerNameOf, db, options)
  } finally {
    doc.destroy()
  }
}

/** `writerNameOf` is null when the caller cannot know who wrote what (a rebuild from storage). */
async function projectReading(
  pactId: string,
  reading: ModelReading,
  writerNameOf: WriterNameOf | null,
  db: Db,
  { force = false } = {},
): Promise<ModelValidationReport> {
  const stateVector = Buffer.from(reading.stateVector).toString('base64')
  const previous = await db.selectFrom('model_validation').selectAll().where('pact_id', '=', pactId).executeTakeFirst()
  // Already checked at this very state; an invalid model is checked again by whoever can name its writers.
  if (!force && previous?.state_vector === stateVector && (previous.valid === 1 || !writerNameOf)) return reportFrom(previous)

  const context = await pactModelContext(pactId, db)
  const { validation, issues } = validateReading(
    reading,
    context,
    writerNameOf ?? (() => null),
    previous ? reportFrom(previous).issues : [],
  )
  const checkedAt = nowIso()
  const modelHash = validation.ok
    ? createHash('sha256').update(JSON.stringify(validation.model)).digest('hex')
    : (previous?.model_hash ?? null)
  const row = {
    pact_id: pactId,
    valid: validation.ok ? 1 : 0,
    issues: JSON.stringify(issues),
    model_hash: modelHash,
    state_vector: stateVector,
    checked_at: checkedAt,
  }

  await db.transaction().execute(async (trx) => {
    // Instances serving the same pact project one at a time, and never replace a later state's projection.
    await advisoryXactLock(trx, `model-projection:${pactId}`)
    if (!force && (await projectedLaterState(trx, pactId, stateVector))) return
    if (validation.ok && (force || previous?.model_hash !== modelHash)) await replaceProjection(trx, pactId, validation.model)
    await trx
      .insertInto('model_validation')
      .values(row)
      .onConflict((oc) =>
        oc.column('pact_id').doUpdateSet({
          valid: row.valid,
          issues: row.issues,
          model_hash: row.model_hash,
          state_vector: row.state_vector,
          checked_at: row.checked_at,
        }),
      )
      .execute()
  })
  return { valid: validation.ok, issues, checkedAt }
}

/** The stored projection is of a state that includes everything in this one, and more. */
async function projectedLaterState(trx: Db, pactId: string, stateVector: string): Promise<boolean> {
  const stored = await trx.selectFrom('model_validation').select('state_vector').where('pact_id', '=', pactId).executeTakeFirst()
  if (!stored || stored.state_vector === stateVector) return false
  const later = Y.decodeStateVector(Buffer.from(stored.state_vector, 'base64'))
  const ours = Y.decodeStateVector(Buffer.from(stateVector, 'base64'))
  return [...ours].every(([clientId, clock]) => (later.get(clientId) ?? 0) >= clock)
}

// An issue whose writers are unknown now (say, after a restart) keeps the names reported for it before.
function validateReading(
  reading: ModelReading,
  context: PactModelContext,
  writerNameOf: WriterNameOf,
  previousIssues: readonly ReportedIssue[],
) {
  const validation = validatePactModel(reading.model, context)
  const issues: ReportedIssue[] = validation.ok
    ? []
    : validation.issues.map((issue) => {
        const writers = [...new Set(reading.writersAt(issue.path).flatMap((clientId) => writerNameOf(clientId) ?? []))]
        const before = previousIssues.find(
          (candidate) => candidate.message === issue.message && samePath(candidate.path, issue.path),
        )
        return { ...issue, writers: writers.length > 0 ? writers : (before?.writers ?? []) }
      })
  return { validation, issues }
}

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index])
}

async function replaceProjection(trx: Db, pactId: string, model: PactModel): Promise<void> {
  for (const table of ['result_areas', 'result_area_budgets', 'indicators', 'indicator_targets', 'risk_rules'] as const) {
    await trx.deleteFrom(table).where('pact_id', '=', pactId).execute()
  }
  for (const [position, area] of model.resultAreas.entries()) {
    await trx
      .insertInto('result_areas')
      .values({
        pact_id: pactId,
        id: area.id,
        position,
        title: area.title,
        description: area.description,
        challenge: area.challenge,
        target_group: area.targetGroup,
        responsible_party_ids: JSON.stringify(area.responsiblePartyIds),
      })
      .execute()
    if (area.budgets.length > 0) {
      await trx
        .insertInto('result_area_budgets')
        .values(
          area.budgets.map((cell) => ({
            pact_id: pactId,
            result_area_id: area.id,
            party_id: cell.partyId,
            year: cell.year,
            cents: cell.cents,
          })),
        )
        .execute()
    }
    for (const [indicatorPosition, indicator] of area.indicators.entries()) {
      await trx
        .insertInto('indicators')
        .values({
          pact_id: pactId,
          id: indicator.id,
          result_area_id: area.id,
          position: indicatorPosition,
          name: indicator.name,
          unit: indicator.unit,
          level: indicator.level,
          direction: indicator.direction,
          baseline_value: indicator.baselineValue,
          baseline_year: indicator.baselineYear,
          data_source: indicator.dataSource,
        })
        .execute()
      if (indicator.targets.length > 0) {
        await trx
          .insertInto('indicator_targets')
          .values(
            indicator.targets.map((target) => ({
              pact_id: pactId,
              indicator_id: indicator.id,
              year: target.year,
              value: target.value,
            })),
          )
          .execute()
      }
    }
  }
  for (const [position, rule] of model.riskRules.entries()) {
    await trx
      .insertInto('risk_rules')
      .values({
        pact_id: pactId,
        id: rule.id,
        position,
        scope_kind: rule.scope.kind,
        result_area_id: rule.scope.kind === 'result-area' ? rule.scope.resultAreaId : null,
        corridor_percent: rule.corridorPercent,
        provider_share_inside: rule.providerShareInside,
        provider_share_outside: rule.providerShareOutside,
        provider_cap_cents: rule.providerCapCents,
        provider_gain_share: rule.underspend.providerGainShare,
        revolving_fund_share: rule.underspend.revolvingFundShare,
        division_kind: rule.division.kind,
        division_weights: rule.division.kind === 'weights' ? JSON.stringify(rule.division.weights) : null,
      })
      .execute()
  }
}

/** The last valid model, read back from the projection (empty when nothing was ever projected). */
export async function readProjectedModel(pactId: string, db: Db = getDb()): Promise<PactModel> {
  const [areas, budgets, indicators, targets, rules] = await Promise.all([
    db.selectFrom('result_areas').selectAll().where('pact_id', '=', pactId).orderBy('position').execute(),
    db.selectFrom('result_area_budgets').selectAll().where('pact_id', '=', pactId).orderBy('party_id').orderBy('year').execute(),
    db.selectFrom('indicators').selectAll().where('pact_id', '=', pactId).orderBy('position').execute(),
    db.selectFrom('indicator_targets').selectAll().where('pact_id', '=', pactId).orderBy('year').execute(),
    db.selectFrom('risk_rules').selectAll().where('pact_id', '=', pactId).orderBy('position').execute(),
  ])
  return {
    resultAreas: areas.map((area) => ({
      id: area.id,
      title: area.title,
      description: area.description,
      challenge: area.challenge,
      targetGroup: area.target_group,
      responsiblePartyIds: JSON.parse(area.responsible_party_ids) as string[],
      budgets: budgets
        .filter((cell) => cell.result_area_id === area.id)
        .map((cell) => ({ partyId: cell.party_id, year: cell.year, cents: Number(cell.cents) })),
      indicators: indicators
        .filter((indicator) => indicator.result_area_id === area.id)
        .map((indicator) => ({
          id: indicator.id,
          name: indicator.name,
          unit: indicator.unit,
          level: indicator.level,
          direction: indicator.direction,
          baselineValue: indicator.baseline_value,
          baselineYear: indicator.baseline_year,
          targets: targets
            .filter((target) => target.indicator_id === indicator.id)
            .map((target) => ({ year: target.year, value: target.value })),
          dataSource: indicator.data_source,
        })),
    })),
    riskRules: rules.map((rule) => ({
      id: rule.id,
      scope:
        rule.result_area_id === null
          ? { kind: 'pact' as const }
          : { kind: 'result-area' as const, resultAreaId: rule.result_area_id },
      corridorPercent: rule.corridor_percent,
      providerShareInside: rule.provider_share_inside,
      providerShareOutside: rule.provider_share_outside,
      providerCapCents: rule.provider_cap_cents === null ? null : Number(rule.provider_cap_cents),
      underspend: { providerGainShare: rule.provider_gain_share, revolvingFundShare: rule.revolving_fund_share },
      division:
        rule.division_weights === null
          ? { kind: 'pro-rata' as const }
          : {
              kind: 'weights' as const,
              weights: JSON.parse(rule.division_weights) as Array<{ partyId: string; weight: number }>,
            },
    })),
  }
}

export async function readModelValidation(pactId: string, db: Db = getDb()): Promise<ModelValidationReport | null> {
  const row = await db.selectFrom('model_validation').selectAll().where('pact_id', '=', pactId).executeTakeFirst()
  return row ? reportFrom(row) : null
}

function reportFrom(row: { valid: number; issues: string; checked_at: string }): ModelValidationReport {
  return { valid: row.valid === 1, issues: JSON.parse(row.issues) as ReportedIssue[], checkedAt: row.checked_at }
}
