// Shows:  event-driven style: callbacks, a counter to know when all are done, errors by hand.
// Run:    npm run server (in another terminal), then: npx tsx examples/03-callbacks.ts
// Prints: four eggs fried at once (≈1×), then the same four in a callback pyramid (≈4×); elapsed ≈ 5 × EGG_MS.

import type { Fried, FryCallback, KitchenClient } from './lib'
import { callbackStyle, defineDemos, EGGS, formatLanes, promised, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => 5 * ms

type Done = (err: Error | null, plates?: Fried[]) => void

// #region demo
export function fryAllWithCallbacks(eggs: readonly string[], fryEgg: FryCallback, done: Done) {
  const plates: Fried[] = []
  let left = eggs.length
  let failed = false
  // #region callbacks
  eggs.forEach((egg, i) => fryEgg(egg, (err, plate) => {
    if (failed) return // an error was already reported: ignore the rest
    if (err) {
      failed = true
      return done(err)
    }
    plates[i] = plate!
    if (--left === 0) done(null, plates) // the last callback in finishes the job
  }))
  // #endregion callbacks
}
// #endregion demo

export function fryInTurnWithCallbacks(fryEgg: FryCallback, done: Done) {
  // #region pyramid
  fryEgg('A', (err, a) => {
    if (err) return done(err)
    fryEgg('B', (err, b) => {
      if (err) return done(err)
      fryEgg('C', (err, c) => {
        if (err) return done(err)
        fryEgg('D', (err, d) => {
          if (err) return done(err)
          done(null, [a!, b!, c!, d!])
        })
      })
    })
  })
  // #endregion pyramid
}

export async function main(kitchen: KitchenClient) {
  for (const [title, run] of [
    ['at once, with a counter:', (fry: FryCallback, done: Done) => fryAllWithCallbacks(['A', 'B', 'C', 'D'], fry, done)],
    ['in turn, as a pyramid:', fryInTurnWithCallbacks],
  ] as const) {
    const { fry, lanes } = traceFries(kitchen.fry)
    await new Promise<void>((resolve, reject) => run(callbackStyle(fry), err => (err ? reject(err) : resolve())))
    console.log(`${title}\n${formatLanes(lanes)}`)
  }
}

/** The slides' live demos of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  'callbacks': {
    title: 'callbacks with a counter',
    idealMs: ms => ms,
    eggs: () => EGGS,
    kitchenView: true,
    run: ({ tracer }) => promised(done => fryAllWithCallbacks(EGGS, callbackStyle(tracer.fry), done)),
  },
  'callbacks-pyramid': {
    title: 'the callback pyramid',
    idealMs: ms => 4 * ms,
    eggs: () => EGGS,
    run: ({ tracer }) => promised(done => fryInTurnWithCallbacks(callbackStyle(tracer.fry), done)),
  },
})

if (isMain(import.meta.url)) void runMain(main)
