// Shows:  yielding done right: CPU work in chunks with `await null` between them lets nothing else run;
//         a real yield (a new task) lets a waiting 0 ms timer in after a chunk or so.
// Run:    npx tsx examples/21-yielding.ts   (no kitchen needed)
// Prints: the 0 ms timer's delay with `await null` (≈ all the work) and with setImmediate (1 or 2 chunks); elapsed ≈ 2 s.

import type { Log } from './lib'
import { stopwatch } from './lib'
import { isMain, runAlone } from './lib/main'

/** The work: CHUNKS pieces of CHUNK_MS of busy CPU each. The deck's live panel runs the same numbers. */
export const CHUNKS = 20
export const CHUNK_MS = 50
export const idealMs = () => 2 * CHUNKS * CHUNK_MS

/** Keeps the thread busy for `ms`: synchronous work that nothing can interrupt. */
export function busyFor(ms: number) {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // CPU work
  }
}

// #region demo
export async function inChunks(pause: () => unknown, chunks = CHUNKS, chunkMs = CHUNK_MS) {
  for (let i = 0; i < chunks; i++) {
    busyFor(chunkMs) // one chunk of CPU work
    await pause() // between chunks: does anything else get a turn?
  }
}

export const microtask = () => null // await null: goes on in a microtask
export const newTask = () => new Promise(resolve => setTimeout(resolve, 0)) // goes on in a new task
// #endregion demo

// #region scheduler
export const schedulerYield = () => scheduler.yield() // Chromium 129+, Firefox 142+
// #endregion scheduler

/**
 * Node's yield for the terminal run: the rest goes on in the loop's check phase. A due timer waits for the next
 * timers phase: after one chunk, or after two when the check phase comes round before it (from a timer or I/O callback).
 */
export const immediate = () => new Promise(resolve => setImmediate(resolve))

export interface Measured {
  /** When a 0 ms timer set just before the work ran, in ms since the start. */
  timerMs: number
  /** How long the chunked work took, in ms. */
  workMs: number
}

/** Sets a 0 ms timer, runs the chunked work with `pause` between chunks, and says when the timer got its turn. */
export async function timerDelayDuring(pause: () => unknown, chunks = CHUNKS, chunkMs = CHUNK_MS): Promise<Measured> {
  const since = stopwatch()
  const timer = new Promise<number>(resolve => setTimeout(() => resolve(since()), 0))
  await inChunks(pause, chunks, chunkMs)
  const workMs = since()
  return { timerMs: await timer, workMs }
}

export async function main(log: Log = line => console.log(line)) {
  for (const [name, pause] of [['await null', microtask], ['setImmediate', immediate]] as const) {
    const { timerMs, workMs } = await timerDelayDuring(pause)
    log(`${name.padEnd(12)} between chunks: the 0 ms timer ran after ${String(timerMs).padStart(4)} ms (the work took ${workMs} ms)`)
  }
}

if (isMain(import.meta.url)) void runAlone(main)
