// Published figures the slides show beside this machine's: Piotr Kołaczkowski's measurements, read from the
// post's source (its charts' data), never estimated. Each task waits 10 s; "memory" is the peak the post reports.

export const KOLACZKOWSKI = {
  author: 'Piotr Kołaczkowski',
  title: 'How Much Memory Do You Need to Run 1 Million Concurrent Tasks?',
  year: 2023,
  url: 'https://pkolaczk.github.io/memory-consumption-of-async/',
  /** Where the numbers were read: the post's Markdown, whose bar charts carry them as data. */
  readFrom: 'pkolaczk/pkolaczk.github.io, _posts/2023-05-21-memory-consumption-of-async.md (Figs. 1, 2 and 4)',
  environment: 'Intel Xeon E3-1505M v6, Ubuntu 22.04; Rust 1.69, Go 1.18.1, OpenJDK 21-ea, Node.js v12.22.9',
} as const

export interface PublishedMemory {
  runtime: string
  /** The most tasks the post reports for this runtime. */
  n: number
  /** Peak memory at n tasks, in MB as the post gives it. */
  peakMB: number
  /** Peak memory with one task (Fig. 1): the runtime's own footprint. */
  oneTaskMB: number
  /** Why n is not 1 million, when it is not. */
  note?: string
}

export const PUBLISHED_MEMORY: readonly PublishedMemory[] = [
  { runtime: 'Rust tokio', n: 1_000_000, peakMB: 213.6, oneTaskMB: 3.0 },
  { runtime: 'Go goroutines', n: 1_000_000, peakMB: 2658, oneTaskMB: 1.8 },
  { runtime: 'Java virtual threads', n: 1_000_000, peakMB: 1154, oneTaskMB: 40.1 },
  { runtime: 'Node.js 12 promises', n: 1_000_000, peakMB: 494, oneTaskMB: 36.2 },
  { runtime: 'Java threads', n: 10_000, peakMB: 244.4, oneTaskMB: 38.2, note: '100k threads could not be launched' },
  { runtime: 'Rust threads', n: 10_000, peakMB: 48.3, oneTaskMB: 2.5, note: '100k threads could not be launched' },
]

/**
 * KiB per task, (peak − one-task footprint) / n, the same sum as for this machine's rows.
 * The post says "MB"; read here as MiB (2^20 bytes). Read as 10^6 bytes, every figure is 2.4% lower.
 */
export function publishedKibPerTask(p: PublishedMemory): number {
  return ((p.peakMB - p.oneTaskMB) * 1024) / p.n
}
