import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseURL, expectAccessible, gotoHydrated, launchBrowser, newPerson, signIn } from './browser.ts'
import { approveEverything, createPact, post } from './pacts.ts'

/**
 * Signing and starting an amendment are confirmed first, also without JavaScript: there is no
 * dialog then, so the server asks back with the same words and a form, and changes nothing until
 * that form is sent. On a pact of this file's own, which only the municipality signs.
 */
let browser: Browser
let anouk: Page
let noScript: BrowserContext
let pactPath: string

beforeAll(async () => {
  browser = await launchBrowser()
  anouk = await newPerson(browser)
  await signIn(anouk, 'anouk@zuiderveen.example')
  pactPath = await createPact(anouk, { title: 'Pact zonder JavaScript ondertekend' })
  await gotoHydrated(anouk, `${pactPath}/akkoord`)
  const card = anouk.locator('.pw-card', { has: anouk.getByRole('heading', { name: 'Gemeente Zuiderveen', exact: true }) })
  await card.getByLabel('Persoon van Gemeente Zuiderveen').selectOption({ label: 'Anouk de Vries' })
  await card.getByRole('button', { name: 'Aanwijzen' }).click()
  await card.getByRole('listitem').filter({ hasText: 'Anouk de Vries' }).waitFor()
  await approveEverything(anouk, pactPath)
  await post(anouk, `${pactPath}/akkoord`, { intent: 'change-status', to: 'ter-ondertekening' })
  noScript = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL(), locale: 'nl-NL' })
  await noScript.addCookies(await anouk.context().cookies())
})

afterAll(async () => {
  await browser?.close()
})

describe('confirming without JavaScript', () => {
  it('shows the question it asks back accessibly (axe needs JavaScript: the form is sent as it would be without)', async () => {
    await gotoHydrated(anouk, `${pactPath}/akkoord`)
    const status = anouk.getByRole('region', { name: 'Status van het pact' })
    await status
      .locator('form', { has: anouk.getByRole('button', { name: 'Pact ondertekenen' }) })
      .evaluate((form: HTMLFormElement) => form.requestSubmit())
    await status
      .getByRole('group', { name: 'Pact ondertekenen?' })
      .getByRole('button', { name: 'Ja, versie 1 ondertekenen' })
      .waitFor()
    await expectAccessible(anouk)
  })

  it('asks on the page before signing and before starting an amendment', async () => {
    const page = await noScript.newPage()
    await page.goto(`${pactPath}/akkoord`)
    const status = page.getByRole('region', { name: 'Status van het pact' })

    await status.getByRole('button', { name: 'Pact ondertekenen' }).click()
    const question = status.getByRole('group', { name: 'Pact ondertekenen?' })
    await question.getByText('Ondertekenen kan niet ongedaan worden gemaakt.', { exact: false }).waitFor()
    // Asked, not yet signed.
    expect(await page.getByText('Het pact is getekend.').count()).toBe(0)
    expect(await status.getByRole('button', { name: 'Pact ondertekenen' }).count()).toBe(0)

    await question.getByRole('button', { name: 'Ja, versie 1 ondertekenen' }).click()
    await status.getByText('Het pact is getekend. Versie 1 is vastgelegd', { exact: false }).waitFor()

    await status.getByRole('button', { name: 'Wijziging starten' }).click()
    const amendment = status.getByRole('group', { name: 'Wijziging starten?' })
    await amendment.getByText('Versie 1 blijft van kracht', { exact: false }).waitFor()
    // Cancelling reads the page again: still signed, nothing asked.
    await amendment.getByRole('link', { name: 'Annuleren' }).click()
    await status.getByRole('button', { name: 'Wijziging starten' }).waitFor()
    expect(await status.getByRole('group').count()).toBe(0)

    await status.getByRole('button', { name: 'Wijziging starten' }).click()
    await status.getByRole('group', { name: 'Wijziging starten?' }).getByRole('button', { name: 'Ja, wijziging starten' }).click()
    await status.getByText(/^De status is nu: /).waitFor()
  })
})
