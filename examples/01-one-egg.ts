// Shows:  one egg from the kitchen: the unit of time every other example is measured in.
// Run:    npm run server (in another terminal), then: npx tsx examples/01-one-egg.ts
// Prints: the egg and its time on the stove; elapsed ≈ 1 × EGG_MS.
import type { FryEgg, KitchenClient } from './lib'
import { defineDemos } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => ms

// #region demo
export async function fryOneEgg(fry: FryEgg) {
  const plate = await fry('A') // the order goes out; this function waits here for the answer
  return plate
}
// #endregion demo

export async function main(kitchen: KitchenClient) {
  const plate = await fryOneEgg(kitchen.fry)
  console.log(`egg ${plate.egg}: ${plate.finishedAt - plate.startedAt} ms on the stove`)
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  'one-egg': {
    title: 'one egg',
    idealMs: ms => ms,
    eggs: () => ['A'],
    run: async ({ tracer, log }) => log(`egg ${(await fryOneEgg(tracer.fry)).egg} served`),
  },
})

if (isMain(import.meta.url)) void runMain(main)
