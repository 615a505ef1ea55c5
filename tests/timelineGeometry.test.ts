// The demo timelines' geometry: the stove's busy time, a loser's wasted stretch, and labels that never collide.

import type { Lane } from '../examples/lib'
import { describe, expect, it } from 'vitest'
import { placeLabels, stoveBusyMs, wastedBox } from '../deck/timelineGeometry'

const lane = (start: number, end: number | undefined, outcome: Lane['outcome'] = 'served'): Lane => ({ egg: 'A', start, end, outcome })

describe('settle geometry', () => {
  it('the stove is busy until the last lane ends, a frying one until now', () => {
    expect(stoveBusyMs([lane(0, 1500), lane(2, 390), lane(5, 1150)], 2000)).toBe(1500)
    expect(stoveBusyMs([lane(0, 400), lane(10, undefined, 'frying')], 700)).toBe(700)
    expect(stoveBusyMs([], 100)).toBe(0)
  })

  it('a loser wastes the part of its lane after the settle, as a share of its own bar', () => {
    expect(wastedBox(lane(0, 1000), 1000, 250)).toEqual({ left: 25, width: 75 })
    expect(wastedBox(lane(100, 500), 500, 300)).toEqual({ left: 50, width: 50 })
    // Still frying: the waste grows with the clock.
    expect(wastedBox(lane(0, undefined, 'frying'), 800, 400)).toEqual({ left: 50, width: 50 })
    // Started after the settle: all of it.
    expect(wastedBox(lane(600, 1000), 1000, 400)).toEqual({ left: 0, width: 100 })
    // Done by then (the winner, an egg that burnt first): nothing.
    expect(wastedBox(lane(0, 390), 1500, 392)).toBeNull()
    expect(wastedBox(lane(0, 392), 1500, 392)).toBeNull()
  })
})

describe('labels above the lanes', () => {
  interface Box { row: number, from: number, to: number, x: number }
  /** The boxes placeLabels promises, rebuilt from its answer with the same sizes. */
  const boxes = (placed: ReturnType<typeof placeLabels>['placed'], widthPx = 800, charPx = 7.2): Box[] => placed.map((label) => {
    const x = (label.at / 100) * widthPx
    const width = label.text.length * charPx
    return label.side === 'right' ? { row: label.row, x, from: x + 4, to: x + 4 + width } : { row: label.row, x, from: x - 4 - width, to: x - 4 }
  })
  const collisions = (all: Box[]) => all.flatMap((a, i) => all.flatMap((b, j) => {
    if (i === j) return []
    const sameRow = a.row === b.row && a.from < b.to && b.from < a.to
    const lineThrough = b.row <= a.row && b.x > a.from && b.x < a.to // b's line runs down through a's row
    return sameRow || lineThrough ? [[i, j]] : []
  }))

  it('far apart, they share the top row, each right of its line', () => {
    const { rows, placed } = placeLabels([{ text: 'ideal', atMs: 1500 }, { text: 'race settled 392 ms', atMs: 392 }], 1875)
    expect(rows).toBe(1)
    expect(placed.map(label => [label.text, label.row, label.side])).toEqual([['race settled 392 ms', 0, 'right'], ['ideal', 0, 'right']])
    expect(placed[0].at).toBeCloseTo((392 / 1875) * 100)
  })

  it('two marks at the same moment (a timeout settling a race) never overlap, nor cross each other\'s line', () => {
    const { placed } = placeLabels([{ text: 'ideal', atMs: 1500 }, { text: 'timeout 751 ms', atMs: 751 }, { text: 'race settled 751 ms', atMs: 751 }], 1875)
    expect(collisions(boxes(placed))).toEqual([])
    expect(new Set(placed.map(label => `${label.row}${label.side}`)).size).toBeGreaterThan(1)
  })

  it('a label near the right end goes left of its line, or to a row of its own', () => {
    const { placed } = placeLabels([{ text: 'race settled 480 ms', atMs: 480 }], 500)
    expect(placed[0].side).toBe('left')
    // abort: the race settles just after the ideal, near the end; its text must reach back over the
    // ideal's line, so it sits above the ideal's label, where that line has not begun.
    const abort = placeLabels([{ text: 'ideal', atMs: 375 }, { text: 'race settled 391 ms', atMs: 391 }], 469)
    expect(abort.placed.map(label => [label.text, label.row, label.side])).toEqual([['ideal', 1, 'left'], ['race settled 391 ms', 0, 'left']])
    expect(collisions(boxes(abort.placed))).toEqual([])
    const crowded = placeLabels([
      { text: 'ideal', atMs: 375 },
      { text: 'race settled 420 ms', atMs: 420 },
      { text: 'timeout 430 ms', atMs: 430 },
      { text: 'another 440 ms', atMs: 440 },
    ], 469)
    expect(crowded.rows).toBeGreaterThan(1)
    expect(collisions(boxes(crowded.placed))).toEqual([])
    for (const box of boxes(crowded.placed)) {
      expect(box.from).toBeGreaterThanOrEqual(0)
      expect(box.to).toBeLessThanOrEqual(800)
    }
  })
})
