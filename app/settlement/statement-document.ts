import type { TFunction } from 'i18next'
import { formatDutchNumber } from '#app/platform/dutch-number.ts'
import { formatDateTime } from '#app/platform/i18n/format.ts'
import { formatCents } from '#app/platform/money.ts'
import type { TableCell, VersionBlock } from '#app/sign-off/exports/version-document.ts'
import { shareLines, type ShareHolder } from './statement.ts'
import type { SettlementInputs, SettlementOutcome } from './year-settlement.ts'

/**
 * The statement of a final settlement as document blocks, drawn by sign-off's PDF writer (with
 * its bounded word breaking): the figures per rule, each rule as signed with the pact version,
 * who approved when on behalf of which party, and the hash. In Dutch, like the signed version.
 */
export interface StatementInput {
  pactTitle: string
  settlement: {
    year: number
    number: number
    versionNumber: number
    hash: string
    finalisedAt: string
    inputs: SettlementInputs
    outcome: SettlementOutcome
  }
  ruleTitle: (ruleId: string) => string
  holderName: (holder: ShareHolder) => string
  approvals: ReadonlyArray<{ party: string; person: string; decidedAt: string }>
}

const cell = (text: string, header = false): TableCell => ({ header, paragraphs: [[{ text }]] })
const percent = (value: number) => formatDutchNumber(value)

export function settlementStatementBlocks(input: StatementInput, t: TFunction): VersionBlock[] {
  const { settlement } = input
  const blocks: VersionBlock[] = [
    {
      kind: 'heading',
      level: 1,
      runs: [{ text: t('settlement.statement.title', { year: settlement.year, pact: input.pactTitle }) }],
    },
    {
      kind: 'paragraph',
      style: 'meta',
      runs: [
        {
          text: t('settlement.statement.final', {
            number: settlement.number,
            date: formatDateTime(settlement.finalisedAt, 'nl'),
            version: settlement.versionNumber,
          }),
        },
      ],
    },
  ]
  for (const rule of settlement.outcome.rules) {
    const signed = settlement.inputs.rules.find((candidate) => candidate.ruleId === rule.ruleId)?.riskSharing.rule
    blocks.push({ kind: 'heading', level: 2, runs: [{ text: input.ruleTitle(rule.ruleId) }] })
    if (signed) {
      const cap = signed.providerCapCents === null ? t('settlement.statement.noCap') : formatCents(signed.providerCapCents)
      const text = t('settlement.statement.rule', {
        corridor: percent(signed.corridorPercent),
        inside: percent(signed.providerShareInside),
        outside: percent(signed.providerShareOutside),
        cap,
        gain: percent(signed.underspend.providerGainShare),
        fund: percent(signed.underspend.revolvingFundShare),
      })
      blocks.push({ kind: 'paragraph', runs: [{ text }] })
    }
    blocks.push({
      kind: 'table',
      rows: [
        [
          cell(t('settlement.page.budget'), true),
          cell(t('settlement.page.actual'), true),
          cell(t('settlement.page.deviation'), true),
        ],
        [cell(formatCents(rule.budgetCents)), cell(formatCents(rule.actualCents)), cell(formatCents(rule.deviationCents))],
      ],
    })
    blocks.push({
      kind: 'table',
      rows: [
        [cell(t('settlement.page.party'), true), cell(t('settlement.page.share'), true)],
        ...shareLines(rule).map((line) => [cell(input.holderName(line.holder)), cell(formatCents(line.cents))]),
      ],
    })
  }
  blocks.push(
    { kind: 'paragraph', style: 'meta', runs: [{ text: t('settlement.page.shareHelp') }] },
    { kind: 'heading', level: 2, runs: [{ text: t('settlement.statement.approvalsTitle') }] },
    {
      kind: 'table',
      rows: [
        [
          cell(t('settlement.approvals.party'), true),
          cell(t('settlement.statement.person'), true),
          cell(t('settlement.statement.when'), true),
        ],
        ...input.approvals.map((approval) => [
          cell(approval.party),
          cell(approval.person),
          cell(formatDateTime(approval.decidedAt, 'nl')),
        ]),
      ],
    },
    { kind: 'paragraph', runs: [{ text: t('settlement.statement.hashLabel') }] },
    { kind: 'paragraph', style: 'hash', runs: [{ text: settlement.hash }] },
  )
  return blocks
}
