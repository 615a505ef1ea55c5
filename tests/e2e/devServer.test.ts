// The presenter's machine while `npm run dev` runs: no other page can write slides or launch an editor
// through the dev server, and the kitchen comes back, survives restarts, never proxies to a stranger,
// and never outlives its dev server. Real `slidev` processes on free loopback ports, Debian's Chromium.

import type { Server } from 'node:http'
import type { Browser } from 'playwright-core'
import type { DevServer } from '../../scripts/lib/deck'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYNC_EVENTS } from '../../deck/runSyncCore'
import { kitchenClient } from '../../examples/lib'
import { freePort, launchChromium, root, startDevServer, waitFor } from '../../scripts/lib/deck'

/** Every file a slide's text lives in, by name, with its bytes. */
function deckFiles(): Map<string, string> {
  const files = ['slides.md', ...readdirSync(join(root, 'pages')).map(name => join('pages', name))]
  return new Map(files.map(file => [file, readFileSync(join(root, file), 'utf8')]))
}

/** The pid of the kitchen a dev server started: its child running demo-server/serve.ts. */
function kitchenPid(dev: DevServer): number | undefined {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(dev.pid)], { encoding: 'utf8' })
  const line = out.split('\n').find(row => row.includes('demo-server/serve.ts'))
  return line ? Number(line.trim().split(/\s+/)[0]) : undefined
}

function alive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  }
  catch {
    return false
  }
}

/** A GET with the headers given as they are (fetch would not send a Host of our choosing). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number, body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let body = ''
      res.on('data', (chunk) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    }).on('error', reject).end()
  })
}

function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server, port: number }> {
  return new Promise((resolve) => {
    const server = createServer(handler)
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }))
  })
}

describe('the dev server answers only the deck\'s own pages where it writes or launches', () => {
  let dev: DevServer
  let browser: Browser
  let foreign: { server: Server, port: number }
  const scratch = mkdtempSync(join(tmpdir(), 'egg-guard-'))
  const opened = join(scratch, 'opened.txt') // the stand-in editor appends each file it is asked to open
  const editor = join(scratch, 'editor.sh')

  beforeAll(async () => {
    writeFileSync(editor, `#!/bin/sh\necho "$1" >> '${opened}'\n`, { mode: 0o755 })
    dev = await startDevServer({ env: { LAUNCH_EDITOR: editor } })
    browser = await launchChromium()
    // A page from another origin, as another tab or an ad would be: every way in that needs no preflight.
    const attack = (deck: string, slidesFile: string) => `<!doctype html><title>busy</title><script type="module">
      const deck = ${JSON.stringify(deck)}
      const note = 'written by a foreign page'
      const beat = { entry: { key: 'presenterSeenAt', value: 4242 }, from: 'attacker', seq: 1 }
      const tries = [
        fetch(deck + '/__slidev/slides/2.json', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ note }) }),
        fetch(deck + '/__slidev/slides/2.json', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ note }) }),
        fetch(deck + '/__mcp', {
          method: 'POST',
          mode: 'no-cors',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'slidev-update-slide', arguments: { no: 2, content: note } } }),
        }),
        // The state every window of the deck shares: which slide is on screen (Slidev's, over HTTP)…
        fetch(deck + '/@server-reactive/nav', {
          method: 'POST',
          mode: 'no-cors',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ patch: { page: 4242 } }),
        }),
        // …and the demo runs and the presenter's beat (over the dev server's websocket): first with no token,
        // then through Vite's own client script, which carries the token and which Vite's CORS lets a page on
        // another localhost port load.
        new Promise(done => {
          const ws = new WebSocket(deck.replace(/^http/, 'ws') + '/', 'vite-hmr')
          ws.onopen = () => { ws.send(JSON.stringify({ type: 'custom', event: ${JSON.stringify(SYNC_EVENTS.set)}, data: beat })); setTimeout(done, 500) }
          ws.onerror = ws.onclose = done
        }),
        import(deck + '/@vite/client').then(({ createHotContext }) => {
          createHotContext('/attack.js').send(${JSON.stringify(SYNC_EVENTS.set)}, beat)
          return new Promise(done => setTimeout(done, 2000))
        }).catch(() => {}),
        ...['/etc/passwd', ${JSON.stringify(slidesFile)}].map(file => new Promise(done => {
          const img = new Image()
          img.onload = img.onerror = done
          img.src = deck + '/__open-in-editor?file=' + encodeURIComponent(file)
        })),
      ]
      await Promise.allSettled(tries)
      document.title = 'done'
    </script>`
    foreign = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(attack(dev.url, join(root, 'slides.md')))
    })
  }, 200_000)

  afterAll(async () => {
    await browser?.close()
    dev?.stop()
    foreign?.server.close()
    rmSync(scratch, { recursive: true, force: true })
  })

  it('a page on another port or host name changes no slide and opens no editor; the deck\'s own page still can', async () => {
    const before = deckFiles()
    const page = await browser.newPage()
    try {
      // The same port on loopback under two names: same-site (127.0.0.1) and cross-site (localhost).
      for (const host of ['127.0.0.1', 'localhost']) {
        await page.goto(`http://${host}:${foreign.port}/`)
        await page.waitForFunction(() => document.title === 'done', undefined, { timeout: 20_000 })
      }
      await new Promise(resolve => setTimeout(resolve, 1000)) // an editor, had one been launched, has written by now
      expect(deckFiles()).toEqual(before)
      expect(existsSync(opened)).toBe(false)
      // The shared state as the server holds it: the module a window loads starts from Slidev's, and a window
      // that joins is sent the runs' whole state.
      const module = await get(`${dev.url}/@server-reactive/nav`)
      expect(module.status).toBe(200)
      expect(module.body).toContain('const data = reactive(')
      expect(module.body).not.toContain('4242')
      expect(dev.log()).toMatch(/refused \d+ requests? to the dev server/)
      expect(dev.log()).toMatch(/refused a websocket to the dev server: a page from another origin/)

      // The deck's own page: "open in editor" and the presenter's note editing work as before.
      await page.goto(`${dev.url}/2`)
      await page.locator('.slidev-page-2 .slidev-layout').waitFor({ timeout: 60_000 })
      // The foreign page's beat never reached the server: a window that joins now is told there is no presenter.
      await page.waitForFunction(() => (window as any).__eggRuns__?.joined(), undefined, { timeout: 10_000 })
      expect(await page.evaluate(() => (window as any).__eggRuns__.presenterSeenAt())).toBe(0)
      const slidesFile = join(root, 'slides.md')
      expect(await page.evaluate(file => fetch(`/__open-in-editor?file=${encodeURIComponent(`${file}:1`)}`).then(res => res.status), slidesFile)).toBe(200)
      await waitFor(async () => existsSync(opened), 10_000, () => 'the deck\'s own "open in editor" launched no editor')
      expect(readFileSync(opened, 'utf8').trim()).toBe(slidesFile)

      const slide = await page.evaluate(() => fetch('/__slidev/slides/2.json').then(res => res.json())) as { note?: string, source: { filepath: string } }
      const note = `${slide.note ?? ''}\n\nnote edited by the deck's own page`
      const status = await page.evaluate(
        body => fetch('/__slidev/slides/2.json', { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(res => res.status),
        JSON.stringify({ note }),
      )
      expect(status).toBe(200)
      expect(readFileSync(slide.source.filepath, 'utf8')).toContain('note edited by the deck\'s own page')
    }
    finally {
      await page.close()
      for (const [file, text] of before) {
        if (readFileSync(join(root, file), 'utf8') !== text) writeFileSync(join(root, file), text)
      }
    }
  }, 120_000)

  it('a tool on this machine (no Origin, no Sec-Fetch-Site) may use the endpoints; a wrong Host may not', async () => {
    expect((await get(`${dev.url}/__slidev/slides/1.json`)).status).toBe(200)
    // A DNS-rebinding page arrives under its own host name.
    const rebound = await get(`${dev.url}/__slidev/slides/1.json`, { host: 'rebind.example' })
    expect(rebound.status).toBe(403)
    expect(JSON.parse(rebound.body)).toEqual({ error: expect.stringContaining('host') })
    expect((await get(`${dev.url}/api/health`, { host: 'rebind.example' })).status).toBe(403)
  })
})

describe('the dev server\'s kitchen', () => {
  let dev: DevServer
  let browser: Browser

  beforeAll(async () => {
    dev = await startDevServer()
    browser = await launchChromium()
  }, 200_000)

  afterAll(async () => {
    await browser?.close()
    dev?.stop()
  })

  it('comes back when it dies: a demo on the open slide runs again within 5 s, and the terminal says so', async () => {
    const page = await browser.newPage()
    await page.goto(`${dev.url}/1?eggMs=300`)
    await page.locator('.slidev-page-1 .slidev-layout').waitFor({ timeout: 60_000 })
    const no: number = await page.evaluate(() => (window as any).__slidev__.nav.slides.find((s: any) => s.meta.slide.content.includes('demo="promise-all"')).no)
    await page.evaluate(n => (window as any).__slidev__.nav.go(n), no)
    const panel = page.locator(`.slidev-page-${no} .egg-run`)
    await panel.waitFor({ timeout: 60_000 })

    const pid = kitchenPid(dev)!
    expect(pid).toBeGreaterThan(0)
    process.kill(pid, 'SIGKILL')
    const killedAt = Date.now()
    await panel.locator('.egg-run-button').click()
    await expect.poll(() => panel.getAttribute('data-status'), { timeout: 10_000 }).toBe('done')
    expect(Date.now() - killedAt).toBeLessThan(5000)
    // eslint-disable-next-line no-console -- deliberate: reports how soon the demo recovered, in the test run's output
    console.log(`kitchen killed with SIGKILL: the demo on the slide ran to done ${Date.now() - killedAt} ms later`)
    expect(await panel.locator('.egg-bar').count()).toBe(4)
    expect(kitchenPid(dev)).not.toBe(pid)
    expect(dev.log()).toMatch(/egg kitchen: the kitchen stopped \(SIGKILL\); starting it again/)
    expect(dev.log()).toMatch(/egg kitchen: open again at/)
    await page.close()
  }, 90_000)

  it('survives a restart of the dev server (an .env change), and stays the same process', async () => {
    const envFile = join(root, '.env')
    const original = existsSync(envFile) ? readFileSync(envFile, 'utf8') : undefined
    const pid = kitchenPid(dev)
    const restarts = () => dev.log().match(/the dev server restarted; the kitchen at .* stays open/g)?.length ?? 0
    try {
      writeFileSync(envFile, `${original ?? ''}\n# changed by tests/e2e/devServer.test.ts\n`)
      await waitFor(async () => restarts() >= 1, 30_000, () => `the dev server never restarted:\n${dev.log()}`)
      expect(await kitchenClient({ url: `${dev.url}/api` }).fry('A', { ms: 10 })).toMatchObject({ egg: 'A' })
      expect(kitchenPid(dev)).toBe(pid)
    }
    finally {
      if (original === undefined) rmSync(envFile, { force: true })
      else writeFileSync(envFile, original)
    }
  }, 60_000)

  it('leaves with its dev server, even one killed with SIGKILL', async () => {
    const pid = kitchenPid(dev)!
    expect(alive(pid)).toBe(true)
    process.kill(dev.pid, 'SIGKILL')
    await waitFor(async () => !alive(pid), 10_000, () => `kitchen ${pid} outlived its dev server`)
  }, 30_000)
})

describe('a stranger on EGG_PORT', () => {
  it('is never proxied to: the kitchen opens on a free port, and the terminal says why', async () => {
    const asked: string[] = []
    const stranger = await serve((req, res) => {
      asked.push(`${req.method} ${req.url}`)
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<h1>some other app</h1>')
    })
    const dev = await startDevServer({ eggPort: stranger.port })
    try {
      const kitchen = kitchenClient({ url: `${dev.url}/api` })
      expect(await kitchen.fry('A', { ms: 10 })).toMatchObject({ egg: 'A', ms: 10 })
      expect(await kitchen.stats()).toMatchObject({ served: 1 })
      // The plugin asked once whether it was a kitchen; nothing of the deck's reached it.
      expect(asked).toEqual(['GET /health'])
      expect(dev.log()).toContain(`127.0.0.1:${stranger.port} is taken by something that is not an egg kitchen`)
    }
    finally {
      dev.stop()
      stranger.server.close()
    }
  }, 120_000)

  it('another kitchen there is used as it is, and not stopped with the deck', async () => {
    const port = await freePort()
    const { listen } = await import('../../demo-server/serve')
    const theirs = await listen({ port })
    const dev = await startDevServer({ eggPort: port })
    try {
      await kitchenClient({ url: `${dev.url}/api` }).fry('B', { ms: 10 })
      expect(theirs.kitchen.stats().served).toBe(1)
      expect(dev.log()).toContain(`using the kitchen already open at ${theirs.url}`)
    }
    finally {
      dev.stop()
    }
    await new Promise(resolve => setTimeout(resolve, 1000))
    expect(theirs.kitchen.closed).toBe(false)
    expect((await fetch(`${theirs.url}/health`)).ok).toBe(true)
    await theirs.close()
  }, 120_000)
})
