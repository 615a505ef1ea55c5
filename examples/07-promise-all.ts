// Shows:  Promise.all: order every egg first, then wait for all of them together.
// Run:    npm run server (in another terminal), then: npx tsx examples/07-promise-all.ts
// Prints: four eggs on one timeline, all fried at once; elapsed ≈ 1 × EGG_MS.

import type { FryEgg, KitchenClient } from './lib'
import { defineDemos, EGGS, formatLanes, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => ms

// #region demo
export async function fryAll(eggs: readonly string[], fry: FryEgg) {
  const orders = eggs.map(egg => fry(egg)) // every fry starts here, without waiting
  return Promise.all(orders) // one wait for all of them; results in order
}
// #endregion demo

export async function main(kitchen: KitchenClient) {
  const { fry, lanes } = traceFries(kitchen.fry)
  const plates = await fryAll(['A', 'B', 'C', 'D'], fry)
  console.log(formatLanes(lanes))
  console.log(`plates in order: ${plates.map(plate => plate.egg).join(' ')}`)
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  'promise-all': {
    title: 'Promise.all',
    idealMs: ms => ms,
    eggs: () => EGGS,
    kitchenView: true,
    run: ({ tracer }) => fryAll(EGGS, tracer.fry),
    edit: {
      file: '07-promise-all',
      entry: `
await fryAll(eggs, fry)
`,
    },
  },
})

if (isMain(import.meta.url)) void runMain(main)
