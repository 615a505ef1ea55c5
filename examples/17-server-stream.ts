// Shows:  for await over a streamed HTTP body: the kitchen fries all eggs and sends each line when it is done.
// Run:    npm run server (in another terminal), then: npx tsx examples/17-server-stream.ts
// Prints: eggs in the order they finish (B D C A), stamped in ms; elapsed ≈ 1 × EGG_MS.

import type { KitchenClient, Log, Order } from './lib'
import { defineDemos, EGGS, staggeredOrders, timedLog } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => ms

// #region demo
export async function eatFromTheStream(stream: KitchenClient['stream'], orders: Order[], log: Log) {
  const eggs = orders.map(order => order.egg)
  const times = orders.map(order => order.ms ?? 0)
  for await (const plate of stream(eggs, { ms: times })) // one NDJSON line per egg, as it is done
    log(`egg ${plate.egg} served`)
}
// #endregion demo

export async function main(kitchen: KitchenClient) {
  await eatFromTheStream(kitchen.stream, staggeredOrders(kitchen.ms), timedLog())
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  'server-stream': {
    title: 'the kitchen\'s /stream',
    idealMs: ms => ms,
    eggs: () => EGGS,
    run: async ({ kitchen, tracer, log, ms }) => {
      const orders = staggeredOrders(ms)
      const ends = new Map(orders.map(order => [order.egg, tracer.begin(order.egg)]))
      await eatFromTheStream(kitchen.stream, orders, (line) => {
        ends.get(line.split(' ')[1])?.('served')
        log(line)
      })
    },
    edit: {
      file: '17-server-stream',
      entry: `
await eatFromTheStream(stream, orders, log)
`,
      orders: staggeredOrders,
    },
  },
})

if (isMain(import.meta.url)) void runMain(main)
