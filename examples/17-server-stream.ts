// Shows:  for await over a streamed HTTP body: the kitchen fries all eggs and sends each line when it is done.
// Run:    npm run server (in another terminal), then: npx tsx examples/17-server-stream.ts
// Prints: eggs in the order they finish (B D C A), stamped in ms; elapsed ≈ 1 × EGG_MS.

import type { KitchenClient, Log, Order } from './lib'
import { staggeredOrders, timedLog } from './lib'
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

if (isMain(import.meta.url)) void runMain(main)
