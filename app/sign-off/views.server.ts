import { getDb, type Db } from '#app/platform/db/db.server.ts'
import { signatoriesOf } from '#app/sign-off/exports/version-document.ts'
import { listParties } from '#app/pacts/pacts.server.ts'
import { pactSnapshot } from '#app/document/pact-document.server.ts'
import type { AuditNames } from './audit-entry.ts'
import { listComments } from './comments.server.ts'
import { getVersion } from './sign-off.server.ts'

/**
 * Read-only queries the sign-off pages need beyond the sign-off records themselves: the text a
 * party decided on, people's names, and who a signed version rests on.
 */

/**
 * The canonical content each hash stood for when a party decided on its clause, for any number of
 * clauses at once: by clause id, then by hash.
 */
export async function decidedCanonicals(
  pactId: string,
  decided: ReadonlyArray<{ clauseId: string; hash: string }>,
  db: Db = getDb(),
): Promise<Map<string, Map<string, string>>> {
  const byClause = new Map<string, Map<string, string>>()
  if (decided.length === 0) return byClause
  const rows = await db
    .selectFrom('clause_decisions')
    .select(['clause_id', 'content_hash', 'canonical'])
    .distinct()
    .where('pact_id', '=', pactId)
    .where('clause_id', 'in', [...new Set(decided.map((item) => item.clauseId))])
    .where('content_hash', 'in', [...new Set(decided.map((item) => item.hash))])
    .execute()
  for (const row of rows) {
    const texts = byClause.get(row.clause_id) ?? new Map<string, string>()
    byClause.set(row.clause_id, texts.set(row.content_hash, row.canonical))
  }
  return byClause
}

export async function userNames(userIds: readonly string[], db: Db = getDb()) {
  if (userIds.length === 0) return new Map<string, string>()
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(userIds)])
    .execute()
  return new Map(rows.map((row) => [row.id, row.name]))
}

/** A signed version with the people whose approvals it rests on, by name. */
export async function signedVersion(pactId: string, number: number, db: Db = getDb()) {
  const version = Number.isSafeInteger(number) ? await getVersion(pactId, number, db) : null
  if (!version) return null
  const [parties, names] = await Promise.all([
    listParties(pactId, db),
    userNames(
      version.decisions.map((decision) => decision.userId),
      db,
    ),
  ])
  return { ...version, signatories: signatoriesOf(version.decisions, parties, names) }
}

/** The names the logboek shows for the ids in these entries' details (audit-entry.ts). */
export async function auditNames(pactId: string, entries: ReadonlyArray<{ details: string }>): Promise<AuditNames> {
  const userIds = entries.flatMap((entry) => {
    try {
      const details: unknown = JSON.parse(entry.details)
      const userId = typeof details === 'object' && details !== null && 'userId' in details ? details.userId : null
      return typeof userId === 'string' ? [userId] : []
    } catch {
      return []
    }
  })
  const [parties, snapshot, comments, users] = await Promise.all([
    listParties(pactId),
    pactSnapshot(pactId),
    listComments(pactId),
    userNames(userIds),
  ])
  return {
    parties: Object.fromEntries(parties.map((party) => [party.id, party.name])),
    users: Object.fromEntries(users),
    clauses: Object.fromEntries(snapshot.clauses.map((clause) => [clause.clauseId, clause.title])),
    comments: Object.fromEntries(comments.map((comment) => [comment.id, { clauseId: comment.clause_id, body: comment.body }])),
  }
}
