import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { getDb } from '#app/platform/db/db.server.ts'
import { gotoHydrated, launchBrowser, signIn } from '#tests/e2e/browser.ts'
import { scaleOutTestbed } from './support.ts'

const testbed = scaleOutTestbed()

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function personOn(instance: { origin: string }, email: string) {
  const context = await browser.newContext({ baseURL: instance.origin, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' })
  const page = await context.newPage()
  await signIn(page, email)
  return page
}

describe('two browsers on two instances', () => {
  it('co-edit the demo pact live and see each other, each served by another instance', async () => {
    const redis = await testbed.redis()
    // The first instance seeds the demo into this file's empty database; the second finds it.
    const a = await testbed.instance(redis.url)
    const b = await testbed.instance(redis.url)
    const demo = await getDb()
      .selectFrom('pacts')
      .select('id')
      .where('template', '=', 'demo-zuiderveen')
      .executeTakeFirstOrThrow()

    const anouk = await personOn(a, 'anouk@zuiderveen.example')
    const karim = await personOn(b, 'karim@welzijnzuiderveen.example')
    for (const page of [anouk, karim]) {
      await gotoHydrated(page, `/pacts/${demo.id}/document`)
      await page.getByTestId('connection-status').and(page.locator('[data-state="connected"]')).waitFor()
    }
    await anouk.getByTestId('presence-list').getByText('Karim El Amrani').waitFor()
    await karim.getByTestId('presence-list').getByText('Anouk de Vries').waitFor()

    await anouk.getByTestId('editor').locator('section.pw-clause p').first().click()
    await anouk.keyboard.press('End')
    await anouk.keyboard.type(' Geschreven op instantie A.')
    await karim.getByTestId('editor').getByText('Geschreven op instantie A.', { exact: false }).waitFor({ timeout: 5_000 })

    await karim.getByTestId('editor').locator('section.pw-clause p').first().click()
    await karim.keyboard.press('End')
    await karim.keyboard.type(' En op B.')
    await anouk.getByTestId('editor').getByText('En op B.', { exact: false }).waitFor({ timeout: 5_000 })
  })
})
