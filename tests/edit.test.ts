// Code edited on a slide ("what if…?"), run in Node by the deck's own engine against a real kitchen: every
// editable demo's unedited code type-checks against what the editor declares, and runs as the demo does;
// a throw, a runaway and leaving mid-run each end in one line with the kitchen left idle. The Worker is
// replaced by the same sandbox in this process (the browser tests run the real Worker).

import type { DemoId } from '../deck/demos'
import type { EditWorker } from '../deck/edit/runEdited'
import type { RunningKitchen } from '../demo-server/serve'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demos } from '../deck/demos'
import { originalSource } from '../deck/edit/editSource'
import { MAX_FRIES } from '../deck/edit/runEdited'
import { createSandbox, describeError } from '../deck/edit/sandbox'
import { runDemo } from '../deck/runDemo'
import { listen } from '../demo-server/serve'
import { kitchenClient } from '../examples/lib'

const MS = 120
const root = join(import.meta.dirname, '..')
const ENV = readFileSync(join(root, 'deck/edit/env.d.ts'), 'utf8')
let running: RunningKitchen

beforeAll(async () => {
  running = await listen({ port: 0 })
})
afterAll(() => running.close())

/** The options deck/edit/compile.ts gives Monaco's TypeScript, as the typescript package spells them. */
const EDIT_COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noImplicitAny: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
}

const editable = (Object.keys(demos) as DemoId[]).filter(id => demos[id].edit)

/** The editor's checks, as Monaco's TypeScript worker makes them: the edit beside env.d.ts. */
function diagnostics(source: string, file = '/edit.ts'): string[] {
  const files = new Map([[file, source], ['/env.d.ts', ENV]])
  const options: ts.CompilerOptions = {
    ...EDIT_COMPILER_OPTIONS,
    noEmit: true,
  }
  const host = ts.createCompilerHost(options)
  const read = host.readFile.bind(host)
  host.readFile = file => files.get(file) ?? read(file)
  host.fileExists = file => files.has(file) || ts.sys.fileExists(file)
  const get = host.getSourceFile.bind(host)
  host.getSourceFile = (file, lang) => files.has(file) ? ts.createSourceFile(file, files.get(file)!, lang) : get(file, lang)
  const program = ts.createProgram([file, '/env.d.ts'], options, host)
  return ts.getPreEmitDiagnostics(program).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}

let evaluated = 0
/** The edit Worker, in this process: the same sandbox, over a message queue, running JS as a data: module. */
function inProcessWorker(): EditWorker {
  let closed = false
  const worker: EditWorker = { onmessage: null, onerror: null, postMessage: () => {}, terminate: () => (closed = true) }
  const sandbox = createSandbox({
    post: message => setTimeout(() => !closed && worker.onmessage?.({ data: structuredClone(message) })),
    evaluate: js => import(`data:text/javascript,${encodeURIComponent(`${js}\n// ${evaluated++}`)}`),
    global: globalThis as unknown as Record<string, unknown>,
  })
  worker.postMessage = message => setTimeout(() => !closed && sandbox.receive(structuredClone(message)))
  setTimeout(() => worker.onmessage?.({ data: { type: 'ready' } }))
  return worker
}

function compile(source: string): string {
  return ts.transpileModule(source, { compilerOptions: EDIT_COMPILER_OPTIONS }).outputText
}

function runEditedDemo(id: DemoId, source: string, options: { signal?: AbortSignal, limitMs?: number } = {}) {
  return runDemo(id, {
    url: running.url,
    ms: MS,
    signal: options.signal ?? new AbortController().signal,
    limitMs: options.limitMs,
    edited: { source, js: compile(source), spawn: inProcessWorker },
  })
}

describe('the editable demos', () => {
  it('are the combinator, loop, pan and stream demos, each edited from the example file that defines it', async () => {
    expect(editable).toEqual(expect.arrayContaining(['sequential', 'await-in-a-loop', 'promise-all', 'race', 'pans', 'for-await', 'server-stream']))
    for (const id of editable) {
      const module = await import(pathToFileURL(join(root, 'examples', `${demos[id].edit!.file}.ts`)).href) as { demos: Record<string, unknown> }
      expect(module.demos[id], id).toBe(demos[id])
    }
  })

  it('declares for the editor the kitchen client\'s own types: each assignable both ways', () => {
    // A probe beside the examples, so that it can import their types under other names.
    const probe = [
      'import type * as Lib from \'./examples/lib\'',
      ...['Fried', 'FryOptions', 'FryEgg', 'Log', 'Order', 'StreamedEgg'].flatMap(name => [
        `export const to${name} = (value: ${name}): Lib.${name} => value`,
        `export const from${name} = (value: Lib.${name}): ${name} => value`,
      ]),
      'export const toStream = (value: KitchenClient[\'stream\']): Lib.KitchenClient[\'stream\'] => value',
      'export const fromStream = (value: Lib.KitchenClient[\'stream\']): KitchenClient[\'stream\'] => value',
    ].join('\n')
    expect(diagnostics(probe, join(root, 'edit-types-probe.ts'))).toEqual([])
    // And the check can fail: a type that drifted is caught.
    const drifted = probe.replace('(value: Lib.Fried): Fried', '(value: Lib.Fried): Fried & { pan: number }')
    expect(diagnostics(drifted, join(root, 'edit-types-probe.ts'))).not.toEqual([])
  })

  it.each(editable)('%s: its unedited code type-checks against what the editor declares', (id) => {
    const source = originalSource(demos[id].edit!, file => readFileSync(join(root, 'examples', `${file}.ts`), 'utf8'))
    expect(source).toBeDefined()
    expect(diagnostics(source!)).toEqual([])
  })

  it.each(editable)('%s: its unedited code runs as the demo does: the same eggs, done, no faster than ideal', async (id) => {
    const source = originalSource(demos[id].edit!, file => readFileSync(join(root, 'examples', `${file}.ts`), 'utf8'))!
    const [edited, original] = [await runEditedDemo(id, source), await runDemo(id, { url: running.url, ms: MS, signal: new AbortController().signal })]
    expect(edited.error).toBeUndefined()
    expect(edited.status).toBe('done')
    expect(edited.edited).toBe(true)
    expect(edited.lanes.map(lane => `${lane.egg} ${lane.outcome}`).sort()).toEqual(original.lanes.map(lane => `${lane.egg} ${lane.outcome}`).sort())
    expect(edited.elapsedMs).toBeGreaterThanOrEqual(demos[id].idealMs(MS) * 0.9)
    expect(edited.settledMs === undefined).toBe(original.settledMs === undefined)
  })
})

describe('an edit that goes wrong', () => {
  const kitchen = () => kitchenClient({ url: running.url, ms: MS })

  it('that throws fails with the message of its error, one line', async () => {
    const result = await runEditedDemo('promise-all', `await fry('A')
throw new Error('out of eggs\\nsecond line')`)
    expect(result.status).toBe('failed')
    expect(result.error).toBe('out of eggs')
    expect(result.lanes.map(lane => lane.outcome)).toEqual(['served'])
  })

  it('runs until the eggs its callbacks order are off the stove too', async () => {
    const result = await runEditedDemo('promise-all', `fry('A').then(() => fry('B')).then(plate => log('served ' + plate.egg))`)
    expect(result.status, result.error).toBe('done')
    expect(result.lanes.map(lane => `${lane.egg} ${lane.outcome}`)).toEqual(['A served', 'B served'])
    expect(result.lines).toEqual(['served B'])
    expect(result.elapsedMs).toBeGreaterThanOrEqual(2 * MS * 0.9)
  })

  it('reads the kitchen\'s stream, and stopping early takes the rest off the stove', async () => {
    const result = await runEditedDemo('server-stream', `for await (const plate of stream(['A', 'B', 'C'], { ms: [50, 3000, 3000] })) {
  log('first: ' + plate.egg)
  break
}`)
    expect(result.status, result.error).toBe('done')
    expect(result.lines).toEqual(['first: A'])
    expect(result.lanes.map(lane => `${lane.egg} ${lane.outcome}`)).toEqual(['A served', 'B cancelled', 'C cancelled'])
    expect(result.elapsedMs).toBeLessThan(2000)
    expect((await kitchen().settled()).inFlight).toBe(0)
  })

  it('that never finishes is stopped at its limit with one line, and leaves nothing on the stove', async () => {
    const result = await runEditedDemo('promise-all', `fry('A', { ms: 9000 })
await new Promise(() => {})`, { limitMs: 300 })
    expect(result.status).toBe('failed')
    expect(result.error).toBe('The edited run did not finish within 0.3 s; it was stopped.')
    expect((await kitchen().settled()).inFlight).toBe(0)
  })

  it('that is left mid-run is aborted, and the kitchen has nothing in flight', async () => {
    const leave = new AbortController()
    const done = runEditedDemo('pans', 'for (const egg of eggs) await fry(egg, { ms: 9000 })', { signal: leave.signal })
    await expect.poll(async () => (await kitchen().stats()).inFlight, { timeout: 5000 }).toBe(1)
    leave.abort(new DOMException('left the slide', 'AbortError'))
    const result = await done
    expect(result.status).toBe('aborted')
    expect((await kitchen().settled()).inFlight).toBe(0)
  })

  it('that orders eggs without end is stopped with one line', async () => {
    const result = await runEditedDemo('promise-all', `while (true) await fry('A', { ms: 1 })`)
    expect(result.status).toBe('failed')
    expect(result.error).toBe(`the edit ordered more than ${MAX_FRIES} eggs; it was stopped`)
  })

  it('sees its pans in its ideal: twelve eggs through four pans take three fries', async () => {
    const source = originalSource(demos.pans.edit!, file => readFileSync(join(root, 'examples', `${file}.ts`), 'utf8'))!
    const four = source.replace('fryWithPans(eggs, fry, 3)', 'fryWithPans(eggs, fry, 4)')
    const result = await runEditedDemo('pans', four)
    expect(result.status).toBe('done')
    expect(result.idealMs).toBe(3 * MS)
    expect(result.elapsedMs).toBeGreaterThanOrEqual(3 * MS * 0.9)
    expect(result.lines.at(-1)).toMatch(/^served: ([A-L] ){11}[A-L]$/)
  })

  it('describes a burnt egg by its egg, and anything else by its message or name', () => {
    expect(describeError({ name: 'BurntEggError', message: 'egg C burnt', egg: 'C' })).toBe('burnt egg C')
    expect(describeError(new TypeError('x is not a function'))).toBe('x is not a function')
    expect(describeError({ name: 'AggregateError', message: '' })).toBe('AggregateError')
    expect(describeError('plain')).toBe('plain')
  })
})
