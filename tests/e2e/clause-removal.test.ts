import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, gotoHydrated, launchBrowser, newPerson, signIn } from './browser.ts'
import { createPact } from './pacts.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const WELZIJN = 'Welzijn Verwijderen'
// Clauses of a new pact's template: the second goes, the first stays.
const KEPT = 'Partijen en looptijd'
const REMOVED = 'Waarom wij samen optrekken'

async function openDocument(page: Page, pactPath: string) {
  await gotoHydrated(page, `${pactPath}/document`)
  await page.getByTestId('connection-status').and(page.locator('[data-state="connected"]')).waitFor()
  await clause(page, REMOVED).waitFor()
}

const clause = (page: Page, title: string) =>
  page.getByTestId('editor').locator('section.pw-clause', { has: page.locator('.pw-clause__title', { hasText: title }) })

describe('removing a clause', () => {
  it('takes it out of the text for everyone, and the logboek names it', async () => {
    const anouk = await newPerson(browser)
    await signIn(anouk, 'anouk@zuiderveen.example')
    const karim = await newPerson(browser)
    await signIn(karim, 'karim@welzijnzuiderveen.example')
    const pactPath = await createPact(anouk, {
      title: 'Pact artikel verwijderen',
      parties: [{ name: WELZIJN, members: [{ person: karim, access: 'redacteur' }] }],
    })
    await openDocument(anouk, pactPath)
    await openDocument(karim, pactPath)

    // Anouk puts the caret in the clause's text and removes it from the toolbar.
    await clause(anouk, REMOVED).locator('.pw-clause__body p').first().click()
    await anouk.getByRole('button', { name: 'Clausule verwijderen' }).click()
    await expect.poll(() => clause(anouk, REMOVED).count()).toBe(0)

    // Karim, in his own browser, sees it go; the clause before it stays.
    await expect.poll(() => clause(karim, REMOVED).count(), { timeout: 2_000 }).toBe(0)
    expect(await clause(karim, KEPT).count()).toBe(1)
    await expectAccessible(anouk)

    // The server stored it: the leesversie, rendered there, no longer has the clause.
    const readable = await (await karim.request.get(`${pactPath}/leesversie`)).text()
    expect(readable).toContain(KEPT)
    expect(readable).not.toContain(REMOVED)

    await gotoHydrated(karim, `${pactPath}/logboek`)
    await karim
      .getByTestId('audit')
      .getByRole('row')
      .filter({ hasText: 'Anouk de Vries (Gemeente Zuiderveen)' })
      .filter({ hasText: 'Artikel verwijderd' })
      .filter({ hasText: `“${REMOVED}”` })
      .waitFor()
    await expectAccessible(karim)
  }, 120_000)
})
