// The load client: fires --count GETs at once, each on its own loopback connection, and prints one JSON line.
// Run: node --import tsx scripts/bench/load-client.ts --url http://127.0.0.1:PORT --count 1000 --ms 1000
// Prints: {"count":…,"ok":…,"failed":…,"statuses":{…},"wallMs":…,"p50Ms":…,"p99Ms":…} (see LoadClientResult)

import { Agent, get } from 'node:http'
import process from 'node:process'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

export interface LoadClientResult {
  count: number
  /** Answered 200. */
  ok: number
  /** Anything else: another status, a socket error, a timeout, or no answer by the deadline. */
  failed: number
  /** How many answers had each status, e.g. { "200": 1990, "503": 10 }. */
  statuses: Record<string, number>
  /** 503 answers that carried a Retry-After header. */
  retryAfter503: number
  /** Socket errors by code (ECONNRESET, timeout…) and requests never answered ("unanswered"). */
  errors: Record<string, number>
  /** From the first request sent to the last answer (or error). */
  wallMs: number
  /** Latency of the 200 answers, from the request sent to its body read. */
  p50Ms: number
  p99Ms: number
  maxMs: number
}

/** The value at quantile q (0..1) of sorted numbers; 0 for none. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

const code = (err: unknown) => (err as NodeJS.ErrnoException).code ?? 'error'

/** Sends `count` concurrent GET `path(i)` requests to a loopback server; every request ends by timeoutMs. */
export function load(
  options: { url: string, count: number, path: (i: number) => string, timeoutMs: number, connecting?: number },
): Promise<LoadClientResult> {
  const target = new URL(options.url)
  if (!isLoopback(target.hostname)) throw new Error(`the load client only targets loopback addresses, not ${target.hostname}`)
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity })
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  const errors: Record<string, number> = {}
  let retryAfter503 = 0
  let settled = 0
  let lastAt = 0
  const started = performance.now()

  return new Promise((resolve) => {
    let deadline: ReturnType<typeof setTimeout>
    const finish = () => {
      clearTimeout(deadline)
      agent.destroy()
      const unanswered = options.count - settled
      if (unanswered > 0) errors.unanswered = unanswered
      latencies.sort((a, b) => a - b)
      const ok = statuses['200'] ?? 0
      resolve({
        count: options.count,
        ok,
        failed: options.count - ok,
        statuses,
        retryAfter503,
        errors,
        wallMs: Math.round((lastAt || performance.now()) - started),
        p50Ms: Math.round(quantile(latencies, 0.5)),
        p99Ms: Math.round(quantile(latencies, 0.99)),
        maxMs: Math.round(latencies.at(-1) ?? 0),
      })
    }
    // Belt and braces: whatever happens to the sockets, the client answers shortly after the last timeout could fire.
    deadline = setTimeout(finish, options.timeoutMs * 2 + 5000)
    const done = () => {
      lastAt = performance.now()
      if (++settled === options.count) finish()
    }
    if (options.count === 0) return finish()
    // At most `connecting` handshakes at once: a burst of 10k SYNs overflows the server's accept backlog
    // (511 in Node), and the kernel's 1 s, 3 s, 7 s… SYN retries then measure the backlog, not the server.
    const maxConnecting = options.connecting ?? 256
    let next = 0
    let connecting = 0
    function sendMore() {
      while (connecting < maxConnecting && next < options.count) {
        connecting++ // a handshake starts; `connected` counts it off
        send(next++)
      }
    }
    function send(i: number) {
      const sentAt = performance.now()
      let ended = false
      let handshaking = true
      let timer: ReturnType<typeof setTimeout>
      const connected = () => {
        if (!handshaking) return
        handshaking = false
        connecting--
        sendMore()
      }
      const end = (fn: () => void) => {
        if (ended) return
        ended = true
        clearTimeout(timer)
        connected()
        fn()
        done()
      }
      const fail = (err: unknown) => end(() => {
        errors[code(err)] = (errors[code(err)] ?? 0) + 1
      })
      const req = get({ hostname: target.hostname.replace(/^\[|\]$/g, ''), port: target.port, path: options.path(i), agent }, (res) => {
        res.resume()
        res.on('end', () => end(() => {
          const status = String(res.statusCode)
          statuses[status] = (statuses[status] ?? 0) + 1
          if (status === '503' && res.headers['retry-after']) retryAfter503++
          if (status === '200') latencies.push(performance.now() - sentAt)
        }))
        res.on('error', fail)
      })
      req.on('socket', socket => socket.once('connect', connected))
      req.on('error', fail)
      // A whole-request limit (not an idle one), so a request stuck in the handshake also ends.
      timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })), options.timeoutMs)
    }
    sendMore()
  })
}

async function main() {
  const { values } = parseArgs({
    options: {
      'url': { type: 'string' },
      'count': { type: 'string', default: '1000' },
      'ms': { type: 'string', default: '1000' },
      'path': { type: 'string', default: '/fry/load{i}' },
      'timeout-ms': { type: 'string', default: '30000' },
      'connecting': { type: 'string', default: '256' },
    },
  })
  if (!values.url) throw new Error('--url is required')
  const count = Number(values.count)
  const ms = Number(values.ms)
  const timeoutMs = Number(values['timeout-ms'])
  if (!(count >= 0 && count <= 50_000 && Number.isInteger(count))) throw new Error('--count must be a whole number up to 50000')
  const template = values.path
  const result = await load({
    url: values.url,
    count,
    timeoutMs,
    connecting: Number(values.connecting),
    path: i => `${template.replace('{i}', String(i))}?ms=${ms}`,
  })
  console.log(JSON.stringify(result))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(`load-client: ${(err as Error).message}`)
    process.exit(1)
  })
}
