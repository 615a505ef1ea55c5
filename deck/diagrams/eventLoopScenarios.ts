// The event-loop scenarios that EventLoopDiagram steps through: real code plus one operation per click.
// tests/eventLoop.test.ts runs each `code` in Node and checks its console against the last step's.
import type { Scenario } from './eventLoopModel'

/** 1. "one, three, two": a 0 ms timer still waits until the script has finished. */
const timeout: Scenario = {
  title: 'setTimeout 0',
  code: `console.log('one')
setTimeout(() => console.log('two'), 0)
console.log('three')`,
  intro: 'The script is itself a task: it waits in the task queue for the loop.',
  steps: [
    { do: 'run', queue: 'task', line: 1, say: 'The stack is empty, so the loop takes the script and runs it.' },
    { do: 'log', text: 'one', line: 1, say: 'Line 1 prints "one" at once.' },
    { do: 'wait', id: 'timer', label: 'timer 0 ms', line: 2, say: 'setTimeout hands the callback to the host\'s timer and returns at once.' },
    { do: 'log', text: 'three', line: 3, say: 'The script goes on: "three".' },
    { do: 'return', say: 'The script has finished: the stack is empty.' },
    {
      do: 'queue',
      queue: 'task',
      from: 'host',
      id: 'timer',
      label: `() => log('two')`,
      line: 2,
      say: 'The timer is due (Node waits at least 1 ms): its callback joins the task queue.',
    },
    { do: 'run', queue: 'task', line: 2, say: 'The stack is empty, so the loop runs the next task: the timer\'s callback.' },
    { do: 'log', text: 'two', line: 2, say: '"two" comes last: 0 ms means "after the current task", never "now".' },
    { do: 'return', say: 'Nothing waits anywhere: one, three, two.' },
  ],
}

/** 2. An already-resolved promise's callback is a microtask: it runs before the next task. */
const microtask: Scenario = {
  title: 'Promise.then vs setTimeout',
  code: `console.log('one')
setTimeout(() => console.log('two'), 0)
Promise.resolve().then(() => console.log('three'))
console.log('four')`,
  intro: 'Same start, plus a promise that is already resolved.',
  steps: [
    { do: 'run', queue: 'task', line: 1, say: 'The loop runs the script.' },
    { do: 'log', text: 'one', line: 1, say: '"one" prints at once.' },
    { do: 'wait', id: 'timer', label: 'timer 0 ms', line: 2, say: 'The timer goes to the host, as before.' },
    {
      do: 'queue',
      queue: 'micro',
      id: 'then',
      label: `() => log('three')`,
      line: 3,
      say: '.then on a resolved promise queues its callback as a microtask right away.',
    },
    { do: 'log', text: 'four', line: 4, say: '"four": the script always runs to its end first.' },
    {
      do: 'queue',
      queue: 'task',
      from: 'host',
      id: 'timer',
      label: `() => log('two')`,
      line: 2,
      say: 'Say the timer is due already: its callback waits in the task queue.',
    },
    { do: 'return', say: 'The script returns. With the stack empty, microtasks come first.' },
    { do: 'run', queue: 'micro', line: 3, say: 'The loop drains the microtask queue before it takes any task.' },
    { do: 'log', text: 'three', line: 3, say: '"three", although the timer was queued earlier.' },
    { do: 'return', say: 'The microtask queue is empty now.' },
    { do: 'run', queue: 'task', line: 2, say: 'Only now the next task: the timer\'s callback.' },
    { do: 'log', text: 'two', line: 2, say: '"two".' },
    { do: 'return', say: 'one, four, three, two: microtasks jump the task queue.' },
  ],
}

/** 3. Each await continues as a microtask, also inside a loop, interleaved with other microtasks. */
const asyncAwait: Scenario = {
  title: 'async/await',
  code: `async function serve(eggs) {
  for (const egg of eggs) {
    const plate = await Promise.resolve(egg)
    console.log(\`served \${plate}\`)
  }
}
serve(['A', 'B']).then(() => console.log('done'))
Promise.resolve().then(() => console.log('then'))
console.log('sync end')`,
  intro: 'An async function with an await in a loop, a .then on its result, and another promise.',
  steps: [
    { do: 'run', queue: 'task', line: 7, say: 'The loop runs the script; line 7 calls serve.' },
    { do: 'call', frame: `serve(['A', 'B'])`, line: 2, say: 'An async function starts at once, like any call, and runs up to its first await.' },
    {
      do: 'queue',
      queue: 'micro',
      id: 'resumeA',
      label: 'serve, after await A',
      line: 3,
      say: 'await on a resolved promise: the rest of serve is queued as a microtask.',
    },
    { do: 'return', line: 7, say: 'serve returns a pending promise; .then only registers "done" on it.' },
    {
      do: 'queue',
      queue: 'micro',
      id: 'then',
      label: `() => log('then')`,
      line: 8,
      say: 'This promise is resolved already: its callback is queued behind serve\'s.',
    },
    { do: 'log', text: 'sync end', line: 9, say: '"sync end": the script runs to its end before any continuation.' },
    { do: 'return', say: 'The script returns. Stack empty: drain the microtasks, oldest first.' },
    { do: 'run', queue: 'micro', line: 3, say: 'serve resumes after its await, with plate = \'A\'.' },
    { do: 'log', text: 'served A', line: 4, say: '"served A".' },
    {
      do: 'queue',
      queue: 'micro',
      id: 'resumeB',
      label: 'serve, after await B',
      line: 3,
      say: 'Next lap of the loop, next await: the rest is queued again, behind "then".',
    },
    { do: 'return', line: 3, say: 'serve gives the thread back at the await.' },
    { do: 'run', queue: 'micro', line: 8, say: 'The oldest microtask is the .then callback.' },
    { do: 'log', text: 'then', line: 8, say: '"then" lands between the two eggs.' },
    { do: 'return', say: 'One microtask left.' },
    { do: 'run', queue: 'micro', line: 3, say: 'serve resumes with plate = \'B\'.' },
    { do: 'log', text: 'served B', line: 4, say: '"served B". The loop is over.' },
    {
      do: 'queue',
      queue: 'micro',
      id: 'done',
      label: `() => log('done')`,
      line: 6,
      say: 'serve reaches its end: its promise resolves, which queues the "done" callback.',
    },
    { do: 'return', line: 6, say: 'serve has returned for good.' },
    { do: 'run', queue: 'micro', line: 7, say: 'The last microtask: the .then on serve\'s promise.' },
    { do: 'log', text: 'done', line: 7, say: '"done".' },
    { do: 'return', say: 'Each await cost one microtask turn; other microtasks ran in between.' },
  ],
}

/** 4. A fetch waits in the host; its response comes back as a task, which resolves the promise; `.then`'s callback is then a microtask. */
const fetchEgg: Scenario = {
  title: 'fetch an egg',
  code: `console.log('order egg A')
fetch('/api/fry/A?ms=200').then((res) => {
  console.log(\`egg A: HTTP \${res.status}\`)
})
setTimeout(() => console.log('timer'), 0)
console.log('free while it fries')`,
  intro: 'One egg from the kitchen, 200 ms on the stove, and a timer beside it.',
  steps: [
    { do: 'run', queue: 'task', line: 1, say: 'The loop runs the script.' },
    { do: 'log', text: 'order egg A', line: 1, say: '"order egg A".' },
    { do: 'wait', id: 'fetch', label: 'fetch /api/fry/A', line: 2, say: 'fetch hands the request to the host and returns a pending promise; .then registers.' },
    { do: 'wait', id: 'timer', label: 'timer 0 ms', line: 5, say: 'A timer goes to the host too.' },
    { do: 'log', text: 'free while it fries', line: 6, say: 'The script carries on while the kitchen fries: nothing here waits.' },
    { do: 'return', say: 'The script has finished; the egg is still on the stove.' },
    {
      do: 'queue',
      queue: 'task',
      from: 'host',
      id: 'timer',
      label: `() => log('timer')`,
      line: 5,
      say: 'The timer is due: its callback joins the task queue.',
    },
    { do: 'run', queue: 'task', line: 5, say: 'The loop runs the timer\'s callback.' },
    { do: 'log', text: 'timer', line: 5, say: '"timer".' },
    { do: 'return', say: 'Stack and queues are empty: the thread is idle while the host waits.' },
    {
      do: 'queue',
      queue: 'task',
      from: 'host',
      id: 'fetch',
      label: 'resolve fetch promise',
      line: 2,
      say: '200 ms on, the response headers arrive: the host queues a networking task.',
    },
    { do: 'run', queue: 'task', line: 2, say: 'The loop runs that task. It resolves fetch\'s promise with the response.' },
    { do: 'queue', queue: 'micro', id: 'then', label: '(res) => log(…)', line: 2, say: 'Resolving the promise queues its .then callback as a microtask.' },
    { do: 'return', say: 'The networking task is done: the stack is empty, so the microtasks run.' },
    { do: 'run', queue: 'micro', line: 2, say: 'The .then callback runs, with the response.' },
    { do: 'log', text: 'egg A: HTTP 200', line: 3, say: '"egg A: HTTP 200".' },
    { do: 'return', say: 'The wait cost the thread nothing: it ran the timer in the meantime.' },
  ],
}

/** 5. A long synchronous loop holds up a timer that is long due. */
const blocking: Scenario = {
  title: 'a long loop blocks',
  code: `const start = Date.now()
setTimeout(() => {
  const late = Date.now() - start >= 100
  console.log('timer late?', late)
}, 10)
while (Date.now() - start < 100) {} // 100 ms busy
console.log('loop done')`,
  intro: 'A 10 ms timer, then 100 ms of work that never gives the thread back.',
  steps: [
    { do: 'run', queue: 'task', line: 1, say: 'The loop runs the script.' },
    { do: 'wait', id: 'timer', label: 'timer 10 ms', line: 2, say: 'The host starts a 10 ms timer.' },
    {
      do: 'queue',
      queue: 'task',
      from: 'host',
      id: 'timer',
      label: 'timer callback',
      line: 6,
      say: 'Due at 10 ms (a browser queues it now, Node in its next timers phase); line 6 still spins.',
    },
    { do: 'log', text: 'loop done', line: 7, say: 'At 100 ms the loop ends: "loop done". The timer is 90 ms late already.' },
    { do: 'return', say: 'The script returns: only now can the loop take the next task.' },
    { do: 'run', queue: 'task', line: 3, say: 'The timer\'s callback runs at last.' },
    { do: 'log', text: 'timer late? true', line: 4, say: '"timer late? true": a delay is the earliest time a timer runs, never the exact one.' },
    { do: 'return', say: 'While code runs, nothing else can: not timers, not clicks, not repaints.' },
  ],
}

/** 6. A microtask that queues a microtask: the loop drains the queue until it is empty. */
const drain: Scenario = {
  title: 'microtasks queue microtasks',
  code: `setTimeout(() => console.log('timer'), 0)
queueMicrotask(() => {
  console.log('micro 1')
  queueMicrotask(() => console.log('micro 2'))
})
console.log('script')`,
  intro: 'A timer, and a microtask that queues another microtask.',
  steps: [
    { do: 'run', queue: 'task', line: 1, say: 'The loop runs the script.' },
    { do: 'wait', id: 'timer', label: 'timer 0 ms', line: 1, say: 'The timer goes to the host.' },
    { do: 'queue', queue: 'micro', id: 'm1', label: 'micro 1 callback', line: 2, say: 'queueMicrotask puts its callback straight in the microtask queue.' },
    { do: 'log', text: 'script', line: 6, say: '"script".' },
    {
      do: 'queue',
      queue: 'task',
      from: 'host',
      id: 'timer',
      label: `() => log('timer')`,
      line: 1,
      say: 'The timer is due: its callback waits in the task queue.',
    },
    { do: 'return', say: 'The script returns; microtasks first.' },
    { do: 'run', queue: 'micro', line: 2, say: 'The loop runs the first microtask.' },
    { do: 'log', text: 'micro 1', line: 3, say: '"micro 1".' },
    { do: 'queue', queue: 'micro', id: 'm2', label: `() => log('micro 2')`, line: 4, say: 'It queues another microtask: that one joins this same drain.' },
    { do: 'return', say: 'The microtask queue is not empty yet, so the timer keeps waiting.' },
    { do: 'run', queue: 'micro', line: 4, say: 'The new microtask runs before any task.' },
    { do: 'log', text: 'micro 2', line: 4, say: '"micro 2".' },
    { do: 'return', say: 'Now the microtask queue is empty.' },
    { do: 'run', queue: 'task', line: 1, say: 'Only now the timer\'s task.' },
    { do: 'log', text: 'timer', line: 1, say: '"timer".' },
    { do: 'return', say: 'A chain of microtasks that never ends would starve every task.' },
  ],
}

/** 7. After every task, the microtasks it queued run before the next task. */
const betweenTasks: Scenario = {
  title: 'microtasks between tasks',
  code: `setTimeout(() => {
  console.log('task 1')
  Promise.resolve().then(() => console.log('micro'))
}, 0)
setTimeout(() => console.log('task 2'), 0)`,
  intro: 'Two timers; the first one queues a microtask.',
  steps: [
    { do: 'run', queue: 'task', line: 1, say: 'The loop runs the script.' },
    { do: 'wait', id: 't1', label: 'timer 1: 0 ms', line: 1, say: 'The first timer goes to the host.' },
    { do: 'wait', id: 't2', label: 'timer 2: 0 ms', line: 5, say: 'The second one too.' },
    { do: 'return', say: 'The script has finished.' },
    { do: 'queue', queue: 'task', from: 'host', id: 't1', label: 'timer 1 callback', line: 1, say: 'Timer 1 is due: its callback joins the task queue.' },
    { do: 'queue', queue: 'task', from: 'host', id: 't2', label: `() => log('task 2')`, line: 5, say: 'Timer 2 is due as well, behind it.' },
    { do: 'run', queue: 'task', line: 1, say: 'The loop runs the oldest task: timer 1\'s callback.' },
    { do: 'log', text: 'task 1', line: 2, say: '"task 1".' },
    { do: 'queue', queue: 'micro', id: 'then', label: `() => log('micro')`, line: 3, say: 'It queues a microtask.' },
    { do: 'return', say: 'The task ends. Task 2 is ready, but microtasks come first.' },
    { do: 'run', queue: 'micro', line: 3, say: 'The stack is empty, so the loop drains the microtask queue first.' },
    { do: 'log', text: 'micro', line: 3, say: '"micro", before task 2.' },
    { do: 'return', say: 'The microtask queue is empty.' },
    { do: 'run', queue: 'task', line: 5, say: 'Now task 2.' },
    { do: 'log', text: 'task 2', line: 5, say: '"task 2". (Node before v11 ran both timers first.)' },
    { do: 'return', say: 'task 1, micro, task 2: microtasks run whenever the stack empties.' },
  ],
}

export const scenarios = { timeout, microtask, asyncAwait, fetchEgg, blocking, drain, betweenTasks } satisfies Record<string, Scenario>
export type ScenarioName = keyof typeof scenarios
