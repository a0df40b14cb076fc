import { useTranslation } from 'react-i18next'
import { Form } from 'react-router'
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts'
import { formatCents } from '#app/platform/money.ts'
import { Button } from '#app/platform/ui/ui.tsx'
import type { ShareHolder } from './statement.ts'

/** Names a line's holder: a party by name, the municipal share or the fund. */
export function useHolderName(partyNames: Readonly<Record<string, string>>) {
  const { t } = useTranslation()
  return (holder: ShareHolder) =>
    holder.kind === 'party'
      ? (partyNames[holder.partyId] ?? holder.partyId)
      : holder.kind === 'fonds'
        ? t('settlement.page.fund')
        : t('organisationKinds.gemeente')
}

const euroTick = (euros: number) => formatCents(Math.round(euros) * 100, { withCents: false })

/** Who carries (positive) or receives (negative) what; the table beside it holds the same figures. */
export function SharesChart({ title, shares }: { title: string; shares: ReadonlyArray<{ name: string; cents: number }> }) {
  const summary = shares.map((share) => `${share.name}: ${formatCents(share.cents)}`).join(', ')
  const data = shares.map((share) => ({ name: share.name, euros: share.cents / 100 }))
  return (
    <figure className="pw-chart">
      <div role="img" aria-label={`${title}. ${summary}`}>
        <BarChart
          responsive
          layout="vertical"
          style={{ width: '100%', maxWidth: '40rem', height: 48 + 40 * data.length }}
          data={data}
          accessibilityLayer={false}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={euroTick} />
          <YAxis type="category" dataKey="name" width={180} />
          <ReferenceLine x={0} stroke="currentColor" />
          <Bar dataKey="euros" isAnimationActive={false}>
            {data.map((entry) => (
              <Cell
                key={entry.name}
                fill={entry.euros < 0 ? 'var(--pw-color-border-light, #c5ced8)' : 'var(--pw-color-primary)'}
              />
            ))}
          </Bar>
        </BarChart>
      </div>
    </figure>
  )
}

/** The fund's balance after each booking; the ledger table beside it holds the same figures. */
export function BalanceChart({ label, points }: { label: string; points: ReadonlyArray<{ date: string; cents: number }> }) {
  const summary = points.map((point) => `${point.date}: ${formatCents(point.cents)}`).join(', ')
  return (
    <figure className="pw-chart">
      <div role="img" aria-label={`${label}. ${summary}`}>
        <LineChart
          responsive
          style={{ width: '100%', maxWidth: '40rem', height: 240 }}
          data={points.map((point) => ({ date: point.date, euros: point.cents / 100 }))}
          accessibilityLayer={false}
          margin={{ top: 8, right: 16, bottom: 8, left: 24 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="date" />
          <YAxis tickFormatter={euroTick} width={104} />
          <Line dataKey="euros" stroke="var(--pw-color-primary)" isAnimationActive={false} type="stepAfter" />
        </LineChart>
      </div>
    </figure>
  )
}

/**
 * One signing party's akkoord / niet akkoord on a settlement or a fund decision, bound to the hash
 * of what the person saw: the same approval mechanism for both, so the same form.
 */
export function ApprovalForm({
  subject,
  hash,
  partyId,
  partyName,
}: {
  subject: { field: 'settlementId' | 'decisionId'; id: string }
  hash: string
  partyId: string
  partyName: string
}) {
  const { t } = useTranslation()
  const reasonId = `reason-${subject.id}-${partyId}`
  return (
    <Form method="post" className="pw-stack">
      <fieldset className="pw-stack">
        <legend>{t('settlement.approvals.decide', { party: partyName })}</legend>
        <input type="hidden" name="intent" value="decide" />
        <input type="hidden" name={subject.field} value={subject.id} />
        <input type="hidden" name="seenHash" value={hash} />
        <input type="hidden" name="partyId" value={partyId} />
        <label>
          <input type="radio" name="decision" value="akkoord" defaultChecked /> {t('settlement.approvals.akkoord')}
        </label>
        <label>
          <input type="radio" name="decision" value="niet-akkoord" /> {t('settlement.approvals.nietAkkoord')}
        </label>
        <label htmlFor={reasonId}>{t('settlement.approvals.reasonLabel')}</label>
        <textarea id={reasonId} name="reason" rows={3} className="utrecht-textarea" />
      </fieldset>
      <Button type="submit">{t('settlement.approvals.submit')}</Button>
    </Form>
  )
}
