// Recorded demo runs: what the exported PDF shows where the live deck has a Run button.
// `npm run record` writes recordings/demos.json by running every demo in Chromium against the real kitchen.

import type { RunSnapshot } from './runDemo'
import data from '../recordings/demos.json'

export interface RecordingProvenance {
  /** When the runs were made, ISO 8601. */
  recordedAt: string
  /** The Node.js version the kitchen ran on. */
  node: string
  /** The browser the demos ran in, e.g. "Chromium 156.0.8078.73". */
  browser: string
  /** Frying time of one egg, in ms. */
  eggMs: number
  /** The machine, e.g. "Linux x64, 2 × Intel(R) Xeon(R) …". */
  machine: string
  command: string
}

export interface Recordings {
  provenance: RecordingProvenance
  runs: Record<string, RunSnapshot>
}

export const recordings = data as Recordings

/** One short line for under a recorded run. */
export function provenanceLine(p: RecordingProvenance): string {
  const date = p.recordedAt.slice(0, 10)
  return `Recorded ${date} with ${p.command}: Node ${p.node}, ${p.browser}, one egg = ${p.eggMs} ms`
}
