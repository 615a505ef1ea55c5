// Every example also runs as a learner would run it: `tsx examples/NN-*.ts`, as its own process.

import type { RunningKitchen } from '../demo-server/serve'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listen } from '../demo-server/serve'
import { exampleFiles, runExample } from '../scripts/run-examples'

const EGG_MS = 100
let running: RunningKitchen

beforeAll(async () => {
  running = await listen({ port: 0 })
})
afterAll(() => running.close())

/** Runs `items` through `work`, at most `limit` at a time, keeping the order of results. */
async function inBatches<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (let i = 0; i < items.length; i += limit)
    results.push(...await Promise.all(items.slice(i, i + limit).map(work)))
  return results
}

describe('examples as processes', () => {
  it('every example exits 0 and ends with its elapsed line', async () => {
    const files = exampleFiles()
    expect(files.length).toBeGreaterThanOrEqual(18)
    // The blocking example freezes the shared kitchen, so elapsed is checked from below only.
    const runs = await inBatches(files, 2, file => runExample(file, { EGG_SERVER: running.url, EGG_MS: String(EGG_MS) }))
    for (const run of runs) {
      expect({ file: run.file, code: run.code, stderr: run.stderr }).toEqual({ file: run.file, code: 0, stderr: '' })
      const lines = run.stdout.trimEnd().split('\n')
      expect(lines.at(-1)).toMatch(/^elapsed: \d+ ms$/)
      expect(lines.length).toBeGreaterThan(1) // it printed its results first
      const { idealMs } = await import(/* @vite-ignore */ `../examples/${run.file}`) as { idealMs: (ms: number) => number }
      expect(run.elapsedMs).toBeGreaterThanOrEqual(idealMs(EGG_MS) * 0.9)
    }
  }, 180_000)

  it('with no kitchen running, an example says so in one line and exits 1', async () => {
    const closed = await listen({ port: 0 })
    const url = closed.url
    await closed.close() // a port that nothing listens on now
    const run = await runExample('07-promise-all.ts', { EGG_SERVER: url, EGG_MS: String(EGG_MS) })
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(`The egg kitchen is not running at ${url}. Start it with: npm run server\n`)
  })

  it.each([
    ['EGG_MS', 'abc', 'EGG_MS must be a whole number of milliseconds from 0 to 10000\n'],
    ['EGG_MS', '20000', 'EGG_MS must be a whole number of milliseconds from 0 to 10000\n'],
    ['EGG_SERVER', 'kitchen', 'EGG_SERVER must be an http(s) URL, like http://127.0.0.1:3001\n'],
  ])('a bad %s=%s is one line and exit 1', async (name, value, message) => {
    const run = await runExample('01-one-egg.ts', { EGG_SERVER: running.url, EGG_MS: String(EGG_MS), [name]: value })
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(message)
  })
})

describe('examples/README.md', () => {
  it('lists every example file in its table', () => {
    const readme = readFileSync(new URL('../examples/README.md', import.meta.url), 'utf8')
    const listed = [...readme.matchAll(/^\| `(\d\d-[\w-]+\.ts)` \|/gm)].map(match => match[1])
    expect(listed).toEqual(exampleFiles())
  })

  it('every example opens with the three-line header and marks a demo region', () => {
    for (const file of exampleFiles()) {
      const source = readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8')
      expect(source, file).toMatch(/^\/\/ Shows: {2}.+\n(\/\/ {9}.+\n)?\/\/ Run: {4}.+\n\/\/ Prints: .+\n/)
      expect(source, file).toContain('// #region demo')
      expect(source, file).toContain('// #endregion demo')
    }
  })
})
