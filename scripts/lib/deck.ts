// What the maintainer scripts share: Debian's Chromium, free ports, and a `slidev` dev server of the
// deck on loopback, with its own kitchen (the vite plugin starts one on EGG_PORT).
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'

export const root = join(import.meta.dirname, '..', '..')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS }).catch((err: Error) => {
    throw new Error(`Could not start Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH): ${err.message.split('\n')[0]}`)
  })
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

async function until(check: () => Promise<boolean>, timeoutMs: number, message: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      if (await check()) return
    }
    catch {}
    await new Promise(resolve => setTimeout(resolve, 250))
  }
  throw new Error(message())
}

export interface DevServer {
  url: string
  kitchenUrl: string
  stop: () => void
}

/** Starts `slidev` on free ports and waits until both the deck and its kitchen answer. */
export async function startDevServer(): Promise<DevServer> {
  const [port, eggPort] = [await freePort(), await freePort()]
  const url = `http://127.0.0.1:${port}`
  const kitchenUrl = `http://127.0.0.1:${eggPort}`
  let log = ''
  const child: ChildProcess = spawn(join(root, 'node_modules', '.bin', 'slidev'), ['--port', String(port), '--bind', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, EGG_PORT: String(eggPort), BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: stopping it also stops the kitchen it started
  })
  child.stdout!.on('data', (chunk) => { log += chunk })
  child.stderr!.on('data', (chunk) => { log += chunk })
  const stop = () => {
    if (child.pid && child.exitCode === null) {
      try { process.kill(-child.pid, 'SIGTERM') }
      catch {}
    }
  }
  // Detached, so it would outlive us: stop it however this script ends, Ctrl-C included.
  process.once('exit', stop)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => { stop(); process.exit(130) })
  try {
    await until(async () => (await fetch(url)).ok, 90_000, () => `The deck's dev server did not start:\n${log}`)
    await until(async () => (await fetch(`${kitchenUrl}/health`)).ok, 30_000, () => `The kitchen did not start:\n${log}`)
  }
  catch (err) {
    stop()
    throw err
  }
  return { url, kitchenUrl, stop }
}
