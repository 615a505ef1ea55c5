// Shows:  a concurrency limit: 12 eggs through 3 pans, yielded as each comes off.
// Run:    npm run server (in another terminal), then: npx tsx examples/16-pans.ts
// Prints: a 12-lane timeline with at most 3 eggs frying at any moment; elapsed ≈ 4 × EGG_MS.

import type { Fried, FryEgg, KitchenClient } from './lib'
import { fryAll } from './07-promise-all'
import { defineDemos, formatLanes, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => 4 * ms

export const TWELVE_EGGS = 'ABCDEFGHIJKL'.split('')

// #region demo
export async function* fryWithPans(eggs: readonly string[], fry: FryEgg, pans: number) {
  const takeOff = new AbortController()
  const onStove = new Map<number, Promise<[number, Fried]>>()
  let next = 0
  const putOn = () => {
    const id = next++
    onStove.set(id, fry(eggs[id], { signal: takeOff.signal }).then(plate => [id, plate]))
  }
  try {
    while (next < eggs.length && onStove.size < pans) putOn() // fill every pan
    while (onStove.size > 0) {
      const [id, plate] = await Promise.race(onStove.values()) // whichever egg is done first
      onStove.delete(id)
      if (next < eggs.length) putOn() // that pan is free: the next egg goes on
      yield plate
    }
  }
  finally {
    takeOff.abort() // the consumer left early or a fry failed: clear the stove
    for (const left of onStove.values()) left.catch(() => {})
  }
}
// #endregion demo

export async function main(kitchen: KitchenClient) {
  const tracer = traceFries(kitchen.fry)
  const served: string[] = []
  for await (const plate of fryWithPans(TWELVE_EGGS, tracer.fry, 3)) served.push(plate.egg)
  console.log(formatLanes(tracer.lanes))
  console.log(`served: ${served.join(' ')}; at most ${tracer.maxRunning} on the stove at once`)
}

/** The slides' live demos of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  'pans': {
    title: '12 eggs, 3 pans',
    idealMs: ms => 4 * ms,
    eggs: () => TWELVE_EGGS,
    kitchenView: true,
    run: async ({ tracer }) => {
      for await (const _ of fryWithPans(TWELVE_EGGS, tracer.fry, 3)) { /* each plate as it comes */ }
    },
    edit: {
      file: '16-pans',
      entry: `
const served: string[] = []
for await (const plate of fryWithPans(eggs, fry, 3)) served.push(plate.egg)
log('served: ' + served.join(' '))
`,
      // The number of pans is the edit's to change: twelve eggs through p pans take ⌈12 / p⌉ fries.
      idealMs: (ms, source) => {
        const pans = Number(/fryWithPans\([^,]+,[^,]+,\s*(\d+)\s*\)/.exec(source)?.[1])
        return pans >= 1 ? Math.ceil(TWELVE_EGGS.length / pans) * ms : undefined
      },
    },
  },
  // The pans' twelve eggs without the pans: 07's Promise.all, bounded only by what the browser allows.
  'browser-pool': {
    title: '12 eggs with Promise.all, from the browser',
    idealMs: ms => ms,
    eggs: () => TWELVE_EGGS,
    kitchenView: true,
    inPage: 'no network, so no limit of 6 connections: all 12 fry at once. Run the kitchen server (npm run server) to see the limit.',
    run: ({ tracer }) => fryAll(TWELVE_EGGS, tracer.fry),
  },
})

if (isMain(import.meta.url)) void runMain(main)
