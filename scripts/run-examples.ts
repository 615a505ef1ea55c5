// `npm run examples`: runs every example as its own process against one kitchen and prints
// a table of ideal vs measured time. Uses the kitchen at EGG_SERVER if one answers there;
// otherwise opens one on a free loopback port for the run. EGG_MS defaults to 500 here.

import type { RunningKitchen } from '../demo-server/serve'
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { listen } from '../demo-server/serve'
import { kitchenClient } from '../examples/lib'
import { settingsFromEnv } from '../examples/lib/main'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const examplesDir = join(root, 'examples')
const tsx = join(root, 'node_modules', '.bin', 'tsx')

export function exampleFiles(): string[] {
  return readdirSync(examplesDir).filter(name => /^\d\d-.*\.ts$/.test(name)).sort()
}

export interface ExampleRun {
  file: string
  code: number | null
  stdout: string
  stderr: string
  /** From the example's own last line, `elapsed: <n> ms`. */
  elapsedMs?: number
}

/** Runs one example file with tsx and collects what it printed. */
export function runExample(file: string, env: Record<string, string>, timeoutMs = 120_000): Promise<ExampleRun> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [join(examplesDir, file)], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('close', (code) => {
      const match = /^elapsed: (\d+) ms$/m.exec(stdout)
      resolve({ file, code, stdout, stderr, elapsedMs: match ? Number(match[1]) : undefined })
    })
  })
}

async function main() {
  const { url, ms } = settingsFromEnv({ EGG_MS: '500', ...process.env })
  let running: RunningKitchen | undefined
  let kitchenUrl = url
  try {
    await kitchenClient({ url }).health({ signal: AbortSignal.timeout(2000) })
  }
  catch {
    running = await listen({ port: 0 })
    kitchenUrl = running.url
  }
  console.log(`kitchen: ${kitchenUrl}${running ? ' (started for this run)' : ''}; EGG_MS=${ms}\n`)

  const rows: string[][] = [['example', 'ideal ms', 'measured ms', 'measured/ideal']]
  let failures = 0
  for (const file of exampleFiles()) {
    const { idealMs } = await import(pathToFileURL(join(examplesDir, file)).href) as { idealMs: (ms: number) => number }
    const run = await runExample(file, { EGG_SERVER: kitchenUrl, EGG_MS: String(ms) })
    const ideal = idealMs(ms)
    if (run.code !== 0 || run.elapsedMs === undefined) {
      failures++
      rows.push([file, String(ideal), 'failed', run.stderr.trim().split('\n')[0] ?? `exit ${run.code}`])
      continue
    }
    // An ideal of 0: the example has no ideal time to measure against (its point is an order, not a duration).
    rows.push([file, ideal > 0 ? String(ideal) : '—', String(run.elapsedMs), ideal > 0 ? (run.elapsedMs / ideal).toFixed(3) : '—'])
  }
  await running?.close()

  const widths = rows[0].map((_, col) => Math.max(...rows.map(row => row[col].length)))
  const line = (row: string[]) => `| ${row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join(' | ')} |`
  console.log(line(rows[0]))
  console.log(`|${widths.map((w, col) => (col === 0 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`)
  rows.slice(1).forEach(row => console.log(line(row)))
  if (failures > 0) {
    console.error(`\n${failures} example(s) failed`)
    process.exitCode = 1
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main()
