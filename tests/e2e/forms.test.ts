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

const PASSWORD = 'formulieren in een keer goed'

async function signUp(page: Page, email: string) {
  await gotoHydrated(page, '/aanmelden')
  await page.getByLabel('Naam').fill('Ilse de Vries')
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill(PASSWORD)
  await page.getByRole('button', { name: 'Account aanmaken' }).click()
  await page.getByText('Log in met uw e-mailadres en het wachtwoord dat u koos.').waitFor()
  await signIn(page, email, PASSWORD)
}

describe('a form corrected after an empty submit', () => {
  it('creates the organisation at the first click once the fields are filled in', async () => {
    const page = await newPerson(browser)
    await signUp(page, 'ilse@gemeente-ooststad.example')
    await gotoHydrated(page, '/organisaties')
    const submitted: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST') submitted.push(request.url())
    })

    await page.getByRole('button', { name: 'Organisatie aanmaken' }).click()
    await page.getByText('Vul een naam in.').waitFor()
    await page.getByText('Kies de soort organisatie.').waitFor()
    await expectAccessible(page)
    expect(submitted).toEqual([])

    await page.getByLabel('Naam van de organisatie').fill('Gemeente Ooststad')
    await page.getByLabel('Soort organisatie').selectOption('gemeente')
    await page.getByRole('button', { name: 'Organisatie aanmaken' }).click()
    await page.getByRole('heading', { name: 'Gemeente Ooststad' }).waitFor()
    expect(submitted).toHaveLength(1)
  })
})
