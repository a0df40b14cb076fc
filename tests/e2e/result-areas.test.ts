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

const DEMO_PACT = 'Pact voor de Transformatie Zuiderveen 2027–2030'
const WELZIJN = 'Stichting Welzijn Zuiderveen'
const JEUGDHULP = 'Jeugdhulp De Brug'

async function demoPactPath(page: Page): Promise<string> {
  await gotoHydrated(page, '/pacts')
  const href = await page.getByRole('link', { name: DEMO_PACT }).first().getAttribute('href')
  expect(href).toMatch(/^\/pacts\/[a-z0-9]+$/)
  return href!
}

/** The page is live once it is connected and shows the shared model (its editing forms). */
async function openLive(page: Page, path: string) {
  await gotoHydrated(page, path)
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor()
}

describe('result areas, budgets and risk sharing', () => {
  it('are edited by two people at once, settle the worked example, and show live inside the text', async () => {
    const title = 'Wijkgericht werken'
    const anouk = await newPerson(browser)
    await signIn(anouk, 'anouk@zuiderveen.example')
    const karim = await newPerson(browser)
    await signIn(karim, 'karim@welzijnzuiderveen.example')
    const pactPath = await createPact(anouk, {
      title: 'Pact resultaatgebieden',
      parties: [{ name: WELZIJN, members: [{ person: karim, access: 'redacteur' }] }, { name: JEUGDHULP }],
    })
    await openLive(anouk, `${pactPath}/resultaatgebieden`)
    await openLive(karim, `${pactPath}/resultaatgebieden`)

    // A result area needs a title.
    const addArea = anouk.getByRole('group', { name: 'Nieuw resultaatgebied' })
    await addArea.getByRole('button', { name: 'Resultaatgebied toevoegen' }).click()
    await addArea.getByText('Geef het resultaatgebied een titel.').waitFor()
    await addArea.getByLabel('Titel').fill(title)
    await addArea.getByRole('button', { name: 'Resultaatgebied toevoegen' }).click()
    const area = anouk.getByRole('region', { name: new RegExp(title) })
    await area.waitFor()

    await area.getByRole('group', { name: 'Verantwoordelijke partijen' }).getByLabel(WELZIJN).check()
    await area.getByRole('group', { name: 'Verantwoordelijke partijen' }).getByLabel(JEUGDHULP).check()
    await area.getByLabel(`Budget ${WELZIJN} 2027`).fill('750.000')
    const started = Date.now()
    await area.getByLabel(`Budget ${JEUGDHULP} 2027`).fill('250.000')

    // Karim sees the totals change while Anouk types.
    const karimsRow = karim.getByTestId('budget-table').getByRole('row', { name: new RegExp(title) })
    await expect.poll(() => karimsRow.textContent(), { timeout: 2_000, interval: 50 }).toMatch(/€\s1\.000\.000/)
    expect(Date.now() - started).toBeLessThan(2_000)

    // Bad amounts are refused in Dutch and never reach the others.
    const cell2028 = area.getByLabel(`Budget ${JEUGDHULP} 2028`)
    for (const [input, message] of [
      ['1,234.56', 'Gebruik Nederlandse notatie: 1.234,56 (punt voor duizendtallen, komma voor centen).'],
      ['-5', 'Het bedrag mag niet negatief zijn.'],
      ['veel', 'Vul een bedrag in cijfers in, bijvoorbeeld 1.234,56.'],
    ]) {
      await cell2028.fill(input!)
      await cell2028.press('Tab')
      await area.getByText(message!).waitFor()
      expect(await cell2028.getAttribute('aria-invalid')).toBe('true')
    }
    await cell2028.fill('')
    await cell2028.press('Tab')
    expect(await karimsRow.textContent()).toMatch(/€\s1\.000\.000/)

    // An indicator needs a unit.
    await area.locator('summary', { hasText: 'Indicator toevoegen' }).click()
    const addIndicator = area.getByRole('group', { name: `Nieuwe indicator bij ${title}` })
    await addIndicator.getByLabel('Naam').fill('Huishoudens met een vast aanspreekpunt')
    await addIndicator.getByRole('button', { name: 'Indicator toevoegen' }).click()
    await addIndicator.getByText('Geef de eenheid van de indicator op').waitFor()
    await addIndicator.getByLabel('Eenheid').fill('%')
    await addIndicator.getByRole('button', { name: 'Indicator toevoegen' }).click()
    await area.getByText('Huishoudens met een vast aanspreekpunt (%)').waitFor()

    // A risk-sharing rule for this area: the first worked example.
    const addRule = anouk.getByRole('group', { name: 'Nieuwe afspraak over risicodeling' })
    await addRule.getByLabel('Geldt voor').selectOption({ label: title })
    await addRule.getByRole('button', { name: 'Afspraak toevoegen' }).click()
    const rule = anouk.getByRole('group', { name: `Risicodeling: ${title}` })
    const corridor = rule.getByLabel('Bandbreedte rond het budget (%)')
    await corridor.fill('120')
    await corridor.press('Tab')
    await rule.getByText('Vul een percentage van 0 tot en met 100 in.').waitFor()
    await corridor.fill('5')
    await rule.getByLabel('Aandeel aanbieders in een overschrijding binnen de bandbreedte (%)').fill('50')
    await rule.getByLabel('Aandeel aanbieders in een overschrijding buiten de bandbreedte (%)').fill('25')
    await rule.getByLabel('Met vaste gewichten').check()
    await rule.getByLabel(`Gewicht ${WELZIJN}`).fill('3')
    await rule.getByLabel(`Gewicht ${JEUGDHULP}`).fill('1')

    // What if 1.080.000 is spent on a budget of 1.000.000?
    const whatIf = anouk.getByTestId('what-if')
    await whatIf.getByLabel('Onderdeel').selectOption({ label: title })
    await whatIf.getByLabel('Jaar').selectOption('2027')
    await whatIf.getByLabel('Werkelijke uitgave (euro)').fill('1.080.000')
    await expect.poll(() => whatIf.getByTestId('what-if-summary').textContent()).toMatch(/De aanbieders samen: €\s32\.500,00/)
    const settlement = whatIf.getByTestId('what-if-table')
    expect(await settlement.getByRole('row', { name: new RegExp(WELZIJN) }).textContent()).toMatch(/€\s24\.375,00/)
    expect(await settlement.getByRole('row', { name: new RegExp(JEUGDHULP) }).textContent()).toMatch(/€\s8\.125,00/)
    expect(await settlement.getByRole('row', { name: /Gemeente/ }).textContent()).toMatch(/€\s47\.500,00/)
    // The bar chart's code is fetched only once a chart is drawn (what-if-chart.tsx); then it is drawn.
    await expect.poll(() => whatIf.locator('.pw-chart svg.recharts-surface').count()).toBe(1)
    await expectAccessible(anouk)

    // In the text, a clause shows the area's budget, and follows Karim's change live.
    await openLive(anouk, `${pactPath}/document`)
    const editor = anouk.getByTestId('editor')
    await editor.locator('.pw-clause__title').last().waitFor()
    await anouk.getByLabel('Soort nieuwe clausule').selectOption('budget')
    await editor.locator('.pw-clause__title').last().click()
    await anouk.keyboard.press('End')
    await anouk.getByRole('button', { name: 'Clausule invoegen' }).click()
    await anouk.keyboard.type(`Budget ${title}`)
    await anouk.getByLabel('Gegevens in dit artikel').selectOption({ label: `Resultaatgebied: ${title}` })
    await anouk.getByRole('button', { name: /^Gegevens invoegen/ }).click()
    // Its own block, not the template's blocks that show every area.
    const block = editor.locator('[data-testid="pact-data"][data-pact-data-kind="result-area"]', { hasText: title })
    const blockBudget = block.getByRole('table').first()
    await expect.poll(() => blockBudget.textContent()).toMatch(/Totaal€\s1\.000\.000/)

    await karim
      .getByRole('region', { name: new RegExp(title) })
      .getByLabel(`Budget ${WELZIJN} 2027`)
      .fill('800.000')
    await expect.poll(() => blockBudget.textContent(), { timeout: 2_000, interval: 50 }).toMatch(/€\s1\.050\.000/)
    await expectAccessible(anouk)

    // The clause and the area can go again, for everyone.
    await block.click()
    await anouk.getByRole('button', { name: 'Clausule verwijderen' }).click()
    await expect.poll(() => block.count()).toBe(0)
    await openLive(anouk, `${pactPath}/resultaatgebieden`)
    await anouk
      .getByRole('region', { name: new RegExp(title) })
      .getByRole('button', { name: `Verwijderen: ${title}` })
      .click()
    await anouk.getByRole('button', { name: 'Ja, verwijderen' }).click()
    await expect.poll(() => karim.getByRole('region', { name: new RegExp(title) }).count()).toBe(0)
  })

  it('opens and closes each result area from its heading, all closed beyond three, and a link opens one', async () => {
    const anouk = await newPerson(browser)
    await signIn(anouk, 'anouk@zuiderveen.example')
    const pactPath = await createPact(anouk, { title: 'Pact met vier resultaatgebieden' })
    await openLive(anouk, `${pactPath}/resultaatgebieden`)
    const addArea = anouk.getByRole('group', { name: 'Nieuw resultaatgebied' })
    const titles = ['Wonen', 'Werk', 'Zorg', 'Schulden']
    for (const title of titles) {
      await addArea.getByLabel('Titel').fill(title)
      await addArea.getByRole('button', { name: 'Resultaatgebied toevoegen' }).click()
      await anouk.getByRole('region', { name: new RegExp(title) }).waitFor()
    }
    // Added here, each one is open for its fields.
    const toggle = (title: string) => anouk.getByRole('button', { name: new RegExp(`^\\d+\\. ${title} totaal`) })
    await anouk.getByRole('region', { name: /Wonen/ }).getByLabel('Doelgroep').fill('Jongeren')
    expect(await toggle('Wonen').getAttribute('aria-expanded')).toBe('true')

    // Four areas: read again, each shows only its name and total.
    await openLive(anouk, `${pactPath}/resultaatgebieden`)
    for (const title of titles) expect(await toggle(title).getAttribute('aria-expanded')).toBe('false')
    expect(await toggle('Wonen').textContent()).toMatch(/totaal €\s0/)
    expect(await anouk.getByRole('region', { name: /Wonen/ }).getByLabel('Doelgroep').isVisible()).toBe(false)
    await expectAccessible(anouk)

    await toggle('Wonen').click()
    const wonen = anouk.getByRole('region', { name: /Wonen/ })
    await wonen.getByRole('group', { name: 'Verantwoordelijke partijen' }).getByLabel('Gemeente Zuiderveen').check()
    await wonen.getByLabel('Budget Gemeente Zuiderveen 2027').fill('12.500')
    await expect.poll(() => toggle('Wonen').textContent()).toMatch(/totaal €\s12\.500/)
    await toggle('Wonen').click()
    expect(await wonen.getByLabel('Doelgroep').isVisible()).toBe(false)

    await anouk.getByRole('button', { name: 'Alles openen' }).click()
    for (const title of titles) expect(await toggle(title).getAttribute('aria-expanded')).toBe('true')
    await anouk.getByRole('button', { name: 'Alles sluiten' }).click()
    for (const title of titles) expect(await toggle(title).getAttribute('aria-expanded')).toBe('false')

    // The page's contents lead into a closed area, and open it.
    await anouk.getByRole('navigation', { name: 'Op deze pagina' }).getByRole('link', { name: 'Zorg' }).click()
    await anouk.getByRole('region', { name: /Zorg/ }).getByLabel('Doelgroep').waitFor()
    expect(await toggle('Zorg').getAttribute('aria-expanded')).toBe('true')
    await expectAccessible(anouk)
  })

  // The demo pact as seeded, only read: no e2e file changes it.
  it('shows the demo budgets to a commentator without editing, and without JavaScript from the projection', async () => {
    const henk = await newPerson(browser)
    await signIn(henk, 'henk@adviesraad-zuiderveen.example')
    const pactPath = await demoPactPath(henk)
    await openLive(henk, `${pactPath}/resultaatgebieden`)
    // The real reason: the role, not the pact's status.
    await henk.getByTestId('read-only-reason').getByText('u heeft in dit pact de rol Commentator', { exact: false }).waitFor()
    for (const section of ['Resultaatgebieden', 'Risicodeling']) {
      expect(await henk.getByRole('region', { name: section, exact: true }).getByRole('textbox').count()).toBe(0)
    }
    expect(
      await henk
        .getByTestId('budget-table')
        .getByRole('row', { name: /Jeugdigen met een complexe hulpvraag/ })
        .textContent(),
    ).toMatch(/€\s5\.270\.000/)
    await expectAccessible(henk)

    const noScript = await browser.newContext({ javaScriptEnabled: false, baseURL: new URL(henk.url()).origin })
    await noScript.addCookies(await henk.context().cookies())
    const page = await noScript.newPage()
    await page.goto(`${pactPath}/resultaatgebieden`)
    expect(
      await page
        .getByTestId('budget-table')
        .getByRole('row', { name: /Jeugdigen met een complexe hulpvraag/ })
        .first()
        .textContent(),
    ).toMatch(/€\s20\.660\.000/)
    await noScript.close()
  })
})
