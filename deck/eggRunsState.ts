// The state every window of the deck shares about demo runs. One type for both ends: the dev server keeps
// it (dev-server/runSync.ts) and each window holds a copy (deck/useRunSync.ts, deck/runSyncCore.ts).

import type { RunSnapshot } from './runDemo'

export interface EggRunsState {
  /**
   * The latest run of each demo, by demo id, as its JSON text ('' once reset). A run travels as one value,
   * written whole: a window never holds half of one run and half of another.
   */
  runs: Record<string, string>
  /** When a presenter window last said it was there (epoch ms). While it is, it runs the demos. */
  presenterSeenAt: number
  /**
   * Code edited on a slide, by demo id, as typed ('' once reset): every window shows the edit, and the window
   * that runs the demo runs it. Never written to a file.
   */
  edits: Record<string, string>
}

/** What the dev server starts with: no runs, no presenter, no edits. */
export function initialEggRuns(): EggRunsState {
  return { runs: {}, presenterSeenAt: 0, edits: {} }
}

/** A run as the shared state holds it. */
export function encodeRun(run: RunSnapshot | null): string {
  return run ? JSON.stringify(run) : ''
}

/** The run the shared state holds for a demo, or null. */
export function decodeRun(text: string | undefined): RunSnapshot | null {
  return text ? JSON.parse(text) as RunSnapshot : null
}
