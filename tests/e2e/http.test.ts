import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { baseURL, DEMO_PASSWORD } from './browser.ts'
import { startBuiltServer } from '#tests/support/built-server.ts'
import { WebSocket } from 'ws'

async function signInCookie(email: string, password = DEMO_PASSWORD) {
  const response = await fetch(`${baseURL()}/inloggen`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: baseURL(), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }),
  })
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  return { response, cookie }
}

describe('the production server', () => {
  it('serves Dutch, whatever the browser asks, and English by choice, with protective headers', async () => {
    const dutch = await fetch(`${baseURL()}/`)
    expect(dutch.status).toBe(200)
    expect(dutch.headers.get('x-frame-options')).toBe('DENY')
    expect(dutch.headers.get('x-content-type-options')).toBe('nosniff')
    const html = await dutch.text()
    expect(html).toContain('<html lang="nl"')
    expect(html).toContain('Samen werken aan een Pact voor de Transformatie')
    const englishBrowser = await fetch(`${baseURL()}/`, { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } })
    expect(await englishBrowser.text()).toContain('<html lang="nl"')
    const englishByChoice = await fetch(`${baseURL()}/`, { headers: { Cookie: 'pactwerk_lang=en' } })
    expect(await englishByChoice.text()).toContain('<html lang="en"')
  })

  it('refuses a form posted from another site and saves nothing', async () => {
    const forged = await fetch(`${baseURL()}/aanmelden`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Vervalst', email: 'vervalst@example.nl', password: 'een lang wachtwoord' }),
    })
    expect(forged.status).toBe(403)
    expect(await forged.text()).toContain('Verzoek geweigerd')
    const { response } = await signInCookie('vervalst@example.nl', 'een lang wachtwoord')
    expect(response.status).toBe(400) // the sign-in form again, refused: no such account was made
  })

  it('lets the demo users in with the documented password', async () => {
    const { response, cookie } = await signInCookie('anouk@zuiderveen.example')
    expect(response.status).toBe(302)
    const pacts = await fetch(`${baseURL()}/pacts`, { headers: { Cookie: cookie! } })
    expect(await pacts.text()).toContain('Pact voor de Transformatie Zuiderveen 2027–2030')
  })

  it('hides a pact from someone who is not at its table: 404, not 403', async () => {
    const manager = await signInCookie('anouk@zuiderveen.example')
    const list = await (await fetch(`${baseURL()}/pacts`, { headers: { Cookie: manager.cookie! } })).text()
    const pactPath = list.match(/href="(\/pacts\/[a-z0-9]{20})"/)![1]!
    await fetch(`${baseURL()}/aanmelden`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: baseURL(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Buitenstaander', email: 'buiten@example.nl', password: 'een lang wachtwoord' }),
    })
    const stranger = (await signInCookie('buiten@example.nl', 'een lang wachtwoord')).cookie!
    const response = await fetch(`${baseURL()}${pactPath}`, { headers: { Cookie: stranger } })
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('Pagina niet gevonden')
    expect((await fetch(`${baseURL()}${pactPath}/instellingen`, { headers: { Cookie: stranger } })).status).toBe(404)
  })
})

async function post(path: string, cookie: string, fields: Record<string, string>) {
  return fetch(`${baseURL()}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: cookie, Origin: baseURL(), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  })
}

/** The value of the option with this label in a page's HTML. */
async function optionValue(path: string, cookie: string, label: string) {
  const html = await (await fetch(`${baseURL()}${path}`, { headers: { Cookie: cookie } })).text()
  return html.match(new RegExp(`<option value="([a-z0-9]+)"[^>]*>${label}<`))![1]!
}

describe('compression and caching', () => {
  it('sends scripts brotli- or gzip-compressed and lets browsers keep hashed files for a year', async () => {
    const page = await fetch(`${baseURL()}/inloggen`, { headers: { 'Accept-Encoding': 'br, gzip' } })
    expect(page.headers.get('content-encoding')).toBe('br')
    expect(page.headers.get('cache-control')).toBe('private, no-cache')
    const script = (await page.text()).match(/\/assets\/[\w.-]+\.js/)![0]

    const brotli = await fetch(`${baseURL()}${script}`, { headers: { 'Accept-Encoding': 'br, gzip' } })
    expect(brotli.status).toBe(200)
    expect(brotli.headers.get('content-encoding')).toBe('br')
    expect(brotli.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const gzip = await fetch(`${baseURL()}${script}`, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(gzip.headers.get('content-encoding')).toBe('gzip')
    expect(await gzip.text()).toBe(await brotli.text())
    const plain = await fetch(`${baseURL()}${script}`, { headers: { 'Accept-Encoding': 'identity' } })
    expect(plain.headers.get('content-encoding')).toBeNull()
  })

  it('still streams pact events as they happen to a browser that accepts compression', async () => {
    const manager = (await signInCookie('anouk@zuiderveen.example')).cookie!
    const created = await post('/pacts/nieuw', manager, {
      title: 'Pact Compressie',
      region: 'Gemeente Zuiderveen',
      startYear: '2027',
      endYear: '2030',
      organisationId: await optionValue('/pacts/nieuw', manager, 'Gemeente Zuiderveen'),
    })
    const pactPath = new URL(created.headers.get('location')!, baseURL()).pathname
    const partyId = await optionValue(`${pactPath}/instellingen`, manager, 'Gemeente Zuiderveen')
    const invited = await (await post(`${pactPath}/instellingen`, manager, { intent: 'invite', partyId, access: 'lezer' })).text()
    const invitationPath = invited.match(/\/uitnodiging\/[\w-]+/)![0]

    const events = await fetch(`${baseURL()}${pactPath}/events`, {
      headers: { Cookie: manager, 'Accept-Encoding': 'br, gzip' },
    })
    expect(events.headers.get('content-type')).toContain('text/event-stream')
    expect(events.headers.get('content-encoding')).toBeNull()
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader()
    let received = ''
    const readUntil = async (text: string) => {
      while (!received.includes(text)) received += (await reader.read()).value ?? ''
    }
    await readUntil('retry: 3000')

    await post('/aanmelden', '', {
      name: 'Lezer Compressie',
      email: 'lezer-compressie@example.nl',
      password: 'een lang wachtwoord',
    })
    const newcomer = (await signInCookie('lezer-compressie@example.nl', 'een lang wachtwoord')).cookie!
    expect((await post(invitationPath, newcomer, {})).status).toBe(302)
    await readUntil('event: access')
    await reader.cancel()
  })
})

describe('under attack', () => {
  it('gives every page a Content-Security-Policy whose nonce is on each of its scripts, and no other script', async () => {
    const response = await fetch(`${baseURL()}/inloggen`)
    const policy = response.headers.get('content-security-policy')!
    const nonce = policy.match(/script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/)![1]!
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).toContain("form-action 'self'")
    expect(policy).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+/)
    const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag)
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
    const again = (await fetch(`${baseURL()}/inloggen`)).headers.get('content-security-policy')!
    expect(again).not.toContain(nonce)
  })

  it('sends the security headers with static files too', async () => {
    const favicon = await fetch(`${baseURL()}/favicon.svg`)
    expect(favicon.status).toBe(200)
    expect(favicon.headers.get('x-content-type-options')).toBe('nosniff')
    expect(favicon.headers.get('x-frame-options')).toBe('DENY')
  })

  it('takes a malformed session cookie for none: pages answer, the socket refuses with 401', async () => {
    const cookie = 'pactwerk_session=%ZZ'
    expect((await fetch(`${baseURL()}/`, { headers: { Cookie: cookie } })).status).toBe(200)
    const pacts = await fetch(`${baseURL()}/pacts`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(pacts.status).toBe(302)
    const socket = new WebSocket(`${baseURL().replace('http', 'ws')}/collab/bestaat-niet`, {
      headers: { Cookie: cookie, Origin: baseURL() },
    })
    const status = await new Promise<number>((resolve) => {
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
      socket.once('open', () => resolve(101))
      socket.once('error', () => {})
    })
    socket.terminate()
    expect(status).toBe(401)
  })

  it('sends nobody to another site after signing in', async () => {
    const response = await fetch(`${baseURL()}/inloggen?redirectTo=%2F%09%2Fevil.example`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: baseURL(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'anouk@zuiderveen.example', password: DEMO_PASSWORD, redirectTo: '/\t/evil.example' }),
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/pacts')
    const newline = await fetch(`${baseURL()}/inloggen`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: baseURL(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'anouk@zuiderveen.example', password: DEMO_PASSWORD, redirectTo: '/\n/evil.example' }),
    })
    expect(newline.status).toBe(302)
    expect(newline.headers.get('location')).toBe('/pacts')
  })
})

describe('start-up', () => {
  const children: Array<{ kill(): void }> = []
  afterAll(() => children.forEach((child) => child.kill()))

  it('creates, migrates and seeds a new database once, and prints the demo sign-ins', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pactwerk-start-'))
    const first = await startBuiltServer(dataDir)
    children.push(first.child)
    expect(first.output()).toContain('anouk@zuiderveen.example')
    expect(first.output()).toContain(DEMO_PASSWORD)
    first.child.kill('SIGTERM')
    await new Promise((resolve) => first.child.once('exit', resolve))

    const second = await startBuiltServer(dataDir)
    children.push(second.child)
    const signIn = await fetch(`${second.url}/inloggen`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: second.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'anouk@zuiderveen.example', password: DEMO_PASSWORD }),
    })
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!
    const list = await (await fetch(`${second.url}/pacts`, { headers: { Cookie: cookie } })).text()
    expect(list.match(/>Pact voor de Transformatie Zuiderveen 2027–2030<\/a>/g)).toHaveLength(1)
  })
})

describe('sliding sessions', () => {
  it('renews a session used in its last 15 days and sends the cookie again', async () => {
    const { default: SQLite } = await import('better-sqlite3')
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pactwerk-renew-'))
    const server = await startBuiltServer(dataDir)
    try {
      const signIn = await fetch(`${server.url}/inloggen`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'henk@adviesraad-zuiderveen.example', password: DEMO_PASSWORD }),
      })
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!
      const fresh = await fetch(`${server.url}/pacts`, { headers: { Cookie: cookie } })
      expect(fresh.headers.get('set-cookie')).toBeNull()

      const tenDaysLeft = new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString()
      const sqlite = new SQLite(path.join(dataDir, 'pactwerk.sqlite'))
      sqlite.prepare('UPDATE sessions SET expires_at = ?').run(tenDaysLeft)
      sqlite.close()

      const renewed = await fetch(`${server.url}/pacts`, { headers: { Cookie: cookie } })
      expect(renewed.status).toBe(200)
      const expires = new Date(renewed.headers.get('set-cookie')!.match(/Expires=([^;]+)/)![1]!)
      expect(expires.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000)
    } finally {
      server.child.kill('SIGTERM')
    }
  })
})
