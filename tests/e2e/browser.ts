import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { expect, inject } from 'vitest'

export { launchBrowser } from '#tests/support/chromium.ts'

export const baseURL = () => inject('baseURL')

export const DEMO_PASSWORD = 'zuiderveen-demo-2026'

/** A new person in their own browser context (own cookies), on a Dutch laptop. */
export async function newPerson(browser: Browser) {
  const context = await browser.newContext({ baseURL: baseURL(), locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' })
  return context.newPage()
}

/** Wait until React has hydrated, so clicks reach React's handlers. */
export async function gotoHydrated(page: Page, path: string) {
  await page.goto(path)
  await page.waitForSelector('html[data-hydrated]')
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await gotoHydrated(page, '/inloggen')
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill(password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'))
  await page.waitForSelector('html[data-hydrated]')
}

/** WCAG 2.1 AA, as axe checks it. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  )
  expect(summary).toEqual([])
}
