// What the maintainer scripts share: Debian's Chromium, free ports, and a `slidev` dev server of the
// deck on loopback, with its own kitchen (the vite plugin starts one on EGG_PORT).

import type { ChildProcess } from 'node:child_process'
import type { AddressInfo, Server } from 'node:net'
import type { Browser, Locator, Page } from 'playwright-core'
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import process from 'node:process'
import { chromium } from 'playwright-core'
import { kitchenClient } from '../../examples/lib/kitchen-client.ts'

export const root = join(import.meta.dirname, '..', '..')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launchChromium(executablePath = CHROMIUM): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS }).catch((err: Error) => {
    throw new Error(`Could not start Chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH): ${err.message.split('\n')[0]}`)
  })
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0]
}

/**
 * `count` different TCP ports on 127.0.0.1 that were free a moment ago: all held open at once, then released,
 * so two of them are never the same (asked one after the other, the system may hand back the port it just freed).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<Server>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(server))
  })))
  const ports = servers.map(server => (server.address() as AddressInfo).port)
  await Promise.all(servers.map(server => new Promise(resolve => server.close(resolve))))
  return ports
}

/** Polls `check` until it returns true, or throws `message()` after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, message: () => string): Promise<void> {
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
  /** Where the kitchen was asked to listen (EGG_PORT); the deck reaches it at `${url}/api`. */
  kitchenUrl: string
  /** The dev server's own process (the leader of its process group). */
  pid: number
  /** What the dev server has printed so far. */
  log: () => string
  stop: () => void
}

/**
 * Loads each path once and waits, so the dev server has compiled the deck's first modules before a
 * test starts timing anything.
 */
export async function warmUp(browser: Browser, deckUrl: string, paths = ['/1']): Promise<void> {
  const page = await browser.newPage()
  for (const path of paths) {
    await page.goto(`${deckUrl}${path}`)
    await page.locator('.slidev-page-1 .slidev-layout').first().waitFor({ timeout: 90_000 })
    await page.waitForTimeout(5000)
  }
  await page.close()
}

/**
 * Starts a demo the way the presenter does, with the clicker's next key, on a dev server's deck.
 * Presses only up to the slide's last click: the run takes a moment to show (a kitchenView demo first
 * resets the kitchen's counters), and a press past the slide would leave it, which stops the run.
 */
export async function clickUntilRunning(page: Page, panel: Locator, timeoutMs = 15_000): Promise<void> {
  const before = await panel.getAttribute('data-run-id')
  // A window runs a demo on a click only while no presenter window runs it instead: a presenter window
  // closed a moment ago still counts for a few seconds. Pressing before that would only advance the click.
  await panel.and(page.locator('[data-runs-on-click=true]')).waitFor({ timeout: timeoutMs })
  const deadline = Date.now() + timeoutMs
  let lastClickSince: number | undefined
  while (Date.now() < deadline) {
    if (await panel.getAttribute('data-run-id') !== before) return
    const atLastClick = await page.evaluate(() => {
      const nav = (window as any).__slidev__.nav
      return nav.clicks >= nav.clicksTotal
    })
    if (!atLastClick) {
      lastClickSince = undefined
      await page.keyboard.press('ArrowRight')
    }
    else if (lastClickSince === undefined) {
      lastClickSince = Date.now()
    }
    else if (Date.now() - lastClickSince > 3000) {
      // At the last click for 3 s and no run: step back a click and forward again, as a presenter would.
      // (Seen only in fresh-clone CI runs, under load: the click that should have started it did not.)
      console.warn(`clickUntilRunning: no run 3 s after the last click of ${page.url()}; stepping back one click to retry`)
      lastClickSince = undefined
      await page.keyboard.press('ArrowLeft')
    }
    await page.waitForTimeout(250)
  }
  const where = await page.evaluate(() => {
    const nav = (window as any).__slidev__.nav
    return `slide ${nav.currentSlideNo}, click ${nav.clicks} of ${nav.clicksTotal}`
  })
  throw new Error(`the demo never started (${where}, runs on click: ${await panel.getAttribute('data-runs-on-click')})`)
}

/**
 * Starts `slidev` on free ports and waits until both the deck and its kitchen answer.
 * `freshDeps` re-bundles Vite's dependencies as on a new clone (`slidev --force`) and logs the
 * optimizer's steps, so a dependency the start-up scan missed shows in `log()` as "new dependencies
 * found" once a page imports it (Vite then reloads every open page).
 */
/** The two decks built from pages/: the conference cut and the full workshop. */
export const DECKS = { conference: 'slides.md', workshop: 'workshop.md' } as const
export type DeckName = keyof typeof DECKS

export async function startDevServer(
  options: { freshDeps?: boolean, eggPort?: number, env?: Record<string, string>, entry?: string } = {},
): Promise<DevServer> {
  // Two different ports: the dev server's and its kitchen's (a CI run once got the same port twice).
  const [port, spare] = await freePorts(2)
  const eggPort = options.eggPort ?? spare
  const url = `http://127.0.0.1:${port}`
  const kitchenUrl = `http://127.0.0.1:${eggPort}`
  let log = ''
  const args = [options.entry ?? DECKS.conference, '--port', String(port), '--bind', '127.0.0.1', ...(options.freshDeps ? ['--force'] : [])]
  const child: ChildProcess = spawn(join(root, 'node_modules', '.bin', 'slidev'), args, {
    cwd: root,
    env: { ...process.env, EGG_PORT: String(eggPort), BROWSER: 'none', ...(options.freshDeps ? { DEBUG: 'vite:deps' } : {}), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: stopping it also stops the kitchen it started
  })
  child.stdout!.on('data', (chunk) => {
    log += chunk
  })
  child.stderr!.on('data', (chunk) => {
    log += chunk
  })
  const stop = () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      }
      catch {}
    }
  }
  // Detached, so it would outlive us: stop it when this process ends (callers add their signals).
  process.once('exit', stop)
  try {
    await waitFor(async () => (await fetch(url)).ok, 90_000, () => `The deck's dev server did not start:\n${log}`)
    // Through the deck's own proxy, and only a kitchen's answer counts: EGG_PORT may be held by another server.
    await waitFor(() => kitchenClient({ url: `${url}/api` }).health().then(() => true), 30_000, () => `The kitchen did not start:\n${log}`)
  }
  catch (err) {
    stop()
    throw err
  }
  return { url, kitchenUrl, pid: child.pid!, log: () => log, stop }
}
