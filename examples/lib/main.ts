// What only a learner's terminal needs: settings from the environment, and a main() runner
// that times the example and turns every failure into one readable line. Nothing here runs on
// import and nothing imports node:*, so the browser can load the examples that import it.

import type { KitchenClient } from './kitchen-client'
import { DEFAULT_EGG_MS, DEFAULT_EGG_SERVER, kitchenClient, KitchenDownError } from './kitchen-client'
import { stopwatch } from './timeline'

/** One line for the terminal, then exit 1. */
function die(message: string): never {
  console.error(message)
  process.exit(1)
}

/** Reads EGG_SERVER and EGG_MS, with one-line errors for bad values. */
export function settingsFromEnv(env: Record<string, string | undefined> = process.env): { url: string, ms: number } {
  const url = env.EGG_SERVER || DEFAULT_EGG_SERVER
  if (!/^https?:\/\/[^\s/]+/.test(url)) die(`EGG_SERVER must be an http(s) URL, like ${DEFAULT_EGG_SERVER}`)
  const msText = env.EGG_MS || String(DEFAULT_EGG_MS)
  const ms = /^\d{1,5}$/.test(msText) ? Number(msText) : Number.NaN
  if (!(ms >= 0 && ms <= 10_000)) die('EGG_MS must be a whole number of milliseconds from 0 to 10000')
  return { url, ms }
}

/** True when the file with this import.meta.url is the one node/tsx was asked to run. */
export function isMain(importMetaUrl: string): boolean {
  const script = globalThis.process?.argv?.[1]
  if (!script || !importMetaUrl.startsWith('file:')) return false
  const file = decodeURIComponent(new URL(importMetaUrl).pathname)
  return file === script || file === `/${script.replaceAll('\\', '/')}`
}

const oneLine = (err: unknown) => (err instanceof Error ? err.message : String(err))

/**
 * Runs an example's main against the kitchen named by EGG_SERVER, then prints `elapsed: <n> ms`.
 * A kitchen that is not running, or any other failure, is one line on stderr and exit 1.
 */
export async function runMain(main: (kitchen: KitchenClient) => Promise<unknown>): Promise<void> {
  process.on('unhandledRejection', err => die(`unhandled rejection: ${oneLine(err)}`))
  const kitchen = kitchenClient(settingsFromEnv())
  try {
    await kitchen.health({ signal: AbortSignal.timeout(5000) })
  }
  catch {
    die(new KitchenDownError(kitchen.url).message)
  }
  const elapsed = stopwatch()
  try {
    await main(kitchen)
  }
  catch (err) {
    die(err instanceof KitchenDownError ? err.message : `error: ${oneLine(err)}`)
  }
  console.log(`elapsed: ${elapsed()} ms`)
}

/** runMain for the examples that need no kitchen (the event loop's own behaviour): same last line, same errors. */
export async function runAlone(main: () => Promise<unknown>): Promise<void> {
  process.on('unhandledRejection', err => die(`unhandled rejection: ${oneLine(err)}`))
  const elapsed = stopwatch()
  try {
    await main()
  }
  catch (err) {
    die(`error: ${oneLine(err)}`)
  }
  console.log(`elapsed: ${elapsed()} ms`)
}
