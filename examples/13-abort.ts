// Shows:  cancellation: the race's losers are aborted with an AbortController, and the kitchen stops them.
// Run:    npm run server (in another terminal), then: npx tsx examples/13-abort.ts
// Prints: B wins at ¼ × EGG_MS; the kitchen's /stats shows inFlight 0 and cancelled 3; elapsed ≈ ¼ × EGG_MS.

import type { FryEgg, KitchenClient, Order } from './lib'
import { defineDemos, EGGS, formatLanes, logKitchenStats, staggeredOrders, stopwatch, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => Math.round(ms / 4)

// #region demo
export async function firstEggThenStop(orders: Order[], fry: FryEgg) {
  const walkAway = new AbortController()
  const fries = orders.map(({ egg, ms }) => fry(egg, { ms, signal: walkAway.signal }))
  try { return await Promise.race(fries) }
  finally { walkAway.abort() } // tell the losers: stop frying, free the pans
}
// #endregion demo

// #region timeout
export async function fryWithDeadline(egg: string, limitMs: number, fry: FryEgg) {
  return fry(egg, { signal: AbortSignal.timeout(limitMs) }) // the timeout cancels, not just stops waiting
}
// #endregion timeout

export async function main(kitchen: KitchenClient) {
  await kitchen.resetStats()
  const { fry, lanes } = traceFries(kitchen.fry)
  const elapsed = stopwatch()
  const winner = await firstEggThenStop(staggeredOrders(kitchen.ms), fry)
  console.log(`winner: egg ${winner.egg} after ${elapsed()} ms`)
  const { inFlight, cancelled } = await kitchen.settled()
  console.log(`kitchen: inFlight ${inFlight}, cancelled ${cancelled}`)
  console.log(formatLanes(lanes))
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  abort: {
    title: 'race, then abort the losers',
    idealMs: ms => Math.round(ms / 4),
    settleIdealMs: ms => Math.round(ms / 4), // B, the fastest
    eggs: () => EGGS,
    run: async (ctx) => {
      await ctx.kitchen.resetStats()
      const { egg } = await firstEggThenStop(staggeredOrders(ctx.ms), ctx.tracer.fry)
      ctx.settled('race settled', egg)
      ctx.log(`winner: egg ${egg}`)
      await logKitchenStats(ctx)
    },
    edit: {
      file: '13-abort',
      entry: `
const { egg } = await firstEggThenStop(orders, fry)
settled('race settled', egg)
log('winner: egg ' + egg)
`,
      orders: staggeredOrders,
    },
  },
})

if (isMain(import.meta.url)) void runMain(main)
