import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseURL, expectAccessible, gotoHydrated, launchBrowser, newPerson, signIn } from './browser.ts'
import { createPact } from './pacts.ts'

/**
 * Suggestions at the table: the adviesraad's commentator proposes a sentence in a clause in
 * "Voorstellen"; the gemeente's beheerder sees it live in the adviesraad's colour, cannot approve
 * the clause while it is open, accepts it; the clause's approval reopens; the logboek shows both.
 */
let browser: Browser
let anouk: Page
let henk: Page
let pactPath: string
const PROPOSAL = ' De adviesraad wordt elk kwartaal gehoord.'

beforeAll(async () => {
  browser = await launchBrowser()
  anouk = await newPerson(browser)
  henk = await newPerson(browser)
  await signIn(anouk, 'anouk@zuiderveen.example')
  await signIn(henk, 'henk@adviesraad-zuiderveen.example')
  pactPath = await createPact(anouk, {
    title: 'Pact met voorstellen',
    parties: [
      {
        name: 'Adviesraad Sociaal Domein Zuiderveen',
        kind: 'inwoners',
        signs: false,
        members: [{ person: henk, access: 'commentator' }],
      },
    ],
  })
})

afterAll(async () => {
  await browser?.close()
})

function firstClause(page: Page) {
  return page.getByTestId('editor').locator('.pw-clause').first()
}

/** Puts the caret at the start or end of a paragraph in the editor, wherever its lines wrap (End goes to a line's end). */
async function caretAt(paragraph: Locator, where: 'start' | 'end') {
  await paragraph.evaluate((element, atStart) => {
    const range = document.createRange()
    range.selectNodeContents(element)
    range.collapse(atStart)
    document.getSelection()?.removeAllRanges()
    document.getSelection()?.addRange(range)
  }, where === 'start')
}

/** The first clause's page, as the matrix links it. */
async function firstClausePath(page: Page): Promise<string> {
  const html = await (await page.request.get(`${pactPath}/akkoord`)).text()
  return html.match(/href="([^"]*\/artikelen\/[^"#]+)"/)![1]!
}

/** The first clause's page, approved by the gemeente's signatory as a browser without JavaScript would. */
async function approveFirstClause(page: Page): Promise<{ path: string; status: number }> {
  const path = await firstClausePath(page)
  const form = await (await page.request.get(path)).text()
  const seenHash = form.match(/name="seenHash" value="([0-9a-f]{64})"/)![1]!
  const partyId = form.match(/name="partyId" value="([^"]+)"/)![1]!
  const response = await page.request.post(path, {
    form: { intent: 'decide', partyId, decision: 'akkoord', seenHash },
    headers: { Origin: baseURL() },
  })
  return { path, status: response.status() }
}

/**
 * Walks the gemeente's review flow: on the item with open suggestions it asks for a change about the
 * one whose text starts with `proposed`, leaves the other items without a choice, and records it.
 */
async function requestChangeInReview(page: Page, proposed: string) {
  await gotoHydrated(page, `${pactPath}/akkoord/beoordelen`)
  const position = await page.locator('[data-testid="review-item"]:not([hidden]) .pw-meta').first().textContent()
  const count = Number(position!.match(/van (\d+)/)![1])
  for (let index = 0; index < count; index++) {
    const item = page.locator('[data-testid="review-item"]:not([hidden])')
    await item.getByText(`Artikel ${index + 1} van ${count}`).waitFor()
    if ((await item.getByTestId('open-suggestions').count()) > 0) {
      await item
        .getByRole('group', { name: 'Uw keuze voor dit artikel' })
        .getByLabel('Wijziging gevraagd', { exact: true })
        .check()
      const about = item.getByRole('group', { name: /^Over welk voorstel gaat uw vraag om wijziging/ })
      await about.getByLabel(new RegExp(`voorstel van Henk Bosman, “${proposed}`)).check()
      await expectAccessible(page)
    }
    await item.getByRole('button', { name: index + 1 < count ? 'Volgend artikel' : 'Naar het overzicht' }).click()
  }
  await page.getByRole('row', { name: /Wijziging gevraagd: voorstel van Henk Bosman/ }).waitFor()
  await page.getByRole('button', { name: 'Dit besluit vastleggen' }).click()
  await page.getByText('Uw besluit over 1 artikel is vastgelegd.', { exact: false }).waitFor()
}

describe('suggestions', () => {
  it('the commentator proposes a sentence; the beheerder sees it live, accepts it, and the approval reopens', async () => {
    await gotoHydrated(anouk, `${pactPath}/akkoord`)
    const card = anouk.locator('.pw-card', { has: anouk.getByRole('heading', { name: 'Gemeente Zuiderveen', exact: true }) })
    await card.getByLabel('Persoon van Gemeente Zuiderveen').selectOption({ label: 'Anouk de Vries' })
    await card.getByRole('button', { name: 'Aanwijzen' }).click()
    await card.getByRole('listitem').filter({ hasText: 'Anouk de Vries' }).waitFor()
    const approved = await approveFirstClause(anouk)
    expect(approved.status).toBe(200)

    await gotoHydrated(anouk, `${pactPath}/document`)
    await firstClause(anouk).waitFor()
    await gotoHydrated(henk, `${pactPath}/document`)
    await henk.getByText('U kunt de tekst niet rechtstreeks wijzigen, maar wel voorstellen doen').waitFor()
    const paragraph = firstClause(henk).locator('.pw-clause__body p').first()
    await paragraph.click()
    await henk.keyboard.press('End')
    await henk.keyboard.type(PROPOSAL)

    // Live at the beheerder's, marked as a proposal in the adviesraad's colour, and listed per clause.
    const proposed = firstClause(anouk).locator('ins.pw-suggestion', { hasText: PROPOSAL.trim() })
    await proposed.waitFor()
    expect(await proposed.getAttribute('style')).toMatch(/--pw-suggestion-color: #[0-9a-f]{6}/)
    const panel = anouk.getByTestId('suggestions')
    await panel.getByRole('heading', { name: /^1 voorstel in / }).waitFor()
    await panel.getByText('Henk Bosman (Adviesraad Sociaal Domein Zuiderveen) stelt voor toe te voegen:').waitFor()
    await expectAccessible(anouk)
    await expectAccessible(henk)

    // The clause cannot be approved while the proposal is open.
    expect((await approveFirstClause(anouk)).status).toBe(409)

    await panel.getByRole('button', { name: 'Aannemen' }).click()
    await firstClause(anouk).getByText(PROPOSAL.trim()).waitFor()
    await expect.poll(() => firstClause(anouk).locator('ins.pw-suggestion').count()).toBe(0)
    await firstClause(henk).locator('ins.pw-suggestion').waitFor({ state: 'detached' })
    await panel.getByText('Er staan geen voorstellen open.').waitFor()

    // Accepting changed the clause: the gemeente's approval no longer holds.
    await gotoHydrated(anouk, approved.path)
    await anouk.getByText(PROPOSAL.trim()).first().waitFor()
    await gotoHydrated(anouk, `${pactPath}/akkoord`)
    await expect
      .poll(async () =>
        (await anouk.getByTestId('sign-off-matrix').locator('tbody tr').first().locator('td').allTextContents()).join(),
      )
      .toContain('Gewijzigd na akkoord')

    await gotoHydrated(anouk, `${pactPath}/logboek`)
    const audit = anouk.getByTestId('audit')
    await audit.getByText('Voorstel aangenomen').waitFor()
    await audit.getByText(PROPOSAL.trim()).waitFor()
  }, 120_000)

  it('shows which clauses have open comments, in the matrix and the editor, with the author’s organisation', async () => {
    const clausePath = await firstClausePath(anouk)
    await gotoHydrated(henk, clausePath)
    await henk.getByLabel('Nieuwe reactie').fill('Graag ook de jongerenraad horen.')
    await henk.getByRole('button', { name: 'Reactie plaatsen' }).click()
    await henk.getByTestId('threads').getByText('Graag ook de jongerenraad horen.').waitFor()

    await gotoHydrated(anouk, `${pactPath}/akkoord`)
    await anouk.getByTestId('sign-off-matrix').getByRole('link', { name: '1 open reactie' }).click()
    await anouk.waitForURL((url) => url.pathname === clausePath)
    await anouk.getByTestId('threads').getByText('Henk Bosman (Adviesraad Sociaal Domein Zuiderveen)').waitFor()

    await gotoHydrated(anouk, `${pactPath}/document`)
    const counts = anouk.getByTestId('comment-counts')
    await counts.getByRole('link', { name: /^1 open reactie bij / }).click()
    await anouk.waitForURL((url) => url.pathname === clausePath)
    await expectAccessible(anouk)
  }, 60_000)

  it('shows two proposals on the clause page, with a thread; the gemeente accepts all of Henk’s at once', async () => {
    const clausePath = await firstClausePath(anouk)
    await gotoHydrated(henk, `${pactPath}/document`)
    const paragraph = firstClause(henk).locator('.pw-clause__body p').first()
    await paragraph.click()
    await caretAt(paragraph, 'end')
    await henk.keyboard.type(' Ook de jongerenraad.')
    await caretAt(paragraph, 'start')
    await henk.keyboard.type('Voortaan: ')
    await expect.poll(() => firstClause(henk).locator('ins.pw-suggestion').count()).toBe(2)

    // Where the gemeente signs off: both proposals, who made them, and why the clause cannot be approved yet.
    await gotoHydrated(henk, clausePath)
    const open = henk.getByTestId('open-suggestions')
    await open.getByText('In dit artikel staan 2 voorstellen open.', { exact: false }).waitFor()
    const first = open.getByRole('listitem').filter({ hasText: 'Ook de jongerenraad.' })
    await first.getByLabel('Reactie op dit voorstel').fill('Zij vroegen er zelf om.')
    await first.getByRole('button', { name: 'Reageren op dit voorstel' }).click()
    await first.getByTestId('threads').getByText('Zij vroegen er zelf om.').waitFor()

    await gotoHydrated(anouk, clausePath)
    const shown = anouk.getByTestId('open-suggestions')
    await shown.getByText('Henk Bosman (Adviesraad Sociaal Domein Zuiderveen) stelt voor toe te voegen:').first().waitFor()
    expect(await shown.locator('ins').allTextContents()).toEqual([
      expect.stringContaining('Voortaan:'),
      expect.stringContaining('Ook de jongerenraad.'),
    ])
    await shown.getByText('Zij vroegen er zelf om.').waitFor()
    await expectAccessible(anouk)

    // In the review flow the gemeente asks for a change, pointing at Henk's "Voortaan:"; the matrix says so.
    await requestChangeInReview(anouk, 'Voortaan:')
    await gotoHydrated(anouk, `${pactPath}/akkoord`)
    await anouk
      .getByTestId('sign-off-matrix')
      .getByRole('row', { name: /Wijziging gevraagd over het voorstel van Henk Bosman/ })
      .waitFor()
    await expectAccessible(anouk)

    await gotoHydrated(anouk, clausePath)
    await anouk
      .getByTestId('open-suggestions')
      .getByRole('link', { name: 'Over deze voorstellen beslissen in de editor' })
      .click()
    await anouk.waitForURL((url) => url.pathname === `${pactPath}/document` && url.hash.startsWith('#voorstellen-'))
    const panel = anouk.getByTestId('suggestions-by-person')
    await panel.getByText('Henk Bosman (Adviesraad Sociaal Domein Zuiderveen): 2 voorstellen').waitFor()
    await panel
      .getByRole('button', { name: 'Alle voorstellen van Henk Bosman (Adviesraad Sociaal Domein Zuiderveen) aannemen' })
      .click()
    const dialog = anouk.getByRole('dialog', {
      name: 'Alle 2 voorstellen van Henk Bosman (Adviesraad Sociaal Domein Zuiderveen) aannemen?',
    })
    await dialog.waitFor()
    await expectAccessible(anouk)
    await dialog.getByRole('button', { name: '2 voorstellen aannemen' }).click()
    await anouk.getByTestId('suggestions').getByText('Er staan geen voorstellen open.').waitFor()
    await firstClause(anouk).getByText('Ook de jongerenraad.').waitFor()

    // Gone from the clause page; the thread stays, about the accepted proposal.
    await expect
      .poll(async () => {
        await gotoHydrated(anouk, clausePath)
        return anouk.getByTestId('threads').getByText('Over een aangenomen voorstel:').count()
      })
      .toBe(2)
    expect(await anouk.getByTestId('open-suggestions').count()).toBe(0)
    await anouk.getByTestId('clause-text').getByText('Voortaan:', { exact: false }).waitFor()
    await expectAccessible(anouk)
  }, 120_000)
})
