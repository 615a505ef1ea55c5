// `npm run record [-- --egg-ms N] [-- --deck URL]`: runs every live demo of the deck in Chromium,
// through the clicker's next key, against the real kitchen, prints each measured total, and writes
// the finished runs to recordings/demos.json: what the exported PDF shows.
// Starts its own dev server (and so its own kitchen) on free loopback ports unless --deck is given.

import type { Recordings } from '../deck/recordings.ts'
import type { RunSnapshot } from '../deck/runDemo.ts'
import { readFileSync, writeFileSync } from 'node:fs'
import { arch, cpus, type } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { demos, isDemoId } from '../deck/demos.ts'
import { clickUntilRunning, DECKS, launchChromium, root, startDevServer, warmUp } from './lib/deck.ts'

function fail(message: string): never {
  console.error(`record: ${message}`)
  process.exit(1)
}

let args
try {
  args = parseArgs({ options: { 'egg-ms': { type: 'string' }, 'deck': { type: 'string' }, 'out': { type: 'string' } } }).values
}
catch (err) {
  fail(`${(err as Error).message.split('\n')[0]}. Usage: npm run record -- [--egg-ms 1500] [--deck http://localhost:3030] [--out file.json]`)
}
const headmatterMs = Number(readFileSync(join(root, 'slides.md'), 'utf8').match(/^eggMs:\s*(\d+)/m)?.[1] ?? 1500)
const eggMs = Number(args['egg-ms'] ?? headmatterMs)
if (!Number.isInteger(eggMs) || eggMs < 50 || eggMs > 10_000) fail('--egg-ms must be a whole number of ms from 50 to 10000')
const out = args.out ?? join(root, 'recordings', 'demos.json')

// The workshop: it shows every demo (the conference cut shows some of them).
const dev = args.deck ? undefined : await startDevServer({ entry: DECKS.workshop })
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    dev?.stop()
    process.exit(130)
  })
}
const deckUrl = args.deck ?? dev!.url
const browser = await launchChromium().catch((err: Error) => {
  dev?.stop()
  fail(err.message)
})
const runs: Record<string, RunSnapshot> = {}
const problems: string[] = []
try {
  await warmUp(browser, deckUrl)
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  await page.goto(`${deckUrl}/1?eggMs=${eggMs}`)
  await page.locator('.slidev-page-1 .slidev-layout').waitFor({ timeout: 90_000 })
  const slides: Array<{ no: number, demo: string }> = await page.evaluate(() => (window as any).__slidev__.nav.slides.flatMap((s: any) => [...s.meta.slide.content.matchAll(/<EggRun[^>]*demo="([\w-]+)"/g)].map((m: any) => ({ no: s.no, demo: m[1] }))))
  const missing = Object.keys(demos).filter(id => !slides.some(s => s.demo === id))
  if (missing.length) problems.push(`no slide shows ${missing.join(', ')}`)

  console.log(`| slide | demo | ideal ms | measured ms | measured/ideal | kitchen at once |\n| ---: | --- | ---: | ---: | ---: | ---: |`)
  for (const { no, demo } of slides) {
    await page.evaluate(n => (window as any).__slidev__.nav.go(n), no)
    const panel = page.locator(`.slidev-page-${no} .egg-run[data-demo="${demo}"]`)
    await panel.waitFor({ timeout: 30_000 })
    if (!await clickUntilRunning(page, panel).then(() => true, () => false)) {
      problems.push(`${demo} (slide ${no}) never started`)
      continue
    }
    // Done, and for demos that show the kitchen's view, with that view in.
    const run: RunSnapshot | undefined = await page.waitForFunction(({ demo, kitchenView }) => {
      const run = (window as any).__eggRuns__?.runOf(demo)
      if (!run || run.status === 'running') return undefined
      if (run.status === 'done' && kitchenView && run.maxInFlight === undefined) return undefined
      return run
    }, { demo, kitchenView: isDemoId(demo) && Boolean(demos[demo].kitchenView) }, { timeout: 60_000, polling: 100 })
      .then(handle => handle.jsonValue())
      .catch(() => undefined)
    if (!run) {
      problems.push(`${demo} (slide ${no}) did not finish within 60 s`)
      continue
    }
    if (run.status !== 'done') {
      problems.push(`${demo} (slide ${no}) ended ${run.status}${run.error ? `: ${run.error}` : ''}`)
      continue
    }
    runs[demo] = run
    console.log(`| ${no} | ${demo} | ${run.idealMs} | ${run.elapsedMs} | ${(run.elapsedMs / run.idealMs).toFixed(2)} | ${run.maxInFlight ?? ''} |`)
  }
}
finally {
  const version = browser.version()
  await browser.close()
  dev?.stop()
  if (problems.length === 0) {
    const cpu = cpus()
    const recordings: Recordings = {
      provenance: {
        recordedAt: new Date().toISOString(),
        node: process.version,
        browser: `Chromium ${version}`,
        eggMs,
        machine: `${type()} ${arch()}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`,
        command: 'npm run record',
      },
      runs,
    }
    writeFileSync(out, `${JSON.stringify(recordings, null, 2)}\n`)
    console.log(`\nrecord: wrote ${Object.keys(runs).length} runs to ${out}`)
  }
}
if (problems.length) fail(`nothing written: ${problems.join('; ')}`)
