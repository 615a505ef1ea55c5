// Shows:  structured concurrency: a scope that cancels the other tasks at the first failure and
//         waits for them to stop, so nothing outlives it.
// Run:    npm run server (in another terminal), then: npx tsx examples/19-task-group.ts
// Prints: the scope fails with "egg B burnt" at ¼ × EGG_MS; the kitchen: inFlight 0, cancelled 3; elapsed ≈ ¼ × EGG_MS.

import type { FryEgg, KitchenClient, Order } from './lib'
import { defineDemos, EGGS, formatLanes, logKitchenStats, staggeredOrders, stopwatch, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => Math.round(ms / 4)

// #region demo
export async function allOrNothing<T>(tasks: Array<(signal: AbortSignal) => Promise<T>>): Promise<T[]> {
  const scope = new AbortController()
  const running = tasks.map(task => task(scope.signal).catch((err) => {
    scope.abort(err) // the first failure cancels the siblings
    throw err
  }))
  try { return await Promise.all(running) } // the first failure's error is the scope's error
  finally { await Promise.allSettled(running) } // nothing outlives the scope
}
// #endregion demo

// #region usage
export function breakfastForFour(orders: Order[], fry: FryEgg) {
  return allOrNothing(orders.map(({ egg, ms, burn }) => (signal: AbortSignal) => fry(egg, { ms, burn, signal })))
}
// #endregion usage

export async function main(kitchen: KitchenClient) {
  await kitchen.resetStats()
  const { fry, lanes } = traceFries(kitchen.fry)
  const elapsed = stopwatch()
  const orders = staggeredOrders(kitchen.ms).map(order => ({ ...order, burn: order.egg === 'B' }))
  await breakfastForFour(orders, fry).catch((err: Error) => console.log(`scope failed: ${err.message} after ${elapsed()} ms`))
  const { inFlight, cancelled } = await kitchen.settled()
  console.log(`kitchen: inFlight ${inFlight}, cancelled ${cancelled}`)
  console.log(formatLanes(lanes))
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  'task-group': {
    title: 'all or nothing: a scope',
    idealMs: ms => Math.round(ms / 4),
    eggs: () => EGGS,
    run: async (ctx) => {
      await ctx.kitchen.resetStats()
      const orders = staggeredOrders(ctx.ms).map(order => ({ ...order, burn: order.egg === 'B' }))
      await breakfastForFour(orders, ctx.tracer.fry).catch((err: Error) => ctx.log(`scope failed: ${err.message}`))
      await logKitchenStats(ctx)
    },
  },
})

if (isMain(import.meta.url)) void runMain(main)
