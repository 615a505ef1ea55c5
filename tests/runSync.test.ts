// The windows of the deck share demo runs through vite-plugin-vue-server-ref's `?diff` sync, which sends
// each window's changes as a patch and merges it key by key. These run its own diff and apply over the
// changes a talk makes (a run, a reset, the next run) and check that a watching window ends up with the
// same runs as the window that ran them.
import type { EggRunsState } from '../deck/eggRunsState'
import type { RunSnapshot } from '../deck/runDemo'
import { apply, clone, diff } from 'vite-plugin-vue-server-ref/client'
import { describe, expect, it } from 'vitest'
import { decodeRun, encodeRun, initialEggRuns } from '../deck/eggRunsState'

function snapshot(runId: string, eggs: string[], status: RunSnapshot['status'] = 'running'): RunSnapshot {
  return {
    runId,
    demo: 'promise-all',
    status,
    startedAt: 1,
    elapsedMs: 10,
    idealMs: 1500,
    ms: 1500,
    lanes: eggs.map(egg => ({ egg, start: 0, outcome: 'frying' as const })),
    lines: eggs.map(egg => `frying ${egg}`),
  }
}

/** What the presenter's window publishes, step by step: a run grows, is reset, and a shorter run starts. */
const steps: (RunSnapshot | null)[] = [
  snapshot('a', ['A']),
  snapshot('a', ['A', 'B', 'C', 'D'], 'done'),
  null,
  snapshot('b', ['A']),
  snapshot('b', ['A', 'B'], 'done'),
]

/** Sends each step as the sync does and returns what the watching window holds after each one. */
function syncSteps<T>(encode: (run: RunSnapshot | null) => T): { sent: T[], seen: T[] } {
  const sender = { runs: {} as Record<string, T>, presenterSeenAt: 0 }
  const receiver = clone(sender)
  let copy = clone(sender) // the sender's view of what the others hold, as the plugin keeps it
  const sent: T[] = []
  const seen: T[] = []
  for (const [i, run] of steps.entries()) {
    sender.runs = { ...sender.runs, 'promise-all': encode(run) }
    sender.presenterSeenAt = i + 1
    apply(receiver, diff(sender, copy))
    copy = clone(sender)
    sent.push(clone(sender.runs['promise-all']))
    seen.push(clone(receiver.runs['promise-all']))
  }
  return { sent, seen }
}

describe('shared runs across windows', () => {
  it('a watching window holds every run the presenter publishes, through resets and shorter runs', () => {
    const { sent, seen } = syncSteps(encodeRun)
    expect(seen).toEqual(sent)
    expect(seen.map(decodeRun)).toEqual(steps)
  })

  it('runs held as objects would not survive the sync: this is why they travel as text', () => {
    // A reset leaves null, and the next run's patch cannot merge into it: the plugin's apply throws.
    expect(() => syncSteps(run => run)).toThrow(TypeError)
  })

  it('a watching window holds every edit as typed, through a reset and a new edit', () => {
    const sender: EggRunsState = initialEggRuns()
    const receiver = clone(sender)
    let copy = clone(sender)
    const edits = ['await fry(\'A\')', 'await fry(\'A\')\nawait fry(\'B\')', '', 'for (const egg of eggs) await fry(egg)']
    for (const text of edits) {
      sender.edits = { ...sender.edits, 'promise-all': text }
      apply(receiver, diff(sender, copy))
      copy = clone(sender)
      expect(receiver.edits['promise-all']).toBe(text)
    }
  })

  it('starts with no runs, no presenter and no edits, and decodes a reset as no run', () => {
    const state: EggRunsState = initialEggRuns()
    expect(state).toEqual({ runs: {}, presenterSeenAt: 0, edits: {} })
    expect(decodeRun(state.runs['promise-all'])).toBeNull()
    expect(decodeRun(encodeRun(null))).toBeNull()
  })
})
