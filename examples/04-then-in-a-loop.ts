// Shows:  .then inside a for loop: the loop never waits, so every egg fries at once (by accident).
// Run:    npm run server (in another terminal), then: npx tsx examples/04-then-in-a-loop.ts
// Prints: "loop done" first, then the eggs in the order they finish (B D C A); elapsed ≈ 1 × EGG_MS.

import type { FryEgg, KitchenClient, Log, Order } from './lib'
import { defineDemos, EGGS, staggeredOrders, timedLog, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => ms

// #region demo
export function fryInALoopWithThen(orders: Order[], fry: FryEgg, log: Log) {
  for (const { egg, ms } of orders) {
    fry(egg, { ms }).then(plate => log(`egg ${plate.egg} served`))
  }
  log('loop done') // printed first: nothing above waited
}
// #endregion demo

export async function main(kitchen: KitchenClient) {
  const { fry, idle } = traceFries(kitchen.fry)
  fryInALoopWithThen(staggeredOrders(kitchen.ms), fry, timedLog())
  await idle() // the loop returned at once; the eggs are still frying
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  'then-in-a-loop': {
    title: '.then in a loop',
    idealMs: ms => ms,
    eggs: () => EGGS,
    run: async ({ tracer, log, ms }) => {
      fryInALoopWithThen(staggeredOrders(ms), tracer.fry, log)
      await tracer.idle()
    },
    edit: {
      file: '04-then-in-a-loop',
      entry: `
fryInALoopWithThen(orders, fry, log)
`,
      orders: staggeredOrders,
    },
  },
})

if (isMain(import.meta.url)) void runMain(main)
