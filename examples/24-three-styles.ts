// Shows:  one small job written three ways: callbacks, a promise chain, async/await. Fry A, then B, then
//         serve both; if either burns, say sorry. The deck morphs one version into the next.
// Run:    npm run server (in another terminal), then: npx tsx examples/24-three-styles.ts
// Prints: the same line from all three, run side by side: "served A and B", then "sorry: egg B burnt"; elapsed ≈ 4 × EGG_MS.

import type { FryCallback, FryEgg, KitchenClient, Log } from './lib'
import { callbackStyle } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => 4 * ms

// #region demo
// #region callbacks
export function twoEggsWithCallbacks(fry: FryCallback, log: Log) {
  fry('A', (err, a) => {
    if (err) return log(`sorry: ${err.message}`)
    fry('B', (err, b) => {
      if (err) return log(`sorry: ${err.message}`)
      log(`served ${a!.egg} and ${b!.egg}`)
    })
  })
}
// #endregion callbacks

// #region then
export function twoEggsWithThen(fry: FryEgg, log: Log) {
  return fry('A')
    .then(a => fry('B').then(b => log(`served ${a.egg} and ${b.egg}`)))
    .catch((err: Error) => log(`sorry: ${err.message}`))
}
// #endregion then

// #region await
export async function twoEggsWithAwait(fry: FryEgg, log: Log) {
  try {
    const a = await fry('A')
    const b = await fry('B')
    log(`served ${a.egg} and ${b.egg}`)
  }
  catch (err) {
    log(`sorry: ${(err as Error).message}`)
  }
}
// #endregion await
// #endregion demo

/** Runs one style and resolves with the line it logs: the callback style says it is done only by logging. */
export function lineFrom(style: (log: Log) => unknown): Promise<string> {
  return new Promise(resolve => style(resolve))
}

/** The three styles, each on the same fryEgg: the callback one on a callback-style wrapper of it. */
export function allThree(fry: FryEgg): Promise<string[]> {
  return Promise.all([
    lineFrom(log => twoEggsWithCallbacks(callbackStyle(fry), log)),
    lineFrom(log => twoEggsWithThen(fry, log)),
    lineFrom(log => twoEggsWithAwait(fry, log)),
  ])
}

export async function main(kitchen: KitchenClient) {
  const burnB: FryEgg = (egg, options) => kitchen.fry(egg, { ...options, burn: egg === 'B' })
  for (const [title, fry] of [['two good eggs', kitchen.fry], ['egg B burns', burnB]] as const) {
    const [callbacks, then, wait] = await allThree(fry) // side by side; each fries A, then B
    console.log(`${title}:\n  callbacks    ${callbacks}\n  .then chain  ${then}\n  async/await  ${wait}`)
  }
}

if (isMain(import.meta.url)) void runMain(main)
