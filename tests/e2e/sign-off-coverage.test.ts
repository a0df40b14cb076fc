import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseURL, expectAccessible, gotoHydrated, launchBrowser, newPerson, signIn } from './browser.ts'

/**
 * Issue 9, items 1 and 5: a result area added on the budgets page is not signed unseen. A new
 * pact's text shows every result area, so the area is in the text at once: the clauses that show
 * it are open again, their pages show its budget (to the cent), and they are approved as before.
 * (An area that no clause shows is an item of its own: tests/integration/sign-off-coverage.test.ts.)
 */
let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** Approves an item as a browser without JavaScript would: read the hash it shows, post the form. */
async function approveByForm(page: Page, path: string) {
  const html = await (await page.request.get(path)).text()
  const seenHash = html.match(/name="seenHash" value="([0-9a-f]{64})"/)?.[1]
  const partyId = html.match(/name="partyId" value="([^"]+)"/)?.[1]
  expect(seenHash, `decision form on ${path}`).toBeDefined()
  const response = await page.request.post(path, {
    form: { intent: 'decide', partyId: partyId!, decision: 'akkoord', seenHash: seenHash! },
    headers: { Origin: baseURL() },
  })
  expect(response.status()).toBe(200)
}

async function matrixRows(page: Page, pactPath: string) {
  await gotoHydrated(page, `${pactPath}/akkoord`)
  const rows = await page.getByTestId('sign-off-matrix').locator('tbody tr').all()
  return Promise.all(
    rows.map(async (row) => ({
      title: (await row.locator('th .pw-matrix__title').textContent())!,
      path: (await row.locator('th a').getAttribute('href'))!,
      statuses: await row.locator('td').allTextContents(),
    })),
  )
}

describe('money added on the budgets page', () => {
  it('is in a new pact’s text at once and reopens the clauses that show it, whose pages show its budget', async () => {
    const anouk = await newPerson(browser)
    await signIn(anouk, 'anouk@zuiderveen.example')
    // A pact of her own: other test files change the demo pact.
    const title = `Pact dekking ${Date.now().toString(36)}`
    await gotoHydrated(anouk, '/pacts/nieuw')
    await anouk.getByLabel('Titel van het pact').fill(title)
    await anouk.getByLabel('Gemeente of regio').fill('Gemeente Zuiderveen')
    await anouk.getByRole('button', { name: 'Pact aanmaken' }).click()
    await anouk.getByRole('heading', { name: title }).waitFor()
    const pactPath = new URL(anouk.url()).pathname

    await gotoHydrated(anouk, `${pactPath}/akkoord`)
    const card = anouk.locator('.pw-card', { has: anouk.getByRole('heading', { name: 'Gemeente Zuiderveen', exact: true }) })
    await card.getByLabel('Persoon van Gemeente Zuiderveen').selectOption({ label: 'Anouk de Vries' })
    await card.getByRole('button', { name: 'Aanwijzen' }).click()
    await card.getByRole('listitem').filter({ hasText: 'Anouk de Vries' }).waitFor()
    // The template's text, including the headings between the articles, approved.
    for (const row of await matrixRows(anouk, pactPath)) await approveByForm(anouk, row.path)
    expect((await matrixRows(anouk, pactPath)).map((row) => row.title)).toContain('Tekst buiten de artikelen')

    await gotoHydrated(anouk, `${pactPath}/resultaatgebieden`)
    await anouk.locator('[data-testid="connection-status"][data-state="connected"]').waitFor()
    const addArea = anouk.getByRole('group', { name: 'Nieuw resultaatgebied' })
    await addArea.getByLabel('Titel').fill('Jeugd buiten de tekst')
    await addArea.getByRole('button', { name: 'Resultaatgebied toevoegen' }).click()
    const area = anouk.getByRole('region', { name: /Jeugd buiten de tekst/ })
    await area.getByRole('group', { name: 'Verantwoordelijke partijen' }).getByLabel('Gemeente Zuiderveen').check()
    const budget = area.getByLabel(/^Budget Gemeente Zuiderveen \d{4}$/).first()
    await budget.fill('250.000,75')
    await budget.press('Tab')
    await anouk.getByTestId('budget-table').getByText('€\u00a0250.000,75').first().waitFor()

    // A new pact's text shows every result area (issue 9, item 5): the money is in the text at once, and the two
    // clauses that show it are open again.
    const reopened = ['Resultaatgebieden', 'Budgetten']
    await expect
      .poll(async () =>
        (await matrixRows(anouk, pactPath)).filter((row) => row.statuses[0] !== 'Akkoord').map((row) => row.title),
      )
      .toEqual(reopened)

    for (const itemTitle of reopened) {
      await gotoHydrated(anouk, `${pactPath}/akkoord`)
      await anouk.getByRole('link', { name: itemTitle, exact: true }).click()
      await anouk.getByRole('heading', { name: itemTitle, level: 1 }).waitFor()
      await anouk
        .getByTestId('clause-text')
        .getByText(/Jeugd buiten de tekst/)
        .first()
        .waitFor()
      if (itemTitle === 'Budgetten') {
        await anouk.getByTestId('clause-text').getByText('€\u00a0250.000,75').first().waitFor()
        await expectAccessible(anouk)
      }
      await anouk.getByRole('group', { name: 'Uw besluit over dit artikel' }).getByLabel('Akkoord', { exact: true }).check()
      await anouk.getByRole('button', { name: 'Besluit vastleggen' }).click()
      await anouk.getByText('Uw besluit is vastgelegd.').waitFor()
    }

    expect((await matrixRows(anouk, pactPath)).every((row) => row.statuses.every((status) => status === 'Akkoord'))).toBe(true)
  }, 90_000)
})
