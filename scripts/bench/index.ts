// `npm run bench`: measures the talk's performance claims on this machine, prints tables, checks the targets,
// and writes bench/results.json (with provenance) for the slides' charts. A benchmark, not a test.
// Run: npm run bench                        (about 4 minutes on 2 cores)
//      npm run bench -- --only hops,load     (some parts; the others stay as they were in the file)
//      npm run bench -- --help

import type { BenchResults, HopsPart, Target } from '../../bench/schema.ts'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { parseResults } from '../../bench/schema.ts'
import { BENCH_DIR, ROOT, runNode } from './children.ts'
import { measureDemos, printDemos } from './demos.ts'
import { measureLoad, printLoad } from './load.ts'
import { measureMemory, printMemory } from './memory.ts'
import { fmt, provenance, table } from './report.ts'

const PARTS = ['memory', 'hops', 'load', 'demos'] as const
type Part = typeof PARTS[number]

const USAGE = `usage: npm run bench -- [flags]
  --only memory,hops,load,demos   parts to run (default: all); parts not run keep their last results
  --out bench/results.json        where to write the results
  --strict                        exit 1 when a target fails (default: print FAIL, exit 0)
  memory: --tasks 1000,10000,100000,1000000  --wait-ms 5000
          --workers-max 1000  --workers-seconds 45  --workers-min-free-mb 4096
  hops:   --hop-runs 5  --hop-scale 1      (scale multiplies every hop's iterations)
  load:   --load-counts 1000,5000,10000  --load-ms 1000  --load-rounds 3  --load-connecting 256
  demos:  --demo-ms 100,1000`

function numbers(text: string, flag: string): number[] {
  const list = text.split(',').map(Number)
  if (list.some(n => !Number.isInteger(n) || n < 0)) throw new Error(`${flag} must be whole numbers separated by commas`)
  return list
}

function whole(text: string, flag: string, min = 1): number {
  const n = Number(text)
  if (!Number.isFinite(n) || n < min) throw new Error(`${flag} must be a number of at least ${min}`)
  return n
}

function parseFlags(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      'only': { type: 'string' },
      'out': { type: 'string', default: join('bench', 'results.json') },
      'strict': { type: 'boolean', default: false },
      'tasks': { type: 'string', default: '1000,10000,100000,1000000' },
      'wait-ms': { type: 'string', default: '5000' },
      'workers-max': { type: 'string', default: '1000' },
      'workers-seconds': { type: 'string', default: '45' },
      'workers-min-free-mb': { type: 'string', default: '4096' },
      'hop-runs': { type: 'string', default: '5' },
      'hop-scale': { type: 'string', default: '1' },
      'load-counts': { type: 'string', default: '1000,5000,10000' },
      'load-ms': { type: 'string', default: '1000' },
      'load-rounds': { type: 'string', default: '3' },
      'load-connecting': { type: 'string', default: '256' },
      'demo-ms': { type: 'string', default: '100,1000' },
      'help': { type: 'boolean', short: 'h', default: false },
    },
  })
  const only = values.only ? values.only.split(',') : [...PARTS]
  for (const part of only) {
    if (!PARTS.includes(part as Part)) throw new Error(`--only: unknown part "${part}" (parts: ${PARTS.join(', ')})`)
  }
  return {
    help: values.help,
    parts: new Set(only as Part[]),
    out: resolve(ROOT, values.out),
    strict: values.strict,
    memory: {
      tasks: numbers(values.tasks, '--tasks').filter(n => n > 0),
      waitMs: whole(values['wait-ms'], '--wait-ms', 0),
      workersMax: whole(values['workers-max'], '--workers-max', 0),
      workersSeconds: whole(values['workers-seconds'], '--workers-seconds'),
      workersMinFreeMb: whole(values['workers-min-free-mb'], '--workers-min-free-mb', 0),
    },
    hops: { runs: whole(values['hop-runs'], '--hop-runs'), scale: whole(values['hop-scale'], '--hop-scale', 0.001) },
    load: {
      counts: numbers(values['load-counts'], '--load-counts').filter(n => n > 0),
      ms: whole(values['load-ms'], '--load-ms', 0),
      rounds: whole(values['load-rounds'], '--load-rounds'),
      connecting: whole(values['load-connecting'], '--load-connecting'),
    },
    demoMs: numbers(values['demo-ms'], '--demo-ms'),
  }
}

/** The targets from issue 6, checked against whatever parts the results hold. */
export function checkTargets(results: Omit<BenchResults, 'targets'>): Target[] {
  const targets: Target[] = []
  const add = (id: string, description: string, value: number | null | undefined, limit: number) =>
    targets.push({ id, description, value: value ?? null, limit, pass: value !== null && value !== undefined && value <= limit })
  if (results.load) {
    const largest = Math.max(...results.load.ratios.map(r => r.count))
    const kitchen = results.load.rows.filter(r => r.server === 'kitchen')
    const largestRatio = results.load.ratios.find(r => r.count === largest)?.wallRatio
    add('load-ratio', `kitchen wall time / raw node:http, ${fmt(largest)} fries of ${results.load.ms} ms`, largestRatio, 1.15)
    add('load-failures', 'failed fries at the kitchen (all sizes)', kitchen.reduce((sum, r) => sum + r.failed, 0), 0)
    const peaks = kitchen.map(r => r.peakRssMiB).filter((v): v is number => v !== null)
    add('kitchen-rss', 'kitchen peak RSS, MiB (worst round of any size)', peaks.length ? Math.max(...peaks) : null, 300)
  }
  if (results.demos) {
    for (const [example, name] of [['02-sequential.ts', 'sequential'], ['07-promise-all.ts', 'Promise.all']]) {
      const row = results.demos.rows.find(r => r.example === example && r.ms === 1000)
      if (row) add(`demo-${example.replace(/\.ts$/, '')}`, `${name} example, measured / ideal at 1000 ms`, row.ratio, 1.03)
    }
  }
  return targets
}

function printTargets(targets: Target[]): string {
  return ['Targets', table(['target', 'value', 'limit', 'result'], targets.map(t => [
    t.description,
    t.value === null ? '—' : fmt(t.value, Number.isInteger(t.value) ? 0 : 3),
    `≤ ${t.limit}`,
    t.pass ? 'PASS' : 'FAIL',
  ]))].join('\n')
}

function printHops(part: HopsPart): string {
  return [
    `Cost of a hop (median of ${part.runs} runs)`,
    table(['hop', 'iterations', 'ns per hop', 'µs per hop'], part.hops.map(h => [
      h.label,
      fmt(h.iterations),
      h.nsPerHop === null ? `failed: ${h.error}` : fmt(h.nsPerHop, 1),
      h.nsPerHop === null ? '—' : fmt(h.nsPerHop / 1000, 3),
    ])),
  ].join('\n')
}

async function main() {
  let flags
  try {
    flags = parseFlags(process.argv.slice(2))
  }
  catch (err) {
    console.error(`bench: ${(err as Error).message.split('\n')[0]} (try --help)`)
    process.exit(1)
  }
  if (flags.help) return console.log(USAGE)

  const args = process.argv.slice(2)
  const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`
  const run = provenance(command)
  const started = performance.now()
  const log = (line: string) => console.log(line)
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`

  // Parts not run this time keep the results they had.
  let previous: Partial<BenchResults> = {}
  if (existsSync(flags.out)) {
    try {
      previous = parseResults(JSON.parse(readFileSync(flags.out, 'utf8')))
    }
    catch (err) {
      console.log(`(ignoring ${relative(ROOT, flags.out)}: ${(err as Error).message})`)
    }
  }
  const results: Omit<BenchResults, 'targets'> = { ...previous, schema: 1, provenance: run }
  console.log(`${run.cpu} · ${run.cores} cores · ${run.memoryGiB} GiB · Node ${run.node} · ${run.platform}\n`)

  if (flags.parts.has('memory')) {
    console.log(`[${elapsed()}] 1. Memory per waiting task`)
    results.memory = await measureMemory(flags.memory, run, log)
    console.log(`\n${printMemory(results.memory)}\n`)
  }
  if (flags.parts.has('hops')) {
    console.log(`[${elapsed()}] 2. Cost of a hop`)
    const child = await runNode<Omit<HopsPart, 'provenance'>>(
      join(BENCH_DIR, 'hops.ts'),
      ['--runs', String(flags.hops.runs), '--scale', String(flags.hops.scale)],
      { timeoutMs: 180_000 },
    )
    if (!child.json) {
      console.log(`  hops failed (${child.signal ?? `exit ${child.code}`}): ${child.stderr.trim().split('\n')[0]}`)
    }
    else {
      results.hops = { provenance: run, ...child.json }
      console.log(`\n${printHops(results.hops)}\n`)
    }
  }
  if (flags.parts.has('load')) {
    console.log(`[${elapsed()}] 3. The kitchen under load`)
    results.load = await measureLoad(flags.load, run, log)
    console.log(`\n${printLoad(results.load)}\n`)
  }
  if (flags.parts.has('demos')) {
    console.log(`[${elapsed()}] 4. Demo accuracy`)
    results.demos = await measureDemos(flags.demoMs, run, log)
    console.log(`\n${printDemos(results.demos)}\n`)
  }

  const final: BenchResults = { ...results, targets: checkTargets(results) }
  parseResults(final) // never write a file the slides cannot read
  mkdirSync(dirname(flags.out), { recursive: true })
  writeFileSync(flags.out, `${JSON.stringify(final, null, 2)}\n`)
  console.log(`${printTargets(final.targets)}\n`)
  console.log(`[${elapsed()}] wrote ${relative(ROOT, flags.out)}`)
  if (flags.strict && final.targets.some(t => !t.pass)) process.exitCode = 1
}

if (process.argv[1]?.endsWith(join('bench', 'index.ts'))) {
  main().catch((err) => {
    console.error(`bench: ${(err as Error).stack ?? err}`)
    process.exit(1)
  })
}
