import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseURL, expectAccessible, gotoHydrated, launchBrowser, newPerson, signIn } from './browser.ts'

/**
 * Sign-off of the demo pact by its three signing parties, signing, an amendment and a live
 * comment. Other test files use the demo pact at the same time (the editor test types in it),
 * so every approval reads the clause's current hash first, and checks compare what changed
 * with what reopened rather than assuming an otherwise untouched text.
 */
let browser: Browser
let anouk: Page
let karim: Page
let marieke: Page
let pactPath: string
let versionNumber: number
// The clause Marieke leaves open at first, so that signing is refused.
let leftOpen: { path: string; title: string }

beforeAll(async () => {
  browser = await launchBrowser()
  anouk = await newPerson(browser)
  karim = await newPerson(browser)
  marieke = await newPerson(browser)
  await signIn(anouk, 'anouk@zuiderveen.example')
  await signIn(karim, 'karim@welzijnzuiderveen.example')
  await signIn(marieke, 'marieke@debrug.example')
  await gotoHydrated(anouk, '/pacts')
  pactPath = (await anouk.getByRole('link', { name: 'Pact voor de Transformatie Zuiderveen 2027–2030' }).getAttribute('href'))!
})

afterAll(async () => {
  await browser?.close()
})

function partyCard(page: Page, party: string) {
  return page.locator('.pw-card', { has: page.getByRole('heading', { name: party, exact: true }) })
}

async function clausePaths(page: Page): Promise<string[]> {
  const html = await (await page.request.get(`${pactPath}/akkoord`)).text()
  return [...new Set([...html.matchAll(/href="([^"]*\/artikelen\/[^"]+)"/g)].map((match) => match[1]!))]
}

/**
 * Approves a clause as a browser without JavaScript would: read the page (the hash of the text
 * it shows), post the form. A concurrent edit makes the hash stale (409): read again and retry.
 * A clause another test file removed meanwhile (404) needs no approval.
 */
async function approveByForm(page: Page, clausePath: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const form = await page.request.get(clausePath)
    if (form.status() === 404) return
    const html = await form.text()
    const seenHash = html.match(/name="seenHash" value="([0-9a-f]{64})"/)?.[1]
    const partyId = html.match(/name="partyId" value="([^"]+)"/)?.[1]
    expect(seenHash, `decision form on ${clausePath}`).toBeDefined()
    const response = await page.request.post(clausePath, {
      form: { intent: 'decide', partyId: partyId!, decision: 'akkoord', seenHash: seenHash! },
      headers: { Origin: baseURL() },
    })
    if (response.status() === 200 || response.status() === 404) return
    expect(response.status()).toBe(409)
  }
  throw new Error(`Could not approve ${clausePath}: its text kept changing`)
}

/** Every cell of the matrix that is not "Akkoord", approved by that party's signatory. */
async function approveWhatIsOpen() {
  const signatories: Record<string, Page> = { 'Gemeente Zuiderveen': anouk, 'Stichting Welzijn Zuiderveen': karim, 'Jeugdhulp De Brug': marieke }
  await gotoHydrated(anouk, `${pactPath}/akkoord`)
  const matrix = anouk.getByTestId('sign-off-matrix')
  const parties = (await matrix.locator('thead th').allTextContents()).slice(1)
  for (const row of await matrix.locator('tbody tr').all()) {
    const path = (await row.locator('th a').getAttribute('href'))!
    const statuses = await row.locator('td').allTextContents()
    for (const [column, status] of statuses.entries()) {
      if (status !== 'Akkoord') await approveByForm(signatories[parties[column]!]!, path)
    }
  }
}

/** Rows of the matrix that are not approved by everyone, by clause title. */
async function openRows(page: Page): Promise<string[]> {
  await gotoHydrated(page, `${pactPath}/akkoord`)
  const matrix = page.getByTestId('sign-off-matrix')
  const rows = await matrix.locator('tbody tr').all()
  const open: string[] = []
  for (const row of rows) {
    const statuses = await row.locator('td').allTextContents()
    if (statuses.some((status) => status !== 'Akkoord')) open.push((await row.locator('th').textContent())!)
  }
  return open
}

describe('signing off the demo pact', () => {
  it('lets the beheerder name a signatory for each signing party', async () => {
    await gotoHydrated(anouk, `${pactPath}/akkoord`)
    await anouk.getByRole('heading', { name: 'Akkoord per artikel', level: 1 }).waitFor()
    for (const [party, person] of [
      ['Gemeente Zuiderveen', 'Anouk de Vries'],
      ['Stichting Welzijn Zuiderveen', 'Karim El Amrani'],
      ['Jeugdhulp De Brug', 'Marieke Jansen'],
    ] as const) {
      const card = partyCard(anouk, party)
      await card.getByLabel(`Persoon van ${party}`).selectOption({ label: person })
      await card.getByRole('button', { name: 'Aanwijzen' }).click()
      await card.getByRole('listitem').filter({ hasText: person }).waitFor()
    }
    // The adviesraad comments but does not sign: it has no column in the matrix.
    const headers = await anouk.getByTestId('sign-off-matrix').locator('thead th').allTextContents()
    expect(headers[0]).toBe('Artikel')
    expect(headers.slice(1).sort()).toEqual(['Gemeente Zuiderveen', 'Jeugdhulp De Brug', 'Stichting Welzijn Zuiderveen'])
    await expectAccessible(anouk)
  })

  it('decides on a clause page, then approves the other clauses by form posts, leaving one open', async () => {
    const [first, ...rest] = await clausePaths(karim)
    expect(rest.length).toBeGreaterThanOrEqual(9)
    await gotoHydrated(karim, first!)
    await karim.getByText('U beslist namens Stichting Welzijn Zuiderveen.').waitFor()
    await karim.getByRole('group', { name: 'Uw besluit over dit artikel' }).getByLabel('Akkoord', { exact: true }).check()
    await karim.getByLabel('Toelichting (niet verplicht)').fill('Akkoord, mits de ontwikkeltafel elk kwartaal samenkomt.')
    await karim.getByRole('button', { name: 'Besluit vastleggen' }).click()
    await karim.getByText('Uw besluit is vastgelegd.').waitFor()
    // The explanation appears in the clause's discussion.
    await karim.getByTestId('threads').getByText('Akkoord, mits de ontwikkeltafel elk kwartaal samenkomt.').waitFor()
    await expectAccessible(karim)

    // Marieke leaves the first clause for later, so signing must wait. (Not the last one: the
    // result-areas test adds a clause at the end of the demo pact for a while.)
    await gotoHydrated(marieke, `${pactPath}/akkoord`)
    leftOpen = { path: first!, title: (await marieke.getByTestId('sign-off-matrix').locator(`a[href="${first}"]`).textContent())! }
    for (const path of [first!, ...rest]) await approveByForm(anouk, path)
    for (const path of rest) await approveByForm(karim, path)
    for (const path of rest) await approveByForm(marieke, path)
  }, 120_000)

  it('refuses to sign while a clause is open, then signs version 1 with its PDF', async () => {
    await gotoHydrated(anouk, `${pactPath}/akkoord`)
    await anouk.getByRole('button', { name: 'Ter ondertekening aanbieden' }).click()
    await anouk.getByText('De status is nu: Ter ondertekening.').waitFor()

    await anouk.getByRole('button', { name: 'Pact ondertekenen' }).click()
    await anouk.getByText('Het pact kan nog niet worden getekend').waitFor()
    await anouk.getByRole('listitem').filter({ hasText: `${leftOpen.title} — Jeugdhulp De Brug: Open` }).waitFor()
    await approveByForm(marieke, leftOpen.path)

    // Other test files change the demo pact too (a clause comes and goes): approve what is open, then sign.
    for (let attempt = 0; ; attempt++) {
      await approveWhatIsOpen()
      await anouk.getByRole('button', { name: 'Pact ondertekenen' }).click()
      const outcome = await Promise.race([
        anouk.getByText(/Het pact is getekend\. Versie \d+ is vastgelegd/).waitFor().then(() => 'signed' as const),
        anouk.getByText('Het pact kan nog niet worden getekend').waitFor().then(() => 'refused' as const),
      ])
      if (outcome === 'signed') break
      expect(attempt).toBeLessThan(3)
    }
    const versionLink = anouk.getByRole('link', { name: /^Versie \d+ bekijken$/ })
    versionNumber = Number((await versionLink.textContent())!.match(/\d+/)![0])

    await gotoHydrated(anouk, `${pactPath}/versies`)
    const row = anouk.getByRole('row', { name: new RegExp(`^Versie ${versionNumber}\\b`) })
    expect(await row.textContent()).toContain('Anouk de Vries')
    const pdf = await anouk.request.get(`${pactPath}/versies/${versionNumber}/pdf`)
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')

    await gotoHydrated(anouk, `${pactPath}/versies/${versionNumber}`)
    await anouk.getByRole('heading', { name: 'Ondertekening' }).waitFor()
    for (const person of ['Anouk de Vries', 'Karim El Amrani', 'Marieke Jansen']) {
      await anouk.getByRole('row', { name: new RegExp(person) }).waitFor()
    }
  }, 120_000)

  it('amends: after a change to one clause, only the changed clauses need new approvals', async () => {
    await gotoHydrated(anouk, `${pactPath}/akkoord`)
    await anouk.getByRole('button', { name: 'Wijziging starten' }).click()
    await anouk.getByText('De status is nu: Concept.').waitFor()

    await gotoHydrated(anouk, `${pactPath}/document`)
    const editor = anouk.getByTestId('editor')
    await anouk.locator('[data-testid="editor"][contenteditable="true"]').waitFor()
    // Other clauses mention "de ontwikkeltafel" too: find this one by its title.
    const clause = editor.locator('section.pw-clause', { has: anouk.locator('.pw-clause__title', { hasText: /^De ontwikkeltafel$/ }) })
    await clause.locator('.pw-clause__body p').first().click()
    await anouk.keyboard.press('End')
    await anouk.keyboard.type(' Wij evalueren dit elk jaar samen.')
    await expect.poll(async () => (await openRows(karim)).includes('De ontwikkeltafel'), { timeout: 10_000 }).toBe(true)

    // What reopened is exactly what changed since the signed version. Another test file may be
    // changing the demo pact between the two reads, so compare them until they agree.
    const compare = `${pactPath}/vergelijken?van=${versionNumber}&naar=concept`
    const reopenedAndChanged = async () => {
      await gotoHydrated(karim, compare)
      // Clauses removed since the version are not in the matrix; moved ones are not reopened.
      const changed = await karim.getByTestId('compare').locator('li:is(.pw-compare__clause--changed, .pw-compare__clause--added) h3').allTextContents()
      const reopened = await openRows(karim)
      return { changed: changed.sort(), reopened: reopened.sort() }
    }
    await expect.poll(reopenedAndChanged, { timeout: 15_000 }).toSatisfy(({ changed, reopened }) => changed.includes('De ontwikkeltafel') && changed.join() === reopened.join())
    await gotoHydrated(karim, compare)
    expect(await karim.getByTestId('compare').locator('ins', { hasText: 'evalueren dit elk jaar samen.' }).count()).toBe(1)

    await gotoHydrated(karim, `${pactPath}/akkoord`)
    const row = karim.getByTestId('sign-off-matrix').getByRole('row', { name: /De ontwikkeltafel/ })
    expect(await row.locator('td').allTextContents()).toEqual(['Gewijzigd na akkoord', 'Gewijzigd na akkoord', 'Gewijzigd na akkoord'])
    await row.getByRole('link').click()
    await karim.getByRole('heading', { name: /Gewijzigd sinds uw akkoord/ }).waitFor()
    expect(await karim.getByTestId('changed-since').locator('.pw-diff ins').allTextContents()).toEqual([expect.stringContaining('evalueren dit elk jaar samen.')])
  }, 120_000)

  it('shows a comment to the others live, without reloading', async () => {
    const clausePath = (await clausePaths(anouk))[0]!
    const eventsConnected = anouk.waitForResponse((response) => response.url().endsWith('/events'))
    await gotoHydrated(anouk, clausePath)
    await eventsConnected
    await expectAccessible(anouk)

    await gotoHydrated(karim, clausePath)
    const text = `Kunnen we dit in de wijkteams toelichten? (${Date.now()})`
    await karim.getByLabel('Nieuwe reactie').fill(text)
    await karim.getByRole('button', { name: 'Reactie plaatsen' }).click()
    await karim.getByText('Uw reactie is geplaatst.').waitFor()

    await anouk.getByTestId('threads').getByText(text).waitFor({ timeout: 5_000 })
  })
})
