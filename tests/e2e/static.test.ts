// The static build (`slidev build`), served by a plain static server the way a host would, with its
// index.html fallback for every unknown path. With no kitchen behind it, the demos fry in the page.
// With a kitchen behind /api, the deck uses that one.

import type { Server } from 'node:http'
import type { Browser, Page } from 'playwright-core'
import { Buffer } from 'node:buffer'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { promisify } from 'node:util'
import { load } from '@slidev/parser/fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listen } from '../../demo-server/serve'
import { CHROMIUM, DECKS, launchChromium, root } from '../../scripts/lib/deck'

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
}

/** A static host: files from `dir`, index.html for anything else; /api optionally passed to a kitchen. */
function staticHost(dir: string, kitchenUrl?: string): Promise<{ url: string, server: Server }> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url!, 'http://x').pathname
    if (kitchenUrl && path.startsWith('/api/')) {
      const answer = await fetch(`${kitchenUrl}${req.url!.slice(4)}`, { method: req.method })
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' })
      res.end(Buffer.from(await answer.arrayBuffer()))
      return
    }
    const file = join(dir, normalize(path).replace(/^(\.\.[/\\])+/, ''))
    try {
      const body = await readFile(file)
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
      res.end(body)
    }
    catch {
      // The nearest index.html up the path: the workshop lives under /workshop/ with its own.
      const deckDir = path.startsWith('/workshop/') ? join(dir, 'workshop') : dir
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(await readFile(join(deckDir, 'index.html')))
    }
  })
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })))
}

describe('the static build', () => {
  let dist: string
  let browser: Browser
  const servers: Server[] = []
  let closeKitchen: (() => Promise<void>) | undefined
  let slideNo = 0
  let workshopSlideNo = 0

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install chromium`).toBe(true)
    const deck = await load({ roots: [root], userRoot: root }, join(root, 'slides.md'))
    slideNo = deck.slides.findIndex(slide => slide.content.includes('<EggRun demo="promise-all"')) + 1
    expect(slideNo).toBeGreaterThan(0)
    const workshop = await load({ roots: [root], userRoot: root }, join(root, DECKS.workshop))
    workshopSlideNo = workshop.slides.findIndex(slide => slide.content.includes('<EggRun demo="promise-all"')) + 1
    dist = await mkdtemp(join(tmpdir(), 'egg-dist-'))
    // As npm run build does: the conference cut at the root, the workshop under /workshop/.
    const slidev = join(root, 'node_modules', '.bin', 'slidev')
    await promisify(execFile)(slidev, ['build', DECKS.conference, '--out', dist], { cwd: root, timeout: 240_000 })
    await promisify(execFile)(slidev, ['build', DECKS.workshop, '--out', join(dist, 'workshop'), '--base', '/workshop/'], { cwd: root, timeout: 240_000 })
    browser = await launchChromium()
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    for (const server of servers) server.close()
    await closeKitchen?.()
    if (dist) await rm(dist, { recursive: true, force: true })
  })

  // Promise.all takes about one fry; four in turn would take four. 2.5 tells them apart with room for a busy
  // machine (a local run, with other browser tests running beside it, measured 1.61 once with 300 ms eggs).
  /** Opens the deck at the Promise.all slide and runs the demo with the clicker's next key. */
  async function runPromiseAll(url: string, query = '', expected = 'done', no = slideNo) {
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    const apiAnswers: Array<{ path: string, type: string }> = []
    page.on('response', (res) => {
      const path = new URL(res.url()).pathname
      if (path.startsWith('/api/')) apiAnswers.push({ path, type: res.headers()['content-type'] ?? '' })
    })
    await page.goto(`${url}/${no}?eggMs=300${query}`)
    await page.locator(`.slidev-page-${no} .slidev-layout`).waitFor({ timeout: 60_000 })
    const panel = page.locator(`.slidev-page-${no} .egg-run[data-demo="promise-all"]`)
    await panel.locator('[data-testid=kitchen]').waitFor({ timeout: 15_000 })
    // The clicker: through the code's highlight steps until the run starts.
    for (let press = 0; press < 10 && await panel.getAttribute('data-status') === 'ready'; press++) {
      await page.keyboard.press('ArrowRight')
      await page.waitForTimeout(300)
    }
    const errors: string[] = []
    page.on('pageerror', err => errors.push(err.message))
    await page.waitForFunction(el => ['done', 'failed'].includes(el!.getAttribute('data-status')!), await panel.elementHandle(), { timeout: 30_000 })
    const status = await panel.getAttribute('data-status')
    // eslint-disable-next-line unicorn/prefer-dom-node-text-content -- rendered text, as the audience sees it
    const shown = await panel.innerText()
    expect(status, `${shown}\n${errors.join('\n')}\n${JSON.stringify(apiAnswers)} ${page.url()}`).toBe(expected)
    const result = {
      // eslint-disable-next-line unicorn/prefer-dom-node-text-content -- rendered text, as the audience sees it
      label: await panel.locator('[data-testid=kitchen]').innerText(),
      // eslint-disable-next-line unicorn/prefer-dom-node-text-content -- rendered text, as the audience sees it
      error: expected === 'failed' ? await panel.locator('[data-testid=error]').innerText() : undefined,
      kept: await page.evaluate(() => sessionStorage.getItem('kitchen')),
      elapsed: Number(await panel.getAttribute('data-elapsed')),
      ideal: Number(await panel.getAttribute('data-ideal')),
      kitchen: await panel.locator('[data-testid=kitchen]').getAttribute('data-kitchen'),
      lanes: await panel.locator('.egg-bar[data-outcome=served]').count(),
      apiAnswers,
    }
    await page.close()
    return result
  }

  it('runs Promise.all in the page when no kitchen is behind it, in about one fry', async () => {
    const host = await staticHost(dist)
    servers.push(host.server)
    const run = await runPromiseAll(host.url)
    expect(run.kitchen).toBe('in-page')
    expect(run.lanes).toBe(4)
    expect(run.ideal).toBe(300)
    expect(run.elapsed / run.ideal).toBeGreaterThanOrEqual(0.95)
    expect(run.elapsed / run.ideal).toBeLessThan(2.5)
    // The host's index.html fallback answered the one health check, and the deck did not take it for a kitchen.
    expect(run.apiAnswers.map(a => a.path)).toEqual(['/api/health'])
    expect(run.apiAnswers[0].type).toContain('text/html')
  }, 60_000)

  it('uses a real kitchen when one answers behind /api', async () => {
    const kitchen = await listen({ port: 0, host: '127.0.0.1' })
    closeKitchen = kitchen.close
    const host = await staticHost(dist, kitchen.url)
    servers.push(host.server)
    const run = await runPromiseAll(host.url)
    expect(run.kitchen).toBe('real')
    expect(run.lanes).toBe(4)
    expect(run.elapsed / run.ideal).toBeLessThan(2.5)
    expect(run.apiAnswers.filter(a => a.path.startsWith('/api/fry/'))).toHaveLength(4)
    expect(run.apiAnswers.every(a => a.type.includes('json'))).toBe(true)
  }, 60_000)

  it('the workshop, built under /workshop/ beside the conference cut, runs Promise.all in the page', async () => {
    const host = await staticHost(dist)
    servers.push(host.server)
    const run = await runPromiseAll(`${host.url}/workshop`, '', 'done', workshopSlideNo)
    expect(run.kitchen).toBe('in-page')
    expect(run.lanes).toBe(4)
    expect(run.elapsed / run.ideal).toBeLessThan(2.5)
  }, 60_000)

  it('runs a demo edited on its slide in the page\'s own kitchen, asking no host but its own, and keeps the edit over a reload until reset', async () => {
    const host = await staticHost(dist)
    servers.push(host.server)
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    const errors: string[] = []
    const hosts = new Set<string>()
    page.on('pageerror', err => errors.push(err.message))
    page.on('request', (req) => {
      const url = new URL(req.url()) // blob: and data: URLs (the edit's module, Monaco's) ask no host
      if (url.protocol.startsWith('http') || url.protocol.startsWith('ws')) hosts.add(url.hostname)
    })
    await page.goto(`${host.url}/${slideNo}?eggMs=300`)
    const box = page.locator(`.slidev-page-${slideNo} [data-demo-code="promise-all"]`)
    await box.locator('[data-testid=edit]').click()
    await box.locator('.demo-editor[data-ready=true]').waitFor({ timeout: 60_000 })
    await box.locator('.monaco-editor .view-lines').click()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.insertText('for (const egg of eggs) await fry(egg)')
    const panel = page.locator(`.slidev-page-${slideNo} .egg-run`)
    await panel.locator('.egg-run-button').click()
    await page.waitForFunction(el => ['done', 'failed'].includes(el!.getAttribute('data-status')!), await panel.elementHandle(), { timeout: 60_000 })
    // eslint-disable-next-line unicorn/prefer-dom-node-text-content -- rendered text, as the audience sees it
    expect(await panel.getAttribute('data-status'), await panel.innerText()).toBe('done')
    expect(await panel.locator('[data-testid=kitchen]').getAttribute('data-kitchen')).toBe('in-page')
    expect(await panel.locator('[data-testid=edited]').isVisible()).toBe(true)
    expect(await panel.locator('.egg-bar[data-outcome=served]').count()).toBe(4)
    expect(Number(await panel.getAttribute('data-elapsed')) / Number(await panel.getAttribute('data-ideal'))).toBeGreaterThan(3.5)
    expect([...hosts]).toEqual(['127.0.0.1'])
    // A static deck keeps its shared state in memory: after a reload, the tab's own copy brings the edit back.
    await page.reload()
    await expect.poll(() => box.getAttribute('data-edited'), { timeout: 30_000 }).toBe('true')
    await box.locator('.demo-editor[data-ready=true]').waitFor({ timeout: 60_000 })
    expect((await box.locator('.view-lines').textContent())?.replace(/\s+/g, ' ')).toContain('for (const egg of eggs) await fry(egg)')
    await box.locator('[data-testid=reset]').click()
    await expect.poll(() => box.getAttribute('data-edited')).toBe('false')
    await page.reload()
    await box.waitFor({ timeout: 30_000 })
    expect(await box.getAttribute('data-edited')).toBe('false')
    expect(errors).toEqual([])
    await page.close()
  }, 180_000)

  it('takes ?kitchen= only as an absolute http(s) URL, and names that kitchen\'s host on the panel', async () => {
    const kitchen = await listen({ port: 0, host: '127.0.0.1' })
    const host = await staticHost(dist)
    servers.push(host.server)
    try {
      const elsewhere = await runPromiseAll(host.url, `&kitchen=${encodeURIComponent(kitchen.url)}`)
      expect(elsewhere.kitchen).toBe('real')
      expect(elsewhere.label).toBe(`kitchen server at ${new URL(kitchen.url).host}`)
      expect(elsewhere.kept).toBe(kitchen.url)
      expect(kitchen.kitchen.stats().served).toBe(4)
      const bad = await runPromiseAll(host.url, `&kitchen=${encodeURIComponent('javascript:alert(1)')}`, 'failed')
      expect(bad.error).toBe('?kitchen= must be an absolute http(s) URL, such as https://kitchen.example.org')
      expect(bad.kept).toBeNull()
    }
    finally {
      await kitchen.close()
    }
  }, 60_000)
})
