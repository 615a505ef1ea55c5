// Geometry for the bar charts: log and linear scales with their ticks, and value formatting. Pure, so vitest checks it.

export interface Scale {
  /** Maps a value to a pixel position in [from, to]. */
  (value: number): number
  kind: 'log' | 'linear'
  domain: [number, number]
  ticks: number[]
}

/** A log-10 scale from the power of ten at or below `min` to the one at or above `max`; a tick at each power. */
export function logScale(min: number, max: number, from: number, to: number): Scale {
  if (!(min > 0 && max > 0)) throw new Error('a log scale needs positive values')
  const lo = Math.floor(Math.log10(Math.min(min, max)))
  let hi = Math.ceil(Math.log10(Math.max(min, max)))
  if (hi === lo) hi = lo + 1
  const scale = ((value: number) => {
    const v = Math.log10(Math.max(value, 10 ** lo))
    return from + ((v - lo) / (hi - lo)) * (to - from)
  }) as Scale
  scale.kind = 'log'
  scale.domain = [10 ** lo, 10 ** hi]
  scale.ticks = Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i))
  return scale
}

/** A step of 1, 2 or 5 × 10^k that cuts [0, max] into about `count` parts. */
export function niceStep(max: number, count = 5): number {
  const raw = max / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const fraction = raw / power
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power
}

/** A linear scale from 0 to a round number at or above `max`, with round ticks. */
export function linearScale(max: number, from: number, to: number, tickCount = 5): Scale {
  const step = niceStep(max > 0 ? max : 1, tickCount)
  const top = Math.max(step, Math.ceil((max > 0 ? max : 1) / step - 1e-9) * step)
  const scale = ((value: number) => from + (Math.max(0, Math.min(value, top)) / top) * (to - from)) as Scale
  scale.kind = 'linear'
  scale.domain = [0, top]
  scale.ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => Math.round(i * step * 1e9) / 1e9)
  return scale
}

/** Up to 3 significant digits, no trailing zeros: 0.4567 → "0.457", 21.11 → "21.1", 7296 → "7 296". */
export function formatNumber(value: number): string {
  if (value === 0) return '0'
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))))
  const text = value.toFixed(Math.min(digits, 3)).replace(/(\.(?:\d*[1-9])?)0+$/, '$1').replace(/\.$/, '')
  const [whole, frac] = text.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202F') // a narrow space that never breaks a line
  return frac ? `${grouped}.${frac}` : grouped
}

/** KiB → "0.64 KiB", "21.1 KiB", "7.3 MiB". */
export function formatKib(kib: number): string {
  return kib >= 1024 ? `${formatNumber(kib / 1024)} MiB` : `${formatNumber(kib)} KiB`
}

/** Nanoseconds → "87 ns", "1.67 µs", "1.1 ms". */
export function formatNs(ns: number): string {
  if (ns >= 1e6) return `${formatNumber(ns / 1e6)} ms`
  if (ns >= 1e3) return `${formatNumber(ns / 1e3)} µs`
  return `${formatNumber(ns)} ns`
}

/** Milliseconds → "1.53 s" (or "850 ms" under a second). */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${formatNumber(ms / 1000)} s` : `${formatNumber(ms)} ms`
}

/** A tick label for a scale: powers of ten on a log axis read 0.1, 1, 10, 100, 1k, 10k… */
export function tickLabel(value: number): string {
  if (value >= 1e6) return `${formatNumber(value / 1e6)}M`
  if (value >= 1e3) return `${formatNumber(value / 1e3)}k`
  return formatNumber(value)
}
