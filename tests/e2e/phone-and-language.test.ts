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

    await page.getByRole('button', { name: 'EN' }).click()
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await context.close()
  })
})

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
    await gotoHydrated(page, `${pactPath}/document`)
    const editor = page.getByTestId('editor')
    await page.locator('[data-testid="editor"][contenteditable="true"]').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    await editor.locator('p').last().click()
    await page.getByRole('button', { name: 'Tabel invoegen' }).click()
    await expect.poll(() => editor.locator('th').allTextContents()).toEqual(['Kolom 1', 'Kolom 2', 'Kolom 3'])
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
