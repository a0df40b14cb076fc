import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'
import type { AccessLevel } from '#app/access/access.ts'
import { newId } from '#app/platform/ids.ts'
import { ports } from '#app/platform/ports.ts'
import { recordAudit } from '#app/audit/audit.server.ts'
import { addOrganisationMember } from '#app/organisations/organisations.server.ts'

/** To an organisation only, or to a pact through one of its parties (with an access level). */
export type InvitationKind = 'pact' | 'organisation'

/** An invitation link works once, for seven days; like sessions, only its hash is stored. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000

function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

function newToken(): string {
  const bytes = new Uint8Array(20)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

export async function createPactInvitation(
  input: { pactId: string; partyId: string; access: AccessLevel; createdBy: string },
  now = new Date(),
  db: Db = getDb(),
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const party = await trx
      .selectFrom('pact_parties')
      .select(['organisation_id'])
      .where('id', '=', input.partyId)
      .where('pact_id', '=', input.pactId)
      .executeTakeFirst()
    if (!party) return null
    const token = newToken()
    const id = newId()
    await trx
      .insertInto('invitations')
      .values({
        id,
        token_hash: hashToken(token),
        kind: 'pact',
        organisation_id: party.organisation_id,
        pact_id: input.pactId,
        party_id: input.partyId,
        access: input.access,
        created_by: input.createdBy,
        created_at: nowIso(now),
        expires_at: nowIso(new Date(now.getTime() + INVITATION_LIFETIME_MS)),
        used_at: null,
        used_by: null,
      })
      .execute()
    await recordAudit(trx, {
      pactId: input.pactId,
      actorId: input.createdBy,
      action: 'invitation.created',
      details: { invitationId: id, partyId: input.partyId, access: input.access },
    })
    return token
  })
}

export async function createOrganisationInvitation(
  organisationId: string,
  createdBy: string,
  now = new Date(),
  db: Db = getDb(),
) {
  const token = newToken()
  await db
    .insertInto('invitations')
    .values({
      id: newId(),
      token_hash: hashToken(token),
      kind: 'organisation',
      organisation_id: organisationId,
      pact_id: null,
      party_id: null,
      access: null,
      created_by: createdBy,
      created_at: nowIso(now),
      expires_at: nowIso(new Date(now.getTime() + INVITATION_LIFETIME_MS)),
      used_at: null,
      used_by: null,
    })
    .execute()
  return token
}

export type InvitationLookup =
  | { status: 'unknown' }
  | { status: 'used' | 'expired' }
  | {
      status: 'valid'
      invitation: {
        id: string
        kind: InvitationKind
        organisationName: string
        pactId: string | null
        pactTitle: string | null
        access: AccessLevel | null
      }
    }

export async function lookupInvitation(token: string, now = new Date(), db: Db = getDb()): Promise<InvitationLookup> {
  const row = await db
    .selectFrom('invitations')
    .innerJoin('organisations', 'organisations.id', 'invitations.organisation_id')
    .leftJoin('pacts', 'pacts.id', 'invitations.pact_id')
    .select([
      'invitations.id',
      'invitations.kind',
      'invitations.pact_id',
      'invitations.access',
      'invitations.expires_at',
      'invitations.used_at',
      'organisations.name as organisation_name',
      'pacts.title as pact_title',
    ])
    .where('invitations.token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!row) return { status: 'unknown' }
  if (row.used_at) return { status: 'used' }
  if (row.expires_at <= nowIso(now)) return { status: 'expired' }
  return {
    status: 'valid',
    invitation: {
      id: row.id,
      kind: row.kind,
      organisationName: row.organisation_name,
      pactId: row.pact_id,
      pactTitle: row.pact_title,
      access: row.access,
    },
  }
}

export type AcceptResult =
  { ok: true; pactId: string | null; alreadyMember: boolean } | { ok: false; reason: 'unknown' | 'used' | 'expired' }

export async function acceptInvitation(token: string, userId: string, now = new Date(), db: Db = getDb()): Promise<AcceptResult> {
  const result = await db.transaction().execute(async (trx): Promise<AcceptResult> => {
    const row = await trx.selectFrom('invitations').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst()
    if (!row) return { ok: false, reason: 'unknown' }
    if (row.used_at) return { ok: false, reason: 'used' }
    if (row.expires_at <= nowIso(now)) return { ok: false, reason: 'expired' }
    // Conditional update: of two people racing for one link, only one wins.
    const claimed = await trx
      .updateTable('invitations')
      .set({ used_at: nowIso(now), used_by: userId })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) return { ok: false, reason: 'used' }

    // A pact invitation grants access to that pact, for that party, and nothing more: who
    // belongs to an organisation (and so sees its people and acts in its name) is for that
    // organisation's own beheerders, not for a pact's, who may be of another organisation.
    if (row.kind !== 'pact') {
      await addOrganisationMember(trx, row.organisation_id, userId, 'lid')
      return { ok: true, pactId: null, alreadyMember: false }
    }
    if (!row.pact_id || !row.party_id || !row.access) return { ok: false, reason: 'unknown' }
    const existing = await trx
      .selectFrom('pact_members')
      .select('access')
      .where('pact_id', '=', row.pact_id)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    if (!existing) {
      await trx
        .insertInto('pact_members')
        .values({ pact_id: row.pact_id, user_id: userId, party_id: row.party_id, access: row.access, created_at: nowIso(now) })
        .execute()
    }
    await recordAudit(trx, {
      pactId: row.pact_id,
      actorId: userId,
      action: 'member.joined',
      details: { invitationId: row.id, partyId: row.party_id, access: row.access, alreadyMember: Boolean(existing) },
    })
    return { ok: true, pactId: row.pact_id, alreadyMember: Boolean(existing) }
  })
  // Membership changed: like every such change it is announced, whoever holds the pact open.
  if (result.ok && result.pactId && !result.alreadyMember) {
    await ports().access.pactAccessChanged(result.pactId)
    ports().events.publish(result.pactId, 'access')
  }
  return result
}
