// The recorded runs the PDF shows: one per demo, well-formed, and shaped like the demo they record.
import { describe, expect, it } from 'vitest'
import { demos, isDemoId } from '../deck/demos'
import { recordings } from '../deck/recordings'

const { provenance, runs } = recordings
const ms = provenance.eggMs

describe('recordings/demos.json', () => {
  it('says when, where and how it was made', () => {
    expect(Number.isNaN(Date.parse(provenance.recordedAt))).toBe(false)
    expect(provenance.node).toMatch(/^v\d+\.\d+\.\d+$/)
    expect(provenance.browser).toMatch(/^Chromium \d+/)
    expect(provenance.command).toBe('npm run record')
    expect(ms).toBeGreaterThanOrEqual(50)
  })

  it('has a finished run for every demo of the deck, and nothing else', () => {
    expect(Object.keys(runs).sort()).toEqual(Object.keys(demos).sort())
    for (const [id, run] of Object.entries(runs)) {
      if (!isDemoId(id)) throw new Error(`a recording of no demo: ${id}`)
      expect(run.demo, id).toBe(id)
      expect(run.status, id).toBe('done')
      expect(run.ms, id).toBe(ms)
      expect(run.idealMs, id).toBe(demos[id].idealMs(ms))
      expect(run.error, id).toBeUndefined()
    }
  })

  it('has well-formed lanes that end within the run', () => {
    for (const [id, run] of Object.entries(runs)) {
      expect(run.lanes.length, id).toBeGreaterThan(0)
      for (const lane of run.lanes) {
        expect(lane.egg, id).toMatch(/^[\w-]+$/)
        expect(['served', 'burnt', 'cancelled', 'failed'], id).toContain(lane.outcome)
        expect(lane.start, id).toBeGreaterThanOrEqual(0)
        expect(lane.end!, id).toBeGreaterThanOrEqual(lane.start)
        expect(lane.end!, id).toBeLessThanOrEqual(run.elapsedMs + 50)
      }
    }
  })

  it('marks its settle moments only where the demo has one, within the run, no sooner than ideal', () => {
    // Runs recorded before demos marked their settle moment have none; they still load and draw.
    for (const [id, run] of Object.entries(runs)) {
      if (!isDemoId(id)) throw new Error(`a recording of no demo: ${id}`)
      const settleIdeal = demos[id].settleIdealMs?.(ms)
      if (settleIdeal === undefined) {
        expect(run.settledMs, id).toBeUndefined()
        expect(run.marks, id).toBeUndefined()
        continue
      }
      if (run.settledMs === undefined) continue
      expect(run.settledMs, id).toBeGreaterThanOrEqual(settleIdeal * 0.97)
      expect(run.settledMs, id).toBeLessThanOrEqual(run.elapsedMs)
      expect(run.marks?.filter(mark => mark.settles), id).toEqual([{ label: expect.any(String), atMs: run.settledMs, settles: true }])
      for (const mark of run.marks!) expect(mark.atMs, id).toBeLessThanOrEqual(run.elapsedMs)
      if (run.winner !== undefined) expect(run.lanes.some(lane => lane.egg === run.winner && lane.outcome === 'served'), id).toBe(true)
    }
  })

  it('matches each demo\'s shape: about n× when in turn, about 1× when at once', () => {
    for (const [id, run] of Object.entries(runs)) {
      const ratio = run.elapsedMs / run.idealMs
      if (id === 'browser-pool') {
        // 12 eggs through the browser's 6 connections per host: two rounds.
        expect(ratio, id).toBeGreaterThan(1.8)
        expect(ratio, id).toBeLessThan(2.6)
        expect(run.maxInFlight, id).toBe(6)
      }
      else {
        expect(ratio, id).toBeGreaterThanOrEqual(0.97)
        expect(ratio, id).toBeLessThan(idealIsShort(run.idealMs) ? 1.8 : 1.15)
      }
    }
    expect(runs.sequential.elapsedMs / ms).toBeGreaterThan(3.9)
    expect(runs.sequential.maxInFlight).toBe(1)
    expect(runs['promise-all'].elapsedMs / ms).toBeLessThan(1.15)
    expect(runs['promise-all'].maxInFlight).toBe(4)
    expect(runs.pans.maxInFlight).toBe(3)
  })
})

/** Below a few hundred ms, the kitchen's own round trips (reset, stats) weigh on the ratio. */
function idealIsShort(idealMs: number) {
  return idealMs < 1000
}
