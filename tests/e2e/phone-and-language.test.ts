import AxeBuilder from '@axe-core/playwright'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseURL, expectAccessible, gotoHydrated, launchBrowser, signIn } from './browser.ts'
import { createPact } from './pacts.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('Dutch first', () => {
  it('shows an English browser Dutch, and English only once chosen', async () => {
    const context = await browser.newContext({
      baseURL: baseURL(),
      locale: 'en-US',
      extraHTTPHeaders: { 'Accept-Language': 'en-US,en;q=0.9' },
    })
    const page = await context.newPage()
    await gotoHydrated(page, '/inloggen')
    expect(await page.locator('html').getAttribute('lang')).toBe('nl')
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor()

    await page.getByRole('button', { name: 'EN', exact: true }).click()
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await context.close()
  })
})

const LONG_TITLE = 'Iedere inwoner die ondersteuning nodig heeft vindt binnen twee weken een vast aanspreekpunt in de eigen wijk'

describe('the document on a phone', () => {
  it('fits a 390 px screen, and a table made with the toolbar names its columns', async () => {
    const context = await browser.newContext({
      baseURL: baseURL(),
      locale: 'nl-NL',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    })
    const page = await context.newPage()
    await signIn(page, 'anouk@zuiderveen.example')
    const pactPath = await createPact(page, { title: 'Pact op de telefoon' })
    // A long title makes a long option in the toolbar's "insert data" choice.
    await gotoHydrated(page, `${pactPath}/resultaatgebieden`)
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor()
    const addArea = page.getByRole('group', { name: 'Nieuw resultaatgebied' })
    await addArea.getByLabel('Titel').fill(LONG_TITLE)
    await addArea.getByRole('button', { name: 'Resultaatgebied toevoegen' }).click()
    await page.getByRole('region', { name: new RegExp(LONG_TITLE.slice(0, 30)) }).waitFor()

    await gotoHydrated(page, `${pactPath}/document`)
    const editor = page.getByTestId('editor')
    await page.locator('[data-testid="editor"][contenteditable="true"]').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    await editor.locator('p').last().click()
    await page.getByRole('button', { name: 'Tabel invoegen' }).click()
    // The pact's data blocks are tables too; the new one is the one whose columns are named.
    await expect
      .poll(() => editor.locator('th', { hasText: /^Kolom \d$/ }).allTextContents())
      .toEqual(['Kolom 1', 'Kolom 2', 'Kolom 3'])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await expectAccessible(page)
    // Beyond WCAG: axe's own rule for header cells that say nothing, on the new table.
    const table = await new AxeBuilder({ page })
      .include('[data-testid="editor"] table')
      .withRules(['empty-table-header'])
      .analyze()
    expect(table.violations).toEqual([])
    await context.close()
  })
})
