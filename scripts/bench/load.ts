// Part 3 of `npm run bench`: the kitchen under load, against a raw node:http delay server, same client, same run.
// Each server and the client run as processes of their own, on loopback.

import type { LoadPart, LoadRow, Provenance, ServerKind } from '../../bench/schema.ts'
import type { ServerChild } from './children.ts'
import type { LoadClientResult } from './load-client.ts'
import { join } from 'node:path'
import { KITCHEN_NODE_FLAGS, LISTEN_BACKLOG } from '../../demo-server/config.ts'
import { BENCH_DIR, listenOverflows, ROOT, runNode, startServer } from './children.ts'
import { fmt, table } from './report.ts'

export interface LoadOptions {
  counts: number[]
  ms: number
  rounds: number
  connecting: number
}

// Both servers run with the kitchen's Node flags and listen backlog (demo-server/config.ts), so the ratio
// measures what Hono and the kitchen's code cost, not a runtime or socket setting one of them lacks.
const SERVERS: Record<ServerKind, { file: string, args: (count: number) => string[], path: string }> = {
  // The kitchen as `npm run server` runs it, with a cap above the load so no fry is turned away.
  kitchen: {
    file: join(ROOT, 'demo-server', 'serve.ts'),
    args: count => ['--port', '0', '--max-in-flight', String(Math.max(10_000, count))],
    path: '/fry/load{i}',
  },
  raw: { file: join(BENCH_DIR, 'raw-server.ts'), args: () => ['--port', '0'], path: '/fry/load{i}' },
}

export function sendLoad(url: string, count: number, ms: number, connecting: number, path = '/fry/load{i}') {
  return runNode<LoadClientResult>(join(BENCH_DIR, 'load-client.ts'), [
    '--url',
    url,
    '--count',
    String(count),
    '--ms',
    String(ms),
    '--path',
    path,
    '--connecting',
    String(connecting),
    '--timeout-ms',
    String(ms + 30_000),
  ], { timeoutMs: 2 * (ms + 30_000) + 20_000 })
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]

export async function measureLoad(options: LoadOptions, provenance: Provenance, log: (line: string) => void): Promise<LoadPart> {
  const rows: LoadRow[] = []
  const ratios: LoadPart['ratios'] = []
  for (const count of options.counts) {
    const servers = {} as Record<ServerKind, ServerChild>
    try {
      for (const kind of ['raw', 'kitchen'] as const)
        servers[kind] = await startServer(SERVERS[kind].file, SERVERS[kind].args(count), { nodeFlags: KITCHEN_NODE_FLAGS })
      const rounds: Record<ServerKind, LoadRow[]> = { raw: [], kitchen: [] }
      for (let round = 0; round < options.rounds; round++) {
        // Alternate which server goes first, so a slow moment on a shared machine hits both alike.
        const order: ServerKind[] = round % 2 === 0 ? ['raw', 'kitchen'] : ['kitchen', 'raw']
        for (const kind of order) {
          const server = servers[kind]
          server.resetPeak()
          const cpuBefore = server.cpuMs()
          const dropsBefore = listenOverflows()
          const run = await sendLoad(server.url, count, options.ms, options.connecting, SERVERS[kind].path)
          const dropsAfter = listenOverflows()
          const cpuAfter = server.cpuMs()
          const r = run.json
          if (!r) throw new Error(`the load client failed against ${kind}: ${run.stderr.trim().split('\n')[0] ?? run.signal}`)
          const peak = server.peakRssKiB()
          const drops = dropsBefore === undefined || dropsAfter === undefined ? null : dropsAfter - dropsBefore
          rounds[kind].push({
            server: kind,
            count,
            ok: r.ok,
            failed: r.failed,
            wallMs: r.wallMs,
            p50Ms: r.p50Ms,
            p99Ms: r.p99Ms,
            peakRssMiB: peak === undefined ? null : Math.round(peak / 102.4) / 10,
            cpuMs: cpuBefore === undefined || cpuAfter === undefined ? null : cpuAfter - cpuBefore,
            listenDrops: drops,
          })
          const failures = r.failed ? ` ${JSON.stringify({ ...r.statuses, ...r.errors })}` : ''
          const dropped = drops ? `, ${fmt(drops)} connections dropped by a full accept queue` : ''
          log(`  ${fmt(count)} × ${options.ms} ms → ${kind}: ${fmt(r.wallMs)} ms wall, ${r.failed} failed${failures}${dropped}`)
        }
        if (servers.kitchen) {
          const stats = await (await fetch(`${servers.kitchen.url}/stats`)).json() as { inFlight: number }
          if (stats.inFlight !== 0) log(`  warning: the kitchen still has ${stats.inFlight} fries in flight after the round`)
        }
      }
      // The rows of the median round by wall time; the ratio is the median of the rounds' own ratios.
      for (const kind of ['raw', 'kitchen'] as const) {
        const byWall = [...rounds[kind]].sort((a, b) => a.wallMs - b.wallMs)
        const row = byWall[Math.floor((byWall.length - 1) / 2)]
        // Failures and peak memory are the worst round's, not the median's.
        const peaks = rounds[kind].map(r => r.peakRssMiB).filter((v): v is number => v !== null)
        rows.push({
          ...row,
          failed: Math.max(...rounds[kind].map(r => r.failed)),
          ok: Math.min(...rounds[kind].map(r => r.ok)),
          peakRssMiB: peaks.length ? Math.max(...peaks) : null,
          peakRssMiBRounds: peaks,
          listenDrops: rounds[kind].some(r => r.listenDrops == null) ? null : rounds[kind].reduce((sum, r) => sum + r.listenDrops!, 0),
        })
      }
      const perRound = rounds.kitchen.map((k, i) => k.wallMs / rounds.raw[i].wallMs)
      ratios.push({ count, wallRatio: Math.round(median(perRound) * 1000) / 1000 })
    }
    finally {
      await Promise.all(Object.values(servers).map(s => s.stop()))
    }
  }
  return {
    provenance,
    ms: options.ms,
    connecting: options.connecting,
    rounds: options.rounds,
    backlog: LISTEN_BACKLOG,
    nodeFlags: KITCHEN_NODE_FLAGS,
    rows,
    ratios,
  }
}

export function printLoad(part: LoadPart): string {
  const rows = part.ratios.flatMap(({ count, wallRatio }) => {
    const raw = part.rows.find(r => r.count === count && r.server === 'raw')!
    const kitchen = part.rows.find(r => r.count === count && r.server === 'kitchen')!
    return [raw, kitchen].map(r => [
      `${fmt(count)} × ${part.ms} ms`,
      r.server === 'raw' ? 'raw node:http' : 'kitchen (Hono)',
      fmt(r.wallMs),
      fmt(r.p50Ms),
      fmt(r.p99Ms),
      fmt(r.failed),
      r.peakRssMiBRounds?.length ? r.peakRssMiBRounds.map(v => fmt(v, 0)).join(' / ') : fmt(r.peakRssMiB, 1),
      fmt(r.cpuMs),
      r.listenDrops == null ? '–' : fmt(r.listenDrops),
      r.server === 'kitchen' ? `${wallRatio.toFixed(2)}×` : '1.00×',
    ])
  })
  return [
    `The kitchen under load (loopback; client in its own process, at most ${part.connecting} handshakes at once; `
    + `median of ${part.rounds} round${part.rounds === 1 ? '' : 's'})`,
    table(['fries at once', 'server', 'wall ms', 'p50 ms', 'p99 ms', 'failed', 'peak RSS MiB by round', 'server CPU ms', 'SYNs dropped', 'wall / raw'], rows),
    'Peak RSS is reset before each round; the first round is a fresh process, the later ones start from a warmed heap.',
    'SYNs dropped: connections the kernel refused because the accept queue was full, all rounds; each costs its client a 1 s retry.',
    ...part.backlog ? [`Both servers: listen backlog ${part.backlog}, node ${part.nodeFlags?.join(' ') || '(no flags)'}.`] : [],
  ].join('\n')
}
