// Shows:  four eggs, one after another: each await waits for the last egg before ordering the next.
// Run:    npm run server (in another terminal), then: npx tsx examples/02-sequential.ts
// Prints: a timeline of the four eggs, each starting when the last ends; elapsed ≈ 4 × EGG_MS.

import type { FryEgg, KitchenClient } from './lib'
import { defineDemos, EGGS, formatLanes, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => 4 * ms

// #region demo
export async function fryInTurn(fry: FryEgg) {
  const a = await fry('A')
  const b = await fry('B') // B is not even ordered until A is on the plate
  const c = await fry('C')
  const d = await fry('D')
  return [a, b, c, d]
}
// #endregion demo

export async function main(kitchen: KitchenClient) {
  const { fry, lanes } = traceFries(kitchen.fry)
  await fryInTurn(fry)
  console.log(formatLanes(lanes))
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  sequential: {
    title: 'four awaits in a row',
    idealMs: ms => 4 * ms,
    eggs: () => EGGS,
    kitchenView: true,
    run: ({ tracer }) => fryInTurn(tracer.fry),
    edit: {
      file: '02-sequential',
      entry: `
await fryInTurn(fry)
`,
    },
  },
})

if (isMain(import.meta.url)) void runMain(main)
