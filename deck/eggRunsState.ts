// The state every window of the deck shares about demo runs. One type for both ends: vite.config.ts
// gives Slidev's server its initial value, and deck/useRunSync.ts reads it from the virtual module
// `server-reactive:eggRuns` (declared in types/virtual-modules.d.ts with this same type).

import type { RunSnapshot } from './runDemo'

export interface EggRunsState {
  /** The latest run of each demo, by demo id; null once reset. */
  runs: Record<string, RunSnapshot | null>
  /** When a presenter window last said it was there (epoch ms). While it is, it runs the demos. */
  presenterSeenAt: number
}

/** What the dev server starts with: no runs, no presenter. */
export function initialEggRuns(): EggRunsState {
  return { runs: {}, presenterSeenAt: 0 }
}
