// The Worker's half of an edited run, free of any Worker API so that tests can drive it in Node: it defines
// what the edited code sees (fry, log, eggs, orders, ms, settled, mark), runs the code once, and turns each
// fry into a request to the page and each answer back into a promise. editWorker.ts wires it to `self`.

import type { FryOptions } from '../../examples/lib'
import type { ToPage, ToWorker, WireError } from './protocol'

export interface SandboxHost {
  /** Sends a message to the page. */
  post: (message: ToPage) => void
  /** Runs the compiled code as a module: strict, with top-level await. */
  evaluate: (js: string) => Promise<unknown>
  /** Where the edit's names live: the Worker's global object. */
  global: Record<string, unknown>
}

/** The first line of a text, trimmed: an error on stage is one line. */
const firstLine = (text: string) => text.split('\n', 1)[0].trim()

/** One line for a failure: a burnt egg by its egg, an error by its message, anything else as text. */
export function describeError(err: unknown): string {
  if (err && typeof err === 'object') {
    const { name, message, egg } = err as Partial<WireError>
    if (name === 'BurntEggError' && typeof egg === 'string') return `burnt egg ${egg}`
    if (typeof message === 'string' && message.trim()) return firstLine(message)
    if (typeof name === 'string' && name) return name
  }
  return firstLine(String(err)) || 'an empty error'
}

/** An error rebuilt on this side of postMessage, with the name and egg the kitchen client gave it. */
function rebuild(wire: WireError): Error {
  return Object.assign(new Error(wire.message), { name: wire.name }, wire.egg === undefined ? {} : { egg: wire.egg })
}

export interface Sandbox {
  receive: (message: ToWorker) => void
  /** A rejection nobody handled: the edit fails, as an unhandled rejection ends a Node process. */
  unhandled: (reason: unknown) => void
}

export function createSandbox(host: SandboxHost): Sandbox {
  const pending = new Map<number, { resolve: (value: unknown) => void, reject: (err: unknown) => void }>()
  const streams = new Map<number, (message: Extract<ToWorker, { type: 'streamed' }>) => void>()
  let nextId = 0
  let started = false

  function fry(egg: string, options: FryOptions = {}) {
    const { signal, ms, burn } = options ?? {}
    if (signal?.aborted) return Promise.reject(signal.reason)
    const id = nextId++
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      signal?.addEventListener('abort', () => {
        if (!pending.delete(id)) return
        host.post({ type: 'abort', id })
        reject(signal.reason)
      }, { once: true })
      host.post({ type: 'fry', id, egg: String(egg), options: { ms, burn } })
    })
  }

  /** The kitchen's /stream, through the page: each egg the page receives is handed on as it comes. */
  async function* stream(eggs: string[], options: { ms?: number | number[], signal?: AbortSignal } = {}) {
    const { signal, ms } = options ?? {}
    signal?.throwIfAborted()
    const id = nextId++
    const arrived: Array<Extract<ToWorker, { type: 'streamed' }>> = []
    let wake: (() => void) | undefined
    streams.set(id, (message) => {
      arrived.push(message)
      wake?.()
    })
    const onAbort = () => host.post({ type: 'abort', id })
    signal?.addEventListener('abort', onAbort, { once: true })
    host.post({ type: 'stream', id, eggs: [...eggs].map(String), ms })
    let ended = false
    try {
      while (true) {
        while (!arrived.length) await new Promise<void>(resolve => (wake = resolve))
        const next = arrived.shift()!
        if (next.error) {
          ended = true
          throw signal?.aborted ? signal.reason : rebuild(next.error)
        }
        if (next.done) {
          ended = true
          return
        }
        yield next.value
      }
    }
    finally {
      streams.delete(id)
      signal?.removeEventListener('abort', onAbort)
      if (!ended) host.post({ type: 'abort', id }) // the edit stopped reading early: the kitchen stops frying
    }
  }

  async function run(js: string, scope: Extract<ToWorker, { type: 'run' }>['scope']) {
    Object.assign(host.global, {
      fry,
      stream,
      log: (line: unknown) => host.post({ type: 'log', line: String(line) }),
      settled: (label: unknown, winner?: unknown) =>
        host.post({ type: 'settled', label: String(label), ...(winner === undefined ? {} : { winner: String(winner) }) }),
      mark: (label: unknown) => host.post({ type: 'mark', label: String(label) }),
      eggs: Object.freeze([...scope.eggs]),
      orders: scope.orders,
      ms: scope.ms,
    })
    try {
      await host.evaluate(js)
      host.post({ type: 'done' })
    }
    catch (err) {
      host.post({ type: 'error', line: describeError(err) })
    }
  }

  return {
    receive(message) {
      if (message.type === 'run') {
        if (started) return // one run per Worker
        started = true
        void run(message.js, message.scope)
      }
      else if (message.type === 'fried') {
        const waiter = pending.get(message.id)
        if (!waiter) return // aborted by the edit, already rejected
        pending.delete(message.id)
        if (message.error) waiter.reject(rebuild(message.error))
        else waiter.resolve(message.value)
      }
      else if (message.type === 'streamed') {
        streams.get(message.id)?.(message)
      }
      else if (message.type === 'flush') {
        // A rejection nobody handled is reported in a task queued (DOM manipulation task source) at the end of
        // the microtask checkpoint in which it was rejected. The page sends `flush` after the last `fried`, so
        // that task is already queued when `flush` arrives; two 0 ms timers give it time to run, a practical
        // margin, since HTML does not order tasks across task sources.
        setTimeout(() => setTimeout(() => host.post({ type: 'flushed' }), 0), 0)
      }
    },
    unhandled(reason) {
      host.post({ type: 'error', line: `unhandled rejection: ${describeError(reason)}` })
    },
  }
}
