// Shows:  an async generator and for await: eggs are fried lazily, one each time the loop asks.
// Run:    npm run server (in another terminal), then: npx tsx examples/15-for-await.ts
// Prints: each egg as the loop receives it, in order A B C D; elapsed ≈ 4 × EGG_MS.

import type { FryEgg, KitchenClient, Log } from './lib'
import { defineDemos, EGGS, timedLog } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => 4 * ms

// #region demo
export async function* eggsOneByOne(eggs: readonly string[], fry: FryEgg) {
  for (const egg of eggs) yield await fry(egg) // nothing fries until the consumer asks for the next
}

export async function eatAsTheyCome(eggs: readonly string[], fry: FryEgg, log: Log) {
  for await (const plate of eggsOneByOne(eggs, fry)) log(`egg ${plate.egg} served`)
}
// #endregion demo

export async function main(kitchen: KitchenClient) {
  await eatAsTheyCome(['A', 'B', 'C', 'D'], kitchen.fry, timedLog())
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  'for-await': {
    title: 'for await over a generator',
    idealMs: ms => 4 * ms,
    eggs: () => EGGS,
    run: ({ tracer, log }) => eatAsTheyCome(EGGS, tracer.fry, log),
    edit: {
      file: '15-for-await',
      entry: `
await eatAsTheyCome(eggs, fry, log)
`,
    },
  },
})

if (isMain(import.meta.url)) void runMain(main)
