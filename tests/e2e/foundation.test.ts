import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, gotoHydrated, launchBrowser, newPerson } from './browser.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const PASSWORD = 'samen sterk in zuiderveen'

/** Sign-up says the same whether or not the address had an account, and continues to sign-in. */
async function continueToSignIn(page: Page, email: string) {
  await page.getByText('Log in met uw e-mailadres en het wachtwoord dat u koos.').waitFor()
  await page.waitForSelector('html[data-hydrated]')
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill(PASSWORD)
  await page.getByRole('button', { name: 'Inloggen' }).click()
}

describe('from sign-up to a second person at the table', () => {
  it('signs up, creates an organisation and a pact, invites someone who joins as lezer', async () => {
    const owner = await newPerson(browser)
    // The Content-Security-Policy must not block anything the app itself does.
    const refusedByPolicy: string[] = []
    owner.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) refusedByPolicy.push(message.text())
    })
    await gotoHydrated(owner, '/aanmelden')
    await expectAccessible(owner)

    // Bad input first: the form says what is wrong, in Dutch.
    await owner.getByLabel('Naam').fill('Fatima Ouali')
    await owner.getByLabel('E-mailadres').fill('fatima@')
    await owner.getByLabel('Wachtwoord').fill('kort')
    await owner.getByRole('button', { name: 'Account aanmaken' }).click()
    await owner.getByText('Vul een geldig e-mailadres in').waitFor()
    await owner.getByText('Kies een wachtwoord van minimaal 12 tekens.').waitFor()

    await owner.getByLabel('E-mailadres').fill('fatima@gemeente-oostwold.example')
    await owner.getByLabel('Wachtwoord').fill(PASSWORD)
    await owner.getByRole('button', { name: 'Account aanmaken' }).click()
    await continueToSignIn(owner, 'fatima@gemeente-oostwold.example')
    await owner.waitForURL('**/pacts')
    await owner.getByRole('heading', { name: 'Mijn pacten' }).waitFor()

    await gotoHydrated(owner, '/organisaties')
    await owner.getByLabel('Naam van de organisatie').fill('Gemeente Oostwold')
    await owner.getByLabel('Soort organisatie').selectOption('gemeente')
    await owner.getByRole('button', { name: 'Organisatie aanmaken' }).click()
    await owner.getByRole('heading', { name: 'Gemeente Oostwold' }).waitFor()
    await expectAccessible(owner)

    await gotoHydrated(owner, '/pacts/nieuw')
    await owner.getByLabel('Titel van het pact').fill('Pact Oostwold')
    await owner.getByLabel('Gemeente of regio').fill('Gemeente Oostwold')
    await owner.getByLabel('Van (jaar)').fill('2030')
    await owner.getByLabel('Tot en met (jaar)').fill('2028')
    await owner.getByRole('button', { name: 'Pact aanmaken' }).click()
    await owner.getByText('Het eindjaar ligt vóór het beginjaar.').waitFor()
    await owner.getByLabel('Tot en met (jaar)').fill('2033')
    await owner.getByRole('button', { name: 'Pact aanmaken' }).click()
    await owner.getByRole('heading', { name: 'Pact Oostwold' }).waitFor()
    await owner.getByText('Concept').first().waitFor()
    await expectAccessible(owner)
    const pactUrl = owner.url()

    await owner.getByRole('link', { name: 'Instellingen' }).click()
    await owner.getByRole('heading', { name: 'Instellingen' }).waitFor()
    await owner.getByLabel('Naam van de organisatie').fill('Wijkteam Oostwold')
    await owner.getByLabel('Soort organisatie').selectOption('aanbieder')
    await owner.getByRole('button', { name: 'Partij toevoegen' }).click()
    await owner.getByText('De partij is toegevoegd.').waitFor()
    await owner.getByLabel('Partij', { exact: true }).selectOption({ label: 'Wijkteam Oostwold' })
    await owner.getByLabel('Toegang', { exact: true }).selectOption('lezer')
    await owner.getByRole('button', { name: 'Uitnodigingslink maken' }).click()
    const link = await owner.getByTestId('invitation-link').inputValue()
    expect(link).toMatch(/\/uitnodiging\/[a-z2-7]{32}$/)
    await expectAccessible(owner)

    // The second person, in another browser context, opens the link and signs up.
    const guest = await newPerson(browser)
    await gotoHydrated(guest, new URL(link).pathname)
    await guest.getByText('U bent uitgenodigd voor het pact “Pact Oostwold” namens Wijkteam Oostwold, als Lezer.').waitFor()
    await guest.getByRole('main').getByRole('link', { name: 'Account aanmaken' }).click()
    await guest.getByRole('heading', { name: 'Account aanmaken' }).waitFor()
    await guest.waitForSelector('html[data-hydrated]')
    await guest.getByLabel('Naam').fill('Joost Wijkteam')
    await guest.getByLabel('E-mailadres').fill('joost@wijkteam-oostwold.example')
    await guest.getByLabel('Wachtwoord').fill(PASSWORD)
    await guest.getByRole('button', { name: 'Account aanmaken' }).click()
    await continueToSignIn(guest, 'joost@wijkteam-oostwold.example')
    await guest.getByRole('button', { name: 'Uitnodiging aannemen' }).click()
    await guest.waitForURL(pactUrl)
    await guest.getByRole('heading', { name: 'Pact Oostwold' }).waitFor()
    const row = guest.getByRole('row', { name: /Joost Wijkteam/ })
    expect(await row.textContent()).toContain('Lezer')
    expect(await guest.getByRole('link', { name: 'Instellingen' }).count()).toBe(0)

    // A lezer cannot reach the settings page by typing its address.
    await guest.goto(`${new URL(pactUrl).pathname}/instellingen`)
    await guest.getByRole('heading', { name: 'Geen toegang' }).waitFor()

    // The link worked once.
    const third = await newPerson(browser)
    await gotoHydrated(third, new URL(link).pathname)
    await third.getByText('Deze uitnodiging is al gebruikt.').waitFor()

    // Signing out ends the session: the pact is out of reach until signing in again.
    await gotoHydrated(guest, '/pacts')
    await guest.getByRole('button', { name: 'Uitloggen' }).click()
    await guest.getByText('U bent uitgelogd.').waitFor()
    await guest.goto(new URL(pactUrl).pathname)
    await guest.waitForURL(/\/inloggen\?redirectTo=/)
    expect(refusedByPolicy).toEqual([])
  })
})
