// Shows:  a timeout as the other branch of a race; the timeout wins, but the egg is not stopped.
// Run:    npm run server (in another terminal), then: npx tsx examples/12-race-timeout.ts
// Prints: "timed out" at ½ × EGG_MS, the kitchen still frying 1 egg, then the egg done; elapsed ≈ 1 × EGG_MS.

import type { FryEgg, KitchenClient } from './lib'
import { defineDemos, timedLog, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => ms

// #region demo
export async function fryWithin(egg: string, limitMs: number, fry: FryEgg) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${limitMs} ms`)), limitMs)
  })
  try { return await Promise.race([fry(egg), timeout]) } // a lost race stops the waiting, not the fry
  finally { clearTimeout(timer) } // if the egg won, a pending timer would keep Node alive
}
// #endregion demo

export async function main(kitchen: KitchenClient) {
  const log = timedLog()
  const { fry, idle } = traceFries(kitchen.fry)
  await kitchen.resetStats()
  try {
    await fryWithin('A', Math.round(kitchen.ms / 2), fry)
  }
  catch (err) {
    log((err as Error).message)
  }
  log(`kitchen: ${(await kitchen.stats()).inFlight} egg still in flight`)
  await idle()
  log('egg A finished frying anyway, and nobody ate it')
}

/** The slides' live demos of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  'race-timeout': {
    title: 'a race against a timeout',
    idealMs: ms => ms,
    settleIdealMs: ms => Math.round(ms / 2), // the timeout, the faster branch
    eggs: () => ['A'],
    run: async (ctx) => {
      await ctx.kitchen.resetStats()
      await fryWithin('A', Math.round(ctx.ms / 2), ctx.tracer.fry).then(() => ctx.settled('race settled', 'A'), (err: Error) => {
        // Rejected while A is still on the stove: the timeout fired, and its rejection settled the race.
        if (ctx.tracer.running > 0) ctx.mark('timeout')
        ctx.settled('race settled')
        ctx.log(err.message)
      })
      ctx.log(`kitchen: ${(await ctx.kitchen.stats()).inFlight} egg still in flight`)
      await ctx.tracer.idle()
      ctx.log('egg A finished anyway')
    },
    edit: {
      file: '12-race-timeout',
      entry: `
try {
  const plate = await fryWithin('A', ms / 2, fry)
  settled('race settled', plate.egg)
}
catch (err) {
  mark('timeout')
  settled('race settled')
  log((err as Error).message)
}
`,
    },
  },
})

if (isMain(import.meta.url)) void runMain(main)
