// The kitchen on real sockets: in-process servers from listen(), and serve.ts run as a child process.
// Every server listens on 127.0.0.1 with an ephemeral port; every server and child is closed or killed.

import type { ChildProcess } from 'node:child_process'
import type { KitchenStats } from '../demo-server/kitchen'
import type { RunningKitchen } from '../demo-server/serve'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { createRequire } from 'node:module'
import { constants } from 'node:os'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { KITCHEN_NODE_FLAGS } from '../demo-server/config'
import { listen } from '../demo-server/serve'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli')
const HOST = '127.0.0.1'

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

async function getStats(url: string): Promise<KitchenStats> {
  const res = await fetch(`${url}/stats`)
  return await res.json() as KitchenStats
}

/** Polls /stats (about every 20 ms, up to `timeout`) until `done` holds; returns the last stats. */
async function pollStats(url: string, done: (s: KitchenStats) => boolean, timeout = 2000): Promise<KitchenStats> {
  const until = Date.now() + timeout
  let stats = await getStats(url)
  while (!done(stats) && Date.now() < until) {
    await sleep(20)
    stats = await getStats(url)
  }
  return stats
}

// ---------------------------------------------------------------------------------------------
// In-process servers

const running: RunningKitchen[] = []
const controllers: AbortController[] = []

async function open(options: { maxInFlight?: number } = {}): Promise<RunningKitchen> {
  const kitchen = await listen({ port: 0, host: HOST, ...options })
  running.push(kitchen)
  return kitchen
}

function controller(): AbortController {
  const c = new AbortController()
  controllers.push(c)
  return c
}

afterEach(async () => {
  for (const c of controllers.splice(0)) c.abort()
  await Promise.all(running.splice(0).map(r => r.close()))
})

describe('listen()', { timeout: 20_000 }, () => {
  it('opens on an ephemeral loopback port and answers', async () => {
    const kitchen = await open()
    expect(kitchen.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(Number(new URL(kitchen.url).port)).toBeGreaterThan(0)
    const res = await fetch(`${kitchen.url}/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
    const fry = await fetch(`${kitchen.url}/fry/A?ms=50`)
    expect(fry.status).toBe(200)
    expect(await fry.json()).toMatchObject({ egg: 'A', ms: 50 })
  })

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const first = await open()
    const port = Number(new URL(first.url).port)
    await expect(listen({ port, host: HOST })).rejects.toMatchObject({ code: 'EADDRINUSE' })
  })

  it('cancellation is real: an aborted fetch frees the fry', async () => {
    const { url } = await open()
    const c = controller()
    const fry = fetch(`${url}/fry/A?ms=5000`, { signal: c.signal })
    fry.catch(() => {}) // the rejection is awaited below
    expect((await pollStats(url, s => s.inFlight === 1)).inFlight).toBe(1)
    await sleep(100)
    const abortedAt = Date.now()
    c.abort()
    await expect(fry).rejects.toThrow()
    const stats = await pollStats(url, s => s.inFlight === 0 && s.cancelled === 1)
    expect(stats).toEqual({ inFlight: 0, maxInFlight: 1, served: 0, cancelled: 1, burnt: 0 })
    expect(Date.now() - abortedAt).toBeLessThan(2500)
  })

  it('cancellation is real: an aborted /stream frees all its fries', async () => {
    const { url } = await open()
    const c = controller()
    const stream = fetch(`${url}/stream?eggs=A,B,C&ms=5000`, { signal: c.signal })
      .then(async (res) => {
        expect(res.status).toBe(200)
        await res.text() // rejects once aborted
      })
    stream.catch(() => {})
    expect((await pollStats(url, s => s.inFlight === 3)).inFlight).toBe(3)
    await sleep(100)
    const abortedAt = Date.now()
    c.abort()
    await expect(stream).rejects.toThrow()
    const stats = await pollStats(url, s => s.inFlight === 0 && s.cancelled === 3)
    expect(stats).toEqual({ inFlight: 0, maxInFlight: 3, served: 0, cancelled: 3, burnt: 0 })
    expect(Date.now() - abortedAt).toBeLessThan(2500)
  })

  it('streams NDJSON lines as eggs finish', async () => {
    const { url } = await open()
    const res = await fetch(`${url}/stream?eggs=A,B,C&ms=90,10,50`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/)
    const lines = (await res.text()).trim().split('\n').map(line => JSON.parse(line))
    expect(lines.map(l => l.egg)).toEqual(['B', 'C', 'A'])
    expect(lines.every(l => l.outcome === 'served')).toBe(true)
    expect(await getStats(url)).toMatchObject({ inFlight: 0, served: 3 })
  })

  it('the cap answers 503 with Retry-After (maxInFlight 1)', async () => {
    const { url } = await open({ maxInFlight: 1 })
    const c = controller()
    const slow = fetch(`${url}/fry/A?ms=5000`, { signal: c.signal })
    slow.catch(() => {})
    expect((await pollStats(url, s => s.inFlight === 1)).inFlight).toBe(1)
    const full = await fetch(`${url}/fry/B?ms=0`)
    expect(full.status).toBe(503)
    expect(full.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(full.headers.get('content-type')).toMatch(/^application\/json/)
    expect((await full.json()).error).toMatch(/full/)
    c.abort()
    await expect(slow).rejects.toThrow()
    expect(await pollStats(url, s => s.inFlight === 0)).toMatchObject({ inFlight: 0, maxInFlight: 1, cancelled: 1 })
    expect((await fetch(`${url}/fry/B?ms=0`)).status).toBe(200)
  })

  it('close() ends fries on the stove with 503 and resolves promptly', async () => {
    const kitchen = await open()
    const fry = fetch(`${kitchen.url}/fry/A?ms=5000`)
    expect((await pollStats(kitchen.url, s => s.inFlight === 1)).inFlight).toBe(1)
    const closedAt = Date.now()
    const closing = kitchen.close()
    const res = await fry
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBeTruthy()
    expect((await res.json()).error).toMatch(/closing/)
    await closing
    expect(Date.now() - closedAt).toBeLessThan(3000)
    expect(kitchen.kitchen.stats()).toMatchObject({ inFlight: 0, cancelled: 1 })
    await expect(fetch(`${kitchen.url}/health`)).rejects.toThrow()
  })
})

// ---------------------------------------------------------------------------------------------
// serve.ts as a child process: as `npm run server` runs it (node --import tsx), and through the tsx CLI

interface Child {
  proc: ChildProcess
  stdout: () => string
  stderr: () => string
  exit: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
}

const children: Child[] = []

/**
 * Starts serve.ts in its own process group, so cleanup can kill tsx and its node child together.
 * `via: 'tsx'` runs the tsx CLI (`npx tsx demo-server/serve.ts`): a wrapper process that relays signals to a node child.
 * `via: 'node'` runs one node process with tsx's loader (`node --import tsx`), as `npm run server` does, so signals
 * reach serve.ts directly.
 */
function serve(args: string[], via: 'tsx' | 'node' = 'tsx', ipc = false): Child {
  const launcher = via === 'tsx' ? [TSX_CLI] : ['--import', 'tsx']
  const proc = spawn(process.execPath, [...launcher, 'demo-server/serve.ts', ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc' as const] : [])],
    env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0' },
  })
  let out = ''
  let err = ''
  proc.stdout!.setEncoding('utf8').on('data', (s: string) => {
    out += s
  })
  proc.stderr!.setEncoding('utf8').on('data', (s: string) => {
    err += s
  })
  const exit = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('close', (code, signal) => resolve({ code, signal }))
  })
  const child = { proc, stdout: () => out, stderr: () => err, exit }
  children.push(child)
  return child
}

function killGroup(child: Child, signal: NodeJS.Signals) {
  try {
    process.kill(-child.proc.pid!, signal)
  }
  catch {
    // the group is gone already
  }
}

afterEach(async () => {
  for (const child of children.splice(0)) {
    killGroup(child, 'SIGKILL')
    await Promise.race([child.exit, sleep(5000)])
  }
})

async function within<T>(what: string, promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  }
  finally {
    clearTimeout(timer)
  }
}

/** Waits (generously: tsx can take seconds to start on a loaded machine) for the "open at" line. */
async function openUrl(child: Child): Promise<string> {
  const until = Date.now() + 15_000
  for (;;) {
    const match = /The egg kitchen is open at (http:\/\/\S+)/.exec(child.stdout())
    if (match) return match[1]
    if (child.proc.exitCode !== null || Date.now() > until)
      throw new Error(`serve.ts did not open: stdout=${JSON.stringify(child.stdout())} stderr=${JSON.stringify(child.stderr())}`)
    await sleep(25)
  }
}

function lines(text: string): string[] {
  return text.split('\n').filter(line => line.trim() !== '')
}

describe('serve.ts as a process', { timeout: 20_000 }, () => {
  it('npm run server starts it with the kitchen\'s Node flags, as the dev server and the benchmark do', () => {
    const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }
    expect(KITCHEN_NODE_FLAGS.length).toBeGreaterThan(0)
    expect(scripts.server).toBe(`node ${KITCHEN_NODE_FLAGS.join(' ')} --import tsx demo-server/serve.ts`)
  })

  it('prints the URL with the real port, honours --host and --max-in-flight', async () => {
    const child = serve(['--port', '0', '--host', HOST, '--max-in-flight', '1'])
    const url = await openUrl(child)
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(Number(new URL(url).port)).toBeGreaterThan(0)
    expect((await fetch(`${url}/health`)).status).toBe(200)

    const c = controller()
    const slow = fetch(`${url}/fry/A?ms=5000`, { signal: c.signal })
    slow.catch(() => {})
    expect((await pollStats(url, s => s.inFlight === 1)).inFlight).toBe(1)
    const full = await fetch(`${url}/fry/B?ms=0`)
    expect(full.status).toBe(503)
    expect(full.headers.get('retry-after')).toBeTruthy()
    c.abort()
    expect(await pollStats(url, s => s.inFlight === 0 && s.cancelled === 1)).toMatchObject({ inFlight: 0, cancelled: 1 })
    expect(child.stderr()).toBe('')
  })

  it('a second kitchen on the same port prints one "already taken" line and exits 1', async () => {
    const first = serve(['--port', '0'])
    const url = await openUrl(first)
    const port = new URL(url).port

    const second = serve(['--port', port])
    const { code } = await within('second server exit', second.exit, 15_000)
    expect(code).toBe(1)
    expect(lines(second.stderr())).toHaveLength(1)
    expect(second.stderr()).toContain('already taken')
    expect(second.stderr()).toContain(port)
    expect(second.stderr()).not.toContain('    at ')
    expect(second.stdout()).toBe('')
    // The first kitchen is unharmed.
    expect((await fetch(`${url}/health`)).status).toBe(200)
  })

  it.each([
    [['--port', 'abc'], '--port'],
    [['--port', '65536'], '--port'],
    [['--max-in-flight', '0'], '--max-in-flight'],
    [['--max-in-flight', 'lots'], '--max-in-flight'],
    [['--port=-1'], '--port'],
    [['--bogus'], '--bogus'],
    [['--port'], '--port'],
    [['stray'], 'stray'],
    [['--allow-origin', 'talk.example.org'], '--allow-origin'],
    [['--allow-origin', 'https://talk.example.org/slides'], '--allow-origin'],
  ])('a bad flag %j prints one line naming %s and exits 1', async (args, flag) => {
    const child = serve(args)
    const { code } = await within('exit', child.exit, 15_000)
    expect(code).toBe(1)
    expect(lines(child.stderr())).toHaveLength(1)
    expect(child.stderr()).toContain(flag)
    expect(child.stderr()).not.toContain('    at ')
    expect(child.stdout()).toBe('')
  })

  it('--allow-origin admits a hosted deck\'s origin, and only that one besides loopback', async () => {
    const url = await openUrl(serve(['--port', '0', '--allow-origin', 'https://talk.example.org']))
    const asked = (origin: string) => fetch(`${url}/health`, { headers: { origin } })
      .then(res => res.headers.get('access-control-allow-origin'))
    expect(await asked('https://talk.example.org')).toBe('https://talk.example.org')
    expect(await asked('https://evil.example.org')).toBeNull()
    expect(await asked('http://localhost:3030')).toBe('http://localhost:3030')
  })

  it('--allow-host adds a name it answers to; --host names one too; other names get 403', async () => {
    const url = await openUrl(serve(['--port', '0', '--allow-host', 'kitchen.example.org']))
    const port = new URL(url).port
    const status = (host: string) => new Promise<number>((resolve, reject) => {
      request(`${url}/health`, { headers: { host } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      }).on('error', reject).end()
    })
    expect(await status(`kitchen.example.org:${port}`)).toBe(200)
    expect(await status(`127.0.0.1:${port}`)).toBe(200)
    expect(await status(`localhost:${port}`)).toBe(200)
    expect(await status(`rebind.example:${port}`)).toBe(403)
  })

  it('started with an IPC channel (as the dev server does), it says where it listens and leaves when the channel closes', async () => {
    const child = serve(['--port', '0'], 'node', true)
    const message = await within('listening message', new Promise<unknown>(resolve => child.proc.once('message', resolve)), 15_000)
    expect(message).toEqual({ type: 'listening', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) })
    const { url } = message as { url: string }
    expect((await fetch(`${url}/health`)).ok).toBe(true)
    // Node emits no 'close' for a child whose channel this side disconnected: wait for 'exit'.
    const exited = new Promise<number | null>(resolve => child.proc.once('exit', resolve))
    child.proc.disconnect() // what the kitchen sees when its dev server dies, SIGKILL included
    expect(await within('exit', exited, 8000)).toBe(0)
    expect(child.stdout()).toContain('the dev server that started it is gone')
  })

  it('--help prints the usage and exits 0', async () => {
    const child = serve(['--help'])
    const { code } = await within('exit', child.exit, 15_000)
    expect(code).toBe(0)
    expect(child.stdout()).toMatch(/usage:.*--port.*--host.*--max-in-flight/)
    expect(child.stderr()).toBe('')
  })

  async function startFrying(child: Child) {
    const url = await openUrl(child)
    const fry = fetch(`${url}/fry/A?ms=5000`)
    fry.catch(() => {})
    expect((await pollStats(url, s => s.inFlight === 1)).inFlight).toBe(1)
    return { fry } // wrapped: an async function would otherwise wait for the fry itself
  }

  async function expectGracefulEnd(child: Child, fry: Promise<Response>, signalledAt: number) {
    const res = await within('fry answer', fry, 4000)
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBeTruthy()
    expect((await res.json()).error).toMatch(/closing/)
    expect(Date.now() - signalledAt).toBeLessThan(4000)

    const { code, signal } = await within('exit', child.exit, 8000)
    expect({ code, signal }).toEqual({ code: 0, signal: null })
    expect(Date.now() - signalledAt).toBeLessThan(8000)
    expect(child.stderr()).not.toContain('    at ')
  }

  // One node process: the signal reaches serve.ts exactly once, and the whole graceful path is visible.
  it.each(['SIGTERM', 'SIGINT'] as const)('%s (node --import tsx): the fry in flight answers 503, "closed", exit 0', async (signal) => {
    const child = serve(['--port', '0'], 'node')
    const { fry } = await startFrying(child)
    const signalledAt = Date.now()
    child.proc.kill(signal)
    await expectGracefulEnd(child, fry, signalledAt)
    expect(lines(child.stdout()).slice(1)).toEqual([
      `kitchen: ${signal}: closing; ending 1 fry on the stove`,
      'kitchen: closed',
    ])
  })

  // Through the tsx wrapper (`npx tsx demo-server/serve.ts`). tsx relays the signal to its node child and waits
  // only 30 ms for the child to acknowledge it; when the child is slower (a loaded machine), tsx SIGKILLs it
  // and exits 128+signal, and the fry's connection drops. That is tsx's doing, not serve.ts's, so these tests
  // hold the graceful contract whenever serve.ts got to handle the signal, and otherwise only require that
  // everything ended promptly. The strict contract is asserted above, without the wrapper.
  async function expectEndThroughTsx(child: Child, fry: Promise<Response>, signal: 'SIGTERM' | 'SIGINT', signalledAt: number) {
    const answer = await within('fry answer', fry.then(
      async res => ({ status: res.status, error: (await res.json()).error as string }),
      () => ({ status: 'dropped' as const, error: '' }),
    ), 4000)
    const { code, signal: killedBy } = await within('exit', child.exit, 8000)
    expect(Date.now() - signalledAt).toBeLessThan(8000)
    expect(killedBy).toBeNull()
    expect(child.stderr()).not.toContain('    at ')
    if (code === 0) {
      expect(answer).toEqual({ status: 503, error: expect.stringMatching(/closing/) })
      expect(child.stdout()).toContain(`kitchen: ${signal}: closing; ending 1 fry on the stove`)
    }
    else {
      expect(code).toBe(128 + constants.signals[signal]) // tsx's SIGKILL fallback
    }
  }

  it.each(['SIGTERM', 'SIGINT'] as const)('%s sent to tsx (relayed): the fry in flight answers 503, exit 0', async (signal) => {
    const child = serve(['--port', '0'])
    const { fry } = await startFrying(child)
    const signalledAt = Date.now()
    child.proc.kill(signal)
    await expectEndThroughTsx(child, fry, signal, signalledAt)
  })

  it('ctrl-C (SIGINT to the whole process group, tsx and node): the fry answers 503, exit 0', async () => {
    const child = serve(['--port', '0'])
    const { fry } = await startFrying(child)
    const signalledAt = Date.now()
    killGroup(child, 'SIGINT')
    await expectEndThroughTsx(child, fry, 'SIGINT', signalledAt)
    // Not asserted: "kitchen: closed". When node is slow to acknowledge the signal to tsx (30 ms),
    // tsx relays a second SIGINT, which serve.ts takes for a second Ctrl-C and exits at once.
  })

  it('an idle kitchen exits 0 on SIGTERM at once', async () => {
    const child = serve(['--port', '0'])
    await openUrl(child)
    const signalledAt = Date.now()
    child.proc.kill('SIGTERM')
    const { code } = await within('exit', child.exit, 8000)
    expect(code).toBe(0)
    expect(Date.now() - signalledAt).toBeLessThan(5000)
    expect(child.stdout()).toContain('ending 0 fries')
  })
})

describe('serve.ts flags that parseArgs finds ambiguous', { timeout: 20_000 }, () => {
  // parseArgs' own "ambiguous argument" error spans three lines; serve.ts must still print one.
  it('a bad flag `--port -1` prints ONE line that says what --port takes', async () => {
    const child = serve(['--port', '-1'])
    const { code } = await within('exit', child.exit, 15_000)
    expect(code).toBe(1)
    expect(lines(child.stderr())).toEqual(['kitchen: --port must be a whole number from 0 to 65535 (try --help)'])
  })
})
