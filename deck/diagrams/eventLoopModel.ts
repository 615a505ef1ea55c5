// The event-loop visualiser's model: a scenario is code plus a list of operations, one per click;
// the state on screen is the fold of the operations so far, and `replay` checks the loop's rules.

export type QueueName = 'micro' | 'task'

/** Something waiting in the host (a timer, a fetch) or in a queue. `id` is unique in its scenario. */
export interface Item {
  id: string
  label: string
}

/** One movement of the loop. */
export type Op
  /** Code calls a function: a frame goes on the call stack. */
  = | { do: 'call', frame: string }
  /** The top frame returns. */
    | { do: 'return' }
  /** console.log prints. */
    | { do: 'log', text: string }
  /** Code hands a wait to the host (a timer, a request): it goes to the Web APIs box. */
    | { do: 'wait', id: string, label: string }
  /** A callback joins a queue: from the host when its wait is over (`from: 'host'`), or queued by the running code. */
    | { do: 'queue', queue: QueueName, id: string, label: string, from?: 'host' }
  /** The event loop takes the oldest callback of a queue and runs it: its frame goes on the empty stack. */
    | { do: 'run', queue: QueueName }

/** An operation with the script line it belongs to and one sentence for the audience. */
export type Step = Op & {
  /** The 1-based line of the scenario's code to highlight. */
  line?: number
  /** One line: what just happened and why. */
  say: string
}

export interface Scenario {
  title: string
  /** The exact code the slide shows and the proof runs. */
  code: string
  /** The caption before the first click. */
  intro: string
  steps: Step[]
}

export interface LoopState {
  stack: string[]
  host: Item[]
  micro: Item[]
  task: Item[]
  output: string[]
  /** Everything that has left the host box or a queue, in order: `replay` checks each was taken once. */
  done: { host: Item[], micro: Item[], task: Item[] }
  line?: number
  say: string
}

/** The script itself is the first task. */
export const SCRIPT: Item = { id: 'script', label: 'script' }

export function initialState(scenario: Scenario): LoopState {
  return { stack: [], host: [], micro: [], task: [SCRIPT], output: [], done: { host: [], micro: [], task: [] }, say: scenario.intro }
}

export class LoopRuleError extends Error {}

/** Applies one step, enforcing the event loop's rules; returns a new state. */
export function apply(state: LoopState, step: Step, where = ''): LoopState {
  const fail = (why: string): never => {
    throw new LoopRuleError(`${where}: ${why}`)
  }
  const next: LoopState = {
    stack: [...state.stack],
    host: [...state.host],
    micro: [...state.micro],
    task: [...state.task],
    output: [...state.output],
    done: { host: [...state.done.host], micro: [...state.done.micro], task: [...state.done.task] },
    line: step.line,
    say: step.say,
  }
  const running = () => {
    if (next.stack.length === 0) fail(`"${step.do}" with an empty call stack: no code is running`)
  }
  switch (step.do) {
    case 'call':
      running()
      next.stack.push(step.frame)
      break
    case 'return':
      running()
      next.stack.pop()
      break
    case 'log':
      running()
      next.output.push(step.text)
      break
    case 'wait':
      running()
      next.host.push({ id: step.id, label: step.label })
      break
    case 'queue': {
      if (step.from === 'host') {
        // A finished wait comes back as a task; only running code (that task, say, resolving a promise) queues microtasks.
        if (step.queue === 'micro') fail(`"${step.id}" went from the host straight to the microtask queue: the host queues a task`)
        const at = next.host.findIndex(item => item.id === step.id)
        if (at < 0) fail(`"${step.id}" is not waiting in the host`)
        next.done.host.push(...next.host.splice(at, 1))
      }
      else {
        running()
      }
      next[step.queue].push({ id: step.id, label: step.label })
      break
    }
    case 'run': {
      if (next.stack.length > 0) fail(`the loop takes a callback only when the stack is empty, not with [${next.stack}]`)
      if (step.queue === 'task' && next.micro.length > 0) fail('a task ran while microtasks were waiting: microtasks drain first')
      const item = next[step.queue].shift() ?? fail(`the ${step.queue} queue is empty`)
      next.done[step.queue].push(item)
      next.stack.push(item.label)
      break
    }
  }
  return next
}

/**
 * Every state of a scenario, from before the first click to after the last, checked against the
 * loop's rules: each wait and each queued callback is taken exactly once, the loop runs a callback
 * only on an empty stack and a task only when no microtask waits, and the run ends with everything empty.
 */
export function replay(scenario: Scenario): LoopState[] {
  const states = [initialState(scenario)]
  const seen = new Set<string>([SCRIPT.id])
  scenario.steps.forEach((step, i) => {
    const where = `${scenario.title}, step ${i + 1}`
    if ((step.do === 'wait' || (step.do === 'queue' && step.from !== 'host')) && seen.has(step.id))
      throw new LoopRuleError(`${where}: the id "${step.id}" is used twice`)
    if (step.do === 'wait' || step.do === 'queue') seen.add(step.id)
    states.push(apply(states.at(-1)!, step, where))
  })
  const end = states.at(-1)!
  const left = [...end.stack, ...[...end.host, ...end.micro, ...end.task].map(item => item.id)]
  if (left.length > 0) throw new LoopRuleError(`${scenario.title}: the run ends with [${left}] still on the stack, in the host or in a queue`)
  const taken = [...end.done.micro, ...end.done.task].map(item => item.id)
  if (new Set(taken).size !== taken.length) throw new LoopRuleError(`${scenario.title}: a callback ran twice`)
  return states
}

/** The boxes of the diagram, as the printed step list names them. */
export const PLACES = { host: 'Web APIs', micro: 'microtask queue', task: 'task queue', stack: 'call stack', console: 'console' } as const
export type Place = keyof typeof PLACES

/** One line of the printed step list: what moved, from which box (if it left one) to which. */
export interface Movement {
  /** The 1-based step (the click) it happens at. */
  step: number
  what: string
  from?: Place
  to: Place
}

/**
 * What the PDF lists beside the last state, so a reader sees the queues move: every step that puts something
 * in a box (a call, a print, a wait in the host, a callback queued, a callback the loop runs), in order.
 * Returns are left out: they move nothing into a box (the slide's notes tell each of them).
 */
export function movements(scenario: Scenario): Movement[] {
  const states = replay(scenario)
  const moves: Movement[] = []
  scenario.steps.forEach((op, i) => {
    const step = i + 1
    if (op.do === 'call') moves.push({ step, what: op.frame, to: 'stack' })
    else if (op.do === 'log') moves.push({ step, what: `"${op.text}"`, to: 'console' })
    else if (op.do === 'wait') moves.push({ step, what: op.label, to: 'host' })
    else if (op.do === 'queue') moves.push({ step, what: op.label, ...(op.from === 'host' ? { from: 'host' as const } : {}), to: op.queue })
    // The callback the loop took: the oldest in its queue just before this step.
    else if (op.do === 'run') moves.push({ step, what: states[i][op.queue][0].label, from: op.queue, to: 'stack' })
  })
  return moves
}

/** A movement as one line of text, as the list prints it: `what from → to`, or `what → to` when the running code put it there. */
export function movementText({ what, from, to }: Movement): string {
  return `${what} ${from ? `${PLACES[from]} ` : ''}→ ${PLACES[to]}`
}
