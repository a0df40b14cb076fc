import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, gotoHydrated, launchBrowser, newPerson, signIn } from './browser.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

// Every page of a pact, in the order of the pact navigation, with the address it opens.
const PAGES = [
  { label: 'Overzicht', path: '' },
  { label: 'Tekst', path: '/document' },
  { label: 'Resultaatgebieden en budgetten', path: '/resultaatgebieden' },
  { label: 'Akkoord', path: '/akkoord' },
  { label: 'Versies', path: '/versies' },
  { label: 'Voortgang', path: '/voortgang' },
  { label: 'Afrekening en fonds', path: '/fonds' },
  { label: 'Logboek', path: '/logboek' },
  { label: 'Instellingen', path: '/instellingen' },
]

const OWNER = { email: 'noor@gemeente-westerhaven.example', password: 'de weg vinden in het pact' }

/** A new beheerder with a pact of their own, so this file depends on no other. */
async function ownPact(page: Page) {
  await gotoHydrated(page, '/aanmelden')
  await page.getByLabel('Naam').fill('Noor Navigatie')
  await page.getByLabel('E-mailadres').fill(OWNER.email)
  await page.getByLabel('Wachtwoord').fill(OWNER.password)
  await page.getByRole('button', { name: 'Account aanmaken' }).click()
  // Signing up continues to the sign-in page (whether an address has an account must not show).
  await page.waitForURL(/\/inloggen/)
  await signIn(page, OWNER.email, OWNER.password)
  await gotoHydrated(page, '/organisaties')
  await page.getByLabel('Naam van de organisatie').fill('Gemeente Westerhaven')
  await page.getByLabel('Soort organisatie').selectOption('gemeente')
  await page.getByRole('button', { name: 'Organisatie aanmaken' }).click()
  await page.getByRole('heading', { name: 'Gemeente Westerhaven' }).waitFor()
  await gotoHydrated(page, '/pacts/nieuw')
  await page.getByLabel('Titel van het pact').fill('Pact Westerhaven')
  await page.getByLabel('Gemeente of regio').fill('Gemeente Westerhaven')
  await page.getByLabel('Van (jaar)').fill('2027')
  await page.getByLabel('Tot en met (jaar)').fill('2030')
  await page.getByRole('button', { name: 'Pact aanmaken' }).click()
  await page.getByRole('heading', { name: 'Pact Westerhaven', level: 1 }).waitFor()
  return new URL(page.url()).pathname
}

const pactNav = (page: Page) => page.getByRole('navigation', { name: 'Pact' })

async function currentPages(page: Page) {
  return pactNav(page).locator('a[aria-current="page"]').allTextContents()
}

describe('the pact navigation', () => {
  it('reaches every page of a pact from every other, marks where you are and puts the focus on the new page', async () => {
    const page = await newPerson(browser)
    const pactPath = await ownPact(page)
    expect(await pactNav(page).getByRole('link').allTextContents()).toEqual(PAGES.map((item) => item.label))
    expect(await currentPages(page)).toEqual(['Overzicht'])

    for (const target of [...PAGES.slice(1), PAGES[0]!]) {
      await pactNav(page).getByRole('link', { name: target.label, exact: true }).click()
      await page.waitForURL((url) => url.pathname === `${pactPath}${target.path}`)
      await expect.poll(() => currentPages(page)).toEqual([target.label])
      // In-app navigation moves the focus to the new page's heading, as a page load would.
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
      // The frame is the same on every page: the pact, its status, the reader's access.
      expect(await page.locator('.pw-pact-header__title').textContent()).toBe('Pact Westerhaven')
      await expectAccessible(page)
    }

    // A page under a section (a clause under Akkoord) marks its section, not itself as that page.
    await pactNav(page).getByRole('link', { name: 'Akkoord', exact: true }).click()
    await page.waitForURL(`**${pactPath}/akkoord`)
    await page.getByTestId('sign-off-matrix').getByRole('link').first().click()
    await page.waitForURL(/\/artikelen\//)
    await expect.poll(() => pactNav(page).locator('a[aria-current="true"]').allTextContents()).toEqual(['Akkoord'])
    expect(await currentPages(page)).toEqual([])
  })

  it('says in Dutch that a page does not exist, with a title', async () => {
    const page = await newPerson(browser)
    await page.goto('/bestaat-niet')
    await page.getByRole('heading', { name: 'Pagina niet gevonden' }).waitFor()
    expect(await page.title()).toBe('Pagina niet gevonden · Pactwerk')
  })
})
