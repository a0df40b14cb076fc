import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  approvalBlockedBySuggestions,
  canSign,
  openItems,
  signOffMatrix,
  versionHash,
  type Approval,
  type Decision,
} from './status.ts'

// --- sign-off state ------------------------------------------------------------------------

let clock = Date.UTC(2026, 0, 1)
function approval(clauseId: string, partyId: string, decision: Decision, contentHash: string): Approval {
  clock += 60_000
  return {
    clauseId,
    partyId,
    userId: `user-${partyId}`,
    decision,
    contentHash,
    decidedAt: new Date(clock).toISOString(),
  }
}

const parties = ['gemeente', 'aanbieder', 'adviesraad']
const everyoneAgrees = (clauseId: string, hash: string) => parties.map((party) => approval(clauseId, party, 'akkoord', hash))

describe('signOffMatrix', () => {
  it('starts open for every clause and party', () => {
    const matrix = signOffMatrix({
      clauses: [{ clauseId: 'a', contentHash: 'h1' }],
      signingPartyIds: parties,
      approvals: [],
    })
    expect(matrix.clauses[0].parties).toEqual(parties.map((partyId) => ({ partyId, status: 'open', latest: null })))
    expect(matrix.clauses[0].agreed).toBe(false)
    expect(matrix.allAgreed).toBe(false)
  })

  it('agrees a clause when every signing party approved its current hash', () => {
    const approvals = [...everyoneAgrees('a', 'h1'), ...everyoneAgrees('b', 'h2')]
    const matrix = signOffMatrix({
      clauses: [
        { clauseId: 'a', contentHash: 'h1' },
        { clauseId: 'b', contentHash: 'h2' },
      ],
      signingPartyIds: parties,
      approvals,
    })
    expect(matrix.clauses.map((row) => row.agreed)).toEqual([true, true])
    expect(matrix.clauses[0].parties.map((row) => row.status)).toEqual(['akkoord', 'akkoord', 'akkoord'])
    expect(matrix.allAgreed).toBe(true)
    expect(canSign(matrix)).toEqual({ ok: true })
  })

  it('reopens an approved clause for every party that approved when its content changes', () => {
    const approvals = [...everyoneAgrees('a', 'h1').slice(0, 2)]
    const matrix = signOffMatrix({
      clauses: [{ clauseId: 'a', contentHash: 'h1-edited' }],
      signingPartyIds: parties,
      approvals,
    })
    expect(
      matrix.clauses[0].parties.map(({ partyId, status, latest }) => ({
        partyId,
        status,
        approvedHash: latest?.contentHash,
      })),
    ).toEqual([
      { partyId: 'gemeente', status: 'gewijzigd-na-akkoord', approvedHash: 'h1' },
      { partyId: 'aanbieder', status: 'gewijzigd-na-akkoord', approvedHash: 'h1' },
      { partyId: 'adviesraad', status: 'open', approvedHash: undefined },
    ])
    expect(matrix.clauses[0].agreed).toBe(false)
  })

  it('shows a refusal and a change request on the current text', () => {
    const approvals = [approval('a', 'gemeente', 'niet-akkoord', 'h1'), approval('a', 'aanbieder', 'wijziging-gevraagd', 'h1')]
    const matrix = signOffMatrix({
      clauses: [{ clauseId: 'a', contentHash: 'h1' }],
      signingPartyIds: parties,
      approvals,
    })
    expect(matrix.clauses[0].parties.map((row) => row.status)).toEqual(['niet-akkoord', 'wijziging-gevraagd', 'open'])
  })

  it('opens a clause again when the text a party refused has changed, keeping the refusal', () => {
    const refusal = approval('a', 'gemeente', 'wijziging-gevraagd', 'h1')
    const matrix = signOffMatrix({
      clauses: [{ clauseId: 'a', contentHash: 'h2' }],
      signingPartyIds: ['gemeente'],
      approvals: [refusal],
    })
    expect(matrix.clauses[0].parties[0]).toEqual({ partyId: 'gemeente', status: 'open', latest: refusal })
  })

  it('lets the latest decision win, by time and not by list order', () => {
    const first = approval('a', 'gemeente', 'akkoord', 'h1')
    const second = approval('a', 'gemeente', 'niet-akkoord', 'h1')
    const third = approval('a', 'gemeente', 'akkoord', 'h1')
    const status = (approvals: Approval[]) =>
      signOffMatrix({ clauses: [{ clauseId: 'a', contentHash: 'h1' }], signingPartyIds: ['gemeente'], approvals }).clauses[0]
        .parties[0]
    expect(status([first, second]).status).toBe('niet-akkoord')
    expect(status([second, first]).status).toBe('niet-akkoord')
    expect(status([third, second, first])).toEqual({ partyId: 'gemeente', status: 'akkoord', latest: third })
    // Times compare as moments, not as strings.
    const earlierInOtherZone = { ...third, decision: 'niet-akkoord' as const, decidedAt: '2027-01-01T00:30:00+01:00' }
    const later = { ...third, decidedAt: '2026-12-31T23:45:00Z' }
    expect(status([later, earlierInOtherZone]).status).toBe('akkoord')
  })

  it('does not depend on the order of the approvals', () => {
    const decision = fc.record({
      clauseId: fc.constantFrom('a', 'b'),
      partyId: fc.constantFrom(...parties, 'toeschouwer'),
      userId: fc.constant('user'),
      decision: fc.constantFrom<Decision>('akkoord', 'niet-akkoord', 'wijziging-gevraagd'),
      contentHash: fc.constantFrom('h1', 'h2'),
    })
    // Distinct times: one decision per minute, in the order generated.
    const approvalsInOrder = fc
      .array(decision, { maxLength: 20 })
      .map((list) =>
        list.map((entry, minute) => ({ ...entry, decidedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString() })),
      )
    const input = {
      clauses: [
        { clauseId: 'a', contentHash: 'h1' },
        { clauseId: 'b', contentHash: 'h2' },
      ],
      signingPartyIds: parties,
    }
    fc.assert(
      fc.property(
        approvalsInOrder.chain((approvals) =>
          fc.tuple(fc.constant(approvals), fc.shuffledSubarray(approvals, { minLength: approvals.length })),
        ),
        ([approvals, shuffled]) => {
          expect(signOffMatrix({ ...input, approvals: shuffled })).toEqual(signOffMatrix({ ...input, approvals }))
        },
      ),
    )
  })

  it('ignores approvals of parties that do not sign and of clauses not listed', () => {
    const approvals = [
      approval('a', 'toeschouwer', 'niet-akkoord', 'h1'),
      approval('zz', 'gemeente', 'akkoord', 'h9'),
      approval('a', 'gemeente', 'akkoord', 'h1'),
    ]
    const matrix = signOffMatrix({
      clauses: [{ clauseId: 'a', contentHash: 'h1' }],
      signingPartyIds: ['gemeente'],
      approvals,
    })
    expect(matrix.clauses[0].parties.map((row) => row.partyId)).toEqual(['gemeente'])
    expect(matrix.allAgreed).toBe(true)
  })

  it('is not all agreed while one party misses one clause', () => {
    const approvals = [...everyoneAgrees('a', 'h1'), ...everyoneAgrees('b', 'h2').slice(1)]
    const matrix = signOffMatrix({
      clauses: [
        { clauseId: 'a', contentHash: 'h1' },
        { clauseId: 'b', contentHash: 'h2' },
      ],
      signingPartyIds: parties,
      approvals,
    })
    expect(matrix.clauses.map((row) => row.agreed)).toEqual([true, false])
    expect(matrix.allAgreed).toBe(false)
    expect(openItems(matrix)).toEqual([{ clauseId: 'b', partyId: 'gemeente', status: 'open' }])
  })

  it('never agrees a clause without a usable id', () => {
    const matrix = signOffMatrix({
      clauses: [{ clauseId: '', contentHash: 'h1' }],
      signingPartyIds: ['gemeente'],
      approvals: [approval('', 'gemeente', 'akkoord', 'h1')],
    })
    expect(matrix.clauses[0].parties[0].status).toBe('open')
    expect(matrix.allAgreed).toBe(false)
  })
})

describe('canSign', () => {
  it('needs at least one clause and one signing party', () => {
    expect(canSign(signOffMatrix({ clauses: [], signingPartyIds: parties, approvals: [] }))).toEqual({
      ok: false,
      reason: 'no-clauses',
      open: [],
    })
    expect(
      canSign(signOffMatrix({ clauses: [{ clauseId: 'a', contentHash: 'h1' }], signingPartyIds: [], approvals: [] })),
    ).toEqual({
      ok: false,
      reason: 'no-signing-parties',
      open: [],
    })
  })

  it('lists every clause × party that is not akkoord, in clause and party order', () => {
    const approvals = [
      approval('a', 'gemeente', 'akkoord', 'old'),
      approval('a', 'aanbieder', 'akkoord', 'h1'),
      approval('b', 'aanbieder', 'niet-akkoord', 'h2'),
    ]
    const matrix = signOffMatrix({
      clauses: [
        { clauseId: 'a', contentHash: 'h1' },
        { clauseId: 'b', contentHash: 'h2' },
      ],
      signingPartyIds: ['gemeente', 'aanbieder'],
      approvals,
    })
    expect(canSign(matrix)).toEqual({
      ok: false,
      reason: 'open-clauses',
      open: [
        { clauseId: 'a', partyId: 'gemeente', status: 'gewijzigd-na-akkoord' },
        { clauseId: 'b', partyId: 'gemeente', status: 'open' },
        { clauseId: 'b', partyId: 'aanbieder', status: 'niet-akkoord' },
      ],
    })
  })
})

describe('open suggestions', () => {
  it('block akkoord on the clause, not a refusal or a change request', () => {
    expect(approvalBlockedBySuggestions('akkoord', 1)).toBe(true)
    expect(approvalBlockedBySuggestions('akkoord', 0)).toBe(false)
    expect(approvalBlockedBySuggestions('niet-akkoord', 2)).toBe(false)
    expect(approvalBlockedBySuggestions('wijziging-gevraagd', 2)).toBe(false)
  })

  it('block signing even when every party approved the current content', () => {
    const approvals = [approval('a', 'gemeente', 'akkoord', 'h1'), approval('b', 'gemeente', 'akkoord', 'h2')]
    const clauses = [
      { clauseId: 'a', contentHash: 'h1' },
      { clauseId: 'b', contentHash: 'h2', openSuggestions: 1 },
    ]
    const matrix = signOffMatrix({ clauses, signingPartyIds: ['gemeente'], approvals })
    expect(matrix.clauses.map((clause) => [clause.agreed, clause.openSuggestions])).toEqual([
      [true, 0],
      [true, 1],
    ])
    expect(canSign(matrix)).toEqual({ ok: false, reason: 'open-suggestions', open: [] })
    expect(canSign(signOffMatrix({ clauses: clauses.slice(0, 1), signingPartyIds: ['gemeente'], approvals }))).toEqual({
      ok: true,
    })
  })
})

describe('versionHash', () => {
  const clauseHashes = [
    { clauseId: 'a', contentHash: 'h1' },
    { clauseId: 'b', contentHash: 'h2' },
  ]

  it('is a deterministic SHA-256 that changes with the HTML, the clause order and the state', () => {
    const base = versionHash({ html: '<p>Pact</p>', clauseHashes, stateUpdateBase64: 'AQID' })
    expect(base).toMatch(/^[0-9a-f]{64}$/)
    expect(
      versionHash({
        html: '<p>Pact</p>',
        clauseHashes: clauseHashes.map((entry) => ({ ...entry })),
        stateUpdateBase64: 'AQID',
      }),
    ).toBe(base)
    const variants = [
      versionHash({ html: '<p>Pact.</p>', clauseHashes, stateUpdateBase64: 'AQID' }),
      versionHash({ html: '<p>Pact</p>', clauseHashes: [...clauseHashes].reverse(), stateUpdateBase64: 'AQID' }),
      versionHash({ html: '<p>Pact</p>', clauseHashes, stateUpdateBase64: 'AQIE' }),
      versionHash({ html: '<p>Pact</p>', clauseHashes }),
    ]
    expect(new Set([base, ...variants]).size).toBe(5)
  })
})
