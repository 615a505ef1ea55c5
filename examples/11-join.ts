// Shows:  joining two fries: two awaits in a row (wrong: in turn) vs Promise.all (right: together),
//         and try-join: Promise.all rejects at the first burnt egg.
// Run:    npm run server (in another terminal), then: npx tsx examples/11-join.ts
// Prints: wrong ≈ 2 × EGG_MS, right ≈ 1 ×, try-join fails with B at ¼ while A fries on; elapsed ≈ 4 × EGG_MS.

import type { FryEgg, KitchenClient, Order } from './lib'
import { defineDemos, formatLanes, stopwatch, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => 4 * ms

// #region demo
// #region wrong
export async function breakfastInTurn(fry: FryEgg) {
  const first = await fry('A')
  const second = await fry('B') // ordered only after A
  return [first, second]
}
// #endregion wrong

// #region right
export async function breakfastTogether(fry: FryEgg) {
  const orders = [fry('A'), fry('B')] // both go out now
  const [first, second] = await Promise.all(orders)
  return [first, second]
}
// #endregion right
// #endregion demo

// #region try
export async function breakfastOrNothing(orders: Order[], fry: FryEgg) {
  // try-join: the first failure rejects the join at once; the other fries are not stopped
  return Promise.all(orders.map(({ egg, ms, burn }) => fry(egg, { ms, burn })))
}
// #endregion try

/** A takes a whole fry; B burns at a quarter of it. */
export const oneBurnsEarly = (ms: number): Order[] => [{ egg: 'A', ms }, { egg: 'B', ms: Math.round(ms / 4), burn: true }]

export async function main(kitchen: KitchenClient) {
  for (const [title, breakfast] of [
    ['wrong: two awaits in a row', breakfastInTurn],
    ['right: Promise.all', breakfastTogether],
    ['try-join: B burns', (fry: FryEgg) => breakfastOrNothing(oneBurnsEarly(kitchen.ms), fry)],
  ] as const) {
    const { fry, lanes, idle } = traceFries(kitchen.fry)
    const elapsed = stopwatch()
    const outcome = await breakfast(fry).then(() => 'done', (err: Error) => `failed: ${err.message}`)
    console.log(`${title}: ${outcome} after ${elapsed()} ms`)
    await idle() // A is still frying after try-join gave up: wait, so nothing is left running
    console.log(formatLanes(lanes))
  }
}

/** The slides' live demos of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  'join': {
    title: 'join: wrong, then right',
    idealMs: ms => 3 * ms,
    eggs: () => ['A', 'B', 'A', 'B'],
    run: async ({ tracer, log }) => {
      await breakfastInTurn(tracer.fry)
      log(`two awaits: ${tracer.elapsed()} ms`)
      const before = tracer.elapsed()
      await breakfastTogether(tracer.fry)
      log(`Promise.all: ${tracer.elapsed() - before} ms`)
    },
  },
  'try-join': {
    title: 'try-join: the first failure',
    idealMs: ms => ms,
    settleIdealMs: ms => Math.round(ms / 4), // B burns at a quarter
    eggs: () => ['A', 'B'],
    run: async ({ tracer, log, ms, settled }) => {
      await breakfastOrNothing(oneBurnsEarly(ms), tracer.fry).catch((err: Error) => {
        settled('join rejected')
        log(`rejected after ${tracer.elapsed()} ms: ${err.message}`)
      })
      await tracer.idle()
      log(`A was still served at ${tracer.elapsed()} ms: nothing stopped it`)
    },
  },
})

if (isMain(import.meta.url)) void runMain(main)
