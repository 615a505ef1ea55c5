// temp: screenshots of chosen slides from the print view at 1920x1080
import process from 'node:process'
import { launchChromium } from './lib/deck.ts'
import { PAGE_SHIM } from './lib/paper.ts'
import { loadPrintView, servePrintView } from './lib/printView.ts'

const [deck, scheme, ...nos] = process.argv.slice(2)
const server = await servePrintView(deck)
const browser = await launchChromium()
const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, colorScheme: scheme as 'dark' | 'light' })
await context.addInitScript(PAGE_SHIM)
const page = await context.newPage()
await loadPrintView(page, `${server.base}/print?print=true`, '.print-slide-container', server.total)
for (const no of nos) {
  const el = page.locator(`.print-slide-container`).nth(Number(no) - 1)
  await el.screenshot({ path: `/tmp/shot-${deck}-${scheme}-${no}.png` })
}
await browser.close()
await server.close()
process.exit(0)
