// Loaded into a server under test with `node --import`: the server's event-loop delay, so a
// stall (synchronous work blocking every socket) shows even when the latencies hide it. On
// SIGUSR2 it prints what it saw since the previous signal as one JSON line and starts afresh.
// Two measures: perf_hooks' histogram, and the longest gap between the ticks of a 5 ms timer
// (the histogram stays empty when its timer never fired in the window, so a window-long stall
// would read as none). Beside them the garbage collector's pauses, to tell a stall it caused
// from one the server's own code did.
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'

const TICK_MS = 5
const histogram = monitorEventLoopDelay({ resolution: TICK_MS })
histogram.enable()
let lastTick = performance.now()
let longestGap = 0
let ticks = 0
setInterval(() => {
  const at = performance.now()
  longestGap = Math.max(longestGap, at - lastTick - TICK_MS)
  lastTick = at
  ticks++
}, TICK_MS).unref()

let longestGc = 0
let gcMs = 0
let majorGcs = 0
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    longestGc = Math.max(longestGc, entry.duration)
    gcMs += entry.duration
    if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcs++
  }
}).observe({ entryTypes: ['gc'] })

let report = 0
const ms = (ns) => (Number.isFinite(ns) ? Math.round(ns / 1e4) / 100 : null)
process.on('SIGUSR2', () => {
  report++
  const gapMs = Math.round(Math.max(longestGap, performance.now() - lastTick - TICK_MS) * 100) / 100
  const delay = {
    p50Ms: ms(histogram.percentile(50)),
    p99Ms: ms(histogram.percentile(99)),
    maxMs: ms(histogram.max),
    meanMs: ms(histogram.mean),
    samples: histogram.count,
    longestTimerGapMs: gapMs,
    timerTicks: ticks,
    longestGcPauseMs: Math.round(longestGc * 100) / 100,
    gcMs: Math.round(gcMs),
    majorGcs,
  }
  console.log(JSON.stringify({ benchEventLoopDelay: delay, report }))
  histogram.reset()
  longestGap = 0
  ticks = 0
  longestGc = 0
  gcMs = 0
  majorGcs = 0
})
