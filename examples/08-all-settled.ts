// Shows:  Promise.allSettled: wait for every egg, good or burnt, and report each one.
// Run:    npm run server (in another terminal), then: npx tsx examples/08-all-settled.ts
// Prints: A, B and D served, C burnt, as a timeline; elapsed ≈ 1 × EGG_MS.

import type { FryEgg, KitchenClient, Order } from './lib'
import { defineDemos, EGGS, formatLanes, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => ms

export const ORDERS: Order[] = ['A', 'B', 'C', 'D'].map(egg => ({ egg, burn: egg === 'C' }))

// #region demo
export async function fryAllSettled(orders: Order[], fry: FryEgg) {
  const results = await Promise.allSettled(orders.map(({ egg, burn }) => fry(egg, { burn })))
  return results.map((result, i) =>
    result.status === 'fulfilled'
      ? `egg ${result.value.egg}: served`
      : `egg ${orders[i].egg}: ${result.reason.message}`, // one burnt egg spoils nothing else
  )
}
// #endregion demo

export async function main(kitchen: KitchenClient) {
  const { fry, lanes } = traceFries(kitchen.fry)
  const report = await fryAllSettled(ORDERS, fry)
  console.log(formatLanes(lanes))
  console.log(report.join('\n'))
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  'all-settled': {
    title: 'Promise.allSettled',
    idealMs: ms => ms,
    eggs: () => EGGS,
    run: async ({ tracer, log }) => (await fryAllSettled(ORDERS, tracer.fry)).forEach(line => log(line)),
    edit: {
      file: '08-all-settled',
      entry: `
for (const line of await fryAllSettled(orders, fry)) log(line)
`,
      orders: () => ORDERS,
    },
  },
})

if (isMain(import.meta.url)) void runMain(main)
