// Shows:  bridging: a callback API wrapped in a Promise, so it can be awaited and joined.
// Run:    npm run server (in another terminal), then: npx tsx examples/20-callback-bridge.ts
// Prints: four eggs from the callback API, joined with Promise.all; elapsed ≈ 1 × EGG_MS.

import type { Fried, FryCallback, KitchenClient } from './lib'
import { callbackStyle, defineDemos, EGGS, formatLanes, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => ms

// #region demo
export function fryEggAsync(fryEgg: FryCallback, egg: string): Promise<Fried> {
  return new Promise((resolve, reject) => {
    fryEgg(egg, (err, plate) => (err ? reject(err) : resolve(plate!))) // settle exactly once
  })
}
// Node's util.promisify(fn) builds the same wrapper for any (err, value) callback API.
// #endregion demo

export async function main(kitchen: KitchenClient) {
  const { fry, lanes } = traceFries(kitchen.fry)
  const legacyFryEgg = callbackStyle(fry)
  await Promise.all(['A', 'B', 'C', 'D'].map(egg => fryEggAsync(legacyFryEgg, egg)))
  console.log(formatLanes(lanes))
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  'callback-bridge': {
    title: 'a callback API, promised',
    idealMs: ms => ms,
    eggs: () => EGGS,
    run: ({ tracer }) => Promise.all(EGGS.map(egg => fryEggAsync(callbackStyle(tracer.fry), egg))),
  },
})

if (isMain(import.meta.url)) void runMain(main)
