// Step-by-step walk-throughs of the JavaScript event loop, drawn by EventLoopDiagram. Plain data, so a test can check it.

export interface LoopStep {
  /** The 1-based line of the script that is running, if any. */
  line?: number
  /** The call stack, bottom first. */
  stack: string[]
  /** What the host (browser or Node) is waiting on for us. */
  host: string[]
  microtasks: string[]
  tasks: string[]
  /** The console so far. */
  output: string[]
  /** One sentence for the audience. */
  say: string
}

export interface LoopScenario {
  code: string[]
  steps: LoopStep[]
}

const empty = { stack: [], host: [], microtasks: [], tasks: [] }

/** "one, three, two": setTimeout(…, 0) still waits for the stack to empty. */
const timeout: LoopScenario = {
  code: [
    `console.log('one')`,
    `setTimeout(() => console.log('two'), 0)`,
    `console.log('three')`,
  ],
  steps: [
    { ...empty, output: [], say: 'The whole script is one task. Nothing has run yet.' },
    { ...empty, line: 1, stack: ['script', `log('one')`], output: ['one'], say: 'Line 1 runs at once and prints "one".' },
    { ...empty, line: 2, stack: ['script', 'setTimeout(cb, 0)'], host: ['timer 0 ms → cb'], output: ['one'], say: 'setTimeout hands cb to the host\'s timer and returns at once.' },
    { ...empty, line: 3, stack: ['script', `log('three')`], tasks: ['cb'], output: ['one', 'three'], say: 'The host\'s timer fires and queues cb. Meanwhile the script goes on and prints "three".' },
    { ...empty, tasks: ['cb'], output: ['one', 'three'], say: 'The script ends and the stack is empty. Only now may the loop pick the next task.' },
    { ...empty, stack: ['cb', `log('two')`], output: ['one', 'three', 'two'], say: 'cb runs last: a 0 ms timer means "after the current task", not "now".' },
  ],
}

/** Promise callbacks are microtasks: they run before the next task, timers included. */
const microtask: LoopScenario = {
  code: [
    `console.log('one')`,
    `setTimeout(() => console.log('two'), 0)`,
    `Promise.resolve().then(() => console.log('three'))`,
    `console.log('four')`,
  ],
  steps: [
    { ...empty, output: [], say: 'Same start, plus a promise that is already resolved.' },
    { ...empty, line: 1, stack: ['script', `log('one')`], output: ['one'], say: '"one" prints at once.' },
    { ...empty, line: 2, stack: ['script', 'setTimeout(cb, 0)'], host: ['timer 0 ms → cb'], output: ['one'], say: 'The timer goes to the host, as before.' },
    { ...empty, line: 3, stack: ['script', 'then(next)'], microtasks: ['next'], tasks: ['cb'], output: ['one'], say: 'The promise is already resolved, so "next" goes straight to the microtask queue.' },
    { ...empty, line: 4, stack: ['script', `log('four')`], microtasks: ['next'], tasks: ['cb'], output: ['one', 'four'], say: '"four" prints: the script always finishes first.' },
    { ...empty, stack: ['next', `log('three')`], tasks: ['cb'], output: ['one', 'four', 'three'], say: 'Stack empty: the loop drains every microtask before it takes a task.' },
    { ...empty, stack: ['cb', `log('two')`], output: ['one', 'four', 'three', 'two'], say: 'Only then does the timer\'s task run.' },
  ],
}

export const scenarios = { timeout, microtask } satisfies Record<string, LoopScenario>
export type ScenarioName = keyof typeof scenarios
