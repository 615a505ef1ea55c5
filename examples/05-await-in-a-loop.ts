// Shows:  await inside a for loop: each egg waits for the one before, so the loop is sequential.
// Run:    npm run server (in another terminal), then: npx tsx examples/05-await-in-a-loop.ts
// Prints: the eggs in order A B C D, one every EGG_MS, then "loop done"; elapsed ≈ 4 × EGG_MS.

import type { FryEgg, KitchenClient, Log } from './lib'
import { defineDemos, EGGS, timedLog } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => 4 * ms

// #region demo
export async function fryInALoopWithAwait(eggs: readonly string[], fry: FryEgg, log: Log) {
  for (const egg of eggs) {
    const plate = await fry(egg) // the loop stops here until this egg is done
    log(`egg ${plate.egg} served`)
  }
  log('loop done') // printed last
}
// #endregion demo

export async function main(kitchen: KitchenClient) {
  await fryInALoopWithAwait(['A', 'B', 'C', 'D'], kitchen.fry, timedLog())
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  'await-in-a-loop': {
    title: 'await in a loop',
    idealMs: ms => 4 * ms,
    eggs: () => EGGS,
    run: ({ tracer, log }) => fryInALoopWithAwait(EGGS, tracer.fry, log),
    edit: {
      file: '05-await-in-a-loop',
      entry: `
await fryInALoopWithAwait(eggs, fry, log)
`,
    },
  },
})

if (isMain(import.meta.url)) void runMain(main)
