// The measured charts: scales and ticks, the bars built from the results, and the SVG each chart component renders
// (server-side, through Vite's own Vue plugin) for every series in bench/results.json.

import type { ViteDevServer } from 'vite'
import type { Component } from 'vue'
import type { BenchResults } from '../bench/schema'
import type { ChartName } from '../deck/charts/chartData'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { createServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSSRApp } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { parseResults } from '../bench/schema'
import { charts, hopChart, loadChart, memoryChart } from '../deck/charts/chartData'
import { formatKib, formatMs, formatNs, formatNumber, linearScale, logScale, niceStep, tickLabel } from '../deck/charts/chartGeometry'
import { PUBLISHED_MEMORY } from '../deck/charts/published'

const ROOT = join(import.meta.dirname, '..')
const results: BenchResults = parseResults(JSON.parse(readFileSync(join(ROOT, 'bench', 'results.json'), 'utf8')))

describe('chart geometry', () => {
  it('a log scale spans whole powers of ten, with a tick at each', () => {
    const s = logScale(0.2, 7300, 100, 500)
    expect(s.domain).toEqual([0.1, 10_000])
    expect(s.ticks).toEqual([0.1, 1, 10, 100, 1000, 10_000])
    expect(s(0.1)).toBe(100)
    expect(s(10_000)).toBe(500)
    expect(s(10)).toBeCloseTo(260)
    expect(s(0.01)).toBe(100) // clamped at the bottom
    expect(logScale(5, 5, 0, 10).ticks).toEqual([1, 10])
    expect(() => logScale(0, 10, 0, 1)).toThrow()
  })

  it('a linear scale starts at 0 and ends on a round tick at or above the maximum', () => {
    expect(niceStep(6.1)).toBe(2)
    expect(niceStep(0.9)).toBe(0.2)
    const s = linearScale(6.13, 0, 600)
    expect(s.domain).toEqual([0, 8])
    expect(s.ticks).toEqual([0, 2, 4, 6, 8])
    expect(s(4)).toBe(300)
    expect(s(100)).toBe(600)
  })

  it('formats values for people', () => {
    expect(formatNumber(0.4567)).toBe('0.457')
    expect(formatNumber(21.11)).toBe('21.1')
    expect(formatNumber(7296)).toBe('7\u202F296')
    expect(formatKib(0.64)).toBe('0.64 KiB')
    expect(formatKib(7500)).toBe('7.32 MiB')
    expect(formatNs(86.9)).toBe('86.9 ns')
    expect(formatNs(1668.7)).toBe('1.67 µs')
    expect(formatNs(1_099_870)).toBe('1.1 ms')
    expect(formatMs(4688)).toBe('4.69 s')
    expect(tickLabel(10_000)).toBe('10k')
    expect(tickLabel(0.1)).toBe('0.1')
  })
})

describe('bars from the results', () => {
  it('memory: this machine\'s promises and workers beside every published runtime, smallest first', () => {
    const data = memoryChart(results)
    const labels = data.bars.map(b => b.label)
    expect(labels).toEqual(expect.arrayContaining(['Node promises', 'Node worker threads', ...PUBLISHED_MEMORY.map(p => p.runtime)]))
    expect(data.bars.filter(b => b.kind === 'published')).toHaveLength(PUBLISHED_MEMORY.length)
    const values = data.bars.map(b => b.value ?? Number.POSITIVE_INFINITY)
    expect(values).toEqual([...values].sort((a, b) => a - b))
    expect(data.scale).toBe('log')
    expect(data.sources.join(' ')).toContain('pkolaczk.github.io/memory-consumption-of-async')
  })

  it('hops: one bar per hop in the results', () => {
    expect(hopChart(results).bars.map(b => b.label)).toEqual(results.hops!.hops.map(h => h.label))
  })

  it('load: raw and kitchen for every size, the kitchen labelled with its ratio', () => {
    const data = loadChart(results)
    expect(data.bars).toHaveLength(results.load!.ratios.length * 2)
    for (const { wallRatio } of results.load!.ratios)
      expect(data.bars.some(b => b.valueText.includes(`${wallRatio.toFixed(2)}×`))).toBe(true)
  })

  it('load: says how both servers were set up, when the results record it', () => {
    const load = results.load!
    expect(load.backlog).toBeGreaterThan(0)
    expect(loadChart(results).sources.join(' ')).toContain(`listen backlog ${load.backlog}, node ${load.nodeFlags!.join(' ')}`)
    const { backlog: _, nodeFlags: __, ...older } = load
    expect(loadChart({ ...results, load: older }).sources.join(' ')).not.toContain('backlog')
  })
})

describe('the chart components render every series (SSR)', () => {
  let vite: ViteDevServer
  let BenchChart: Component

  beforeAll(async () => {
    vite = await createServer({
      root: ROOT,
      configFile: false,
      logLevel: 'silent',
      plugins: [vue()],
      server: { middlewareMode: true, hmr: false, ws: false },
      appType: 'custom',
      optimizeDeps: { noDiscovery: true, include: [] },
    })
    BenchChart = (await vite.ssrLoadModule('/components/charts/BenchChart.vue')).default as Component
  }, 60_000)

  afterAll(async () => {
    await vite?.close()
  })

  const render = (props: Record<string, unknown>) => renderToString(createSSRApp(BenchChart, props))
  // The SVG escapes & < > and quotes; the labels here use none of them except in attributes.
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#39;/g, '\'').replace(/&quot;/g, '"')

  it.each(['memory', 'hops', 'load'] as ChartName[])('%s: every bar\'s label, detail and value, the legend and the provenance', async (chart) => {
    const html = await render({ chart })
    expect(html).toContain('<svg')
    const shown = text(html)
    const data = charts[chart](results)
    expect(data.bars.length).toBeGreaterThan(0)
    for (const bar of data.bars) {
      expect(shown, bar.label).toContain(bar.label)
      expect(shown, bar.label).toContain(bar.detail)
      expect(shown, bar.label).toContain(bar.valueText)
    }
    for (const item of data.legend) expect(shown).toContain(item.text)
    const part = results[chart]!
    expect(shown).toContain(`Node ${part.provenance.node}`)
    expect(shown).toContain(part.provenance.command)
    // One bar drawn per value, with a positive width.
    const widths = [...html.matchAll(/<rect[^>]*\swidth="([\d.]+)"[^>]*height="20"/g)].map(m => Number(m[1]))
    expect(widths).toHaveLength(data.bars.filter(b => b.value !== null && b.value > 0).length)
    for (const w of widths) expect(w).toBeGreaterThan(0)
  })

  it('says so instead of drawing when the results are not valid', async () => {
    const html = await render({ chart: 'memory', results: { schema: 2 } })
    expect(html).not.toContain('<svg')
    expect(text(html)).toContain('bench/results.json is not valid')
  })
})
