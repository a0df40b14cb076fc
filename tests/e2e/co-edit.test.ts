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

async function openDocument(page: Page, pactPath: string) {
  await gotoHydrated(page, `${pactPath}/document`)
  await page.getByTestId('connection-status').and(page.locator('[data-state="connected"]')).waitFor()
  await page.getByTestId('editor').getByText('Waarom dit pact').first().waitFor()
}

/** Puts the caret at the end of the first paragraph of the first clause and types. */
async function typeInFirstClause(page: Page, text: string) {
  await page.getByTestId('editor').locator('section.pw-clause p').first().click()
  await page.keyboard.press('End')
  await page.keyboard.type(text)
}

describe('writing the pact together', () => {
  it('shows each other’s words and carets live, keeps offline edits, and keeps readers read-only', async () => {
    const anouk = await newPerson(browser)
    await signIn(anouk, 'anouk@zuiderveen.example')
    const karim = await newPerson(browser)
    await signIn(karim, 'karim@welzijnzuiderveen.example')
    const henk = await newPerson(browser)
    await signIn(henk, 'henk@adviesraad-zuiderveen.example')
    const pactPath = await createPact(anouk, {
      title: 'Pact samen schrijven',
      parties: [
        { name: 'Welzijn Samen', members: [{ person: karim, access: 'redacteur' }] },
        { name: 'Bewonersraad Samen', kind: 'inwoners', signs: false, members: [{ person: henk, access: 'lezer' }] },
      ],
    })

    await openDocument(anouk, pactPath)
    await openDocument(karim, pactPath)
    await expectAccessible(anouk)

    // Both see who is here.
    await anouk.getByTestId('presence-list').getByText('Karim El Amrani').waitFor()
    await karim.getByTestId('presence-list').getByText('Anouk de Vries').waitFor()

    // Anouk types; Karim sees the words within 2 s, and Anouk's caret with her name.
    await typeInFirstClause(anouk, ' Samen met de wijkteams.')
    await karim.getByTestId('editor').getByText('Samen met de wijkteams.', { exact: false }).waitFor({ timeout: 2_000 })
    await karim
      .locator('.collaboration-carets__label, .collaboration-caret__label')
      .getByText('Anouk de Vries', { exact: false })
      .first()
      .waitFor({ timeout: 2_000 })

    // Karim types at the same time; both end up with both sentences.
    await typeInFirstClause(karim, ' Met inwoners aan tafel.')
    for (const page of [anouk, karim]) {
      await page.getByTestId('editor').getByText('Met inwoners aan tafel.', { exact: false }).waitFor({ timeout: 2_000 })
    }

    // Henk, a lezer, sees the text but cannot change it.
    await openDocument(henk, pactPath)
    await henk.getByTestId('editor').getByText('Met inwoners aan tafel.', { exact: false }).waitFor()
    expect(await henk.getByTestId('editor').getAttribute('contenteditable')).toBe('false')
    expect(await henk.getByRole('toolbar').count()).toBe(0)
    await henk.getByTestId('editor').locator('section.pw-clause p').first().click()
    await henk.keyboard.type('Dit mag niet')
    expect(await henk.getByTestId('editor').textContent()).not.toContain('Dit mag niet')

    // Karim goes offline, keeps writing, and his words arrive when he is back.
    await karim.context().setOffline(true)
    await karim.getByTestId('connection-status').and(karim.locator('[data-state="offline"]')).waitFor()
    await typeInFirstClause(karim, ' Offline geschreven.')
    await karim.context().setOffline(false)
    await anouk.getByTestId('editor').getByText('Offline geschreven.', { exact: false }).waitFor({ timeout: 10_000 })

    // A reload shows everything, from the server.
    await anouk.reload()
    await anouk.waitForSelector('html[data-hydrated]')
    for (const sentence of ['Samen met de wijkteams.', 'Met inwoners aan tafel.', 'Offline geschreven.']) {
      await anouk.getByTestId('editor').getByText(sentence, { exact: false }).waitFor()
    }

    // The leesversie renders the same text on the server, without JavaScript.
    const html = await (await anouk.request.get(`${pactPath}/leesversie`)).text()
    expect(html).toContain('Offline geschreven.')

    // Signing out forgets the browser's offline copy, so a shared laptop keeps no pact text.
    const offlineCopies = () =>
      karim.evaluate(async () =>
        (await indexedDB.databases()).map((db) => db.name).filter((name) => name?.startsWith('pactwerk-')),
      )
    expect(await offlineCopies()).toHaveLength(1)
    await karim.getByRole('button', { name: 'Uitloggen' }).click()
    await karim.getByText('U bent uitgelogd.').waitFor()
    await expect.poll(offlineCopies).toEqual([])
  })
})
