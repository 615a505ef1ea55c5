// Shows:  async/await rebuilt: a generator yields promises, and a tiny driver resumes it with their values.
// Run:    npm run server (in another terminal), then: npx tsx examples/06-generator-executor.ts
// Prints: the four eggs fried in turn by a generator, as a timeline; elapsed ≈ 4 × EGG_MS.

import type { Fried, FryEgg, KitchenClient } from './lib'
import { defineDemos, EGGS, formatLanes, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => 4 * ms

// #region demo
/** Runs a generator as if it were an async function: each `yield promise` acts like `await promise`. */
export function run<T, V>(steps: Generator<Promise<V>, T, V>): Promise<T> {
  return new Promise((resolve, reject) => {
    const resume = (advance: () => IteratorResult<Promise<V>, T>) => {
      let step: IteratorResult<Promise<V>, T>
      try {
        step = advance() // run the body until its next yield (or its end)
      }
      catch (err) {
        return reject(err) // the body threw
      }
      // #region drive
      if (step.done) return resolve(step.value)
      step.value.then(
        value => resume(() => steps.next(value)), // the promise's value becomes the yield's result
        error => resume(() => steps.throw(error)), // a rejection is thrown at the yield
      )
      // #endregion drive
    }
    resume(() => steps.next(undefined as V))
  })
}
// #endregion demo

// #region usage
export function* fryInTurn(eggs: readonly string[], fry: FryEgg): Generator<Promise<Fried>, Fried[], Fried> {
  const plates: Fried[] = []
  for (const egg of eggs)
    plates.push(yield fry(egg)) // reads like `await fry(egg)`
  return plates
}
// run(fryInTurn(['A', 'B', 'C', 'D'], fry)) behaves like the async version
// #endregion usage

export async function main(kitchen: KitchenClient) {
  const { fry, lanes } = traceFries(kitchen.fry)
  await run(fryInTurn(['A', 'B', 'C', 'D'], fry))
  console.log(formatLanes(lanes))
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  'generator-executor': {
    title: 'a generator and run()',
    idealMs: ms => 4 * ms,
    eggs: () => EGGS,
    run: ({ tracer }) => run(fryInTurn(EGGS, tracer.fry)),
  },
})

if (isMain(import.meta.url)) void runMain(main)
