// Loaded into a server under test with `node --import`: the server's event-loop delay, so a
// stall (synchronous work blocking every socket) shows even when the latencies hide it. On
// SIGUSR2 it prints what it saw since the previous signal as one JSON line and starts afresh.
import { monitorEventLoopDelay } from 'node:perf_hooks'

const histogram = monitorEventLoopDelay({ resolution: 5 })
histogram.enable()
let report = 0
const ms = (ns) => Math.round(ns / 1e4) / 100
process.on('SIGUSR2', () => {
  report++
  const delay = { p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max), meanMs: ms(histogram.mean) }
  console.log(JSON.stringify({ benchEventLoopDelay: delay, report }))
  histogram.reset()
})
