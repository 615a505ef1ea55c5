// Part 1 of `npm run bench`: memory per waiting task, promises vs worker threads, each N in a fresh process.

import type { MemoryPart, MemoryRow, Provenance } from '../../bench/schema.ts'
import { join } from 'node:path'
import { KOLACZKOWSKI, PUBLISHED_MEMORY, publishedKibPerTask } from '../../deck/charts/published.ts'
import { BENCH_DIR, runNode } from './children.ts'
import { fmt, table } from './report.ts'

export interface MemoryOptions {
  tasks: number[]
  waitMs: number
  workersMax: number
  workersSeconds: number
  workersMinFreeMb: number
}

interface PromisesChild { n: number, maxRssKiB: number, createMs: number, settledDuringCreate: number, totalMs: number }
interface WorkersChild {
  baselineRssKiB: number
  reached: number
  cap: number
  stopReason: string
  checkpoints: { n: number, rssKiB: number }[]
  msPerWorker: number
}

const kib = (peak: number, baseline: number, n: number) => Math.round(((peak - baseline) / n) * 1000) / 1000

export async function measureMemory(options: MemoryOptions, provenance: Provenance, log: (line: string) => void): Promise<MemoryPart> {
  const promisesChild = (n: number) => runNode<PromisesChild>(join(BENCH_DIR, 'memory-promises.ts'), ['--n', String(n), '--wait-ms', String(options.waitMs)], {
    timeoutMs: options.waitMs + 120_000,
  })
  // The same program with no tasks: what Node (and the tsx loader) cost before any task exists.
  const baseline = await promisesChild(0)
  if (!baseline.json) throw new Error(`memory baseline failed: ${baseline.stderr.trim().split('\n')[0]}`)
  const baselineRssKiB = baseline.json.maxRssKiB

  const promises: MemoryRow[] = []
  for (const n of options.tasks) {
    log(`  ${fmt(n)} promises, each waiting ${options.waitMs} ms…`)
    const run = await promisesChild(n)
    if (!run.json) {
      log(`  ${fmt(n)} promises: failed (${run.signal ?? `exit ${run.code}`}): ${run.stderr.trim().split('\n')[0]}`)
      continue
    }
    promises.push({
      n,
      peakRssKiB: run.json.maxRssKiB,
      baselineRssKiB,
      kibPerTask: kib(run.json.maxRssKiB, baselineRssKiB, n),
      settledEarly: run.json.settledDuringCreate,
    })
  }

  log(`  worker threads, up to ${options.workersMax} (or ${options.workersSeconds} s, or ${options.workersMinFreeMb} MB left)…`)
  const workersRun = await runNode<WorkersChild>(join(BENCH_DIR, 'memory-workers.ts'), [
    '--max',
    String(options.workersMax),
    '--seconds',
    String(options.workersSeconds),
    '--min-free-mb',
    String(options.workersMinFreeMb),
  ], { timeoutMs: options.workersSeconds * 1000 + 120_000 })
  const w = workersRun.json
  const workers: MemoryPart['workers'] = w
    ? {
        rows: w.checkpoints.map(c => ({ n: c.n, peakRssKiB: c.rssKiB, baselineRssKiB: w.baselineRssKiB, kibPerTask: kib(c.rssKiB, w.baselineRssKiB, c.n) })),
        reached: w.reached,
        cap: w.cap,
        stopReason: w.stopReason,
        msPerWorker: w.msPerWorker,
      }
    : {
        rows: [],
        reached: 0,
        cap: options.workersMax,
        stopReason: `the workers' process died (${workersRun.signal ?? `exit ${workersRun.code}`}): ${workersRun.stderr.trim().split('\n')[0]}`,
        msPerWorker: 0,
      }

  return { provenance, waitMs: options.waitMs, promises, workers }
}

export function printMemory(part: MemoryPart): string {
  const rows = [
    ...part.promises.map(r => [`promises (async fn + timer)`, fmt(r.n), fmt(r.peakRssKiB / 1024, 1), fmt(r.baselineRssKiB / 1024, 1), fmt(r.kibPerTask, 3), [
      r.settledEarly ? `${fmt(r.settledEarly)} ended early` : '',
      // A process's peak RSS varies by a MiB or two from run to run: below that, N is too small to tell.
      Math.abs(r.peakRssKiB - r.baselineRssKiB) < 2048 ? 'within run-to-run noise (±2 MiB)' : '',
    ].filter(Boolean).join('; ')]),
    ...part.workers.rows.map(r => ['worker threads', fmt(r.n), fmt(r.peakRssKiB / 1024, 1), fmt(r.baselineRssKiB / 1024, 1), fmt(r.kibPerTask, 0), '']),
  ]
  const published = PUBLISHED_MEMORY.map(p => [p.runtime, fmt(p.n), fmt(p.peakMB, 1), fmt(p.oneTaskMB, 1), fmt(publishedKibPerTask(p), 3), p.note ?? ''])
  return [
    `Memory per waiting task (this machine; each promise task waits ${part.waitMs} ms; peak RSS minus a process with no tasks)`,
    table(['tasks', 'N', 'peak MiB', 'baseline MiB', 'KiB per task', 'note'], rows),
    `Worker threads: ${part.workers.reached} reached; stopped: ${part.workers.stopReason}; ${part.workers.msPerWorker} ms to start each.`,
    '',
    `Published: ${KOLACZKOWSKI.author}, "${KOLACZKOWSKI.title}" (${KOLACZKOWSKI.year}), ${KOLACZKOWSKI.url}`,
    `(${KOLACZKOWSKI.environment}; each task waits 10 s; KiB per task = (peak − one-task peak) / N)`,
    table(['runtime', 'N', 'peak MB', '1-task MB', 'KiB per task', 'note'], published),
  ].join('\n')
}
