import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, gotoHydrated, launchBrowser, newPerson, signIn } from './browser.ts'
import { createPact } from './pacts.ts'

/**
 * "Alleen voorstellen": the beheerder switches the pact into suggestion-only mode while a redacteur
 * has the text open; the redacteur's next direct edit is refused with a message that says why,
 * and after a reload the editor proposes, fixed in "Voorstellen" with the reason beside it. The
 * leesversie shows the proposal only on request.
 */
let browser: Browser
let anouk: Page
let karim: Page
let pactPath: string
const PROPOSAL = ' Ook in de wijken.'

beforeAll(async () => {
  browser = await launchBrowser()
  anouk = await newPerson(browser)
  karim = await newPerson(browser)
  await signIn(anouk, 'anouk@zuiderveen.example')
  await signIn(karim, 'karim@welzijnzuiderveen.example')
  pactPath = await createPact(anouk, {
    title: 'Pact met alleen voorstellen',
    parties: [{ name: 'Stichting Welzijn Zuiderveen', kind: 'aanbieder', members: [{ person: karim, access: 'redacteur' }] }],
  })
})

afterAll(async () => {
  await browser?.close()
})

function firstParagraph(page: Page) {
  return page.getByTestId('editor').locator('.pw-clause').first().locator('.pw-clause__body p').first()
}

describe('suggestion-only mode', () => {
  it('the beheerder switches it on; the redacteur’s open editor is refused a direct edit, then proposes', async () => {
    await gotoHydrated(karim, `${pactPath}/document`)
    await firstParagraph(karim).waitFor()
    expect(await karim.getByRole('radio', { name: 'Bewerken' }).isChecked()).toBe(true)
    // An editor keeps an offline copy of the pact in the browser.
    const offlineCopy = `pactwerk-${pactPath.split('/').at(-1)}`
    const offlineCopies = () => karim.evaluate(async () => (await indexedDB.databases()).map((database) => database.name))
    await expect.poll(offlineCopies).toContain(offlineCopy)

    await gotoHydrated(anouk, `${pactPath}/instellingen`)
    await anouk.getByText('De stand staat nu uit').waitFor()
    await anouk.getByRole('button', { name: 'Alleen voorstellen aanzetten' }).click()
    await anouk.getByText('Alleen voorstellen staat aan. Elke wijziging van de tekst is nu een voorstel.').waitFor()
    await anouk.getByTestId('suggestions-only-state').getByText('De stand staat nu aan').waitFor()
    await anouk.getByTestId('pact-suggestions-only').waitFor()
    await expectAccessible(anouk)

    // The open socket follows at once: a direct edit is refused, and the editor says why and what to do.
    await firstParagraph(karim).click()
    await karim.keyboard.press('End')
    await karim.keyboard.type(' Rechtstreeks.')
    const status = karim.getByTestId('connection-status')
    await expect.poll(() => status.getAttribute('data-state')).toBe('suggestionRefused')
    expect(await status.textContent()).toContain('u kunt in dit pact alleen voorstellen doen')
    // The refused change is not kept to be sent again.
    await expect.poll(offlineCopies).not.toContain(offlineCopy)

    await Promise.all([karim.waitForEvent('load'), karim.getByRole('button', { name: 'Pagina opnieuw laden' }).click()])
    await karim.waitForSelector('html[data-hydrated]')
    await firstParagraph(karim).waitFor()
    await karim.getByTestId('suggestions-only-note').waitFor()
    const suggest = karim.getByRole('radio', { name: 'Voorstellen' })
    expect(await suggest.isChecked()).toBe(true)
    expect(await suggest.isDisabled()).toBe(true)
    expect(await karim.getByTestId('pact-suggestions-only').textContent()).toContain('Alleen voorstellen')
    expect(await firstParagraph(karim).textContent()).not.toContain('Rechtstreeks')

    await firstParagraph(karim).click()
    await karim.keyboard.press('End')
    await karim.keyboard.type(PROPOSAL)
    await firstParagraph(karim).locator('ins.pw-suggestion', { hasText: PROPOSAL.trim() }).waitFor()
    // Stored as a proposal: the beheerder sees it live.
    await gotoHydrated(anouk, `${pactPath}/document`)
    await firstParagraph(anouk).locator('ins.pw-suggestion', { hasText: PROPOSAL.trim() }).waitFor()
    expect(await status.getAttribute('data-state')).toBe('connected')
    await expectAccessible(karim)
  }, 120_000)

  it('the leesversie leaves the proposal out, and shows it marked on request', async () => {
    await gotoHydrated(karim, `${pactPath}/leesversie`)
    const text = karim.locator('.pw-read__document')
    await karim.getByText('U leest de tekst zonder open voorstellen').waitFor()
    expect(await text.textContent()).not.toContain(PROPOSAL.trim())

    await karim.getByRole('link', { name: 'Toon open voorstellen (1)' }).click()
    const proposed = text.locator('ins.pw-suggestion', { hasText: PROPOSAL.trim() })
    await proposed.waitFor()
    expect(await proposed.textContent()).toMatch(/^Voorstel van Karim .* om toe te voegen: /)
    await expectAccessible(karim)
  }, 60_000)

  it('shows the beheerder the way to switch the mode off where it stops them; a redacteur reads only why', async () => {
    const toSettings = 'Naar Instellingen, om "Alleen voorstellen" uit te zetten'
    await gotoHydrated(anouk, `${pactPath}/versies`)
    await anouk.getByTestId('restore-refusal').waitFor()
    await expectAccessible(anouk)
    await anouk.getByRole('link', { name: toSettings }).click()
    await anouk.waitForURL(`**${pactPath}/instellingen`)

    await gotoHydrated(anouk, `${pactPath}/resultaatgebieden`)
    await anouk.getByTestId('read-only-reason').first().waitFor()
    expect(await anouk.getByRole('link', { name: toSettings }).count()).toBeGreaterThan(0)
    await gotoHydrated(karim, `${pactPath}/resultaatgebieden`)
    await karim.getByTestId('read-only-reason').first().waitFor()
    expect(await karim.getByRole('link', { name: toSettings }).count()).toBe(0)
  }, 60_000)
})
