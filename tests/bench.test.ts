// The benchmark's results file and its helpers: the committed bench/results.json fits the schema and carries its
// provenance, the validator catches broken files, the targets are checked as issue 6 states them, and the
// published figures are the post's own.

import type { BenchResults } from '../bench/schema'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HOP_IDS, parseResults, provenanceLine, validateResults } from '../bench/schema'
import { KOLACZKOWSKI, PUBLISHED_MEMORY, publishedKibPerTask } from '../deck/charts/published'
import { checkTargets } from '../scripts/bench/index'
import { isLoopback, quantile } from '../scripts/bench/load-client'
import { fmt, table } from '../scripts/bench/report'

const ROOT = join(import.meta.dirname, '..')
const raw = JSON.parse(readFileSync(join(ROOT, 'bench', 'results.json'), 'utf8')) as unknown
const clone = () => structuredClone(raw) as BenchResults

describe('bench/results.json', () => {
  it('is valid, with every part and its provenance', () => {
    expect(validateResults(raw)).toEqual([])
    const results = parseResults(raw)
    for (const part of [results.memory, results.hops, results.load, results.demos]) {
      expect(part).toBeDefined()
      expect(part!.provenance.node).toMatch(/^v\d+\.\d+\.\d+$/)
      expect(part!.provenance.cores).toBeGreaterThanOrEqual(1)
      expect(part!.provenance.command).toMatch(/^npm run bench/)
      expect(Number.isNaN(Date.parse(part!.provenance.date))).toBe(false)
    }
  })

  it('holds what issue 6 asks for: 1k to 1M promises, workers, six hops, 1k/5k/10k fries, demos at 100 and 1000 ms', () => {
    const results = parseResults(raw)
    expect(results.memory!.promises.map(r => r.n)).toEqual([1000, 10_000, 100_000, 1_000_000])
    expect(results.memory!.promises.every(r => r.settledEarly === 0)).toBe(true) // all N waited at once
    expect(results.memory!.workers.reached).toBeGreaterThan(0)
    expect(results.memory!.workers.stopReason).not.toBe('')
    expect(results.hops!.hops.map(h => h.id)).toEqual(HOP_IDS)
    expect(results.load!.ratios.map(r => r.count)).toEqual([1000, 5000, 10_000])
    expect(results.load!.rows.filter(r => r.server === 'raw')).toHaveLength(3)
    expect([...new Set(results.demos!.rows.map(r => r.ms))]).toEqual([100, 1000])
  })

  it('its targets are the ones the results imply', () => {
    const results = parseResults(raw)
    expect(results.targets).toEqual(checkTargets(results))
    expect(results.targets.map(t => t.id)).toEqual(['load-ratio', 'load-failures', 'kitchen-rss', 'demo-02-sequential', 'demo-07-promise-all'])
  })
})

describe('validateResults', () => {
  it('names each problem and where it is', () => {
    expect(validateResults(null)).toEqual(['results: expected an object'])
    const noProvenance = clone() as Partial<BenchResults>
    delete noProvenance.provenance
    expect(validateResults(noProvenance)).toContain('results.provenance: expected an object')
    const badHop = clone()
    badHop.hops!.hops[0].nsPerHop = -1
    expect(validateResults(badHop)).toContain('results.hops.hops[0].nsPerHop: expected a number ≥ 0')
    const badServer = clone()
    ;(badServer.load!.rows[0] as { server: string }).server = 'nginx'
    expect(validateResults(badServer)[0]).toMatch(/^results\.load\.rows\[0\]\.server: expected one of kitchen, raw/)
    const badDate = clone()
    badDate.provenance.date = 'yesterday'
    expect(validateResults(badDate)).toEqual(['results.provenance.date: expected an ISO date'])
    expect(() => parseResults({ schema: 2 })).toThrow(/not valid/)
  })

  it('accepts a file with only some parts (a run with --only)', () => {
    const partial = clone() as Partial<BenchResults>
    delete partial.memory
    delete partial.demos
    expect(validateResults(partial)).toEqual([])
  })
})

describe('checkTargets', () => {
  it('passes at the limits and fails past them', () => {
    const results = clone()
    results.load!.ratios = [{ count: 10_000, wallRatio: 1.15 }]
    results.load!.rows = [
      { server: 'raw', count: 10_000, ok: 10_000, failed: 0, wallMs: 4000, p50Ms: 1100, p99Ms: 1300, peakRssMiB: 150, cpuMs: 3000 },
      { server: 'kitchen', count: 10_000, ok: 10_000, failed: 0, wallMs: 4600, p50Ms: 1100, p99Ms: 1500, peakRssMiB: 299.9, cpuMs: 4000 },
    ]
    const pass = Object.fromEntries(checkTargets(results).map(t => [t.id, t.pass]))
    expect(pass).toMatchObject({ 'load-ratio': true, 'load-failures': true, 'kitchen-rss': true })
    results.load!.ratios[0].wallRatio = 1.16
    results.load!.rows[1].failed = 1
    results.load!.rows[1].peakRssMiB = 300.1
    const fail = Object.fromEntries(checkTargets(results).map(t => [t.id, t.pass]))
    expect(fail).toMatchObject({ 'load-ratio': false, 'load-failures': false, 'kitchen-rss': false })
  })

  it('a failed example fails its target', () => {
    const results = clone()
    const row = results.demos!.rows.find(r => r.example === '07-promise-all.ts' && r.ms === 1000)!
    row.measuredMs = null
    row.ratio = null
    expect(checkTargets(results).find(t => t.id === 'demo-07-promise-all')).toMatchObject({ value: null, pass: false })
  })
})

describe('published figures (Kołaczkowski 2023)', () => {
  it('are the post\'s numbers, with its address', () => {
    expect(KOLACZKOWSKI.url).toBe('https://pkolaczk.github.io/memory-consumption-of-async/')
    const byRuntime = Object.fromEntries(PUBLISHED_MEMORY.map(p => [p.runtime, p]))
    expect(byRuntime['Rust tokio']).toMatchObject({ n: 1_000_000, peakMB: 213.6, oneTaskMB: 3.0 })
    expect(byRuntime['Go goroutines']).toMatchObject({ n: 1_000_000, peakMB: 2658, oneTaskMB: 1.8 })
    expect(byRuntime['Java virtual threads']).toMatchObject({ n: 1_000_000, peakMB: 1154, oneTaskMB: 40.1 })
    expect(byRuntime['Node.js 12 promises']).toMatchObject({ n: 1_000_000, peakMB: 494, oneTaskMB: 36.2 })
    expect(byRuntime['Java threads']).toMatchObject({ n: 10_000, peakMB: 244.4, oneTaskMB: 38.2 })
  })

  it('per task: (peak − one-task footprint) / N, MB read as MiB', () => {
    const node = PUBLISHED_MEMORY.find(p => p.runtime === 'Node.js 12 promises')!
    expect(publishedKibPerTask(node)).toBeCloseTo(((494 - 36.2) * 1024) / 1_000_000, 6)
  })
})

describe('bench helpers', () => {
  it('quantiles of sorted latencies', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(quantile(xs, 0.5)).toBe(50)
    expect(quantile(xs, 0.99)).toBe(99)
    expect(quantile([], 0.5)).toBe(0)
  })

  it('the load client targets loopback only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]']) expect(isLoopback(host), host).toBe(true)
    for (const host of ['10.0.0.1', '192.168.1.1', 'example.com', '128.0.0.1']) expect(isLoopback(host), host).toBe(false)
  })

  it('prints tables and numbers for people', () => {
    expect(fmt(1234567)).toBe('1 234 567')
    expect(fmt(0.8634, 3)).toBe('0.863')
    expect(fmt(null)).toBe('—')
    expect(table(['what', 'ms'], [['a', '5'], ['bb', '1 000']]).split('\n')).toEqual([
      '| what |    ms |',
      '| ---- | ----: |',
      '| a    |     5 |',
      '| bb   | 1 000 |',
    ])
  })

  it('a provenance line names the date, Node, the CPU and the command', () => {
    const line = provenanceLine({
      date: '2026-11-23T12:00:00.000Z',
      node: 'v20.20.2',
      cpu: 'Intel(R) Xeon(R) CPU E3-1505M v6 @ 3.00GHz',
      cores: 8,
      memoryGiB: 31.2,
      platform: 'linux x64',
      command: 'npm run bench',
    })
    expect(line).toBe('Measured 23 Nov 2026 · Node v20.20.2 · Intel Xeon E3-1505M v6 (8 cores, 31 GiB) · npm run bench')
  })
})
