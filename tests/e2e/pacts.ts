import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { AccessLevel } from '#app/access/access.ts'
import type { OrganisationKind } from '#app/organisations/organisation.ts'
import { baseURL, gotoHydrated } from './browser.ts'

export interface PartyPlan {
  name: string
  kind?: OrganisationKind
  /** Signing parties get a column in the sign-off matrix; true unless said otherwise. */
  signs?: boolean
  /** People (each signed in on their own page) invited for this party, who accept. */
  members?: Array<{ person: Page; access: AccessLevel }>
}

/**
 * A pact of the test file's own, made through the app's pages the way people make one: the owner
 * creates it (their first organisation becomes its first party), adds the other parties and
 * invites their people, who accept. No e2e file works on a pact another file changes, so none has
 * to allow for what the others do.
 */
export async function createPact(
  owner: Page,
  { title, parties = [], years = [2027, 2030] }: { title: string; parties?: PartyPlan[]; years?: [number, number] },
): Promise<string> {
  await gotoHydrated(owner, '/pacts/nieuw')
  await owner.getByLabel('Titel van het pact').fill(title)
  await owner.getByLabel('Gemeente of regio').fill('Gemeente Zuiderveen')
  await owner.getByLabel('Van (jaar)').fill(String(years[0]))
  await owner.getByLabel('Tot en met (jaar)').fill(String(years[1]))
  await owner.getByRole('button', { name: 'Pact aanmaken' }).click()
  await owner.waitForURL((url) => /^\/pacts\/[a-z0-9]+$/.test(url.pathname) && url.pathname !== '/pacts/nieuw')
  const pactPath = new URL(owner.url()).pathname
  for (const party of parties) {
    await addParty(owner, pactPath, party)
    for (const { person, access } of party.members ?? []) await accept(person, await invite(owner, pactPath, party.name, access))
  }
  return pactPath
}

async function addParty(owner: Page, pactPath: string, party: PartyPlan) {
  await gotoHydrated(owner, `${pactPath}/instellingen`)
  await owner.getByLabel('Naam van de organisatie').fill(party.name)
  await owner.getByLabel('Soort organisatie').selectOption(party.kind ?? 'aanbieder')
  await owner.getByLabel('Deze partij ondertekent het pact').setChecked(party.signs ?? true)
  await owner.getByRole('button', { name: 'Partij toevoegen' }).click()
  await owner.getByText('De partij is toegevoegd.').waitFor()
}

/** An invitation link from the settings page, for an existing party and the access given. */
async function invite(owner: Page, pactPath: string, party: string, access: AccessLevel) {
  await gotoHydrated(owner, `${pactPath}/instellingen`)
  await owner.getByLabel('Partij', { exact: true }).selectOption({ label: party })
  await owner.getByLabel('Toegang', { exact: true }).selectOption(access)
  await owner.getByRole('button', { name: 'Uitnodigingslink maken' }).click()
  return new URL(await owner.getByTestId('invitation-link').inputValue()).pathname
}

async function accept(person: Page, invitationPath: string) {
  await gotoHydrated(person, invitationPath)
  await person.getByRole('button', { name: 'Uitnodiging aannemen' }).click()
  await person.waitForURL(/\/pacts\/[a-z0-9]+$/)
}

/** A form post as the page's own form sends it. */
export async function post(page: Page, path: string, form: Record<string, string>) {
  const response = await page.request.post(path, { form, headers: { Origin: baseURL() } })
  expect(response.status(), `${form.intent} ${form.to ?? ''} on ${path}`).toBe(200)
  return response
}

/** The person's approval of every clause for their party, as the clause pages' forms send it. */
export async function approveEverything(page: Page, pactPath: string) {
  const html = await (await page.request.get(`${pactPath}/akkoord`)).text()
  const paths = [...new Set([...html.matchAll(/href="([^"]*\/artikelen\/[^"]+)"/g)].map((match) => match[1]!))]
  for (const path of paths) {
    const form = await (await page.request.get(path)).text()
    const seenHash = form.match(/name="seenHash" value="([0-9a-f]{64})"/)![1]!
    const partyId = form.match(/name="partyId" value="([^"]+)"/)![1]!
    await post(page, path, { intent: 'decide', partyId, decision: 'akkoord', seenHash })
  }
}
