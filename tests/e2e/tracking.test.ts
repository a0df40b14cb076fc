import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, gotoHydrated, launchBrowser, newPerson, signIn } from './browser.ts'

/**
 * Tracking the signed demo pact (no other test file touches it): a provider imports a year's
 * figure from a spreadsheet and submits it, the beheerder fixes the year, and everyone at the
 * table sees the new point on the chart and the indicator's status.
 */
const SIGNED_PACT = 'Pact Sociaal Domein Zuiderveen 2027–2030 (getekend)'

let browser: Browser
let anouk: Page
let marieke: Page
let henk: Page
let base: string

beforeAll(async () => {
  browser = await launchBrowser()
  ;[anouk, marieke, henk] = await Promise.all([newPerson(browser), newPerson(browser), newPerson(browser)])
  await signIn(anouk, 'anouk@zuiderveen.example')
  await signIn(marieke, 'marieke@debrug.example')
  await signIn(henk, 'henk@adviesraad-zuiderveen.example')
  await gotoHydrated(henk, '/pacts')
  base = `${await henk.getByRole('link', { name: SIGNED_PACT }).getAttribute('href')}/voortgang`
})

afterAll(async () => {
  await browser?.close()
})

const realisedDots = (page: Page) => page.locator('figure[data-indicator="demo-jeugd-verblijf"] .recharts-dot')

function statusOf(page: Page) {
  return page
    .locator('section', { has: page.getByRole('heading', { name: 'Jeugdigen met jeugdhulp met verblijf', level: 2 }) })
    .locator('.pw-status')
    .first()
}

describe('tracking the signed pact', () => {
  it('the overview leads with progress, and the dashboard shows the signed figures', async () => {
    await gotoHydrated(henk, base.replace(/\/voortgang$/, ''))
    await henk.getByRole('heading', { name: 'Voortgang', level: 2 }).waitFor()
    await expectAccessible(henk)
    await gotoHydrated(henk, `${base}/demo-jeugd-complex`)
    await realisedDots(henk).nth(1).waitFor()
    expect(await realisedDots(henk).count()).toBe(2)
    expect(await statusOf(henk).textContent()).toBe('Aandacht')
    await expectAccessible(henk)
  })

  it('a provider imports a CSV, sees the preview and submits; the beheerder fixes the year', async () => {
    await gotoHydrated(marieke, `${base}/import`)
    await marieke.getByLabel('Realisaties (gemeten waarden)').check()
    const csv = [
      'resultaatgebied;indicator;periode;waarde;bron;peildatum;toelichting;openbaar',
      'Jeugdigen met een complexe hulpvraag;Jeugdigen met jeugdhulp met verblijf;2029;10,0;CBS Jeugdmonitor;31-12-2029;Eerste cijfer;ja',
    ].join('\r\n')
    await marieke
      .getByLabel('CSV-bestand')
      .setInputFiles({ name: 'verblijf.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\r\n`) })
    await marieke.getByRole('button', { name: 'Bekijken voor het opslaan' }).click()
    await marieke.getByRole('heading', { name: '1 regel is in orde' }).waitFor()
    await expectAccessible(marieke)
    await marieke.getByRole('button', { name: '1 regel opslaan als concept' }).click()
    await marieke.getByText('1 cijfer is opgeslagen als concept.').waitFor()

    await gotoHydrated(marieke, `${base}/rapporteren`)
    await expectAccessible(marieke)
    await marieke.getByRole('button', { name: 'Het concept indienen' }).click()
    await marieke.getByText('1 cijfer is ingediend.').waitFor()

    await gotoHydrated(anouk, base)
    await anouk.getByLabel('Periode', { exact: true }).selectOption('2029')
    await anouk.getByRole('button', { name: 'Periode vaststellen' }).click()
    await anouk.getByText('Periode 2029 is vastgesteld.').waitFor()
    await expectAccessible(anouk)
  })

  it('everyone sees the new point on the chart and the status it earns', async () => {
    await gotoHydrated(henk, `${base}/demo-jeugd-complex`)
    await realisedDots(henk).nth(2).waitFor()
    expect(await realisedDots(henk).count()).toBe(3)
    // 10,0 beats the 2029 target of 10,1 (lower is better).
    expect(await statusOf(henk).textContent()).toBe('Op koers')
    const row = henk.getByRole('row', { name: /^2029/ }).first()
    expect(await row.textContent()).toContain('Vastgesteld')
    await expectAccessible(henk)
  })
})
