import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts'
import { formatCents } from '#app/platform/money.ts'

/**
 * The what-if bars: who bears what, across, with the names beside them so long party names
 * never run into each other. A module of its own, so what-if.tsx can load it lazily.
 */
export default function WhatIfChart({ rows }: { rows: ReadonlyArray<{ name: string; cents: number }> }) {
  return (
    <BarChart
      responsive
      layout="vertical"
      style={{ width: '100%', maxWidth: '44rem', height: 56 + rows.length * 44 }}
      data={rows.map((row) => ({ name: row.name, euros: row.cents / 100 }))}
      accessibilityLayer={false}
      margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis
        type="number"
        tickCount={4}
        tickFormatter={(euros: number) => formatCents(Math.round(euros) * 100, { withCents: false })}
        tick={{ fontSize: 12 }}
      />
      <YAxis type="category" dataKey="name" width={200} interval={0} tick={{ fontSize: 12 }} />
      <Bar dataKey="euros" fill="var(--pw-color-primary)" isAnimationActive={false} />
    </BarChart>
  )
}
