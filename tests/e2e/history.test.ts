import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, gotoHydrated, launchBrowser, newPerson, signIn } from './browser.ts'
import { approveEverything, createPact, post } from './pacts.ts'

/**
 * Readable history on a pact of this file's own: a budget signed in version 1 and changed in the
 * amendment reads in euros and names in the comparison, and the logboek says who changed what.
 * Only the municipality signs, so signing needs only Anouk's approvals.
 */
let browser: Browser
let anouk: Page
let karim: Page
let pactPath: string

const WELZIJN = 'Stichting Welzijn Zuiderveen'
const DE_BRUG = 'Jeugdhulp De Brug'
const AREA = 'Jeugd en gezin'

beforeAll(async () => {
  browser = await launchBrowser()
  anouk = await newPerson(browser)
  karim = await newPerson(browser)
  await signIn(anouk, 'anouk@zuiderveen.example')
  await signIn(karim, 'karim@welzijnzuiderveen.example')
  pactPath = await createPact(anouk, {
    title: 'Pact leesbare geschiedenis',
    parties: [
      { name: WELZIJN, signs: false, members: [{ person: karim, access: 'redacteur' }] },
      { name: DE_BRUG, signs: false },
    ],
  })
})

afterAll(async () => {
  await browser?.close()
})

/** The budgets page, once connected to the shared model. */
async function openBudgets(page: Page) {
  await gotoHydrated(page, `${pactPath}/resultaatgebieden`)
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor()
}

async function setBudget(page: Page, amount: string) {
  const cell = page.getByRole('region', { name: new RegExp(AREA) }).getByLabel(`Budget ${DE_BRUG} 2027`)
  await cell.fill(amount)
  await cell.press('Tab')
  const row = page.getByTestId('budget-table').getByRole('row', { name: new RegExp(AREA) })
  await expect.poll(() => row.textContent()).toContain(amount)
}

describe('readable history', () => {
  it('compares an amendment with version 1 in euros and names, and the logboek says who changed what', async () => {
    // Anouk signs for the municipality and puts a budget for De Brug in a new result area.
    await gotoHydrated(anouk, `${pactPath}/akkoord`)
    const card = anouk.locator('.pw-card', { has: anouk.getByRole('heading', { name: 'Gemeente Zuiderveen', exact: true }) })
    await card.getByLabel('Persoon van Gemeente Zuiderveen').selectOption({ label: 'Anouk de Vries' })
    await card.getByRole('button', { name: 'Aanwijzen' }).click()
    await card.getByRole('listitem').filter({ hasText: 'Anouk de Vries' }).waitFor()

    await openBudgets(anouk)
    const addArea = anouk.getByRole('group', { name: 'Nieuw resultaatgebied' })
    await addArea.getByLabel('Titel').fill(AREA)
    await addArea.getByRole('button', { name: 'Resultaatgebied toevoegen' }).click()
    const area = anouk.getByRole('region', { name: new RegExp(AREA) })
    await area.getByRole('group', { name: 'Verantwoordelijke partijen' }).getByLabel(DE_BRUG).check()
    await setBudget(anouk, '620.000')

    await approveEverything(anouk, pactPath)
    await post(anouk, `${pactPath}/akkoord`, { intent: 'change-status', to: 'ter-ondertekening' })
    await post(anouk, `${pactPath}/akkoord`, { intent: 'change-status', to: 'getekend', confirmed: 'yes' })
    // The amendment: back to concept, with version 1 in force.
    await post(anouk, `${pactPath}/akkoord`, { intent: 'change-status', to: 'concept', confirmed: 'yes' })

    // Karim raises De Brug's budget in the amendment.
    await openBudgets(karim)
    await setBudget(karim, '630.000')

    await gotoHydrated(karim, `${pactPath}/vergelijken?van=1&naar=concept`)
    // Every clause that shows the area (a new pact's Resultaatgebieden and Budgetten) lists the change.
    const changes = karim.getByTestId('compare').getByTestId('model-changes')
    await changes.first().waitFor()
    expect(await changes.count()).toBeGreaterThan(0)
    for (const list of await changes.all()) {
      const lines = (await list.getByRole('listitem').allTextContents()).map((line) => line.replaceAll('\u00a0', ' '))
      expect(lines).toEqual([`Budget ${DE_BRUG} 2027: € 620.000 → € 630.000 (resultaatgebied “${AREA}”)`])
    }
    const page = (await karim.getByTestId('compare').textContent())!
    expect(page).not.toMatch(/cents|partyId|[{}]/)
    await expectAccessible(karim)

    await gotoHydrated(karim, `${pactPath}/logboek`)
    const audit = karim.getByTestId('audit')
    const budgetRow = (person: string) =>
      audit
        .getByRole('row')
        .filter({ hasText: person })
        .filter({ hasText: 'Budget gewijzigd' })
        .filter({ hasText: `Resultaatgebied “${AREA}”, 2027` })
    await budgetRow(`Karim El Amrani (${WELZIJN})`).waitFor()
    await budgetRow('Anouk de Vries (Gemeente Zuiderveen)').waitFor()
    await audit
      .getByRole('row')
      .filter({ hasText: 'Anouk de Vries (Gemeente Zuiderveen)' })
      .filter({ hasText: 'Resultaatgebied toegevoegd' })
      .waitFor()
    await expectAccessible(karim)
  }, 180_000)
})
