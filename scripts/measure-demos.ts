// `npx tsx scripts/measure-demos.ts [eggMs]`: runs every live demo of the deck in Chromium, through the
// clicker's next key, against the dev server's own kitchen, and prints each demo's measured total.
// Needs a dev server already running (`npm run dev`) at DECK_URL (default http://localhost:3030).
import { chromium } from 'playwright-core'

const deckUrl = process.env.DECK_URL ?? 'http://localhost:3030'
const eggMs = Number(process.argv[2] ?? 1500)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  // Twice: a fresh dev server optimises dependencies on the first load and reloads the page.
  for (let load = 0; load < 2; load++) {
    await page.goto(`${deckUrl}/1?eggMs=${eggMs}`)
    await page.locator('.slidev-page-1 .slidev-layout').waitFor({ timeout: 90_000 })
    await page.waitForTimeout(3000)
  }
  const slides: Array<{ no: number, demo: string }> = await page.evaluate(() => (window as any).__slidev__.nav.slides
    .flatMap((s: any) => [...s.meta.slide.content.matchAll(/<EggRun[^>]*demo="([\w-]+)"/g)].map((m: any) => ({ no: s.no, demo: m[1] }))))
  console.log(`| slide | demo | ideal | measured | measured/ideal | kitchen at once |\n| ---: | --- | ---: | ---: | ---: | ---: |`)
  for (const { no, demo } of slides) {
    await page.evaluate(n => (window as any).__slidev__.nav.go(n), no)
    const run = page.locator(`.slidev-page-${no} .egg-run[data-demo="${demo}"]`)
    await run.waitFor({ timeout: 30_000 })
    const before = await run.getAttribute('data-run-id')
    for (let press = 0; press < 10 && await run.getAttribute('data-run-id') === before; press++) {
      await page.keyboard.press('ArrowRight')
      await page.waitForTimeout(300)
    }
    await page.waitForFunction(el => ['done', 'failed'].includes(el!.getAttribute('data-status')!), await run.elementHandle(), { timeout: 60_000 })
    await page.waitForTimeout(300) // the kitchen's view arrives just after
    const [status, elapsed, ideal] = await Promise.all(['data-status', 'data-elapsed', 'data-ideal'].map(a => run.getAttribute(a)))
    const atOnce = (await run.locator('[data-testid=result]').innerText().catch(() => '')).match(/at most (\d+)/)?.[1] ?? ''
    console.log(`| ${no} | ${demo} | ${ideal} | ${status === 'done' ? elapsed : status} | ${(Number(elapsed) / Number(ideal)).toFixed(2)} | ${atOnce} |`)
  }
}
finally {
  await browser.close()
}
