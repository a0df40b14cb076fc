import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, gotoHydrated, launchBrowser, newPerson, signIn } from './browser.ts'
import { createPact } from './pacts.ts'

/**
 * The journey of issue 9, items 6–8, on a pact of this file's own: each party names its own
 * signatory, both approve every item through the review flow ("Akkoord op deze N artikelen"),
 * the beheerder signs after a confirmation in words, then starts an amendment after another, and
 * the pact says version 1 is in force while version 2 is drafted.
 */
let browser: Browser
let anouk: Page
let marieke: Page
let pactPath: string

beforeAll(async () => {
  browser = await launchBrowser()
  anouk = await newPerson(browser)
  marieke = await newPerson(browser)
  await signIn(anouk, 'anouk@zuiderveen.example')
  await signIn(marieke, 'marieke@debrug.example')
  pactPath = await createPact(anouk, {
    title: 'Pact beoordelen',
    parties: [{ name: 'Jeugdhulp De Brug', members: [{ person: marieke, access: 'redacteur' }] }],
  })
})

afterAll(async () => {
  await browser?.close()
})

async function nameOwnSignatory(page: Page, party: string, person: string) {
  await gotoHydrated(page, `${pactPath}/akkoord`)
  const card = page.locator('.pw-card', { has: page.getByRole('heading', { name: party, exact: true }) })
  await card.getByLabel(`Persoon van ${party}`).selectOption({ label: person })
  await card.getByRole('button', { name: 'Aanwijzen' }).click()
  await card.getByRole('listitem').filter({ hasText: person }).waitFor()
}

/** Walks the review flow from the akkoord page, choosing "Akkoord" for every item, and records them at once. */
async function approveEverything(page: Page, party: string, checkAccessibility: boolean) {
  await gotoHydrated(page, `${pactPath}/akkoord`)
  await page.getByRole('link', { name: new RegExp(`^Open artikelen beoordelen namens ${party}`) }).click()
  await page.getByRole('heading', { name: `Artikelen beoordelen namens ${party}`, level: 1 }).waitFor()
  const position = await page.locator('[data-testid="review-item"]:not([hidden]) .pw-meta').first().textContent()
  const count = Number(position!.match(/van (\d+)/)![1])
  expect(count).toBeGreaterThan(5)
  for (let index = 0; index < count; index++) {
    const item = page.locator('[data-testid="review-item"]:not([hidden])')
    await item.getByText(`Artikel ${index + 1} van ${count}`).waitFor()
    await item.getByRole('group', { name: 'Uw keuze voor dit artikel' }).getByLabel('Akkoord', { exact: true }).check()
    if (index === 0 && checkAccessibility) await expectAccessible(page)
    await item.getByRole('button', { name: index + 1 < count ? 'Volgend artikel' : 'Naar het overzicht' }).click()
  }
  await page.getByRole('heading', { name: 'Overzicht van uw keuzes' }).waitFor()
  // Focus moved with each step, to the heading of what is shown.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Overzicht van uw keuzes')
  if (checkAccessibility) await expectAccessible(page)
  await page.getByRole('button', { name: `Akkoord op deze ${count} artikelen` }).click()
  await page.getByText(`Uw besluiten over ${count} artikelen zijn vastgelegd.`).waitFor()
  await page.getByText(`Er is niets meer te beoordelen voor ${party}`, { exact: false }).waitFor()
}

describe('approving through the review flow, signing and amending', () => {
  it('lets each party name its own signatory and approve every item in one review', async () => {
    await nameOwnSignatory(anouk, 'Gemeente Zuiderveen', 'Anouk de Vries')
    await nameOwnSignatory(marieke, 'Jeugdhulp De Brug', 'Marieke Jansen')
    await approveEverything(marieke, 'Jeugdhulp De Brug', true)
    await approveEverything(anouk, 'Gemeente Zuiderveen', false)

    // After a decision the clause page shows the choice made, by whom.
    await gotoHydrated(marieke, `${pactPath}/akkoord`)
    await marieke.getByTestId('sign-off-matrix').locator('tbody th a').first().click()
    await marieke
      .getByTestId('recorded-decision')
      .getByText('Vastgelegd namens Jeugdhulp De Brug: Akkoord, door Marieke Jansen', { exact: false })
      .waitFor()
  }, 240_000)

  it('signs after a confirmation in words, then starts an amendment and shows version 1 in force', async () => {
    await gotoHydrated(anouk, `${pactPath}/akkoord`)
    await anouk.getByRole('button', { name: 'Ter ondertekening aanbieden' }).click()
    await anouk.getByText('De status is nu: Ter ondertekening.').waitFor()

    await anouk.getByRole('button', { name: 'Pact ondertekenen' }).click()
    const sign = anouk.getByRole('dialog', { name: 'Pact ondertekenen?' })
    await sign.getByText('Versie 1 wordt vastgelegd', { exact: false }).waitFor()
    // Focus opens on the safe choice; Escape closes without signing.
    expect(await anouk.evaluate(() => document.activeElement?.textContent)).toBe('Annuleren')
    await expectAccessible(anouk)
    await anouk.keyboard.press('Escape')
    await sign.waitFor({ state: 'hidden' })
    await anouk.getByRole('button', { name: 'Pact ondertekenen' }).click()
    await sign.getByRole('button', { name: 'Ja, versie 1 ondertekenen' }).click()
    await anouk.getByText('Het pact is getekend. Versie 1 is vastgelegd', { exact: false }).waitFor()
    await anouk.getByTestId('pact-standing').getByText('Versie 1 is van kracht.').waitFor()

    // Its beheerder reads the real reason the budgets cannot be changed now, and the way to change them.
    await gotoHydrated(anouk, `${pactPath}/resultaatgebieden`)
    await anouk.getByTestId('read-only-reason').getByText('Dit pact is getekend', { exact: false }).waitFor()
    await anouk.getByRole('link', { name: 'Naar Akkoord, om een wijziging te starten' }).click()
    await anouk.getByRole('heading', { name: 'Akkoord per artikel', level: 1 }).waitFor()

    await anouk.getByRole('button', { name: 'Wijziging starten' }).click()
    const amend = anouk.getByRole('dialog', { name: 'Wijziging starten?' })
    await amend.getByText('Versie 1 blijft van kracht', { exact: false }).waitFor()
    await amend.getByRole('button', { name: 'Ja, wijziging starten' }).click()
    await anouk.getByTestId('pact-standing').getByText('Versie 1 is van kracht; versie 2 is in concept.').waitFor()
    await anouk.getByTestId('sign-off-standing').getByText('Versie 1 is van kracht; versie 2 is in concept.').waitFor()
    await expectAccessible(anouk)

    for (const page of ['', '/versies']) {
      await gotoHydrated(marieke, `${pactPath}${page}`)
      await marieke.getByTestId('pact-standing').getByText('Versie 1 is van kracht; versie 2 is in concept.').waitFor()
    }
  }, 120_000)
})
