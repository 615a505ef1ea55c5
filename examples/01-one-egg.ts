// Shows:  one egg from the kitchen: the unit of time every other example is measured in.
// Run:    npm run server (in another terminal), then: npx tsx examples/01-one-egg.ts
// Prints: the egg and its time on the stove; elapsed ≈ 1 × EGG_MS.
import type { FryEgg, KitchenClient } from './lib'
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

if (isMain(import.meta.url)) void runMain(main)
