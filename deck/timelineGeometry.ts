// Pure geometry for the demo timelines: the axis length, where each bar sits, and the tick marks.
import type { Lane } from '../examples/lib'

/** The axis covers the ideal time with some room, and stretches if the run takes longer. */
export function axisMs(idealMs: number, elapsedMs: number): number {
  return Math.max(idealMs * 1.25, elapsedMs * 1.05, 100)
}

/** A bar's left edge and width as percentages of the axis; a frying bar reaches to `nowMs`. */
export function barBox(lane: Lane, nowMs: number, axis: number): { left: number, width: number } {
  const end = lane.end ?? Math.max(lane.start, nowMs)
  const left = Math.min(100, (lane.start / axis) * 100)
  const width = Math.max(0.4, Math.min(100 - left, ((end - lane.start) / axis) * 100))
  return { left, width }
}

/** Round tick values (ms) that fit the axis: steps of 1, 2 or 5 × 10^n, at most `most` of them. */
export function ticks(axis: number, most = 6): number[] {
  const raw = axis / most
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map(f => f * magnitude).find(s => s >= raw)!
  const out: number[] = []
  for (let t = 0; t <= axis; t += step) out.push(Math.round(t))
  return out
}

/** `1.52 s` for a second or more, `640 ms` below. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`
}

/** When the stove was last busy: the latest end of any lane, a frying lane counting up to `nowMs`. */
export function stoveBusyMs(lanes: readonly Lane[], nowMs: number): number {
  return Math.max(0, ...lanes.map(lane => lane.end ?? Math.max(lane.start, nowMs)))
}

/**
 * The part of a lane after the combinator settled (work nobody waits for any more), as a left offset
 * and width in percent of the lane's own bar; null when the lane had finished by then.
 */
export function wastedBox(lane: Lane, nowMs: number, settledMs: number): { left: number, width: number } | null {
  const end = lane.end ?? Math.max(lane.start, nowMs)
  if (end <= settledMs || end <= lane.start) return null
  const left = ((Math.max(lane.start, settledMs) - lane.start) / (end - lane.start)) * 100
  return { left, width: 100 - left }
}

export interface TimelineLabel {
  text: string
  /** Where its vertical line stands, in ms. */
  atMs: number
}

export type PlacedLabel<T extends TimelineLabel> = T & {
  /** 0 is the top row of the strip above the lanes; the label's line runs from its row down through the lanes. */
  row: number
  /** The line's position, in percent of the axis. */
  at: number
  /** Which side of its line the text sits on. */
  side: 'right' | 'left'
}

export interface LabelLayout {
  /** The timeline's width in px. The slide canvas has a fixed size, so this holds wherever the slide is shown. */
  widthPx?: number
  /** Width of one character of the (monospaced) label text, in px. */
  charPx?: number
  /** Space between the line and its text, and between two labels, in px. */
  gapPx?: number
}

/**
 * Rows and sides for the labels of vertical lines, in a strip above the lanes: no label covers another
 * label or a line (each line runs down from its label's row), and none runs off the timeline. Of the
 * layouts that do that, the one with the fewest rows, then the fewest labels left of their line, then
 * labels nearest the top. A panel has a handful of labels, so every layout is tried.
 */
export function placeLabels<T extends TimelineLabel>(
  labels: readonly T[],
  axis: number,
  { widthPx = 800, charPx = 7.2, gapPx = 4 }: LabelLayout = {},
): { rows: number, placed: PlacedLabel<T>[] } {
  type Side = 'right' | 'left'
  interface Box { x: number, from: number, to: number, row: number, side: Side }
  const sorted = [...labels].sort((a, b) => a.atMs - b.atMs)
  const xs = sorted.map(label => Math.min(1, Math.max(0, label.atMs / axis)) * widthPx)
  const box = (i: number, row: number, side: Side): Box => {
    const x = xs[i]
    const width = sorted[i].text.length * charPx
    return side === 'right' ? { x, from: x + gapPx, to: x + gapPx + width, row, side } : { x, from: x - gapPx - width, to: x - gapPx, row, side }
  }
  // b's line runs down from b's row, so it crosses a's text if it starts at or above a's row.
  const crosses = (a: Box, b: Box) => b.row <= a.row && b.x > a.from - gapPx / 2 && b.x < a.to + gapPx / 2
  const clash = (a: Box, b: Box) => (a.row === b.row && a.from < b.to + gapPx && b.from < a.to + gapPx) || crosses(a, b) || crosses(b, a)
  const rowsOf = (boxes: Box[]) => Math.max(0, ...boxes.map(b => b.row + 1))
  const cost = (boxes: Box[]) => [rowsOf(boxes), boxes.filter(b => b.side === 'left').length, boxes.reduce((sum, b) => sum + b.row, 0)]
  const cheaper = (a: number[], b: number[]) => {
    const k = a.findIndex((v, j) => v !== b[j])
    return k >= 0 && a[k] < b[k]
  }
  let best: { boxes: Box[], cost: number[] } | undefined
  const maxRows = Math.min(sorted.length, 4)
  const search = (chosen: Box[], onTimeline: boolean) => {
    if (best && rowsOf(chosen) > best.cost[0]) return
    if (chosen.length === sorted.length) {
      const c = cost(chosen)
      if (!best || cheaper(c, best.cost)) best = { boxes: chosen, cost: c }
      return
    }
    for (let row = 0; row < maxRows; row++) {
      for (const side of ['right', 'left'] as const) {
        const next = box(chosen.length, row, side)
        if (onTimeline && (next.from < 0 || next.to > widthPx)) continue
        if (chosen.every(other => !clash(next, other))) search([...chosen, next], onTimeline)
      }
    }
  }
  search([], true)
  // A label too wide for what is left of the timeline may run past its end.
  if (!best) search([], false)
  // A staircase, each label a row lower than the one before, always fits.
  const boxes = best?.boxes ?? sorted.map((_, i) => box(i, i, 'right'))
  return {
    rows: rowsOf(boxes),
    placed: sorted.map((label, i) => ({ ...label, row: boxes[i].row, at: (xs[i] / widthPx) * 100, side: boxes[i].side })),
  }
}
