import path from 'node:path'
import type { RouteConfigEntry } from '@react-router/dev/routes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { writeResultArea } from '#app/pact-model/pact-model-yjs.ts'
import routes from '#app/routes.ts'
import { seedPactContent } from '#app/document/pact-content.server.ts'
import { signOffState } from '#app/sign-off/sign-off.server.ts'
import { startCollabServer, type TestCollabServer } from '#tests/support/collab.ts'
import {
  addMember,
  createTestPact,
  storeSignedVersion,
  createUser,
  type TestPact,
  type TestUser,
} from '#tests/support/fixtures.ts'
import { settle } from '#tests/support/route-calls.ts'

/**
 * Every route of a pact, for every kind of visitor, against the one table below. The routes
 * come from app/routes.ts itself: a route without a row fails the test, so no route can be
 * added without saying who may reach it. Each visitor also tries the same route on a pact they
 * have nothing to do with, which must answer as it does to a stranger.
 */
const LEVELS = ['beheerder', 'redacteur', 'commentator', 'lezer', 'non-member', 'anonymous'] as const
type Level = (typeof LEVELS)[number]
type Statuses = Record<Level, number>
interface Expectation {
  GET: Statuses
  /** Only for routes with an action; posted with an empty form, so only the guard decides. */
  POST?: Statuses
}

/** What members at each level get; a stranger never learns the pact exists, and no one signed out gets past sign-in. */
function members(beheerder: number, redacteur: number, commentator: number, lezer: number): Statuses {
  return { beheerder, redacteur, commentator, lezer, 'non-member': 404, anonymous: 302 }
}
const EVERY_MEMBER = members(200, 200, 200, 200)
const BEHEERDER_ONLY = members(200, 403, 403, 403)

const EXPECTED: Record<string, Expectation> = {
  // The pact's frame (header and navigation) around every pact page; each page below checks again.
  'pacts/:pactId (layout)': { GET: EVERY_MEMBER },
  'pacts/:pactId': { GET: EVERY_MEMBER },
  // An empty form passes the guard and is then refused as invalid (400).
  'pacts/:pactId/instellingen': { GET: BEHEERDER_ONLY, POST: members(400, 403, 403, 403) },
  'pacts/:pactId/document': { GET: EVERY_MEMBER },
  'pacts/:pactId/leesversie': { GET: EVERY_MEMBER },
  'pacts/:pactId/resultaatgebieden': { GET: EVERY_MEMBER },
  // Designating signatories is for each party itself, which the back end decides; status changes are the beheerder's.
  // An empty form passes the guard and is then refused as invalid (400).
  'pacts/:pactId/akkoord': { GET: EVERY_MEMBER, POST: members(400, 400, 400, 400) },
  // The review flow: every member may open it (it says when they sign for no party); deciding is checked by the back end.
  'pacts/:pactId/akkoord/beoordelen': { GET: EVERY_MEMBER, POST: members(400, 400, 400, 400) },
  'pacts/:pactId/artikelen/:clauseId': { GET: EVERY_MEMBER, POST: members(400, 400, 400, 403) },
  'pacts/:pactId/events': { GET: EVERY_MEMBER },
  // Restoring the text is the beheerder's; an empty form passes the guard and is refused as invalid.
  'pacts/:pactId/versies': { GET: EVERY_MEMBER, POST: members(400, 403, 403, 403) },
  'pacts/:pactId/versies/:number': { GET: EVERY_MEMBER },
  'pacts/:pactId/versies/:number/:format': { GET: EVERY_MEMBER },
  'pacts/:pactId/vergelijken': { GET: EVERY_MEMBER },
  'pacts/:pactId/logboek': { GET: EVERY_MEMBER },
  'pacts/:pactId/logboek.csv': { GET: EVERY_MEMBER },
  // Fixing a period is the beheerder's; an empty form passes the guard and is refused as invalid.
  'pacts/:pactId/voortgang': { GET: EVERY_MEMBER, POST: members(400, 403, 403, 403) },
  'pacts/:pactId/voortgang/:areaId': { GET: EVERY_MEMBER, POST: members(400, 403, 403, 403) },
  // Reporting is for members who edit for their party: beheerders and redacteuren.
  'pacts/:pactId/voortgang/rapporteren': { GET: members(200, 200, 403, 403), POST: members(400, 400, 403, 403) },
  'pacts/:pactId/voortgang/import': { GET: members(200, 200, 403, 403), POST: members(400, 400, 403, 403) },
  'pacts/:pactId/voortgang/export.csv': { GET: EVERY_MEMBER },
  'pacts/:pactId/voortgang/sjabloon.csv': { GET: EVERY_MEMBER },
  // Opening a settlement is the beheerder's, deciding on it a signatory's who may comment; an empty form is invalid.
  'pacts/:pactId/afrekening/:jaar': { GET: EVERY_MEMBER, POST: members(400, 400, 400, 403) },
  'pacts/:pactId/afrekening/:jaar.csv': { GET: EVERY_MEMBER },
  // A statement exists only for a final settlement, which this pact has not: not found, for members too.
  'pacts/:pactId/afrekening/:jaar.pdf': { GET: members(404, 404, 404, 404) },
  'pacts/:pactId/fonds': { GET: EVERY_MEMBER, POST: members(400, 400, 400, 403) },
}

interface PactRoute {
  /** The URL pattern, as the table names it; a layout route sharing it with its index gets " (layout)". */
  key: string
  pattern: string
  file: string
}

/** Every route whose URL names a pact, with the URL pattern its place in the tree gives it. */
function pactRoutes(entries: RouteConfigEntry[], parent = ''): PactRoute[] {
  return entries.flatMap((entry) => {
    const pattern = [parent, entry.path ?? ''].filter(Boolean).join('/')
    const own = pattern.includes(':pactId')
      ? [{ key: entry.children?.length ? `${pattern} (layout)` : pattern, pattern, file: entry.file }]
      : []
    return [...own, ...pactRoutes(entry.children ?? [], pattern)]
  })
}

type RouteModule = { loader?: (args: any) => Promise<unknown>; action?: (args: any) => Promise<unknown> }

let collab: TestCollabServer
let pact: TestPact
let foreign: TestPact
const visitors = {} as Record<Level, TestUser | null>
const params: Record<string, string> = {}

beforeAll(async () => {
  collab = await startCollabServer({ seedDocument: seedPactContent })
  pact = await createTestPact('Beheerder')
  foreign = await createTestPact('Beheerder elders')
  visitors.beheerder = pact.owner
  for (const level of ['redacteur', 'commentator', 'lezer'] as const) visitors[level] = await addMember(pact, level)
  visitors['non-member'] = await createUser('Buitenstaander')
  visitors.anonymous = null
  // A signed version, so the version and voortgang pages have something to show to whoever may see it.
  const signed = new Y.Doc()
  writeResultArea(signed, {
    id: 'gebied',
    title: 'Gebied',
    description: '',
    challenge: '',
    targetGroup: '',
    responsiblePartyIds: [pact.partyId],
    budgets: [],
    indicators: [],
  })
  await storeSignedVersion(pact, signed, '<p>Getekende tekst.</p>')
  params.clauseId = (await signOffState(pact.pactId)).snapshot.clauses[0]!.clauseId
  params.number = '1'
  params.areaId = 'gebied'
  params.format = 'pdf'
  params.jaar = '2027'
})

afterAll(async () => {
  await collab.stop()
})

function urlFor(pattern: string, pactId: string): { path: string; values: Record<string, string> } {
  const values: Record<string, string> = {}
  const path = pattern.replace(/:(\w+)/g, (_, name: string) => {
    const value = name === 'pactId' ? pactId : params[name]
    if (value === undefined) throw new Error(`The authorisation matrix has no value for :${name}; add one in beforeAll`)
    values[name] = value
    return value
  })
  return { path: `/${path}`, values }
}

async function statusOf(
  fn: (args: any) => Promise<unknown>,
  method: 'GET' | 'POST',
  pattern: string,
  pactId: string,
  visitor: TestUser | null,
) {
  const { path, values } = urlFor(pattern, pactId)
  const abort = new AbortController()
  const request = new Request(`http://localhost${path}`, {
    method,
    signal: abort.signal,
    headers: { Origin: 'http://localhost', ...(visitor ? { Cookie: visitor.cookie } : {}) },
    ...(method === 'POST' ? { body: new URLSearchParams() } : {}),
  })
  const { status } = await settle(fn, request, { params: values })
  // Streams (server-sent events) end with the request.
  abort.abort()
  return status
}

describe('authorisation matrix', () => {
  const found = pactRoutes(routes)

  it('has a row for every route of a pact, and no row for a route that is gone', () => {
    expect(found.length).toBeGreaterThan(0)
    expect(found.map((route) => route.key).filter((key) => !(key in EXPECTED))).toEqual([])
    expect(Object.keys(EXPECTED).filter((key) => !found.some((route) => route.key === key))).toEqual([])
  })

  it.each(found.map((route) => [route.key, route] as const))('%s answers every visitor as the table says', async (key, route) => {
    const expected = EXPECTED[key]
    if (!expected) return // reported by the test above
    const module = (await import(/* @vite-ignore */ path.resolve('app', route.file))) as RouteModule
    expect(Boolean(module.action), `${key}: a POST row exactly when the route has an action`).toBe(Boolean(expected.POST))
    const actual: Record<string, Partial<Statuses>> = {}
    const wanted: Record<string, Partial<Statuses>> = {}
    for (const [method, fn] of [
      ['GET', module.loader],
      ['POST', module.action],
    ] as const) {
      const statuses = expected[method]
      if (!fn || !statuses) continue
      for (const level of LEVELS) {
        actual[`${method} own`] = {
          ...actual[`${method} own`],
          [level]: await statusOf(fn, method, route.pattern, pact.pactId, visitors[level]),
        }
        wanted[`${method} own`] = { ...wanted[`${method} own`], [level]: statuses[level] }
        actual[`${method} foreign`] = {
          ...actual[`${method} foreign`],
          [level]: await statusOf(fn, method, route.pattern, foreign.pactId, visitors[level]),
        }
        wanted[`${method} foreign`] = {
          ...wanted[`${method} foreign`],
          [level]: statuses[level === 'anonymous' ? 'anonymous' : 'non-member'],
        }
      }
    }
    expect(actual).toEqual(wanted)
  })
})
