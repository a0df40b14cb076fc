import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'
import { isAccessLevel, type AccessLevel } from '#app/access/access.ts'
import type { DocumentWriteFacts } from '#app/access/write-policy.ts'
import type { PactStatus } from './lifecycle.ts'
import type { OrganisationKind } from '#app/organisations/organisation.ts'
import { newId } from '#app/platform/ids.ts'
import { Refusal } from '#app/platform/errors.ts'
import { ports } from '#app/platform/ports.ts'
import { recordAudit } from '#app/audit/audit.server.ts'
import { insertOrganisation } from '#app/organisations/organisations.server.ts'

export interface NewPact {
  title: string
  region: string
  startYear: number
  endYear: number
  /** The creator's own organisation, which becomes the first (signing) party. */
  organisationId: string
}

export async function createPact(input: NewPact, userId: string, db: Db = getDb()): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const pactId = newId()
    const partyId = newId()
    const createdAt = nowIso()
    await trx
      .insertInto('pacts')
      .values({
        id: pactId,
        title: input.title,
        region: input.region,
        start_year: input.startYear,
        end_year: input.endYear,
        status: 'concept',
        template: 'pact-voor-de-transformatie',
        created_by: userId,
        created_at: createdAt,
      })
      .execute()
    await trx
      .insertInto('pact_parties')
      .values({ id: partyId, pact_id: pactId, organisation_id: input.organisationId, is_signatory: 1, created_at: createdAt })
      .execute()
    await trx
      .insertInto('pact_members')
      .values({ pact_id: pactId, user_id: userId, party_id: partyId, access: 'beheerder', created_at: createdAt })
      .execute()
    await recordAudit(trx, { pactId, actorId: userId, action: 'pact.created', details: { title: input.title } })
    return pactId
  })
}

export async function listUserPacts(userId: string, db: Db = getDb()) {
  return db
    .selectFrom('pacts')
    .innerJoin('pact_members', 'pact_members.pact_id', 'pacts.id')
    .select([
      'pacts.id',
      'pacts.title',
      'pacts.region',
      'pacts.start_year',
      'pacts.end_year',
      'pacts.status',
      'pact_members.access',
    ])
    .where('pact_members.user_id', '=', userId)
    .orderBy('pacts.created_at', 'desc')
    .execute()
}

export async function getPact(pactId: string, db: Db = getDb()) {
  return db.selectFrom('pacts').selectAll().where('id', '=', pactId).executeTakeFirstOrThrow()
}

/** What the write policy decides on for a member of this pact (app/access/write-policy.ts). */
export function documentWriteFacts(
  pact: { status: PactStatus; suggestions_only: number },
  access: AccessLevel | null,
): DocumentWriteFacts {
  return { access, pactStatus: pact.status, suggestionsOnly: pact.suggestions_only === 1 }
}

/**
 * Switches the pact's suggestion-only mode (a beheerder's decision, audited with who). Resolves
 * once the pact's open sockets follow it, on every instance: an editor's next direct edit is refused.
 */
export async function setSuggestionsOnly(pactId: string, suggestionsOnly: boolean, actorId: string, db: Db = getDb()) {
  const changed = await db.transaction().execute(async (trx) => {
    const pact = await trx.selectFrom('pacts').select('suggestions_only').where('id', '=', pactId).executeTakeFirstOrThrow()
    if ((pact.suggestions_only === 1) === suggestionsOnly) return false
    await trx
      .updateTable('pacts')
      .set({ suggestions_only: suggestionsOnly ? 1 : 0 })
      .where('id', '=', pactId)
      .execute()
    await recordAudit(trx, { pactId, actorId, action: 'pact.suggestions-only', details: { suggestionsOnly } })
    return true
  })
  if (!changed) return
  await ports().access.pactAccessChanged(pactId)
  ports().events.publish(pactId, 'status')
}

export async function listParties(pactId: string, db: Db = getDb()) {
  const rows = await db
    .selectFrom('pact_parties')
    .innerJoin('organisations', 'organisations.id', 'pact_parties.organisation_id')
    .select([
      'pact_parties.id',
      'pact_parties.organisation_id',
      'pact_parties.is_signatory',
      'organisations.name',
      'organisations.kind',
    ])
    .where('pact_parties.pact_id', '=', pactId)
    .orderBy('pact_parties.created_at')
    .orderBy('organisations.name')
    // One order on both dialects, also for parties of one organisation added in the same millisecond.
    .orderBy('pact_parties.id')
    .execute()
  return rows.map((row) => ({ ...row, is_signatory: Boolean(row.is_signatory) }))
}

export async function listMembers(pactId: string, db: Db = getDb()) {
  const rows = await db
    .selectFrom('pact_members')
    .innerJoin('users', 'users.id', 'pact_members.user_id')
    .innerJoin('pact_parties', 'pact_parties.id', 'pact_members.party_id')
    .innerJoin('organisations', 'organisations.id', 'pact_parties.organisation_id')
    .select([
      'users.id as user_id',
      'users.name',
      'pact_members.access',
      'pact_members.party_id',
      'organisations.name as party_name',
    ])
    .where('pact_members.pact_id', '=', pactId)
    .orderBy('organisations.name')
    .orderBy('users.name')
    .execute()
  return rows.filter((row) => isAccessLevel(row.access))
}

export async function addParty(
  pactId: string,
  input: { name: string; kind: OrganisationKind; isSignatory: boolean },
  userId: string,
  db: Db = getDb(),
) {
  return db.transaction().execute(async (trx) => {
    const organisationId = await insertOrganisation(trx, { name: input.name, kind: input.kind, createdBy: userId })
    const partyId = newId()
    await trx
      .insertInto('pact_parties')
      .values({
        id: partyId,
        pact_id: pactId,
        organisation_id: organisationId,
        is_signatory: input.isSignatory ? 1 : 0,
        created_at: nowIso(),
      })
      .execute()
    await recordAudit(trx, {
      pactId,
      actorId: userId,
      action: 'party.added',
      details: { partyId, name: input.name, kind: input.kind, isSignatory: input.isSignatory },
    })
    return partyId
  })
}

/** Resolves once the member's open sockets follow the new access: a demoted editor's next change is refused. */
export async function changeMemberAccess(
  pactId: string,
  memberId: string,
  access: AccessLevel,
  actorId: string,
  db: Db = getDb(),
) {
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('pact_members')
      .select('access')
      .where('pact_id', '=', pactId)
      .where('user_id', '=', memberId)
      .executeTakeFirst()
    if (!current) throw new Refusal(404, 'errors.member.notFound')
    if (current.access === 'beheerder' && access !== 'beheerder') {
      // A pact must keep someone who can manage it.
      const managers = await trx
        .selectFrom('pact_members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('pact_id', '=', pactId)
        .where('access', '=', 'beheerder')
        .executeTakeFirstOrThrow()
      if (Number(managers.n) <= 1) throw new Refusal(409, 'errors.member.lastManager')
    }
    await trx.updateTable('pact_members').set({ access }).where('pact_id', '=', pactId).where('user_id', '=', memberId).execute()
    await recordAudit(trx, {
      pactId,
      actorId,
      action: 'member.access-changed',
      details: { userId: memberId, from: current.access, to: access },
    })
  })
  await ports().access.pactAccessChanged(pactId)
  ports().events.publish(pactId, 'access')
}
