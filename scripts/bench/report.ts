// Printing for `npm run bench`: plain-text tables and the provenance of a run.

import type { Provenance } from '../../bench/schema.ts'
import { arch, cpus, platform, totalmem } from 'node:os'
import process from 'node:process'

export function provenance(command: string): Provenance {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model?.trim() || 'unknown CPU',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${platform()} ${arch()}`,
    command,
  }
}

const NUMERIC = /^[\d\s.,×≤%—-]*$/

/** A Markdown-style table: columns of numbers right-aligned, the rest left-aligned. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map(row => row.map(String))]
  const widths = header.map((_, col) => Math.max(...cells.map(row => row[col].length)))
  const right = header.map((_, col) => {
    const filled = cells.slice(1).map(row => row[col]).filter(cell => cell !== '')
    return col > 0 && filled.length > 0 && filled.filter(cell => NUMERIC.test(cell)).length * 2 >= filled.length
  })
  const line = (row: string[]) => `| ${row.map((cell, col) => (right[col] ? cell.padStart(widths[col]) : cell.padEnd(widths[col]))).join(' | ')} |`
  const rule = `|${widths.map((w, col) => (right[col] ? ` ${'-'.repeat(w - 1)}: ` : ` ${'-'.repeat(w)} `)).join('|')}|`
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n')
}

/** 1234567 → "1 234 567"; fractions keep `digits` places. */
export function fmt(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const [whole, frac] = value.toFixed(digits).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
  return frac ? `${grouped}.${frac}` : grouped
}
