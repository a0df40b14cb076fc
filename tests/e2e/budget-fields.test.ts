import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, gotoHydrated, launchBrowser, newPerson, signIn } from './browser.ts'
import { createPact } from './pacts.ts'

/**
 * Issue 9, items 5, 14 and 15: a new pact's text shows the model; two people on the budgets page
 * see who is in which field, see each other's typing without leaving the field, and never lose
 * typed input without being told; the what-if says what each party carries and when the cap applies.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const WELZIJN = 'Stichting Welzijn Zuiderveen'
const TITLE = 'Samen sterk in de wijk'

async function openLive(page: Page, path: string) {
  await gotoHydrated(page, path)
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor()
}

describe('the budgets page with two people at once', () => {
  it('shows the model in a new pact’s text, who is in a field, typing as it happens, and keeps every input', async () => {
    const anouk = await newPerson(browser)
    await signIn(anouk, 'anouk@zuiderveen.example')
    const karim = await newPerson(browser)
    await signIn(karim, 'karim@welzijnzuiderveen.example')
    const pactPath = await createPact(anouk, {
      title: 'Pact budgetvelden',
      parties: [{ name: WELZIJN, members: [{ person: karim, access: 'redacteur' }] }],
    })

    // A new pact's text shows the model, which is still empty, and says where to fill it in.
    await openLive(anouk, `${pactPath}/document`)
    const editor = anouk.getByTestId('editor')
    await expect.poll(() => editor.getByText('Er zijn nog geen resultaatgebieden.').count()).toBe(2)
    await editor.getByText('Er zijn nog geen afspraken over risicodeling.').waitFor()
    expect(await editor.getByText('€ [bedrag]').count()).toBe(0)
    await expectAccessible(anouk)
    const toBudgets = editor.getByRole('link', { name: 'Vul ze in op de pagina Resultaatgebieden en budgetten' }).first()
    expect(await toBudgets.getAttribute('href')).toBe(`${pactPath}/resultaatgebieden`)
    await toBudgets.click()
    await anouk.waitForURL((url) => url.pathname === `${pactPath}/resultaatgebieden`)
    await anouk.locator('[data-testid="connection-status"][data-state="connected"]').waitFor()

    const addArea = anouk.getByRole('group', { name: 'Nieuw resultaatgebied' })
    await addArea.getByLabel('Titel').fill(TITLE)
    await addArea.getByRole('button', { name: 'Resultaatgebied toevoegen' }).click()
    const anouksArea = anouk.getByRole('region', { name: new RegExp(TITLE) })
    await anouksArea.getByRole('group', { name: 'Verantwoordelijke partijen' }).getByLabel(WELZIJN).check()

    await openLive(karim, `${pactPath}/resultaatgebieden`)
    const karimsArea = karim.getByRole('region', { name: new RegExp(TITLE) })
    const anouksCell = anouksArea.getByLabel(`Budget ${WELZIJN} 2027`)
    const karimsCell = karimsArea.getByLabel(`Budget ${WELZIJN} 2027`)
    await karimsCell.waitFor()

    // Anouk goes into a field: Karim sees her there, by name and organisation.
    await anouksCell.focus()
    const karimsField = karimsArea.locator('.utrecht-form-field', { has: karim.getByLabel(`Budget ${WELZIJN} 2027`) })
    const presenceAtCell = karimsField.getByTestId('field-presence')
    await expect.poll(() => presenceAtCell.textContent()).toBe('Anouk de Vries (Gemeente Zuiderveen) bewerkt dit veld')
    expect(await karim.getByTestId('presence-list').textContent()).toMatch(/Anouk de Vries/)

    // She types without leaving the field: Karim sees the value.
    await anouksCell.pressSequentially('630.000')
    await expect.poll(() => karimsCell.inputValue()).toBe('630.000')
    await anouksCell.press('Tab')
    // Tab takes her to the next year's field, and her name with her.
    await expect.poll(() => presenceAtCell.count()).toBe(0)
    await karimsArea
      .locator('.utrecht-form-field', { has: karim.getByLabel(`Budget ${WELZIJN} 2028`) })
      .getByTestId('field-presence')
      .waitFor()

    // Karim types in the same field and stays in it; then Anouk's change arrives. His input stays, and he is told.
    await karimsCell.fill('700.000')
    await expect.poll(() => anouksCell.inputValue()).toBe('700.000')
    await anouksCell.fill('650.000')
    await anouksCell.press('Tab')
    const notice = karimsField.getByTestId('field-notice')
    await expect
      .poll(() => notice.textContent())
      .toContain(
        'Anouk de Vries (Gemeente Zuiderveen) wijzigde dit veld in €\u00a0650.000,00; uw invoer (700.000) is nog niet opgeslagen.',
      )
    expect(await karimsCell.inputValue()).toBe('700.000')
    await expectAccessible(karim)
    await notice.getByRole('button', { name: 'Mijn invoer opslaan' }).click()
    await expect.poll(() => anouksCell.inputValue()).toBe('700.000')
    expect(await notice.count()).toBe(0)

    // An invalid amount gets a Dutch error, is never shared, and survives a reload (which asks first).
    const karims2028 = karimsArea.getByLabel(`Budget ${WELZIJN} 2028`)
    await karims2028.fill('veel')
    await karims2028.press('Tab')
    const error = 'Vul een bedrag in cijfers in, bijvoorbeeld 1.234,56.'
    await karimsArea.getByText(error).waitFor()
    expect(await anouksArea.getByLabel(`Budget ${WELZIJN} 2028`).inputValue()).toBe('')
    const leaving = new Promise<string>((resolve) =>
      karim.once('dialog', (dialog) => {
        resolve(dialog.type())
        void dialog.accept()
      }),
    )
    await karim.reload()
    expect(await leaving).toBe('beforeunload')
    await karim.waitForSelector('html[data-hydrated]')
    await karim.locator('[data-testid="connection-status"][data-state="connected"]').waitFor()
    await expect.poll(() => karims2028.inputValue()).toBe('veel')
    await karimsArea.getByText(error).waitFor()
    await karimsArea.getByText('Uw eerdere invoer (veel) is nog niet opgeslagen; in het pact staat (leeg).').waitFor()
    await karims2028.fill('80.000')
    await karims2028.press('Tab')
    await expect.poll(() => anouksArea.getByLabel(`Budget ${WELZIJN} 2028`).inputValue()).toBe('80.000')

    // The page has its contents, down to each result area.
    const contents = anouk.getByRole('navigation', { name: 'Op deze pagina' })
    for (const name of ['Budgetten', 'Resultaatgebieden', TITLE, 'Risicodeling', 'Wat als?']) {
      await contents.getByRole('link', { name, exact: true }).waitFor()
    }
    await contents.getByRole('link', { name: TITLE }).click()
    await anouk.waitForURL((url) => url.hash.startsWith('#resultaatgebied-'))

    // A rule with a cap: the what-if says each party's own share, and that the cap applies.
    const addRule = anouk.getByRole('group', { name: 'Nieuwe afspraak over risicodeling' })
    await addRule.getByRole('button', { name: 'Afspraak toevoegen' }).click()
    const rule = anouk.getByRole('group', { name: 'Risicodeling: het hele pact' })
    await rule.getByLabel('Bandbreedte rond het budget (%)').fill('5')
    await rule.getByLabel('Aandeel aanbieders in een overschrijding binnen de bandbreedte (%)').fill('50')
    await rule.getByLabel('Aandeel aanbieders in een overschrijding buiten de bandbreedte (%)').fill('25')
    await rule.getByLabel('Plafond voor wat de aanbieders samen dragen (euro)').fill('10.000')
    await rule.getByLabel('Plafond voor wat de aanbieders samen dragen (euro)').press('Tab')

    const whatIf = anouk.getByTestId('what-if')
    await whatIf.getByLabel('Jaar').selectOption('2027')
    expect(await whatIf.getByLabel('Werkelijke uitgave (schuifregelaar)').getAttribute('step')).toBe('5000')
    await whatIf.getByText('In stappen van €\u00a05.000').waitFor()
    await whatIf.getByLabel('Werkelijke uitgave (euro)').fill('840.000')
    // Budget 700.000, spent 840.000: without the cap the provider would carry 17.500 + 26.250.
    await expect
      .poll(() => whatIf.getByTestId('what-if-summary').textContent())
      .toContain(`${WELZIJN} draagt €\u00a010.000,00 en Gemeente (de rest) draagt €\u00a0130.000,00`)
    expect(await whatIf.getByTestId('what-if-cap').textContent()).toContain(
      `Het plafond geldt: de aanbieders (${WELZIJN}) dragen samen niet meer dan €\u00a010.000,00; zonder plafond was dat €\u00a043.750,00.`,
    )
    await expectAccessible(anouk)

    // And the text shows the area and its budget, from the model.
    await openLive(anouk, `${pactPath}/document`)
    const budgetClause = editor.locator('.pw-clause', { has: anouk.locator('.pw-clause__title', { hasText: /^Budgetten$/ }) })
    await expect.poll(() => budgetClause.getByTestId('pact-data').textContent()).toMatch(new RegExp(`${TITLE}.*€\\s700\\.000`))
  }, 120_000)
})
