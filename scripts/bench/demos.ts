// Part 4 of `npm run bench`: every example against a kitchen on a free loopback port, measured/ideal at each
// frying time. The machinery is `npm run examples`' own (scripts/run-examples.ts).

import type { DemoRow, DemosPart, Provenance } from '../../bench/schema.ts'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { listen } from '../../demo-server/serve.ts'
import { exampleFiles, runExample } from '../run-examples.ts'
import { ROOT } from './children.ts'
import { fmt, table } from './report.ts'

export async function measureDemos(msList: number[], provenance: Provenance, log: (line: string) => void): Promise<DemosPart> {
  const kitchen = await listen({ port: 0 })
  const rows: DemoRow[] = []
  try {
    for (const ms of msList) {
      log(`  every example at EGG_MS=${ms}…`)
      for (const file of exampleFiles()) {
        const { idealMs } = await import(pathToFileURL(join(ROOT, 'examples', file)).href) as { idealMs: (ms: number) => number }
        const ideal = idealMs(ms)
        if (ideal <= 0) continue // no ideal time to be accurate to: the example shows an order, not a duration
        const run = await runExample(file, { EGG_SERVER: kitchen.url, EGG_MS: String(ms) })
        if (run.code !== 0 || run.elapsedMs === undefined) {
          rows.push({ example: file, ms, idealMs: ideal, measuredMs: null, ratio: null, error: run.stderr.trim().split('\n')[0] || `exit ${run.code}` })
          continue
        }
        rows.push({ example: file, ms, idealMs: ideal, measuredMs: run.elapsedMs, ratio: Math.round((run.elapsedMs / ideal) * 1000) / 1000 })
      }
    }
  }
  finally {
    await kitchen.close()
  }
  return { provenance, rows }
}

export function printDemos(part: DemosPart): string {
  const msList = [...new Set(part.rows.map(r => r.ms))]
  const examples = [...new Set(part.rows.map(r => r.example))]
  const header = ['example', ...msList.flatMap(ms => [`ideal @${ms}`, `measured @${ms}`, `ratio @${ms}`])]
  const rows = examples.map(example => [
    example.replace(/\.ts$/, ''),
    ...msList.flatMap((ms) => {
      const r = part.rows.find(row => row.example === example && row.ms === ms)
      return r ? [fmt(r.idealMs), r.measuredMs === null ? 'failed' : fmt(r.measuredMs), r.ratio === null ? '—' : r.ratio.toFixed(3)] : ['', '', '']
    }),
  ])
  return ['Demo accuracy: measured / ideal per example (ideal = the sum of the frying times the audience should see)', table(header, rows)].join('\n')
}
