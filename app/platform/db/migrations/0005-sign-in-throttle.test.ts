import { Migrator, type Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import { getDb } from '../db.server.ts'
import { migrations } from './index.ts'

describe('migration 0005', () => {
  it('takes away organisation memberships that came from a pact invitation alone', async () => {
    const db = getDb() as unknown as Kysely<any>
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
    expect((await migrator.migrateTo('0004-model-projection')).error).toBeUndefined()

    const at = '2026-11-01T00:00:00.000Z'
    const user = (id: string) => ({ id, name: id, email: `${id}@example.nl`, password_hash: 'x', created_at: at })
    await db
      .insertInto('users')
      .values([user('eigenaar'), user('gast'), user('collega')])
      .execute()
    await db
      .insertInto('organisations')
      .values({ id: 'org', name: 'Zorg', kind: 'aanbieder', created_by: 'eigenaar', created_at: at })
      .execute()
    const invitation = (id: string, kind: string, usedBy: string) => ({
      id,
      token_hash: id,
      kind,
      organisation_id: 'org',
      created_by: 'eigenaar',
      created_at: at,
      expires_at: at,
      used_at: at,
      used_by: usedBy,
    })
    await db
      .insertInto('invitations')
      .values([
        invitation('i1', 'pact', 'gast'),
        invitation('i2', 'pact', 'collega'),
        invitation('i3', 'organisation', 'collega'),
      ])
      .execute()
    const member = (userId: string, role: string) => ({ organisation_id: 'org', user_id: userId, role, created_at: at })
    await db
      .insertInto('organisation_members')
      .values([member('eigenaar', 'beheerder'), member('gast', 'lid'), member('collega', 'lid')])
      .execute()

    expect((await migrator.migrateToLatest()).error).toBeUndefined()
    const left = await db.selectFrom('organisation_members').select(['user_id', 'role']).orderBy('user_id').execute()
    expect(left).toEqual([
      { user_id: 'collega', role: 'lid' },
      { user_id: 'eigenaar', role: 'beheerder' },
    ])
  })
})
