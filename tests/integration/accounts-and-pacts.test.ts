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
import * as organisations from '#app/routes/organisations.tsx'
import { get, post, sessionCookieFrom } from '#tests/support/route-calls.ts'
import { DEVICE_COOKIE } from '#app/platform/auth/known-devices.server.ts'
import { MAX_DELAY_MS } from '#app/platform/auth/rate-limit.server.ts'

const PASSWORD = 'een heel goed wachtwoord'
const db = () => getDb()

async function count(table: 'users' | 'pacts' | 'pact_parties' | 'pact_members' | 'sessions' | 'invitations' | 'audit_events') {
  const row = await db()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function signUpAs(name: string, email: string) {
  const result = await post(signUp.action, '/aanmelden', { name, email, password: PASSWORD })
  expect(result.status).toBe(302)
  const signedIn = await post(signIn.action, '/inloggen', { email, password: PASSWORD })
  expect(signedIn.status).toBe(302)
  return sessionCookieFrom(signedIn.headers)
}

function deviceCookieFrom(headers: Headers): string {
  const cookie = headers.getSetCookie().find((value) => value.startsWith(`${DEVICE_COOKIE}=`))
  if (!cookie) throw new Error('No device cookie in response')
  return cookie.split(';')[0]!
}

async function userId(email: string) {
  return (await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
}

beforeAll(async () => {
  await migrateToLatest()
})

describe('sign-up', () => {
  it('creates the account and continues to sign-in', async () => {
    const result = await post(signUp.action, '/aanmelden', {
      name: 'Anouk',
      email: 'Anouk@Example.nl',
      password: PASSWORD,
      redirectTo: '/organisaties',
    })
    expect(result.status).toBe(302)
    expect(result.headers.get('Location')).toBe('/inloggen?aangemeld=1&redirectTo=%2Forganisaties')
    const stored = await db().selectFrom('users').selectAll().where('email', '=', 'anouk@example.nl').executeTakeFirstOrThrow()
    expect(stored.password_hash).toMatch(/^\$argon2id\$/)
    expect(stored.password_hash).not.toContain(PASSWORD)
  })

  it('answers a taken address exactly as a new one, and leaves the existing account alone', async () => {
    const before = await db().selectFrom('users').selectAll().where('email', '=', 'anouk@example.nl').executeTakeFirstOrThrow()
    const taken = await post(signUp.action, '/aanmelden', {
      name: 'Indringer',
      email: 'anouk@example.nl',
      password: 'een ander wachtwoord',
    })
    const fresh = await post(signUp.action, '/aanmelden', { name: 'Nieuw', email: 'nieuw@example.nl', password: PASSWORD })
    expect(taken.status).toBe(fresh.status)
    expect(taken.body).toEqual(fresh.body)
    expect([...taken.headers]).toEqual([...fresh.headers])
    expect(await db().selectFrom('users').selectAll().where('email', '=', 'anouk@example.nl').executeTakeFirstOrThrow()).toEqual(
      before,
    )
  })

  it('refuses a malformed address, a short password and a missing name, saving nothing', async () => {
    const before = await count('users')
    const cases = [
      [{ name: 'Twee', email: 'geen-adres', password: PASSWORD }, 'email', 'errors.email.invalid'],
      [{ name: 'Twee', email: 'twee@example.nl', password: 'kort' }, 'password', 'errors.password.tooShort'],
      [{ name: '', email: 'twee@example.nl', password: PASSWORD }, 'name', 'errors.name.required'],
    ] as const
    for (const [fields, field, message] of cases) {
      const result = await post(signUp.action, '/aanmelden', fields)
      expect(result.status).toBe(400)
      expect(result.body.error[field]).toEqual([message])
      expect(result.body.initialValue?.password).toBeUndefined()
    }
    expect(await count('users')).toBe(before)
  })
})

describe('sign-in and sign-out', () => {
  it('signs in with the right password and out again', async () => {
    const result = await post(signIn.action, '/inloggen', {
      email: 'anouk@example.nl',
      password: PASSWORD,
      redirectTo: '/organisaties',
    })
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

  it('never redirects to another site after signing in or signing up', async () => {
    for (const redirectTo of [
      '//evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\\evil.example',
      'https://evil.example/',
    ]) {
      const result = await post(signIn.action, '/inloggen', { email: 'anouk@example.nl', password: PASSWORD, redirectTo })
      expect(result.status).toBe(302)
      expect(result.headers.get('Location')).toBe('/pacts')
      const signedUp = await post(signUp.action, '/aanmelden', {
        name: 'Anouk',
        email: 'anouk@example.nl',
        password: PASSWORD,
        redirectTo,
      })
      expect(signedUp.headers.get('Location')).toBe('/inloggen?aangemeld=1')
    }
  })

  it('says the same for an unknown address and a wrong password', async () => {
    const wrong = await post(
      signIn.action,
      '/inloggen',
      { email: 'anouk@example.nl', password: 'niet het wachtwoord' },
      { clientAddress: '198.51.100.7' },
    )
    const unknown = await post(
      signIn.action,
      '/inloggen',
      { email: 'niemand@example.nl', password: 'niet het wachtwoord' },
      { clientAddress: '198.51.100.7' },
    )
    expect(wrong.body.error['']).toEqual(['errors.signIn.invalid'])
    expect(unknown.body.error['']).toEqual(['errors.signIn.invalid'])
    expect([wrong.status, unknown.status]).toEqual([400, 400])
  })

  it('evaluates only a few of 30 parallel guesses at one account', async () => {
    await signUpAs('Doelwit', 'doelwit@example.nl')
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, attempt) =>
        post(
          signIn.action,
          '/inloggen',
          { email: 'doelwit@example.nl', password: `fout-${attempt}` },
          { clientAddress: `203.0.113.${attempt}` },
        ),
      ),
    )
    const answers = guesses.map((guess) => guess.body.error[''][0])
    expect(answers.filter((answer) => answer === 'errors.signIn.invalid')).toHaveLength(5)
    expect(answers.filter((answer) => answer === 'errors.signIn.tooManyAttempts')).toHaveLength(25)
    expect(guesses.filter((guess) => guess.status === 429)).toHaveLength(25)
  })

  it('lets the owner in from a browser that signed in before, however many guesses others made', async () => {
    const first = await post(
      signIn.action,
      '/inloggen',
      { email: 'eigenaar@example.nl', password: PASSWORD },
      { clientAddress: '192.0.2.50' },
    )
    expect(first.status).toBe(400) // no such account yet
    await post(signUp.action, '/aanmelden', { name: 'Eigenaar', email: 'eigenaar@example.nl', password: PASSWORD })
    const signedIn = await post(
      signIn.action,
      '/inloggen',
      { email: 'eigenaar@example.nl', password: PASSWORD },
      { clientAddress: '192.0.2.50' },
    )
    const device = deviceCookieFrom(signedIn.headers)
    expect(signedIn.headers.getSetCookie().find((cookie) => cookie.startsWith(device))).toMatch(
      /HttpOnly; SameSite=Lax; Max-Age=31536000/,
    )

    // Someone guessed at the account, from the proxy address everyone shares, for long enough
    // that both must wait the longest delay.
    const guessed = {
      failures: 40,
      blocked_until: new Date(Date.now() + MAX_DELAY_MS).toISOString(),
      updated_at: new Date().toISOString(),
    }
    await db().deleteFrom('sign_in_throttle').execute()
    await db()
      .insertInto('sign_in_throttle')
      .values([
        { limit_key: 'account:eigenaar@example.nl', ...guessed },
        { limit_key: 'account:doelwit@example.nl', ...guessed },
        { limit_key: 'address:192.0.2.50', ...guessed },
      ])
      .execute()

    const blocked = await post(
      signIn.action,
      '/inloggen',
      { email: 'eigenaar@example.nl', password: PASSWORD },
      { clientAddress: '192.0.2.50' },
    )
    expect(blocked.body.error['']).toEqual(['errors.signIn.tooManyAttempts'])

    const owner = await post(
      signIn.action,
      '/inloggen',
      { email: 'eigenaar@example.nl', password: PASSWORD },
      { clientAddress: '192.0.2.50', cookie: device },
    )
    expect(owner.status).toBe(302)
    expect(sessionCookieFrom(owner.headers)).toBeTruthy()

    // The device cookie is worth nothing for another account.
    const other = await post(
      signIn.action,
      '/inloggen',
      { email: 'doelwit@example.nl', password: PASSWORD },
      { clientAddress: '192.0.2.50', cookie: device },
    )
    expect(other.body.error['']).toEqual(['errors.signIn.tooManyAttempts'])
  })

  it('survives a malformed cookie: no session, no error', async () => {
    const result = await get(pacts.loader, '/pacts', { cookie: 'pactwerk_session=%ZZ; pactwerk_device=%E0%A4%A' })
    expect(result.status).toBe(302)
    expect(result.headers.get('Location')).toBe('/inloggen?redirectTo=%2Fpacts')
  })
})

describe('pacts, parties and invitations', () => {
  let owner: string
  let organisationId: string
  let pactId: string

  beforeAll(async () => {
    owner = await signUpAs('Beheerder', 'beheer@gemeente.example')
    organisationId = await createOrganisation({
      name: 'Gemeente Testdorp',
      kind: 'gemeente',
      userId: await userId('beheer@gemeente.example'),
    })
  })

  it('refuses an empty title and a period that ends before it starts, saving nothing', async () => {
    const before = await count('pacts')
    const empty = await post(
      pactNew.action,
      '/pacts/nieuw',
      { title: '', region: 'Testdorp', startYear: '2027', endYear: '2030', organisationId },
      { cookie: owner },
    )
    expect(empty.status).toBe(400)
    expect(empty.body.error.title).toEqual(['errors.title.required'])
    const backwards = await post(
      pactNew.action,
      '/pacts/nieuw',
      { title: 'Pact', region: 'Testdorp', startYear: '2030', endYear: '2027', organisationId },
      { cookie: owner },
    )
    expect(backwards.body.error.endYear).toEqual(['errors.period.endBeforeStart'])
    expect(await count('pacts')).toBe(before)
  })

  it('refuses an organisation the user does not belong to', async () => {
    const stranger = await signUpAs('Vreemde', 'vreemd@example.nl')
    const result = await post(
      pactNew.action,
      '/pacts/nieuw',
      { title: 'Pact', region: 'X', startYear: '2027', endYear: '2030', organisationId },
      { cookie: stranger },
    )
    expect(result.status).toBe(422)
    expect(result.body.error.organisationId).toEqual(['errors.organisation.required'])
  })

  it('creates a pact in concept with the creator as beheerder of the first signing party', async () => {
    const result = await post(
      pactNew.action,
      '/pacts/nieuw',
      { title: 'Pact Testdorp', region: 'Testdorp', startYear: '2027', endYear: '2030', organisationId },
      { cookie: owner },
    )
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
    expect(
      (await get(pactOverview.loader, '/pacts/bestaat-niet', { cookie: stranger, params: { pactId: 'bestaat-niet' } })).status,
    ).toBe(404)
    expect((await get(pactLayout.loader, `/pacts/${pactId}`, { cookie: stranger, params: { pactId } })).status).toBe(404)
    expect(
      (
        await post(
          pactSettings.action,
          `/pacts/${pactId}/instellingen`,
          { intent: 'add-party', name: 'X', kind: 'overig' },
          { cookie: stranger, params: { pactId } },
        )
      ).status,
    ).toBe(404)
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
    expect(preview.body.invitation).toMatchObject({
      pactTitle: 'Pact Testdorp',
      access: 'lezer',
      organisationName: 'Zorg Testdorp',
    })
    const accepted = await post(invitation.action, path, {}, { cookie: reader, params: { token } })
    expect(accepted.headers.get('Location')).toBe(`/pacts/${pactId}`)

    const seen = await get(pactLayout.loader, `/pacts/${pactId}`, { cookie: reader, params: { pactId } })
    expect(seen.body.access).toBe('lezer')
    expect(seen.body.navigation.map((item: { key: string }) => item.key)).not.toContain('settings')
    // The page shows members' names only: no e-mail address reaches it.
    expect(JSON.stringify(seen.body)).not.toContain('@')
    expect(
      JSON.stringify((await get(pactOverview.loader, `/pacts/${pactId}`, { cookie: reader, params: { pactId } })).body),
    ).not.toContain('@')
    expect(
      JSON.stringify(
        (await get(pactSettings.loader, `/pacts/${pactId}/instellingen`, { cookie: owner, params: { pactId } })).body,
      ),
    ).not.toContain('@')
    // Pact access only: the party's organisation did not gain a member, so the reader neither
    // sees its people nor creates pacts in its name.
    const partyOrganisationId = (
      await db().selectFrom('pact_parties').select('organisation_id').where('id', '=', party.id).executeTakeFirstOrThrow()
    ).organisation_id
    expect((await get(organisations.loader, '/organisaties', { cookie: reader })).body.organisations).toEqual([])
    const inItsName = await post(
      pactNew.action,
      '/pacts/nieuw',
      { title: 'Namens een ander', region: 'X', startYear: '2027', endYear: '2030', organisationId: partyOrganisationId },
      { cookie: reader },
    )
    expect(inItsName.body.error.organisationId).toEqual(['errors.organisation.required'])
    // A lezer cannot reach the settings, nor change them.
    expect((await get(pactSettings.loader, `/pacts/${pactId}/instellingen`, { cookie: reader, params: { pactId } })).status).toBe(
      403,
    )
    expect(
      (
        await post(
          pactSettings.action,
          `/pacts/${pactId}/instellingen`,
          { intent: 'invite', partyId: party.id, access: 'beheerder' },
          { cookie: reader, params: { pactId } },
        )
      ).status,
    ).toBe(403)

    const latecomer = await signUpAs('Te laat', 'laat@zorg.example')
    const reused = await post(invitation.action, path, {}, { cookie: latecomer, params: { token } })
    expect(reused.status).toBe(410)
    expect((await get(invitation.loader, path, { cookie: latecomer, params: { token } })).body.status).toBe('used')
    expect((await get(pactOverview.loader, `/pacts/${pactId}`, { cookie: latecomer, params: { pactId } })).status).toBe(404)
  })

  it('makes someone a member of an organisation only by that organisation’s own invitation', async () => {
    const invited = await post(organisations.action, '/organisaties', { intent: 'invite', organisationId }, { cookie: owner })
    const path: string = invited.body.invitation.path
    const token = path.split('/').pop()!
    const colleague = await signUpAs('Collega', 'collega@gemeente.example')
    const accepted = await post(invitation.action, path, {}, { cookie: colleague, params: { token } })
    expect(accepted.headers.get('Location')).toBe('/organisaties')
    const seen = await get(organisations.loader, '/organisaties', { cookie: colleague })
    expect(seen.body.organisations).toEqual([expect.objectContaining({ id: organisationId, role: 'lid' })])
    // Colleagues' e-mail addresses only for the organisation's beheerders.
    expect(JSON.stringify(seen.body)).not.toContain('@')
    const managed = await get(organisations.loader, '/organisaties', { cookie: owner })
    const members = managed.body.organisations.find((organisation: { id: string }) => organisation.id === organisationId).members
    expect(members.map((member: { email: string }) => member.email).sort()).toEqual([
      'beheer@gemeente.example',
      'collega@gemeente.example',
    ])
  })

  it('refuses an expired invitation', async () => {
    const partyId = (await db().selectFrom('pact_parties').select('id').where('pact_id', '=', pactId).executeTakeFirstOrThrow())
      .id
    const invited = await post(
      pactSettings.action,
      `/pacts/${pactId}/instellingen`,
      { intent: 'invite', partyId, access: 'redacteur' },
      { cookie: owner, params: { pactId } },
    )
    const token = (invited.body.invitationPath as string).split('/').pop()!
    await db().updateTable('invitations').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('used_at', 'is', null).execute()
    const late = await signUpAs('Verlopen', 'verlopen@example.nl')
    expect((await get(invitation.loader, `/uitnodiging/${token}`, { cookie: late, params: { token } })).body.status).toBe(
      'expired',
    )
    expect((await post(invitation.action, `/uitnodiging/${token}`, {}, { cookie: late, params: { token } })).status).toBe(410)
    expect((await get(pactOverview.loader, `/pacts/${pactId}`, { cookie: late, params: { pactId } })).status).toBe(404)
  })

  it('refuses to invite for a party of another pact', async () => {
    const before = await count('invitations')
    const result = await post(
      pactSettings.action,
      `/pacts/${pactId}/instellingen`,
      { intent: 'invite', partyId: 'van-een-ander-pact', access: 'lezer' },
      { cookie: owner, params: { pactId } },
    )
    expect(result.body.result.error.partyId).toEqual(['errors.party.required'])
    expect(await count('invitations')).toBe(before)
  })

  it('keeps at least one beheerder, and records access changes in the audit trail', async () => {
    const ownerId = await userId('beheer@gemeente.example')
    const demote = await post(
      pactSettings.action,
      `/pacts/${pactId}/instellingen`,
      { intent: 'change-access', userId: ownerId, access: 'lezer' },
      { cookie: owner, params: { pactId } },
    )
    expect(demote.body.result.error['']).toEqual(['errors.member.lastManager'])

    const readerId = await userId('lezer@zorg.example')
    const promote = await post(
      pactSettings.action,
      `/pacts/${pactId}/instellingen`,
      { intent: 'change-access', userId: readerId, access: 'redacteur' },
      { cookie: owner, params: { pactId } },
    )
    expect(promote.body.done).toBe('settings.accessChanged')
    const actions = (
      await db().selectFrom('audit_events').select('action').where('pact_id', '=', pactId).orderBy('id').execute()
    ).map((row) => row.action)
    expect(actions).toEqual([
      'pact.created',
      'party.added',
      'invitation.created',
      'member.joined',
      'invitation.created',
      'member.access-changed',
    ])
  })
})
