// The deck in a real browser: Debian's Chromium, driven by playwright-core, against `slidev`'s dev
// server on a free port, which brings its own kitchen up on another free port (EGG_PORT).
import type { Browser, Locator, Page } from 'playwright-core'
import type { KitchenClient } from '../../examples/lib'
import type { DevServer } from '../../scripts/lib/deck'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHUNK_MS, CHUNKS } from '../../examples/21-yielding'
import { kitchenClient } from '../../examples/lib'
import { DECKS, launchChromium, clickUntilRunning as startByClicker, startDevServer, warmUp } from '../../scripts/lib/deck'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

for (const [name, entry] of Object.entries(DECKS)) {
  describe(`the ${name} deck (${entry}) in Chromium`, () => {
    let dev: DevServer
    let deckUrl: string
    let kitchen: KitchenClient
    let browser: Browser

    beforeAll(async () => {
      dev = await startDevServer({ entry, freshDeps: true }) // on free ports, with its own kitchen
      deckUrl = dev.url
      kitchen = kitchenClient({ url: dev.kitchenUrl })
      browser = await launchChromium()
      await warmUp(browser, deckUrl, ['/1', '/presenter/1'])
    }, 200_000)

    afterAll(async () => {
      await browser?.close()
      dev?.stop()
    })

    type Window = Awaited<ReturnType<typeof openPage>>

    /** A page that records console errors, page errors and every host it asked for. */
    async function openPage() {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
      const errors: string[] = []
      const hosts = new Set<string>()
      page.on('console', (msg) => {
      // A burnt egg is the kitchen's designed answer (500 { error: "burnt" }), which Chromium logs as a failed load.
        const burnt = /\/api\/fry\/\w+\?.*burn=1/.test(msg.location().url) && msg.text().includes('status of 500')
        if (msg.type() === 'error' && !burnt) errors.push(`${msg.text()} ${msg.location().url}`)
      })
      page.on('pageerror', err => errors.push(err.message))
      page.on('request', (req) => {
        const url = new URL(req.url())
        if (url.protocol.startsWith('http') || url.protocol.startsWith('ws')) hosts.add(url.hostname)
      })
      return { page, errors, hosts }
    }

    /** Opens the deck at slide `no` (a full load), or moves there in the loaded deck like a clicker would. */
    async function gotoSlide(page: Page, no: number, query?: string) {
      if (query !== undefined || !page.url().startsWith(deckUrl))
        await page.goto(`${deckUrl}/${no}${query ?? ''}`)
      else
        await page.evaluate(n => (window as any).__slidev__.nav.go(n), no)
      await page.locator(`.slidev-page-${no} .slidev-layout`).waitFor({ timeout: 60_000 })
    }

    /** The number of the first slide whose source contains `text`. */
    async function slideContaining(page: Page, text: string): Promise<number> {
      return page.evaluate(t => (window as any).__slidev__.nav.slides.find((s: any) => s.meta.slide.content.includes(t)).no, text)
    }

    /** The slide number whose EggRun runs `demo`. */
    async function slideOf(page: Page, demo: string): Promise<number> {
      return slideContaining(page, `demo="${demo}"`)
    }

    /** Presses the next key until the demo on this slide starts a new run (the clicker path). */
    async function clickUntilRunning(page: Page, no: number) {
      const run = page.locator(`.slidev-page-${no} .egg-run`)
      await startByClicker(page, run).catch(() => {
        throw new Error(`the demo on slide ${no} never started`)
      })
      return run
    }

    /**
     * The presenter window runs the demo on slide `no` with its clicker once the audience window has left the
     * clicks to it; the audience window draws that same run, and the kitchen fries one set of eggs.
     */
    async function presenterRunsAudienceWatches(presenter: Window, audience: Window, no: number) {
      const watched = audience.page.locator(`.slidev-page-${no} .egg-run`)
      await watched.waitFor({ timeout: 60_000 })
      try {
        await expect.poll(() => watched.getAttribute('data-runs-on-click'), { timeout: 15_000 }).toBe('false')
      }
      catch (err) {
        // Say what each window knew of the presenter's beat, so a failure here names its cause.
        const seen = (page: Page) => page.evaluate(() => {
          const seenAt: number = (globalThis as any).__eggRuns__?.presenterSeenAt() ?? 0
          return `${location.pathname}: beat ${Date.now() - seenAt} ms ago`
        })
        throw new Error(`${(err as Error).message}\naudience ${await seen(audience.page)}; presenter ${await seen(presenter.page)}`)
      }
      await kitchen.resetStats()
      const shown = presenter.page.locator(`.slidev-page-${no} .egg-run`).first()
      const before = await shown.getAttribute('data-run-id')
      await startByClicker(presenter.page, shown)
      const runId = await shown.getAttribute('data-run-id')
      expect(runId).not.toBe(before)
      await expect.poll(() => watched.getAttribute('data-run-id'), { timeout: 10_000 }).toBe(runId)
      try {
        await expect.poll(() => watched.getAttribute('data-status'), { timeout: 10_000 }).toBe('done')
      }
      catch (err) {
        // Say what each window shows, so a failure here names its cause.
        const state = async (panel: Locator) => (await Promise.all(['data-status', 'data-run-id', 'data-runs-on-click']
          .map(async name => `${name}=${await panel.getAttribute(name)}`))).join(' ')
        throw new Error(`${(err as Error).message}\naudience ${await state(watched)}; presenter ${await state(shown)}`)
      }
      expect(await watched.locator('.egg-bar').count()).toBe(4)
      // One run for both windows: the kitchen saw four eggs, not eight.
      expect((await kitchen.stats()).served).toBe(4)
      expect([...audience.errors, ...presenter.errors]).toEqual([])
    }

    it('renders every slide with no console or page error, and asks only loopback hosts', async () => {
      const { page, errors, hosts } = await openPage()
      await gotoSlide(page, 1, '')
      // A reload mid-talk loses what is on screen, a demo run included. On a new clone, Vite reloads
      // the page when a slide imports a dependency its start-up scan missed (vite.config.ts lists them).
      const reloads: string[] = []
      page.on('load', () => reloads.push(page.url()))
      const total: number = await page.evaluate(() => (window as any).__slidev__.nav.slides.length)
      expect(total).toBeGreaterThanOrEqual(30)
      const marks: string[] = []
      let roadmap: string[] = []
      let notesWithClicks = 0
      for (let no = 1; no <= total; no++) {
        const text = await gotoSlide(page, no)
          // eslint-disable-next-line unicorn/prefer-dom-node-text-content -- rendered text, as the audience sees it
          .then(() => page.locator(`.slidev-page-${no}`).innerText())
          .finally(() => expect(reloads, `the page reloaded on the way to slide ${no}`).toEqual([]))
        expect(text.trim().length, `slide ${no} is empty`).toBeGreaterThan(0)
        const mark = page.locator(`.slidev-page-${no} [data-testid=section-mark]`)
        if (await mark.count()) marks.push(await mark.getAttribute('data-section') ?? '')
        const items = page.locator(`.slidev-page-${no} [data-testid=roadmap] li`)
        if (await items.count()) roadmap = await items.evaluateAll(lis => lis.map(li => `${li.getAttribute('data-section')} ${li.textContent?.replace(/\s+/g, ' ').trim()}`))
        // The notes' [click] markers (Slidev numbers them with their running total) name clicks this slide has:
        // the presenter view highlights the text of the current click, and a marker past the last is never reached.
        const noteClicks: number[] = await page.evaluate(n => [...String((window as any).__slidev__.nav.slides[n - 1].meta.slide.noteHTML ?? '')
          .matchAll(/class="slidev-note-click-mark" data-clicks="(\d+)"/g)].map(m => Number(m[1])), no)
        if (noteClicks.length) {
          notesWithClicks++
          await expect.poll(() => page.evaluate(() => (window as any).__slidev__.nav.clicksTotal), {
            message: `slide ${no}: its notes mark click ${Math.max(...noteClicks)}, past the slide's last click`,
            timeout: 5000,
          }).toBeGreaterThanOrEqual(Math.max(...noteClicks))
        }
      }
      expect(notesWithClicks).toBeGreaterThanOrEqual(25)
      // The roadmap lists exactly the sections that follow, numbered as their dividers are.
      expect(marks.length).toBeGreaterThanOrEqual(6)
      expect(marks).toEqual(marks.map((_, i) => String(i + 1)))
      expect(roadmap.map(item => item.split(' ')[0])).toEqual(marks)
      await page.close()
      // Every slide's modules have now been asked for: none may have brought a dependency Vite missed.
      expect(dev.log().match(/new dependencies found: .*/g) ?? []).toEqual([])
      expect(errors).toEqual([])
      expect([...hosts].filter(host => !LOOPBACK.has(host))).toEqual([])
    }, 300_000)

    it('runs every live demo on its slide with the clicker, to done', async () => {
      const { page, errors } = await openPage()
      await gotoSlide(page, 1, '?eggMs=150')
      const slides: Array<{ no: number, demo: string }> = await page.evaluate(() => (window as any).__slidev__.nav.slides.flatMap((s: any) => [...s.meta.slide.content.matchAll(/<EggRun[^>]*demo="([\w-]+)"/g)].map((m: any) => ({ no: s.no, demo: m[1] }))))
      expect(slides.length).toBeGreaterThanOrEqual(8)
      const ended: string[] = []
      for (const { no, demo } of slides) {
        await gotoSlide(page, no)
        const run = page.locator(`.slidev-page-${no} .egg-run[data-demo="${demo}"]`)
        await startByClicker(page, run).catch(() => {
          throw new Error(`the ${demo} demo on slide ${no} never started`)
        })
        await expect.poll(() => run.getAttribute('data-status'), { timeout: 30_000 }).not.toBe('running')
        ended.push(`${demo}: ${await run.getAttribute('data-status')}`)
      }
      expect(ended).toEqual(slides.map(({ demo }) => `${demo}: done`))
      await page.close()
      expect(errors).toEqual([])
    }, 300_000)

    it('yielding, live: await null holds a 0 ms timer and every frame for the whole work, setTimeout(0) for about a chunk', async () => {
      const { page, errors } = await openPage()
      await gotoSlide(page, 1, '')
      const no: number = await page.evaluate(() => (window as any).__slidev__.nav.slides.find((s: any) => s.meta.slide.content.includes(`<YieldRace`)).no)
      await gotoSlide(page, no)
      const panel = page.locator(`.slidev-page-${no} .yield-race`)
      await panel.locator('.yield-race-button').click()
      const row = (way: string) => panel.locator(`tr[data-way="${way}"]`)
      for (const way of ['await null', 'setTimeout 0'])
        await expect.poll(() => row(way).getAttribute('data-status'), { timeout: 30_000 }).toBe('done')
      const measured = async (way: string, what: string) => Number(await row(way).getAttribute(what))
      const work = CHUNKS * CHUNK_MS
      // A microtask never lets the timer or a frame in: both wait for (nearly) all of the work.
      expect(await measured('await null', 'data-timer-ms')).toBeGreaterThanOrEqual(work * 0.9)
      expect(await measured('await null', 'data-frame-gap-ms')).toBeGreaterThanOrEqual(work * 0.9)
      // A task boundary lets them in between chunks.
      expect(await measured('setTimeout 0', 'data-timer-ms')).toBeLessThan(4 * CHUNK_MS)
      expect(await measured('setTimeout 0', 'data-frame-gap-ms')).toBeLessThan(work / 3)
      await page.close()
      expect(errors).toEqual([])
    }, 90_000)

    it('promise.all shows four lanes and takes about one fry; sequential about four', async () => {
      const { page, errors } = await openPage()
      const ms = 800
      await gotoSlide(page, 1, `?eggMs=${ms}`)
      await page.waitForTimeout(3000) // let the dev server finish compiling the preloaded slides
      for (const [demo, rounds] of [['promise-all', 1], ['sequential', 4]] as const) {
        const no = await slideOf(page, demo)
        await gotoSlide(page, no)
        const run = await clickUntilRunning(page, no)
        // The panel keeps its four lanes through the run (the eggs not yet ordered wait in their rows).
        const laneCounts = await run.evaluate(panel => new Promise<number[]>((resolve) => {
          const seen = new Set<number>()
          const sample = setInterval(() => {
            seen.add(panel.querySelectorAll('[data-lane]').length)
            if (panel.getAttribute('data-status') !== 'running') {
              clearInterval(sample)
              resolve([...seen])
            }
          }, 25)
        }))
        expect(laneCounts).toEqual([4])
        // eslint-disable-next-line unicorn/prefer-dom-node-text-content -- rendered text, as the audience sees it
        expect((await run.locator('[data-testid=legend]').innerText()).split('\n')).toEqual(['frying', 'served'])
        await expect.poll(() => run.getAttribute('data-status'), { timeout: 20_000 }).toBe('done')
        expect(await run.locator('.egg-bar').count()).toBe(4)
        const elapsed = Number(await run.getAttribute('data-elapsed'))
        const ideal = Number(await run.getAttribute('data-ideal'))
        expect(ideal).toBe(rounds * ms)
        expect(elapsed).toBeGreaterThanOrEqual(ideal * 0.95)
        expect(elapsed).toBeLessThan(ideal * 1.5)
        // eslint-disable-next-line unicorn/prefer-dom-node-text-content -- rendered text, as the audience sees it
        expect(await run.locator('[data-testid=result]').innerText()).toMatch(/measured[\s\S]*× ideal/)
      }
      await page.close()
      // Every slide's modules have now been asked for: none may have brought a dependency Vite missed.
      expect(dev.log().match(/new dependencies found: .*/g) ?? []).toEqual([])
      expect(errors).toEqual([])
    }, 120_000)

    it('leaving a slide mid-run leaves the kitchen with nothing in flight', async () => {
      const { page } = await openPage()
      await gotoSlide(page, 1, '?eggMs=5000')
      const no = await slideOf(page, 'promise-all')
      await gotoSlide(page, no)
      await clickUntilRunning(page, no)
      await expect.poll(async () => (await kitchen.stats()).inFlight, { timeout: 10_000 }).toBe(4)
      await gotoSlide(page, no + 1)
      expect(await kitchen.settled({ withinMs: 5000 })).toMatchObject({ inFlight: 0 })
      await page.close()
    }, 60_000)

    /**
     * An audience window on the Promise.all slide, and a presenter window opened on the slide of `openOn`
     * (which moves on to Promise.all if that is another slide); then presenterRunsAudienceWatches.
     */
    async function presenterAndAudience(openOn: 'promise-all' | 'sequential') {
      const audience = await openPage()
      const presenter = await openPage()
      await gotoSlide(audience.page, 1, '?eggMs=1500')
      const no = await slideOf(audience.page, 'promise-all')
      const first = await slideOf(audience.page, openOn)
      await gotoSlide(audience.page, no)
      try {
        await presenter.page.goto(`${deckUrl}/presenter/${first}?eggMs=1500`)
        await presenter.page.locator(`.slidev-page-${first} .egg-run`).first().waitFor({ timeout: 60_000 })
        if (first !== no) {
          await presenter.page.evaluate(n => (window as any).__slidev__.nav.go(n), no)
          await presenter.page.locator(`.slidev-page-${no} .egg-run`).first().waitFor({ timeout: 60_000 })
        }
        await presenterRunsAudienceWatches(presenter, audience, no)
      }
      finally {
        // A presenter window left open would keep running the demos for the tests after this one.
        if (!presenter.page.isClosed()) await presenter.page.close()
        await audience.page.close()
      }
    }

    it('a presenter who moves from an earlier demo to this one runs it, and the audience window watches', async () => {
      // The way a talk goes: the presenter window was opened slides ago, on another demo, and moves on.
      await presenterAndAudience('sequential')
    }, 120_000)

    it('a run started in a presenter window opened on the demo is the one the audience window shows', async () => {
      await presenterAndAudience('promise-all')
    }, 120_000)

    const clicks = (page: Page) => page.evaluate(() => (window as any).__slidev__.nav.clicks as number)

    /** Presses `key` `times` times, 60 ms apart, then reads the window's click every 50 ms for 3 s. */
    async function pressQuicklyAndWatch(page: Page, key: string, times: number): Promise<number[]> {
      for (let i = 0; i < times; i++) {
        await page.keyboard.press(key)
        await page.waitForTimeout(60)
      }
      const seen: number[] = []
      const until = Date.now() + 3000
      while (Date.now() < until) {
        seen.push(await clicks(page))
        await page.waitForTimeout(50)
      }
      return seen
    }

    it('quick presses in the presenter window, or in the audience window, are not undone by the other window following', async () => {
      // The audience window reports each position it follows to, and the report arrives late: four presses
      // 60 ms apart on a slide of many clicks went 1, 2, 1, 2, 1, 2, 3, 4 before the presenter ignored it.
      const audience = await openPage()
      const presenter = await openPage()
      try {
        await gotoSlide(audience.page, 1, '')
        const no = await slideContaining(audience.page, '<Roadmap')
        await gotoSlide(audience.page, no)
        await presenter.page.goto(`${deckUrl}/presenter/${no}`)
        await presenter.page.locator(`.slidev-page-${no} .slidev-layout`).first().waitFor({ timeout: 60_000 })
        const total: number = await presenter.page.evaluate(() => (window as any).__slidev__.nav.clicksTotal)
        expect(total).toBeGreaterThanOrEqual(4)
        // Both windows have joined the shared position: the audience follows a first press.
        await presenter.page.keyboard.press('ArrowRight')
        await expect.poll(() => clicks(audience.page), { timeout: 10_000 }).toBe(1)
        // Watch the presenter for 3 s: it reaches click 4 and never steps back.
        const seen = await pressQuicklyAndWatch(presenter.page, 'ArrowRight', 3)
        expect(seen.at(-1), `presenter's clicks: ${seen.join(' ')}`).toBe(4)
        expect(seen.every((c, i) => i === 0 || c >= seen[i - 1]), `presenter's clicks: ${seen.join(' ')}`).toBe(true)
        await expect.poll(() => clicks(audience.page), { timeout: 10_000 }).toBe(4)
        // The clicker may drive the audience window instead: two quick steps back there take both windows back
        // to click 2, and the audience window is not sent forward again.
        const back = await pressQuicklyAndWatch(audience.page, 'ArrowLeft', 2)
        expect(back.at(-1), `audience's clicks: ${back.join(' ')}`).toBe(2)
        expect(back.every((c, i) => i === 0 || c <= back[i - 1]), `audience's clicks: ${back.join(' ')}`).toBe(true)
        await expect.poll(() => clicks(presenter.page), { timeout: 10_000 }).toBe(2)
        expect([...audience.errors, ...presenter.errors]).toEqual([])
      }
      finally {
        await presenter.page.close()
        await audience.page.close()
      }
    }, 120_000)

    it('says in one line on the slide when the kitchen is down', async () => {
      const { page } = await openPage()
      // Stand in for a dead kitchen: answer the slide's /api calls as a proxy that cannot connect.
      await page.route(url => url.href.startsWith(`${deckUrl}/api/`), route => route.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad Gateway' }))
      await gotoSlide(page, 1, '?eggMs=200')
      const no = await slideOf(page, 'promise-all')
      await gotoSlide(page, no)
      const run = await clickUntilRunning(page, no)
      await expect.poll(() => run.getAttribute('data-status'), { timeout: 10_000 }).toBe('failed')
      // eslint-disable-next-line unicorn/prefer-dom-node-text-content -- rendered text, as the audience sees it
      const message = await run.locator('[data-testid=error]').innerText()
      expect(message).toContain('The egg kitchen is not running at /api.')
      // It names the command and the port that would bring a kitchen back.
      expect(message).toContain(`npm run server -- --port ${new URL(dev.kitchenUrl).port}`)
      expect(message.split('\n')).toHaveLength(1)
      await page.close()
    }, 60_000)
  })
}
