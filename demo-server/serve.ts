// The only file that listens: `npm run server -- --port 3001 --host 127.0.0.1 --max-in-flight 10000`.

import type { Context } from 'hono'
import type { Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { CustomerSignal } from './kitchen.ts'
import { createServer } from 'node:http'
import process from 'node:process'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { getRequestListener } from '@hono/node-server'
import { createApp } from './app.ts'
import { DEFAULT_HOST, DEFAULT_PORT, LISTEN_BACKLOG } from './config.ts'
import { DEFAULT_MAX_IN_FLIGHT, Kitchen } from './kitchen.ts'

export { DEFAULT_HOST, DEFAULT_PORT }

/** What a kitchen started with an IPC channel (by the dev server's plugin) says to its parent. */
export interface KitchenMessage {
  type: 'listening'
  url: string
}

export interface RunningKitchen {
  url: string
  kitchen: Kitchen
  server: Server
  /** Stops accepting, ends the fries on the stove (they answer 503), and resolves once closed. */
  close: () => Promise<void>
}

const WAITING = Symbol('the pan waiting on this response')
type WatchedResponse = ServerResponse & { [WAITING]?: EventListenerObject }

/** Node's 'close' on a response: if it came before the answer finished, the customer left. */
function onResponseClose(this: WatchedResponse): void {
  if (!this.writableFinished) this[WAITING]?.handleEvent(new Event('abort'))
}

/**
 * The customer's signal, read off Node's own response. Reading `c.req.raw.signal` instead makes
 * @hono/node-server build an AbortController for every request: about 2 kB of the 22 kB the kitchen allocated
 * per request (measured with V8's sampling heap profiler, 5k fries at once).
 */
class ResponseClosedEarly implements CustomerSignal {
  constructor(readonly res: WatchedResponse) {}

  get aborted(): boolean {
    return this.res.closed && !this.res.writableFinished
  }

  addEventListener(_type: 'abort', listener: EventListenerObject): void {
    this.res[WAITING] = listener
    this.res.on('close', onResponseClose)
  }

  removeEventListener(_type: 'abort', listener: EventListenerObject): void {
    if (this.res[WAITING] !== listener) return
    this.res[WAITING] = undefined
    this.res.off('close', onResponseClose)
  }
}

function customerSignal(c: Context): CustomerSignal {
  const res = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing
  return res ? new ResponseClosedEarly(res) : c.req.raw.signal
}

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::' || host === '[::]'

/** Opens a kitchen on host:port (port 0 picks a free one). Rejects with the listen error. */
export function listen(
  options: { port?: number, host?: string, maxInFlight?: number, allowOrigins?: string[], allowHosts?: string[] } = {},
): Promise<RunningKitchen> {
  const host = options.host ?? DEFAULT_HOST
  const kitchen = new Kitchen({ maxInFlight: options.maxInFlight })
  // The name it listens on is one it answers to (a wildcard address names no host).
  const allowHosts = [...(options.allowHosts ?? []), ...(isWildcard(host) ? [] : [host])]
  const app = createApp({ kitchen, allowOrigins: options.allowOrigins, allowHosts, customerSignal })
  const server = createServer(getRequestListener(app.fetch))
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port: options.port ?? DEFAULT_PORT, host, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', reject)
      const { port } = server.address() as AddressInfo
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
      let closing: Promise<void> | undefined
      const close = () => closing ??= new Promise<void>((done) => {
        server.close(() => done())
        kitchen.close()
        server.closeIdleConnections()
        // Fries end at once on close; give their answers a moment, then drop stragglers.
        setTimeout(() => server.closeAllConnections(), 1000).unref()
      })
      resolve({ url, kitchen, server, close })
    })
  })
}

const FLAG_RULES: Record<string, string> = {
  'port': '--port must be a whole number from 0 to 65535',
  'max-in-flight': '--max-in-flight must be a whole number of at least 1',
  'host': '--host must be an address or host name to listen on, such as 127.0.0.1',
  'allow-origin': '--allow-origin must be an origin such as https://talk.example.org',
  'allow-host': '--allow-host must be a host name such as kitchen.example.org',
}

function parseFlags(argv: string[]) {
  let values
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'port': { type: 'string', default: String(DEFAULT_PORT) },
        'host': { type: 'string', default: DEFAULT_HOST },
        'max-in-flight': { type: 'string', default: String(DEFAULT_MAX_IN_FLIGHT) },
        'allow-origin': { type: 'string', multiple: true, default: [] },
        'allow-host': { type: 'string', multiple: true, default: [] },
        'help': { type: 'boolean', short: 'h' },
      },
    }))
  }
  catch (err) {
    // parseArgs calls `--port -1` "ambiguous" (a value that looks like a flag): say what the flag takes instead.
    const flag = /'--([a-z-]+)/.exec((err as Error).message)?.[1]
    const invalidValue = (err as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
    throw new Error(flag && FLAG_RULES[flag] && invalidValue ? FLAG_RULES[flag] : (err as Error).message)
  }
  const allowOrigins = values['allow-origin'].map((origin) => {
    let url: URL | undefined
    try {
      url = new URL(origin)
    }
    catch {}
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/$/, ''))
      throw new Error(FLAG_RULES['allow-origin'])
    return url.origin
  })
  const allowHosts = values['allow-host'].map((host) => {
    if (!/^[a-z0-9.-]+$/i.test(host)) throw new Error(FLAG_RULES['allow-host'])
    return host.toLowerCase()
  })
  const port = Number(values.port)
  if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(FLAG_RULES.port)
  const maxInFlight = Number(values['max-in-flight'])
  if (!/^\d+$/.test(values['max-in-flight']) || maxInFlight < 1) throw new Error(FLAG_RULES['max-in-flight'])
  return { port, host: values.host, maxInFlight, allowOrigins, allowHosts, help: values.help }
}

async function main() {
  let flags
  try {
    flags = parseFlags(process.argv.slice(2))
  }
  catch (err) {
    // parseArgs' own messages can span lines: keep the first.
    console.error(`kitchen: ${(err as Error).message.split('\n')[0]} (try --help)`)
    process.exit(1)
  }
  if (flags.help) {
    console.log('usage: npm run server -- [--port 3001] [--host 127.0.0.1] [--max-in-flight 10000] [--allow-origin https://talk.example.org ...] [--allow-host kitchen.example.org ...]')
    return
  }
  let running: RunningKitchen
  try {
    running = await listen(flags)
  }
  catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    const where = `${flags.host}:${flags.port}`
    if (code === 'EADDRINUSE')
      console.error(`kitchen: ${where} is already taken (another kitchen?); pick another port with --port`)
    else
      console.error(`kitchen: cannot listen on ${where}: ${code ?? (err as Error).message}`)
    process.exit(1)
  }
  console.log(`The egg kitchen is open at ${running.url}`)
  const shutdown = async (signal: string) => {
    if (running.kitchen.closed) process.exit(0) // a second Ctrl-C: leave now
    const { inFlight } = running.kitchen.stats()
    console.log(`kitchen: ${signal}: closing; ending ${inFlight} fr${inFlight === 1 ? 'y' : 'ies'} on the stove`)
    await running.close()
    console.log('kitchen: closed')
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  // Started by the deck's dev server (an IPC channel): tell it where, and leave with it, however it dies.
  process.send?.({ type: 'listening', url: running.url } satisfies KitchenMessage)
  process.once('disconnect', () => void shutdown('the dev server that started it is gone'))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  void main()
