// Shows:  Promise.any: the first egg served wins, even though another egg burns before it.
// Run:    npm run server (in another terminal), then: npx tsx examples/10-any.ts
// Prints: B burns at ¼, D wins at ½ × EGG_MS; then the timeline once all are off the stove; elapsed ≈ 1 × EGG_MS.

import type { FryEgg, KitchenClient, Order } from './lib'
import { defineDemos, EGGS, formatLanes, staggeredOrders, stopwatch, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => ms

/** B is the fastest, and it burns. */
export function burntFastest(ms: number): Order[] {
  return staggeredOrders(ms).map(order => ({ ...order, burn: order.egg === 'B' }))
}

// #region demo
export async function firstGoodEgg(orders: Order[], fry: FryEgg) {
  return Promise.any(orders.map(({ egg, ms, burn }) => fry(egg, { ms, burn })))
  // rejects only if every egg burns, with an AggregateError of all the reasons
}
// #endregion demo

export async function main(kitchen: KitchenClient) {
  const { fry, lanes, idle } = traceFries(kitchen.fry)
  const elapsed = stopwatch()
  const winner = await firstGoodEgg(burntFastest(kitchen.ms), fry)
  console.log(`first good egg: ${winner.egg} after ${elapsed()} ms`)
  await idle()
  console.log(formatLanes(lanes))
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  any: {
    title: 'Promise.any',
    idealMs: ms => ms,
    settleIdealMs: ms => Math.round(ms / 2), // D, the fastest egg that does not burn
    eggs: () => EGGS,
    run: async ({ tracer, log, ms, settled }) => {
      const { egg } = await firstGoodEgg(burntFastest(ms), tracer.fry)
      settled('any settled', egg)
      log(`first good egg: ${egg}`)
      await tracer.idle()
    },
    edit: {
      file: '10-any',
      entry: `
const { egg } = await firstGoodEgg(orders, fry)
settled('any settled', egg)
log('first good egg: ' + egg)
`,
      orders: burntFastest,
    },
  },
})

if (isMain(import.meta.url)) void runMain(main)
