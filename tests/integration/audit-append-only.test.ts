import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { listAudit, recordAudit } from '#app/audit/audit.server.ts'
import { getDb } from '#app/platform/db/db.server.ts'
import { createTestPact, type TestPact } from '#tests/support/fixtures.ts'

// The database refuses to change or remove an audit row, whoever asks (migration 0006).
describe('the audit trail', () => {
  let pact: TestPact
  let id: number

  beforeAll(async () => {
    pact = await createTestPact()
    await recordAudit(getDb(), { pactId: pact.pactId, actorId: pact.owner.id, action: 'test.recorded', details: { n: 1 } })
    id = (await listAudit(pact.pactId)).find((entry) => entry.action === 'test.recorded')!.id
  })

  async function theRow() {
    return getDb().selectFrom('audit_events').selectAll().where('id', '=', id).executeTakeFirst()
  }

  it('accepts new entries', async () => {
    expect(await theRow()).toMatchObject({ pact_id: pact.pactId, action: 'test.recorded', details: '{"n":1}' })
  })

  it('refuses an update', async () => {
    await expect(
      getDb().updateTable('audit_events').set({ action: 'test.rewritten' }).where('id', '=', id).execute(),
    ).rejects.toThrow(/append-only/)
    expect((await theRow())?.action).toBe('test.recorded')
  })

  it('refuses a delete, of one row or of all', async () => {
    await expect(getDb().deleteFrom('audit_events').where('id', '=', id).execute()).rejects.toThrow(/append-only/)
    await expect(sql`DELETE FROM audit_events`.execute(getDb())).rejects.toThrow(/append-only/)
    expect(await theRow()).toBeDefined()
  })

  it('refuses a change made inside a transaction, and the transaction rolls back', async () => {
    await expect(
      getDb()
        .transaction()
        .execute(async (trx) => {
          await recordAudit(trx, { pactId: pact.pactId, actorId: pact.owner.id, action: 'test.in-transaction' })
          await trx.updateTable('audit_events').set({ details: '{}' }).where('id', '=', id).execute()
        }),
    ).rejects.toThrow(/append-only/)
    expect((await listAudit(pact.pactId)).map((entry) => entry.action)).not.toContain('test.in-transaction')
    expect((await theRow())?.details).toBe('{"n":1}')
  })
})
