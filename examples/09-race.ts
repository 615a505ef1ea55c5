// Shows:  Promise.race: the first egg to finish wins; the losers are not stopped and keep frying.
// Run:    npm run server (in another terminal), then: npx tsx examples/09-race.ts
// Prints: B wins at ¼ × EGG_MS, then the losers' timeline; elapsed ≈ 1 × EGG_MS (the losers finish).

import type { FryEgg, KitchenClient, Order } from './lib'
import { defineDemos, EGGS, formatLanes, staggeredOrders, stopwatch, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => ms

// #region demo
export async function firstEggServed(orders: Order[], fry: FryEgg) {
  return Promise.race(orders.map(({ egg, ms }) => fry(egg, { ms })))
  // the losers are still on the stove: nobody told them to stop
}
// #endregion demo

export async function main(kitchen: KitchenClient) {
  const { fry, lanes, idle } = traceFries(kitchen.fry)
  const elapsed = stopwatch()
  const winner = await firstEggServed(staggeredOrders(kitchen.ms), fry)
  console.log(`winner: egg ${winner.egg} after ${elapsed()} ms`)
  await idle()
  console.log(formatLanes(lanes))
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  race: {
    title: 'Promise.race',
    idealMs: ms => ms,
    settleIdealMs: ms => Math.round(ms / 4), // B, the fastest
    eggs: () => EGGS,
    run: async ({ tracer, log, ms, settled }) => {
      const { egg } = await firstEggServed(staggeredOrders(ms), tracer.fry)
      settled('race settled', egg)
      log(`winner: egg ${egg}`)
      await tracer.idle()
    },
    edit: {
      file: '09-race',
      entry: `
const { egg } = await firstEggServed(orders, fry)
settled('race settled', egg)
log('winner: egg ' + egg)
`,
      orders: staggeredOrders,
    },
  },
})

if (isMain(import.meta.url)) void runMain(main)
