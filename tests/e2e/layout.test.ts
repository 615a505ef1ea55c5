// The layout check (scripts/lib/layoutCheck.ts, run on the decks by `npm run layout`) must catch each defect
// kind on a fixture slide made to have it, name the slide and the element, and pass a clean slide in both
// colour schemes. The fixtures are slide-sized boxes at 1920×1080, as Slidev's print view shows slides.
// Then every slide of both decks must pass it.

import type { Browser, Page } from 'playwright-core'
import type { PrintServer } from '../../scripts/lib/printView'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DECKS, launchChromium } from '../../scripts/lib/deck'
import { LAYOUT_RULES, layoutCheck } from '../../scripts/lib/layoutCheck'
import { PAGE_SHIM } from '../../scripts/lib/paper'
import { checkPrintViewLayout, servePrintView } from '../../scripts/lib/printView'

const VIEWPORT = { width: 1920, height: 1080 }
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

/** A slide as Slidev's print view draws it: a 980 × 551 box, here with fixed content. */
function slide(no: number, html: string) {
  return `<div id="${no}-0" class="print-slide-container" style="position: relative; width: 980px; height: 551px; overflow: clip; `
    + `background: #fff; color: #111; font: 20px sans-serif; padding: 20px; box-sizing: border-box">${html}</div>`
}

const FIXTURES: Record<string, { html: string, reason: RegExp }> = {
  'off the slide': { html: '<div style="width: 1300px">a table too wide for the slide</div>', reason: /reaches \d+ px past the right of the slide/ },
  'a scroll box': {
    html: `<pre style="max-height: 120px; overflow: auto; margin: 0">${Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n')}</pre>`,
    reason: /scrolls: \d+ px of height hidden/,
  },
  'clipped text': { html: '<div style="height: 30px; overflow: hidden">one<br>two<br>three</div>', reason: /clips: \d+ px of height hidden/ },
  'small text': { html: '<p style="font-size: 9px">a footnote nobody can read</p>', reason: /is 1\d\.\d px at 1080p, under 24/ },
  'small fine print': { html: '<p class="fine-print" style="font-size: 8px">Source: somewhere</p>', reason: /under 18 \(fine print\)/ },
  'faint text': { html: '<p style="color: #aaa">a grey comment</p>', reason: /has contrast 2\.\d+:1, under 4\.5:1/ },
  'faint by opacity': { html: '<p style="opacity: 0.35">dimmed with opacity</p>', reason: /has contrast \d\.\d+:1, under 4\.5:1/ },
  'dimmed code line': {
    html: '<div class="slidev-code"><span class="line slidev-code-dishonored" style="opacity: 0.15">const x = 1</span></div>',
    reason: /under 3:1 \(a dimmed line\)/,
  },
  'a missing glyph': { html: '<p>done \u{E000}</p>', reason: /has no glyph for "\uE000" \(U\+E000\)/ },
  'a covered label': {
    html: '<div style="position: relative"><span>ideal</span><div style="position: absolute; inset: 0; background: #f59e0b"></div></div>',
    reason: /<span> "ideal" is covered by <div>/,
  },
}

describe('the layout check', () => {
  let page: Page
  beforeAll(async () => {
    page = await browser.newPage({ viewport: VIEWPORT })
  })
  afterAll(async () => {
    await page?.close()
  })

  async function check(html: string, scheme: 'light' | 'dark' = 'light') {
    await page.emulateMedia({ colorScheme: scheme })
    await page.setContent(`<!doctype html><html style="color-scheme: ${scheme}"><body style="margin: 0">${html}</body></html>`)
    await page.evaluate(PAGE_SHIM) // init scripts do not run for setContent's document
    // At 1920 × 1080 a 551 px slide is shown about twice as large: scale the box as Slidev does.
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('.print-slide-container').forEach((el) => {
      el.style.zoom = String(1080 / 551)
    }))
    return page.evaluate(layoutCheck, LAYOUT_RULES)
  }

  it('passes a clean slide, in light and in dark', async () => {
    const clean = '<h1 style="font-size: 40px">A title</h1><p>Body text, large and dark enough.</p>'
    expect(await check(slide(1, clean))).toEqual([])
    expect(await check(slide(1, clean.replace('<h1', '<h1 data-x'))
      .replace('background: #fff; color: #111', 'background: #121212; color: #eee'), 'dark')).toEqual([])
  })

  it('says so when a slide shows nothing, or there are no slides, instead of passing them', async () => {
    expect(await check(slide(3, '<div style="display: none">hidden</div>'))).toEqual(['slide 3: shows nothing (not rendered?), so nothing on it was checked'])
    expect(await check('<p>not a deck</p>')).toEqual(['no slides on the page (.print-slide-container), so nothing was checked'])
  })

  it.each(Object.entries(FIXTURES))('fails on %s, naming the slide and the element', async (_, { html, reason }) => {
    const problems = await check(slide(7, html))
    expect(problems.length, problems.join('\n')).toBeGreaterThan(0)
    expect(problems.every(line => line.startsWith('slide 7: '))).toBe(true)
    expect(problems.some(line => reason.test(line)), problems.join('\n')).toBe(true)
  })
})

// The decks themselves: every slide, in its final click state as the print view shows it, at 1920×1080,
// in both colour schemes. A failure lists each problem as `npm run layout` prints it.
for (const deck of Object.values(DECKS)) {
  describe(`every slide of ${deck}`, () => {
    let server: PrintServer
    beforeAll(async () => {
      server = await servePrintView(deck)
    }, 200_000)
    afterAll(async () => {
      await server?.close()
    })

    it.each(['dark', 'light'] as const)('passes the layout check in %s', async (scheme) => {
      const { problems, slides } = await checkPrintViewLayout(browser, server, scheme)
      expect(slides).toBe(server.total)
      expect(problems.join('\n')).toBe('')
    }, 300_000)
  })
}
