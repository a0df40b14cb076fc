import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, gotoHydrated, launchBrowser, newPerson, signIn } from './browser.ts'

/**
 * The signed demo pact's settlement of 2027 and its revolving fund, read only (the tracking test
 * changes other years of this pact): what every party approved, who carries what, and the fund.
 */
const SIGNED_PACT = 'Pact Sociaal Domein Zuiderveen 2027–2030 (getekend)'

let browser: Browser
let henk: Page
let anouk: Page
let base: string

beforeAll(async () => {
  browser = await launchBrowser()
  ;[henk, anouk] = await Promise.all([newPerson(browser), newPerson(browser)])
  await signIn(henk, 'henk@adviesraad-zuiderveen.example')
  await signIn(anouk, 'anouk@zuiderveen.example')
  await gotoHydrated(henk, '/pacts')
  base = (await henk.getByRole('link', { name: SIGNED_PACT }).getAttribute('href'))!
})

afterAll(async () => {
  await browser?.close()
})

describe('the settlement of a year', () => {
  it('shows the final settlement with each party’s share, the fund and every approval', async () => {
    await gotoHydrated(henk, `${base}/voortgang`)
    await henk.getByRole('link', { name: 'Afrekening 2027' }).click()
    await henk.getByRole('heading', { name: 'Afrekening 2027', level: 1 }).waitFor()
    await henk.getByRole('heading', { name: 'Afrekening 2027, versie 1', level: 2 }).waitFor()
    const shares = henk.getByRole('table', { name: 'Wie draagt wat in 2027' })
    expect(await shares.getByRole('row', { name: /Revolverend fonds/ }).textContent()).toMatch(/€\s-3\.381,73/)
    const approvals = henk.getByRole('table', { name: 'Akkoord per partij' })
    expect(await approvals.getByRole('row').count()).toBe(4)
    expect(await approvals.getByText('Akkoord', { exact: false }).count()).toBeGreaterThanOrEqual(3)
    await expectAccessible(henk)
  })

  it('shows the revolving fund: what came in, the reinvestment that went out', async () => {
    await gotoHydrated(henk, `${base}/fonds`)
    await henk.getByRole('heading', { name: 'Revolverend fonds', level: 1 }).waitFor()
    await henk.getByText('Saldo: € 881,73').waitFor()
    await henk.getByRole('heading', { name: /Buurtkamer De Linde/, level: 3 }).waitFor()
    await expectAccessible(henk)
  })

  it('gives the beheerder the reinvestment form and, in the regional pact, the division between the gemeenten', async () => {
    await gotoHydrated(anouk, `${base}/fonds`)
    await anouk.getByRole('group', { name: 'Herinvestering voorstellen' }).waitFor()
    await expectAccessible(anouk)
    await gotoHydrated(anouk, '/pacts')
    const regional = (await anouk.getByRole('link', { name: 'Regiopact Zuiderveen–Westerbroek 2027–2030' }).getAttribute('href'))!
    await gotoHydrated(anouk, `${regional}/afrekening/2027`)
    expect(await anouk.getByLabel('Sleutel Gemeente Westerbroek (%)').inputValue()).toBe('37,5')
    await expectAccessible(anouk)
  })
})
