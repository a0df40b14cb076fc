import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseURL, expectAccessible, gotoHydrated, launchBrowser, newPerson, signIn } from './browser.ts'
import { createPact } from './pacts.ts'

/**
 * Sign-off of a pact of this file's own by its three signing parties (the template's text),
 * signing, an amendment and a live comment. Nobody else changes this pact, so every outcome is
 * exact: an approval is accepted, signing succeeds once the last clause is agreed, and only the
 * edited clause reopens.
 */
let browser: Browser
let anouk: Page
let karim: Page
let marieke: Page
let pactPath: string
// A new pact: signing it stores its first version.
const versionNumber = 1
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
  pactPath = await createPact(anouk, {
    title: 'Pact akkoord per artikel',
    parties: [
      { name: 'Stichting Welzijn Zuiderveen', members: [{ person: karim, access: 'redacteur' }] },
      { name: 'Jeugdhulp De Brug', members: [{ person: marieke, access: 'redacteur' }] },
      { name: 'Adviesraad Sociaal Domein Zuiderveen', kind: 'inwoners', signs: false },
    ],
  })
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

/** Approves a clause as a browser without JavaScript would: read the page (the hash of the text it shows), post the form. */
async function approveByForm(page: Page, clausePath: string) {
  const form = await page.request.get(clausePath)
  expect(form.status(), clausePath).toBe(200)
  const html = await form.text()
  const seenHash = html.match(/name="seenHash" value="([0-9a-f]{64})"/)?.[1]
  const partyId = html.match(/name="partyId" value="([^"]+)"/)?.[1]
  expect(seenHash, `decision form on ${clausePath}`).toBeDefined()
  const response = await page.request.post(clausePath, {
    form: { intent: 'decide', partyId: partyId!, decision: 'akkoord', seenHash: seenHash! },
    headers: { Origin: baseURL() },
  })
  expect(response.status(), `approval of ${clausePath}`).toBe(200)
}

/** Rows of the matrix that are not approved by everyone, by clause title. */
async function openRows(page: Page): Promise<string[]> {
  await gotoHydrated(page, `${pactPath}/akkoord`)
  const matrix = page.getByTestId('sign-off-matrix')
  const rows = await matrix.locator('tbody tr').all()
  const open: string[] = []
  for (const row of rows) {
    const statuses = await row.locator('td').allTextContents()
    if (statuses.some((status) => status !== 'Akkoord')) open.push((await row.locator('th .pw-matrix__title').textContent())!)
  }
  return open
}

describe('signing off a pact', () => {
  it('lets each signing party name its own signatory', async () => {
    for (const [page, party, person] of [
      [anouk, 'Gemeente Zuiderveen', 'Anouk de Vries'],
      [karim, 'Stichting Welzijn Zuiderveen', 'Karim El Amrani'],
      [marieke, 'Jeugdhulp De Brug', 'Marieke Jansen'],
    ] as const) {
      await gotoHydrated(page, `${pactPath}/akkoord`)
      await page.getByRole('heading', { name: 'Akkoord per artikel', level: 1 }).waitFor()
      const card = partyCard(page, party)
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

    // Marieke leaves the first clause for later, so signing must wait.
    await gotoHydrated(marieke, `${pactPath}/akkoord`)
    leftOpen = {
      path: first!,
      title: (await marieke.getByTestId('sign-off-matrix').locator(`a[href="${first}"]`).textContent())!,
    }
    for (const path of [first!, ...rest]) await approveByForm(anouk, path)
    for (const path of rest) await approveByForm(karim, path)
    for (const path of rest) await approveByForm(marieke, path)
  }, 120_000)

  it('refuses to sign while a clause is open, then signs version 1 with its PDF', async () => {
    await gotoHydrated(anouk, `${pactPath}/akkoord`)
    await anouk.getByRole('button', { name: 'Ter ondertekening aanbieden' }).click()
    await anouk.getByText('De status is nu: Ter ondertekening.').waitFor()

    await anouk.getByRole('button', { name: 'Pact ondertekenen' }).click()
    await anouk
      .getByRole('dialog', { name: 'Pact ondertekenen?' })
      .getByRole('button', { name: 'Ja, versie 1 ondertekenen' })
      .click()
    await anouk.getByText('Het pact kan nog niet worden getekend').waitFor()
    await anouk
      .getByRole('listitem')
      .filter({ hasText: `${leftOpen.title} — Jeugdhulp De Brug: Open` })
      .waitFor()
    await approveByForm(marieke, leftOpen.path)
    expect(await openRows(anouk)).toEqual([])

    await anouk.getByRole('button', { name: 'Pact ondertekenen' }).click()
    await anouk
      .getByRole('dialog', { name: 'Pact ondertekenen?' })
      .getByRole('button', { name: 'Ja, versie 1 ondertekenen' })
      .click()
    await anouk.getByText('Het pact is getekend. Versie 1 is vastgelegd', { exact: false }).waitFor()
    await anouk.getByRole('link', { name: 'Versie 1 bekijken' }).waitFor()

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
    await anouk.getByRole('dialog', { name: 'Wijziging starten?' }).getByRole('button', { name: 'Ja, wijziging starten' }).click()
    await anouk.getByText('De status is nu: Concept.').waitFor()

    await gotoHydrated(anouk, `${pactPath}/document`)
    const editor = anouk.getByTestId('editor')
    await anouk.locator('[data-testid="editor"][contenteditable="true"]').waitFor()
    // Other clauses mention "de ontwikkeltafel" too: find this one by its title.
    const clause = editor.locator('section.pw-clause', {
      has: anouk.locator('.pw-clause__title', { hasText: /^De ontwikkeltafel$/ }),
    })
    await clause.locator('.pw-clause__body p').first().click()
    await anouk.keyboard.press('End')
    await anouk.keyboard.type(' Wij evalueren dit elk jaar samen.')
    await expect.poll(async () => (await openRows(karim)).includes('De ontwikkeltafel'), { timeout: 10_000 }).toBe(true)

    // What reopened is exactly what changed since the signed version: that one clause.
    expect(await openRows(karim)).toEqual(['De ontwikkeltafel'])
    const compare = `${pactPath}/vergelijken?van=${versionNumber}&naar=concept`
    await gotoHydrated(karim, compare)
    const changed = karim.getByTestId('compare').locator('li:is(.pw-compare__clause--changed, .pw-compare__clause--added) h3')
    expect(await changed.allTextContents()).toEqual(['De ontwikkeltafel'])
    expect(await karim.getByTestId('compare').locator('ins', { hasText: 'evalueren dit elk jaar samen.' }).count()).toBe(1)

    await gotoHydrated(karim, `${pactPath}/akkoord`)
    const row = karim.getByTestId('sign-off-matrix').getByRole('row', { name: /De ontwikkeltafel/ })
    expect(await row.locator('td').allTextContents()).toEqual([
      'Gewijzigd na akkoord',
      'Gewijzigd na akkoord',
      'Gewijzigd na akkoord',
    ])
    await row.getByRole('link').click()
    await karim.getByRole('heading', { name: /Gewijzigd sinds uw akkoord/ }).waitFor()
    expect(await karim.getByTestId('changed-since').locator('.pw-diff ins').allTextContents()).toEqual([
      expect.stringContaining('evalueren dit elk jaar samen.'),
    ])
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
