import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, migrateToLatest } from '#app/platform/db/db.server.ts'
import { createOrganisation } from '#app/organisations/organisations.server.ts'
import * as signUp from '#app/routes/sign-up.tsx'
import * as signIn from '#app/routes/sign-in.tsx'
import * as signOut from '#app/routes/sign-out.tsx'
import * as pactNew from '#app/routes/pact-new.tsx'
import * as pactLayout from '#app/routes/pact-layout.tsx'
import * as pactOverview from '#app/routes/pact-overview.tsx'
import * as pactSettings from '#app/routes/pact-settings.tsx'
import * as invitation from '#app/routes/invitation.tsx'
import * as pacts from '#app/routes/pacts.tsx'
import { get, post, sessionCookieFrom } from '#tests/support/route-calls.ts'

const PASSWORD = 'een heel goed wachtwoord'
const db = () => getDb()

async function count(table: 'users' | 'pacts' | 'pact_parties' | 'pact_members' | 'sessions' | 'invitations' | 'audit_events') {
  const row = await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

async function signUpAs(name: string, email: string) {
  const result = await post(signUp.action, '/aanmelden', { name, email, password: PASSWORD })
  expect(result.status).toBe(302)
  return sessionCookieFrom(result.headers)
}

async function userId(email: string) {
  return (await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
}

beforeAll(async () => {
  await migrateToLatest()
})

describe('sign-up', () => {
  it('creates the account and signs in', async () => {
    const result = await post(signUp.action, '/aanmelden', { name: 'Anouk', email: 'Anouk@Example.nl', password: PASSWORD })
    expect(result.status).toBe(302)
    expect(result.headers.get('Location')).toBe('/pacts')
    expect(result.headers.get('Set-Cookie')).toMatch(/HttpOnly; SameSite=Lax/)
    const stored = await db().selectFrom('users').selectAll().where('email', '=', 'anouk@example.nl').executeTakeFirstOrThrow()
    expect(stored.password_hash).toMatch(/^\$argon2id\$/)
    expect(stored.password_hash).not.toContain(PASSWORD)
  })

  it('refuses an e-mail address in use, a malformed one and a short password, saving nothing', async () => {
    const before = await count('users')
    const cases = [
      [{ name: 'Twee', email: 'anouk@example.nl', password: PASSWORD }, 'email', 'errors.email.taken'],
      [{ name: 'Twee', email: 'geen-adres', password: PASSWORD }, 'email', 'errors.email.invalid'],
      [{ name: 'Twee', email: 'twee@example.nl', password: 'kort' }, 'password', 'errors.password.tooShort'],
      [{ name: '', email: 'twee@example.nl', password: PASSWORD }, 'name', 'errors.name.required'],
    ] as const
    for (const [fields, field, message] of cases) {
      const result = await post(signUp.action, '/aanmelden', fields)
      expect(result.status).toBe(message === 'errors.email.taken' ? 409 : 400)
      expect(result.body.error[field]).toEqual([message])
      expect(result.body.initialValue?.password).toBeUndefined()
    }
    expect(await count('users')).toBe(before)
  })
})

describe('sign-in and sign-out', () => {
  it('signs in with the right password and out again', async () => {
    const result = await post(signIn.action, '/inloggen', { email: 'anouk@example.nl', password: PASSWORD, redirectTo: '/organisaties' })
    expect(result.status).toBe(302)
    expect(result.headers.get('Location')).toBe('/organisaties')
    const cookie = sessionCookieFrom(result.headers)
    expect((await get(pacts.loader, '/pacts', { cookie })).status).toBe(200)

    const out = await post(signOut.action, '/uitloggen', {}, { cookie })
    expect(out.headers.get('Set-Cookie')).toContain('Max-Age=0')
    const after = await get(pacts.loader, '/pacts', { cookie })
    expect(after.status).toBe(302)
    expect(after.headers.get('Location')).toBe('/inloggen?redirectTo=%2Fpacts')
  })

  it('never redirects to another site after signing in', async () => {
    const result = await post(signIn.action, '/inloggen', { email: 'anouk@example.nl', password: PASSWORD, redirectTo: '//evil.example' })
    expect(result.headers.get('Location')).toBe('/pacts')
  })

  it('says the same for an unknown address and a wrong password', async () => {
    const wrong = await post(signIn.action, '/inloggen', { email: 'anouk@example.nl', password: 'niet het wachtwoord' }, { clientAddress: '198.51.100.7' })
    const unknown = await post(signIn.action, '/inloggen', { email: 'niemand@example.nl', password: 'niet het wachtwoord' }, { clientAddress: '198.51.100.7' })
    expect(wrong.body.error['']).toEqual(['errors.signIn.invalid'])
    expect(unknown.body.error['']).toEqual(['errors.signIn.invalid'])
    expect([wrong.status, unknown.status]).toEqual([400, 400])
  })

  it('blocks an address after 10 failed attempts, even with the right password', async () => {
    await signUpAs('Doelwit', 'doelwit@example.nl')
    for (let attempt = 0; attempt < 10; attempt++) {
      const result = await post(signIn.action, '/inloggen', { email: 'doelwit@example.nl', password: `fout-${attempt}` }, { clientAddress: `203.0.113.${attempt}` })
      expect(result.body.error['']).toEqual(['errors.signIn.invalid'])
    }
    const blocked = await post(signIn.action, '/inloggen', { email: 'doelwit@example.nl', password: PASSWORD }, { clientAddress: '203.0.113.99' })
    expect(blocked.status).toBe(429)
    expect(blocked.body.error['']).toEqual(['errors.signIn.tooManyAttempts'])
  })

  it('blocks a client address after 10 failures across accounts', async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      await post(signIn.action, '/inloggen', { email: `gok${attempt}@example.nl`, password: 'raden raden' }, { clientAddress: '192.0.2.200' })
    }
    const blocked = await post(signIn.action, '/inloggen', { email: 'anouk@example.nl', password: PASSWORD }, { clientAddress: '192.0.2.200' })
    expect(blocked.body.error['']).toEqual(['errors.signIn.tooManyAttempts'])
  })
})

describe('pacts, parties and invitations', () => {
  let owner: string
  let organisationId: string
  let pactId: string

  beforeAll(async () => {
    owner = await signUpAs('Beheerder', 'beheer@gemeente.example')
    organisationId = await createOrganisation({ name: 'Gemeente Testdorp', kind: 'gemeente', userId: await userId('beheer@gemeente.example') })
  })

  it('refuses an empty title and a period that ends before it starts, saving nothing', async () => {
    const before = await count('pacts')
    const empty = await post(pactNew.action, '/pacts/nieuw', { title: '', region: 'Testdorp', startYear: '2027', endYear: '2030', organisationId }, { cookie: owner })
    expect(empty.status).toBe(400)
    expect(empty.body.error.title).toEqual(['errors.title.required'])
    const backwards = await post(pactNew.action, '/pacts/nieuw', { title: 'Pact', region: 'Testdorp', startYear: '2030', endYear: '2027', organisationId }, { cookie: owner })
    expect(backwards.body.error.endYear).toEqual(['errors.period.endBeforeStart'])
    expect(await count('pacts')).toBe(before)
  })

  it('refuses an organisation the user does not belong to', async () => {
    const stranger = await signUpAs('Vreemde', 'vreemd@example.nl')
    const result = await post(pactNew.action, '/pacts/nieuw', { title: 'Pact', region: 'X', startYear: '2027', endYear: '2030', organisationId }, { cookie: stranger })
    expect(result.status).toBe(422)
    expect(result.body.error.organisationId).toEqual(['errors.organisation.required'])
  })

  it('creates a pact in concept with the creator as beheerder of the first signing party', async () => {
    const result = await post(pactNew.action, '/pacts/nieuw', { title: 'Pact Testdorp', region: 'Testdorp', startYear: '2027', endYear: '2030', organisationId }, { cookie: owner })
    expect(result.status).toBe(302)
    pactId = result.headers.get('Location')!.split('/').pop()!
    const overview = await get(pactOverview.loader, `/pacts/${pactId}`, { cookie: owner, params: { pactId } })
    expect(overview.body.pact).toMatchObject({ title: 'Pact Testdorp', status: 'concept', start_year: 2027, end_year: 2030 })
    expect(overview.body.parties).toEqual([expect.objectContaining({ name: 'Gemeente Testdorp', is_signatory: true })])
    expect(overview.body.members).toEqual([expect.objectContaining({ name: 'Beheerder', access: 'beheerder' })])
    // The pact's frame offers the beheerder every page, the settings among them.
    const frame = await get(pactLayout.loader, `/pacts/${pactId}`, { cookie: owner, params: { pactId } })
    expect(frame.body.access).toBe('beheerder')
    expect(frame.body.partyName).toBe('Gemeente Testdorp')
    expect(frame.body.navigation.map((item: { key: string }) => item.key)).toContain('settings')
  })

  it('answers 404 for someone else’s pact, and for one that does not exist', async () => {
    const stranger = await signUpAs('Buitenstaander', 'buiten@example.nl')
    expect((await get(pactOverview.loader, `/pacts/${pactId}`, { cookie: stranger, params: { pactId } })).status).toBe(404)
    expect((await get(pactOverview.loader, '/pacts/bestaat-niet', { cookie: stranger, params: { pactId: 'bestaat-niet' } })).status).toBe(404)
    expect((await get(pactLayout.loader, `/pacts/${pactId}`, { cookie: stranger, params: { pactId } })).status).toBe(404)
    expect((await post(pactSettings.action, `/pacts/${pactId}/instellingen`, { intent: 'add-party', name: 'X', kind: 'overig' }, { cookie: stranger, params: { pactId } })).status).toBe(404)
  })

  it('adds a party and invites a person who joins with the right access; the link then stops working', async () => {
    const added = await post(
      pactSettings.action,
      `/pacts/${pactId}/instellingen`,
      { intent: 'add-party', name: 'Zorg Testdorp', kind: 'aanbieder', isSignatory: 'on' },
      { cookie: owner, params: { pactId } },
    )
    expect(added.body.done).toBe('settings.partyAdded')
    const party = await db()
      .selectFrom('pact_parties')
      .innerJoin('organisations', 'organisations.id', 'pact_parties.organisation_id')
      .select(['pact_parties.id', 'pact_parties.is_signatory'])
      .where('organisations.name', '=', 'Zorg Testdorp')
      .executeTakeFirstOrThrow()
    expect(party.is_signatory).toBe(1)

    const invited = await post(
      pactSettings.action,
      `/pacts/${pactId}/instellingen`,
      { intent: 'invite', partyId: party.id, access: 'lezer' },
      { cookie: owner, params: { pactId } },
    )
    const path: string = invited.body.invitationPath
    expect(path).toMatch(/^\/uitnodiging\/[a-z2-7]{32}$/)
    const token = path.split('/').pop()!
    const stored = await db().selectFrom('invitations').selectAll().where('pact_id', '=', pactId).executeTakeFirstOrThrow()
    expect(stored.token_hash).not.toBe(token)

    const reader = await signUpAs('Lezer', 'lezer@zorg.example')
    const preview = await get(invitation.loader, path, { cookie: reader, params: { token } })
    expect(preview.body.invitation).toMatchObject({ pactTitle: 'Pact Testdorp', access: 'lezer', organisationName: 'Zorg Testdorp' })
    const accepted = await post(invitation.action, path, {}, { cookie: reader, params: { token } })
    expect(accepted.headers.get('Location')).toBe(`/pacts/${pactId}`)

    const seen = await get(pactLayout.loader, `/pacts/${pactId}`, { cookie: reader, params: { pactId } })
    expect(seen.body.access).toBe('lezer')
    expect(seen.body.navigation.map((item: { key: string }) => item.key)).not.toContain('settings')
    // A lezer cannot reach the settings, nor change them.
    expect((await get(pactSettings.loader, `/pacts/${pactId}/instellingen`, { cookie: reader, params: { pactId } })).status).toBe(403)
    expect((await post(pactSettings.action, `/pacts/${pactId}/instellingen`, { intent: 'invite', partyId: party.id, access: 'beheerder' }, { cookie: reader, params: { pactId } })).status).toBe(403)

    const latecomer = await signUpAs('Te laat', 'laat@zorg.example')
    const reused = await post(invitation.action, path, {}, { cookie: latecomer, params: { token } })
    expect(reused.status).toBe(410)
    expect((await get(invitation.loader, path, { cookie: latecomer, params: { token } })).body.status).toBe('used')
    expect((await get(pactOverview.loader, `/pacts/${pactId}`, { cookie: latecomer, params: { pactId } })).status).toBe(404)
  })

  it('refuses an expired invitation', async () => {
    const partyId = (await db().selectFrom('pact_parties').select('id').where('pact_id', '=', pactId).executeTakeFirstOrThrow()).id
    const invited = await post(pactSettings.action, `/pacts/${pactId}/instellingen`, { intent: 'invite', partyId, access: 'redacteur' }, { cookie: owner, params: { pactId } })
    const token = (invited.body.invitationPath as string).split('/').pop()!
    await db().updateTable('invitations').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('used_at', 'is', null).execute()
    const late = await signUpAs('Verlopen', 'verlopen@example.nl')
    expect((await get(invitation.loader, `/uitnodiging/${token}`, { cookie: late, params: { token } })).body.status).toBe('expired')
    expect((await post(invitation.action, `/uitnodiging/${token}`, {}, { cookie: late, params: { token } })).status).toBe(410)
    expect((await get(pactOverview.loader, `/pacts/${pactId}`, { cookie: late, params: { pactId } })).status).toBe(404)
  })

  it('refuses to invite for a party of another pact', async () => {
    const before = await count('invitations')
    const result = await post(pactSettings.action, `/pacts/${pactId}/instellingen`, { intent: 'invite', partyId: 'van-een-ander-pact', access: 'lezer' }, { cookie: owner, params: { pactId } })
    expect(result.body.result.error.partyId).toEqual(['errors.party.required'])
    expect(await count('invitations')).toBe(before)
  })

  it('keeps at least one beheerder, and records access changes in the audit trail', async () => {
    const ownerId = await userId('beheer@gemeente.example')
    const demote = await post(pactSettings.action, `/pacts/${pactId}/instellingen`, { intent: 'change-access', userId: ownerId, access: 'lezer' }, { cookie: owner, params: { pactId } })
    expect(demote.body.result.error['']).toEqual(['errors.member.lastManager'])

    const readerId = await userId('lezer@zorg.example')
    const promote = await post(pactSettings.action, `/pacts/${pactId}/instellingen`, { intent: 'change-access', userId: readerId, access: 'redacteur' }, { cookie: owner, params: { pactId } })
    expect(promote.body.done).toBe('settings.accessChanged')
    const actions = (await db().selectFrom('audit_events').select('action').where('pact_id', '=', pactId).orderBy('id').execute()).map((row) => row.action)
    expect(actions).toEqual(['pact.created', 'party.added', 'invitation.created', 'member.joined', 'invitation.created', 'member.access-changed'])
  })
})
