import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { expectAccessible, gotoHydrated, launchBrowser, newPerson, signIn } from './browser.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('restoring the text, on the versions page', () => {
  it('is offered to the beheerder with its consequence in words, accessibly, needs the confirmation, and is logged', async () => {
    const anouk = await newPerson(browser)
    await signIn(anouk, 'anouk@zuiderveen.example')
    // A pact of her own: other test files change the demo pact.
    const title = `Pact herstel ${Date.now().toString(36)}`
    await gotoHydrated(anouk, '/pacts/nieuw')
    await anouk.getByLabel('Titel van het pact').fill(title)
    await anouk.getByLabel('Gemeente of regio').fill('Gemeente Zuiderveen')
    await anouk.getByRole('button', { name: 'Pact aanmaken' }).click()
    await anouk.getByRole('heading', { name: title }).waitFor()
    const pactPath = new URL(anouk.url()).pathname

    await gotoHydrated(anouk, `${pactPath}/versies`)
    const section = anouk.getByRole('region', { name: 'Tekst terugzetten' })
    await section.getByLabel('Terugzetten naar').waitFor()
    await section.getByLabel(/Ik begrijp dat de huidige tekst van het pact wordt vervangen/).waitFor()
    await expectAccessible(anouk)

    await section.getByRole('button', { name: 'Tekst terugzetten naar deze versie' }).click()
    await section.getByText('Bevestig dat de huidige tekst wordt vervangen.').waitFor()
    await expectAccessible(anouk)

    // Without versions, the text can be put back to its readable part; the pact reads as before.
    await section.getByLabel(/Ik begrijp dat de huidige tekst van het pact wordt vervangen/).check()
    await section.getByRole('button', { name: 'Tekst terugzetten naar deze versie' }).click()
    await section.getByRole('status').getByText('De tekst is teruggezet.').waitFor()
    await gotoHydrated(anouk, `${pactPath}/leesversie`)
    await anouk.getByRole('heading', { name: 'Partijen en looptijd' }).waitFor()
    await gotoHydrated(anouk, `${pactPath}/logboek`)
    await anouk.getByRole('cell', { name: 'Tekst teruggezet' }).waitFor()
  }, 60_000)
})
