// The event-loop visualiser can only show orders that JavaScript produces: each scenario's code runs in
// a real Node process and must print exactly the console of its last step, and the steps obey the loop's rules.

import type { Scenario } from '../deck/diagrams/eventLoopModel'
import type { RunningKitchen } from '../demo-server/serve'
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parseSync } from '@slidev/parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apply, initialState, LoopRuleError, movements, movementText, PLACES, replay } from '../deck/diagrams/eventLoopModel'
import { scenarios } from '../deck/diagrams/eventLoopScenarios'
import { listen } from '../demo-server/serve'

const run = promisify(execFile)

// As in the deck, where the dev server proxies /api to the kitchen; the scenario's code stays as shown.
const API_SHIM = `const fetch = (path, init) => globalThis.fetch(new URL(String(path).replace(/^\\/api/, ''), process.env.KITCHEN), init);\n`

let kitchen: RunningKitchen
beforeAll(async () => {
  kitchen = await listen({ port: 0 })
})
afterAll(() => kitchen.close())

/** Runs `code` as the whole script of a fresh Node process and returns its console, one entry a line. */
async function consoleOf(code: string): Promise<string[]> {
  const { stdout, stderr } = await run(process.execPath, ['-e', API_SHIM + code], {
    env: { ...process.env, KITCHEN: kitchen.url },
    timeout: 20_000,
  })
  expect(stderr).toBe('')
  return stdout.split('\n').slice(0, -1)
}

describe.each(Object.entries(scenarios))('scenario %s', (_, scenario) => {
  it('prints in Node exactly what its last step shows', async () => {
    const shown = replay(scenario).at(-1)!.output
    // The process exits only when no timer, request or callback is left: the run really ended.
    expect(await consoleOf(scenario.code)).toEqual(shown)
  })

  it('keeps the loop\'s rules at every step', () => {
    const states = replay(scenario) // throws LoopRuleError on a broken rule
    expect(states).toHaveLength(scenario.steps.length + 1)
    const end = states.at(-1)!
    // Everything queued was taken exactly once: the script, every timer, fetch and callback.
    const queued = scenario.steps.filter(s => s.do === 'queue').map(s => s.do === 'queue' && s.id)
    expect([...end.done.micro, ...end.done.task].map(item => item.id).sort()).toEqual(['script', ...queued].sort())
    const waited = scenario.steps.filter(s => s.do === 'wait').map(s => s.do === 'wait' && s.id)
    expect(end.done.host.map(item => item.id).sort()).toEqual(waited.sort())
    // The stack is empty whenever the loop picks the next callback, and at the very end.
    scenario.steps.forEach((step, i) => {
      if (step.do === 'run') expect(states[i].stack, `step ${i + 1}`).toEqual([])
    })
    expect(end.stack).toEqual([])
  })

  it('has one-line captions and highlights only lines of its code', () => {
    const lines = scenario.code.split('\n').length
    expect(lines).toBeLessThanOrEqual(10)
    for (const say of [scenario.intro, ...scenario.steps.map(s => s.say)]) {
      expect(say).not.toContain('\n')
      expect(say.length, say).toBeLessThanOrEqual(90)
    }
    for (const step of scenario.steps) {
      if (step.line !== undefined) expect(step.line).toBeGreaterThanOrEqual(1)
      if (step.line !== undefined) expect(step.line).toBeLessThanOrEqual(lines)
    }
    for (const line of scenario.code.split('\n')) expect(line.length, line).toBeLessThanOrEqual(52)
  })

  it('gives the PDF every step that moves something, in order: each run takes the oldest callback of its queue', () => {
    const moves = movements(scenario)
    expect(moves.map(move => move.step)).toEqual(scenario.steps.flatMap((step, i) => (step.do === 'return' ? [] : [i + 1])))
    // Counted here without the model: a queue is first in, first out, and the script is the first task.
    const queues: Record<'micro' | 'task', string[]> = { micro: [], task: ['script'] }
    for (const move of moves) {
      const step = scenario.steps[move.step - 1]
      if (step.do === 'queue') queues[step.queue].push(step.label)
      if (step.do === 'run') expect(move, `step ${move.step}`).toEqual({ step: move.step, what: queues[step.queue].shift(), from: step.queue, to: 'stack' })
    }
    expect(moves.filter(move => move.to === 'console').map(move => move.what)).toEqual(replay(scenario).at(-1)!.output.map(line => `"${line}"`))
  })
})

describe('the printed step list', () => {
  it('reads as what moved from where to where', () => {
    expect(movements(scenarios.timeout).map(movementText)).toEqual([
      'script task queue → call stack',
      '"one" → console',
      'timer 0 ms → Web APIs',
      '"three" → console',
      `() => log('two') Web APIs → task queue`,
      `() => log('two') task queue → call stack`,
      '"two" → console',
    ])
    expect(Object.values(PLACES)).toEqual(['Web APIs', 'microtask queue', 'task queue', 'call stack', 'console'])
  })
})

describe('the event-loop slides\' notes', () => {
  // The only thing on such a slide that takes clicks is the diagram, which takes one per step
  // (useClickSteps(scenario.steps.length)): so the slide has exactly that many clicks.
  const pages = join(import.meta.dirname, '..', 'pages')
  const slides = readdirSync(pages).filter(file => file.endsWith('.md')).flatMap((file) => {
    const { slides } = parseSync(readFileSync(join(pages, file), 'utf8'), join(pages, file))
    return slides.filter(slide => slide.content.includes('<EventLoopDiagram')).map(slide => ({ where: `${file}: "${slide.title}"`, slide }))
  })

  it('show every scenario, each on a slide that holds only its title and the diagram', () => {
    const shown = slides.map(({ where, slide }) => {
      const [, name] = slide.content.match(/^# .+\n+<EventLoopDiagram scenario="(\w+)" \/>$/) ?? []
      expect(name, `${where}: only a title and <EventLoopDiagram scenario="…" />, no other clicks`).toBeDefined()
      expect(slide.frontmatter.clicks, where).toBeUndefined()
      return name
    })
    expect(shown.sort()).toEqual(Object.keys(scenarios).sort())
  })

  it('mark every step with its own [click] marker, and none past the last step', () => {
    for (const { where, slide } of slides) {
      const steps = scenarios[slide.content.match(/scenario="(\w+)"/)![1] as keyof typeof scenarios].steps.length
      // Numbered as Slidev numbers them: the running total, [click:N] adding N.
      let total = 0
      const marks = [...(slide.note ?? '').matchAll(/\[click(?::(\d+))?\]/gi)].map(m => (total += Number(m[1] ?? 1)))
      expect(marks, where).toEqual(Array.from({ length: steps }, (_, i) => i + 1))
    }
  })
})

describe('the rule checker', () => {
  const base: Scenario = { title: 'broken', code: '', intro: '', steps: [] }
  const broken = (steps: Scenario['steps']) => () => replay({ ...base, steps })

  it('rejects a task that runs while microtasks wait', () => {
    expect(broken([
      { do: 'run', queue: 'task', say: '' },
      { do: 'queue', queue: 'micro', id: 'm', label: 'm', say: '' },
      { do: 'wait', id: 't', label: 't', say: '' },
      { do: 'return', say: '' },
      { do: 'queue', queue: 'task', from: 'host', id: 't', label: 't', say: '' },
      { do: 'run', queue: 'task', say: '' },
    ])).toThrow(/microtasks drain first/)
  })

  it('rejects running a callback on a busy stack, and code running on an empty one', () => {
    expect(broken([
      { do: 'run', queue: 'task', say: '' },
      { do: 'queue', queue: 'micro', id: 'm', label: 'm', say: '' },
      { do: 'run', queue: 'micro', say: '' },
    ])).toThrow(/only when the stack is empty/)
    expect(broken([{ do: 'log', text: 'x', say: '' }])).toThrow(/empty call stack/)
  })

  it('rejects a callback left in a queue, a wait that never ends and a reused id', () => {
    expect(broken([
      { do: 'run', queue: 'task', say: '' },
      { do: 'queue', queue: 'micro', id: 'm', label: 'm', say: '' },
      { do: 'return', say: '' },
    ])).toThrow(/still on the stack, in the host or in a queue/)
    expect(broken([
      { do: 'run', queue: 'task', say: '' },
      { do: 'wait', id: 't', label: 't', say: '' },
      { do: 'return', say: '' },
    ])).toThrow(LoopRuleError)
    expect(broken([
      { do: 'run', queue: 'task', say: '' },
      { do: 'wait', id: 't', label: 't', say: '' },
      { do: 'queue', queue: 'micro', id: 't', label: 'm', say: '' },
    ])).toThrow(/used twice/)
  })

  it('rejects a host wait that lands straight in the microtask queue: it comes back as a task', () => {
    const hostToMicro = broken([
      { do: 'run', queue: 'task', say: '' },
      { do: 'wait', id: 'fetch', label: 'fetch', say: '' },
      { do: 'return', say: '' },
      { do: 'queue', queue: 'micro', from: 'host', id: 'fetch', label: 'then', say: '' },
    ])
    expect(hostToMicro).toThrow(/straight to the microtask queue/)
    // The right shape: the host queues a task, and that task resolves the promise, which queues the microtask.
    expect(broken([
      { do: 'run', queue: 'task', say: '' },
      { do: 'wait', id: 'fetch', label: 'fetch', say: '' },
      { do: 'return', say: '' },
      { do: 'queue', queue: 'task', from: 'host', id: 'fetch', label: 'resolve', say: '' },
      { do: 'run', queue: 'task', say: '' },
      { do: 'queue', queue: 'micro', id: 'then', label: 'then', say: '' },
      { do: 'return', say: '' },
      { do: 'run', queue: 'micro', say: '' },
      { do: 'return', say: '' },
    ])).not.toThrow()
  })

  it('rejects taking from an empty queue, or a host wait that is not there', () => {
    expect(() => apply(initialState(base), { do: 'run', queue: 'micro', say: '' })).toThrow(/queue is empty/)
    expect(() => apply(initialState(base), { do: 'queue', queue: 'task', from: 'host', id: 'x', label: 'x', say: '' })).toThrow(/not waiting in the host/)
  })
})
