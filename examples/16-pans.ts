// Shows:  a concurrency limit: 12 eggs through 3 pans, yielded as each comes off.
// Run:    npm run server (in another terminal), then: npx tsx examples/16-pans.ts
// Prints: a 12-lane timeline with at most 3 eggs frying at any moment; elapsed ≈ 4 × EGG_MS.

import type { Fried, FryEgg, KitchenClient } from './lib'
import { formatLanes, traceFries } from './lib'
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

if (isMain(import.meta.url)) void runMain(main)
