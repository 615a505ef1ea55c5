// The event-loop visualiser in Chromium: the clicker's next key steps it, the queues hold what the
// scenario says at each step, the back key steps back, and the print view shows the last step with the
// list of what moved.
import type { Browser, Page } from 'playwright-core'
import type { DevServer } from '../../scripts/lib/deck'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { movements, movementText, replay } from '../../deck/diagrams/eventLoopModel'
import { scenarios } from '../../deck/diagrams/eventLoopScenarios'
import { DECKS, launchChromium, startDevServer, warmUp } from '../../scripts/lib/deck'

describe('the event-loop visualiser in Chromium', () => {
  let dev: DevServer
  let deckUrl: string
  let browser: Browser

  beforeAll(async () => {
    dev = await startDevServer({ entry: DECKS.workshop }) // the workshop shows every scenario
    deckUrl = dev.url
    browser = await launchChromium()
    await warmUp(browser, deckUrl)
  }, 200_000)

  afterAll(async () => {
    await browser?.close()
    dev?.stop()
  })

  /** The number of the slide that shows `scenario`. */
  async function slideOf(page: Page, scenario: string): Promise<number> {
    return page.evaluate(
      name => (window as any).__slidev__.nav.slides.find((s: any) => s.meta.slide.content.includes(`<EventLoopDiagram scenario="${name}"`)).no,
      scenario,
    )
  }

  const chips = (page: Page, no: number, box: string) =>
    page.locator(`.slidev-page-${no} .event-loop [data-testid=${box}] .chip`).allInnerTexts()

  it('steps "Promise.then vs setTimeout" with the next key, showing both queues at two steps', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    const errors: string[] = []
    page.on('pageerror', err => errors.push(err.message))
    await page.goto(`${deckUrl}/1`)
    await page.locator('.slidev-page-1 .slidev-layout').waitFor({ timeout: 60_000 })
    const no = await slideOf(page, 'microtask')
    await page.goto(`${deckUrl}/${no}`)
    const diagram = page.locator(`.slidev-page-${no} .event-loop`)
    await diagram.waitFor({ timeout: 60_000 })
    await expect.poll(() => diagram.getAttribute('data-step')).toBe('0')
    const states = replay(scenarios.microtask)

    const stepTo = async (step: number, key = 'ArrowRight') => {
      const now = Number(await diagram.getAttribute('data-step'))
      for (let i = 0; i < Math.abs(step - now); i++) {
        await page.keyboard.press(key)
        await page.waitForTimeout(150)
      }
      await expect.poll(() => diagram.getAttribute('data-step'), { timeout: 5000 }).toBe(String(step))
    }

    // Step 4: `.then` on a resolved promise has queued a microtask; the timer is still in the host.
    await stepTo(4)
    expect(await chips(page, no, 'micro')).toEqual([`() => log('three')`])
    expect(await chips(page, no, 'host')).toEqual(['timer 0 ms'])
    expect(await chips(page, no, 'task')).toEqual([])
    expect(await chips(page, no, 'stack')).toEqual(['script'])

    // Step 7: the script has returned; both queues hold a callback, and the microtask is the one to run next.
    await stepTo(7)
    expect(await chips(page, no, 'micro')).toEqual([`() => log('three')`])
    expect(await chips(page, no, 'task')).toEqual([`() => log('two')`])
    expect(await chips(page, no, 'stack')).toEqual([])
    // eslint-disable-next-line unicorn/prefer-dom-node-text-content -- rendered text, as the audience sees it
    expect(await page.locator(`.slidev-page-${no} .event-loop .caption`).innerText()).toBe(states[7].say)

    // Step 8: the loop took the microtask, not the task.
    await stepTo(8)
    expect(await chips(page, no, 'stack')).toEqual([`() => log('three')`])
    expect(await chips(page, no, 'task')).toEqual([`() => log('two')`])

    // The back key steps back.
    await stepTo(6, 'ArrowLeft')
    expect(await chips(page, no, 'stack')).toEqual(['script'])

    // To the end: the console is the order Node printed (tests/eventLoop.test.ts).
    await stepTo(states.length - 1)
    expect(await page.locator(`.slidev-page-${no} .event-loop .console-line`).allInnerTexts()).toEqual(['one', 'four', 'three', 'two'])
    await page.close()
    expect(errors).toEqual([])
  }, 120_000)

  it('shows the last step and the list of what moved, step by step, in the print view', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    await page.goto(`${deckUrl}/1`)
    await page.locator('.slidev-page-1 .slidev-layout').waitFor({ timeout: 60_000 })
    const no = await slideOf(page, 'fetchEgg')
    await page.goto(`${deckUrl}/export/${no}?print`)
    const diagram = page.locator(`.slidev-page-${no} .event-loop`)
    await diagram.waitFor({ timeout: 60_000 })
    await expect.poll(() => diagram.getAttribute('data-step'), { timeout: 10_000 }).toBe(String(scenarios.fetchEgg.steps.length))
    expect(await diagram.locator('.console-line').allInnerTexts()).toEqual(['order egg A', 'free while it fries', 'timer', 'egg A: HTTP 200'])
    // The steps, numbered, for the reader of the PDF; the boxes, all empty by the last step, give them their room.
    const lines = await diagram.locator('[data-testid=moves] li').allInnerTexts()
    expect(lines.map(line => line.replace(/\s+/g, ' ').trim())).toEqual(movements(scenarios.fetchEgg).map((move, i) => `${i + 1} ${movementText(move)}`))
    expect(await diagram.locator('[data-testid=micro], [data-testid=task], [data-testid=host]').count()).toBe(0)
    await page.close()
  }, 90_000)
})
