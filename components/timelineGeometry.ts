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
