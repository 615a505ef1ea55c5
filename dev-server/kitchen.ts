// The deck's dev server brings its egg kitchen: its own process (so a demo that blocks the kitchen's event
// loop never freezes the deck), supervised, and reached at /api through a proxy that always goes to it.
//
// - A kitchen already answering on EGG_PORT (npm run server in another terminal) is used, never stopped.
// - Anything else on that port is never proxied to: the deck's kitchen opens on a free port instead.
// - If the kitchen dies, it is started again after a short, growing pause, and the terminal says so.
// - It lives as long as the dev server's process, not one Vite server: a Vite restart (an .env change)
//   keeps it. It has an IPC channel to that process and leaves when the channel closes, however the
//   process died (SIGKILL included), so no kitchen is ever orphaned.

import type { ChildProcess } from 'node:child_process'
import type { Connect, Plugin, ViteDevServer } from 'vite'
import type { KitchenMessage } from '../demo-server/serve.ts'
import { spawn } from 'node:child_process'
import { request } from 'node:http'
import { connect } from 'node:net'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { realKitchenAnswers } from '../deck/kitchenSource.ts'
import { DEFAULT_HOST, DEFAULT_PORT, KITCHEN_NODE_FLAGS } from '../demo-server/config.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const SERVE = join(root, 'demo-server', 'serve.ts')

/** Pauses before each restart in a row; a kitchen that stayed up for RESTARTS_FORGOTTEN_MS starts the list over. */
const BACKOFF_MS = [200, 500, 1000, 2000, 5000]
const RESTARTS_FORGOTTEN_MS = 10_000
/** How long a request to /api waits for a kitchen that is starting, before it answers 502. */
const WAIT_FOR_KITCHEN_MS = 3000

type Say = (message: string, problem?: boolean) => void

const urlOf = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`

/** Whether anything accepts connections on host:port. */
function portTaken(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port, timeout: 1000 })
    const end = (taken: boolean) => {
      socket.destroy()
      done(taken)
    }
    socket.once('connect', () => end(true))
    socket.once('error', () => end(false))
    socket.once('timeout', () => end(true)) // something holds the port but does not answer
  })
}

export class KitchenSupervisor {
  /** Where a kitchen answers now; undefined while none does. */
  url: string | undefined
  /** Where the terminal lines go; each Vite server (after a restart, the new one) sets its own. */
  say: Say = message => console.log(`egg kitchen: ${message}`)
  #child: ChildProcess | undefined
  #launching: Promise<void> | undefined
  #waiters = new Set<(url: string) => void>()
  #restarts = 0
  #upSince = 0
  #stopping = false

  constructor(readonly host: string, readonly port: number) {
    process.once('exit', () => this.stop())
  }

  /** Opens a kitchen unless one is up or on its way. */
  ensure(): Promise<void> {
    if (this.url || this.#child || this.#stopping) return Promise.resolve()
    this.#launching ??= this.#launch().finally(() => (this.#launching = undefined))
    return this.#launching
  }

  /** The kitchen's URL, waiting up to `ms` for one that is starting. */
  ready(ms: number): Promise<string | undefined> {
    if (this.url) return Promise.resolve(this.url)
    return new Promise((resolve) => {
      // Declared first: the waiter clears it, and only ever runs after it is set.
      let timer: ReturnType<typeof setTimeout>
      const waiter = (url: string) => {
        clearTimeout(timer)
        resolve(url)
      }
      timer = setTimeout(() => {
        this.#waiters.delete(waiter)
        resolve(undefined)
      }, ms)
      this.#waiters.add(waiter)
    })
  }

  /** A request found no kitchen at `url`: if it was one we did not start, open our own. */
  lost(url: string): void {
    if (this.#child || this.url !== url) return // ours: its exit starts it again
    this.say(`the kitchen at ${url} stopped answering; opening the deck's own`, true)
    this.url = undefined
    void this.ensure()
  }

  stop(): void {
    this.#stopping = true
    if (this.#child?.exitCode === null) this.#child.kill('SIGTERM')
  }

  #up(url: string): void {
    this.url = url
    for (const waiter of this.#waiters) waiter(url)
    this.#waiters.clear()
  }

  async #launch(): Promise<void> {
    const preferred = urlOf(this.host, this.port)
    if (await realKitchenAnswers(preferred, { timeoutMs: 1000 })) {
      this.say(`using the kitchen already open at ${preferred}; the deck will not stop it`)
      this.#up(preferred)
      return
    }
    const taken = await portTaken(this.host, this.port)
    if (taken) {
      this.say(`${this.host}:${this.port} is taken by something that is not an egg kitchen; `
        + 'opening the kitchen on a free port instead (EGG_PORT picks another)', true)
    }
    this.#spawn(taken ? 0 : this.port)
  }

  #spawn(port: number): void {
    // node --import tsx rather than the tsx CLI: one process, so signals and the IPC channel reach the kitchen itself.
    const child = spawn(process.execPath, [...KITCHEN_NODE_FLAGS, '--import', 'tsx', SERVE, '--port', String(port), '--host', this.host], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: process.env,
    })
    this.#child = child
    child.stderr?.on('data', chunk => this.say(String(chunk).trim(), true))
    child.on('message', (message: KitchenMessage) => {
      if (message?.type !== 'listening') return
      this.say(`${this.#restarts ? 'open again' : 'open'} at ${message.url}`)
      this.#upSince = Date.now()
      this.#up(message.url)
    })
    child.on('exit', (code, signal) => this.#ended(child, signal ?? `exit ${code}`))
    // A process that could not be started (no memory, no pids left) has no 'exit': end it here, or it throws.
    child.on('error', err => this.#ended(child, (err as NodeJS.ErrnoException).code ?? err.message))
  }

  /** The kitchen process is gone: say why, and start another after a pause that grows while it keeps dying. */
  #ended(child: ChildProcess, why: string): void {
    if (this.#child !== child) return
    this.#child = undefined
    this.url = undefined
    if (this.#stopping) return
    // A kitchen that stayed up a while starts the pauses over; one that dies before it opens does not.
    if (this.#upSince && Date.now() - this.#upSince > RESTARTS_FORGOTTEN_MS) this.#restarts = 0
    this.#upSince = 0
    const pause = BACKOFF_MS[Math.min(this.#restarts++, BACKOFF_MS.length - 1)]
    this.say(`the kitchen stopped (${why}); starting it again in ${pause / 1000} s`, true)
    setTimeout(() => void this.ensure(), pause).unref()
  }
}

/** Forwards /api/… to the kitchen as it is now; says 502 (not JSON) when there is none, which the deck reads as "down". */
function proxyTo(supervisor: KitchenSupervisor, base: string): Connect.NextHandleFunction {
  return (req, res, next) => {
    const path = req.url ?? '/'
    if (path !== base && !path.startsWith(`${base}/`) && !path.startsWith(`${base}?`)) return next()
    const down = () => {
      if (res.headersSent) return res.destroy()
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('The egg kitchen is not running.')
    }
    void supervisor.ready(WAIT_FOR_KITCHEN_MS).then((url) => {
      if (!url) return down()
      if (res.closed) return
      const target = new URL(url)
      const headers = { ...req.headers, host: target.host }
      delete headers.connection
      const upstream = request({
        hostname: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port,
        method: req.method,
        path: path.slice(base.length) || '/',
        headers,
      }, (answer) => {
        const { connection: _, 'keep-alive': __, ...answerHeaders } = answer.headers
        res.writeHead(answer.statusCode ?? 502, answerHeaders)
        answer.pipe(res)
      })
      upstream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ECONNREFUSED') supervisor.lost(url)
        down()
      })
      // The customer left: close the kitchen's side too, so it stops frying.
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy()
      })
      req.pipe(upstream)
    })
  }
}

export interface KitchenPluginOptions {
  /** Where the kitchen listens (env EGG_PORT overrides). Default 3001. */
  port?: number
  host?: string
  /** The path the deck's pages use for the kitchen. Default /api. */
  base?: string
}

const SUPERVISOR = Symbol.for('hello-async-world: the dev server\'s kitchen')

/** Lines the presenter sees at Slidev's default log level (warn): problems as warnings, the rest plainly. */
function sayFor(server: ViteDevServer): Say {
  return (message, problem = false) => {
    const level = server.config.logLevel
    if (level === 'silent' || (level === 'error' && !problem)) return
    if (problem) server.config.logger.warn(`  egg kitchen: ${message}`, { timestamp: true })
    else console.log(`  egg kitchen: ${message}`)
  }
}

export function eggKitchen(options: KitchenPluginOptions = {}): Plugin {
  const port = Number(process.env.EGG_PORT || options.port || DEFAULT_PORT)
  const host = options.host ?? DEFAULT_HOST
  const base = options.base ?? '/api'
  return {
    name: 'hello-async-world:egg-kitchen',
    apply: 'serve',
    // For the deck's "not running" line: the port a hand-started kitchen should take.
    config: () => ({ define: { 'import.meta.env.EGG_PORT': JSON.stringify(String(port)) } }),
    configureServer(server) {
      // One per dev server process, kept across Vite restarts (which load this module afresh).
      const holder = globalThis as { [SUPERVISOR]?: KitchenSupervisor }
      const kept = holder[SUPERVISOR]
      const supervisor = holder[SUPERVISOR] ??= new KitchenSupervisor(host, port)
      supervisor.say = sayFor(server)
      if (kept?.url) supervisor.say(`the dev server restarted; the kitchen at ${kept.url} stays open`)
      void supervisor.ensure()
      server.middlewares.use(proxyTo(supervisor, base))
    },
  }
}
