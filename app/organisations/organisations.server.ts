import type { Transaction } from 'kysely'
import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'
import type { Database } from '#app/platform/db/schema.ts'
import type { OrganisationKind, OrganisationRole } from '#app/organisations/organisation.ts'
import { newId } from '#app/platform/ids.ts'

export async function insertOrganisation(
  trx: Transaction<Database> | Db,
  input: { name: string; kind: OrganisationKind; createdBy: string },
) {
  const id = newId()
  await trx
    .insertInto('organisations')
    .values({ id, name: input.name, kind: input.kind, created_by: input.createdBy, created_at: nowIso() })
    .execute()
  return id
}

export async function addOrganisationMember(
  trx: Transaction<Database> | Db,
  organisationId: string,
  userId: string,
  role: OrganisationRole,
) {
  await trx
    .insertInto('organisation_members')
    .values({ organisation_id: organisationId, user_id: userId, role, created_at: nowIso() })
    .onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doNothing())
    .execute()
}

export async function createOrganisation(input: { name: string; kind: OrganisationKind; userId: string }, db: Db = getDb()) {
  return db.transaction().execute(async (trx) => {
    const id = await insertOrganisation(trx, { name: input.name, kind: input.kind, createdBy: input.userId })
    await addOrganisationMember(trx, id, input.userId, 'beheerder')
    return id
  })
}

export async function listUserOrganisations(userId: string, db: Db = getDb()) {
  return db
    .selectFrom('organisations')
    .innerJoin('organisation_members', 'organisation_members.organisation_id', 'organisations.id')
    .select(['organisations.id', 'organisations.name', 'organisations.kind', 'organisation_members.role'])
    .where('organisation_members.user_id', '=', userId)
    .orderBy('organisations.name')
    .execute()
}

export async function organisationRole(userId: string, organisationId: string, db: Db = getDb()) {
  const row = await db
    .selectFrom('organisation_members')
    .select('role')
    .where('user_id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst()
  return row?.role ?? null
}

export async function listOrganisationMembers(organisationId: string, db: Db = getDb()) {
  return db
    .selectFrom('organisation_members')
    .innerJoin('users', 'users.id', 'organisation_members.user_id')
    .select(['users.id', 'users.name', 'users.email', 'organisation_members.role'])
    .where('organisation_members.organisation_id', '=', organisationId)
    .orderBy('users.name')
    .execute()
}
