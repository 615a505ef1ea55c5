// The state every window of the deck shares about demo runs. One type for both ends: vite.config.ts
// gives Slidev's server its initial value, and deck/useRunSync.ts reads it from the virtual module
// `server-reactive:eggRuns` (declared in types/virtual-modules.d.ts with this same type).

import type { RunSnapshot } from './runDemo'

export interface EggRunsState {
  /**
   * The latest run of each demo, by demo id, as its JSON text ('' once reset). Text, because the sync
   * (vite-plugin-vue-server-ref 1.0, `?diff`) merges nested values key by key: a run that replaces a
   * null throws in every window that holds the null, which then never syncs again, and an array that
   * shrinks keeps its old tail. A string is replaced whole.
   */
  runs: Record<string, string>
  /** When a presenter window last said it was there (epoch ms). While it is, it runs the demos. */
  presenterSeenAt: number
  /**
   * Code edited on a slide, by demo id, as typed ('' once reset): every window shows the edit, and the window
   * that runs the demo runs it. Text for the same reason as `runs`. Never written to a file.
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
