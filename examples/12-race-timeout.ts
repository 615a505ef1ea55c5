// Shows:  a timeout as the other branch of a race; the timeout wins, but the egg is not stopped.
// Run:    npm run server (in another terminal), then: npx tsx examples/12-race-timeout.ts
// Prints: "timed out" at ½ × EGG_MS, the kitchen still frying 1 egg, then the egg done; elapsed ≈ 1 × EGG_MS.

import type { FryEgg, KitchenClient } from './lib'
import { timedLog, traceFries } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => ms

// #region demo
export async function fryWithin(egg: string, limitMs: number, fry: FryEgg) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${limitMs} ms`)), limitMs)
  })
  try {
    return await Promise.race([fry(egg), timeout]) // a lost race stops the waiting, not the fry
  }
  finally {
    clearTimeout(timer) // if the egg won, a pending timer would keep Node alive
  }
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

if (isMain(import.meta.url)) void runMain(main)
