// Shows:  blocking the event loop: a 100 ms ticker stalls during synchronous work, and a kitchen
//         that blocks serves concurrent orders one at a time.
// Run:    npm run server (in another terminal), then: npx tsx examples/18-blocking.ts
// Prints: the ticker's longest gap (≈ EGG_MS, not 100 ms), then /blocking × 4 via Promise.all ≈ 4 ×; elapsed ≈ 5 × EGG_MS + 0.6 s.

import type { FryEgg, KitchenClient, Log } from './lib'
import { defineDemos, EGGS, formatLanes, stopwatch, timedLog, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const TICK_MS = 100
export const idealMs = (ms: number) => 5 * ms + 6 * TICK_MS

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

// #region demo
export async function tickThroughABlock(blockMs: number, log: Log, tickMs = TICK_MS) {
  const since = stopwatch()
  const ticks: number[] = []
  const ticker = setInterval(() => ticks.push(since()), tickMs) // should tick every tickMs
  await sleep(3 * tickMs)
  const end = Date.now() + blockMs
  while (Date.now() < end) { /* synchronous work: no timer, no callback, nothing else runs */ }
  await sleep(3 * tickMs)
  clearInterval(ticker)
  const longestGap = Math.max(...ticks.map((t, i) => t - (ticks[i - 1] ?? 0)))
  log(`ticks every ${tickMs} ms, except one gap of ${longestGap} ms`)
  return longestGap
}
// #endregion demo

// #region kitchen
export async function fryAllInABlockingKitchen(eggs: readonly string[], blockingFry: FryEgg) {
  // concurrent orders; a blocked kitchen serves them in turn
  return Promise.all(eggs.map(egg => blockingFry(egg)))
}
// #endregion kitchen

export async function main(kitchen: KitchenClient) {
  await tickThroughABlock(kitchen.ms, timedLog())
  const { fry, lanes } = traceFries(kitchen.blocking)
  await fryAllInABlockingKitchen(['A', 'B', 'C', 'D'], fry)
  console.log(formatLanes(lanes))
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  'blocking-kitchen': {
    title: 'Promise.all against /blocking',
    idealMs: ms => 4 * ms,
    eggs: () => EGGS,
    kitchenView: true,
    inPage: 'the kitchen runs on this page\'s own thread, so its blocking fries freeze the page too: the clock stops until they end.',
    run: ({ kitchen, tracer }) => fryAllInABlockingKitchen(EGGS, tracer.wrap(kitchen.blocking)),
  },
})

if (isMain(import.meta.url)) void runMain(main)
