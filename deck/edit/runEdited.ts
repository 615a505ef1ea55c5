// The page's half of an edited run: starts a Worker with the compiled code and answers its requests with the
// run's own tracer (so the lanes draw as for any demo), log and settle. Vue-free; tests inject the Worker.

import type { DemoContext } from '../../examples/lib'
import type { EditScope, ToPage, ToWorker, WireError } from './protocol'
import { describeError } from './sandbox'

/** What runEdited needs of a Worker: the part of the DOM's Worker it uses. */
export interface EditWorker {
  postMessage: (message: ToWorker) => void
  onmessage: ((event: { data: ToPage }) => void) | null
  onerror: ((event: { message?: string, preventDefault?: () => void }) => void) | null
  terminate: () => void
}

export function spawnEditWorker(): EditWorker {
  return new Worker(new URL('./editWorker.ts', import.meta.url), { type: 'module', name: 'edited demo' }) as unknown as EditWorker
}

/** A failure of the edited code, already one line. */
export class EditError extends Error {
  override name = 'EditError'
}

/** A rejection as the Worker rebuilds it: its name, message and, for a burnt egg, the egg. */
function toWire(err: Error & { egg?: string }): WireError {
  return { name: err?.name ?? 'Error', message: err?.message ?? String(err), ...(err?.egg ? { egg: err.egg } : {}) }
}

/** A Worker that failed to load or threw outside the edit's reach, as the run's one line. */
function workerError(event: Parameters<NonNullable<EditWorker['onerror']>>[0]): EditError {
  event.preventDefault?.()
  return new EditError(event.message ? describeError({ message: event.message }) : 'the edited code could not start')
}

/** Beyond these an edit is a runaway loop, not a demo: it fails with one line instead of flooding the panel. */
export const MAX_FRIES = 100
export const MAX_LINES = 200

/**
 * A fresh Worker, once it has loaded (its `ready`): started before the run's clock, so that the clock times
 * the edited code and not the Worker's start. Terminated if `signal` aborts first or it fails to load.
 */
export async function startEditWorker(signal: AbortSignal, spawn: () => EditWorker = spawnEditWorker): Promise<EditWorker> {
  signal.throwIfAborted()
  const worker = spawn()
  try {
    await new Promise<void>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true })
      worker.onerror = event => reject(workerError(event))
      worker.onmessage = ({ data }) => data.type === 'ready' && resolve()
    })
    return worker
  }
  catch (err) {
    worker.terminate()
    throw err
  }
  finally {
    worker.onmessage = null
    worker.onerror = null
  }
}

/**
 * Runs compiled edit `js` in `worker` (from startEditWorker) until its code has ended and every fry it started has ended
 * (fries its callbacks order included), then checks once more for a rejection nobody handled. Timers the edit
 * leaves pending do not keep it running. `signal` stops it (leaving the slide, the time limit): the
 * Worker is terminated, which ends even a `while (true)`, and the run's fetches are aborted by the caller's signal.
 */
export async function runEdited(js: string, ctx: DemoContext, scope: EditScope, signal: AbortSignal, worker: EditWorker): Promise<void> {
  const fries = new Map<number, AbortController>()
  let fried = 0
  let lines = 0
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (line: string) => reject(new EditError(line))
      signal.addEventListener('abort', () => reject(signal.reason), { once: true })
      let ended = false
      // As the race demos do, the run ends when the stove is empty: once the code has ended and its last fry's
      // answer has gone to the Worker (this runs after the handler that posts it), ask the Worker to report any
      // rejection that answer left unhandled.
      /** Counts `eggs` more, and fails the run once it has ordered more than MAX_FRIES. */
      const tooMany = (eggs: number) => {
        fried += eggs
        if (fried > MAX_FRIES) fail(`the edit ordered more than ${MAX_FRIES} eggs; it was stopped`)
        return fried > MAX_FRIES
      }
      const flushIfIdle = () => {
        if (ended && fries.size === 0) worker.postMessage({ type: 'flush' })
      }
      worker.onerror = event => reject(workerError(event))
      worker.onmessage = ({ data: message }) => {
        switch (message.type) {
          case 'ready':
            return
          case 'fry': {
            if (tooMany(1)) return
            const own = new AbortController()
            fries.set(message.id, own)
            const { ms, burn } = message.options
            ctx.tracer.fry(message.egg, { ms: typeof ms === 'number' ? ms : undefined, burn: burn === true, signal: own.signal }).then(
              value => worker.postMessage({ type: 'fried', id: message.id, value }),
              (err: Error & { egg?: string }) => worker.postMessage({ type: 'fried', id: message.id, error: toWire(err) }),
            ).finally(() => {
              fries.delete(message.id)
              flushIfIdle()
            })
            return
          }
          case 'stream': {
            if (tooMany(message.eggs.length)) return
            // As the server-stream demo draws it: a lane per egg from the start, closed as its line arrives.
            const own = new AbortController()
            fries.set(message.id, own)
            const ends = new Map(message.eggs.map(egg => [egg, ctx.tracer.begin(egg)]))
            const ms = Array.isArray(message.ms) ? message.ms.map(Number) : typeof message.ms === 'number' ? message.ms : undefined
            void (async () => {
              try {
                for await (const plate of ctx.kitchen.stream(message.eggs, { ms, signal: own.signal })) {
                  ends.get(plate.egg)?.(plate.outcome === 'served' ? 'served' : 'cancelled')
                  ends.delete(plate.egg)
                  worker.postMessage({ type: 'streamed', id: message.id, value: plate })
                }
                worker.postMessage({ type: 'streamed', id: message.id, done: true })
              }
              catch (err) {
                worker.postMessage({ type: 'streamed', id: message.id, error: toWire(err as Error) })
              }
              finally {
                for (const end of ends.values()) end('cancelled')
                fries.delete(message.id)
                flushIfIdle()
              }
            })()
            return
          }
          case 'abort':
            return fries.get(message.id)?.abort(new DOMException('the edit aborted it', 'AbortError'))
          case 'log':
            if (++lines > MAX_LINES) return fail(`the edit logged more than ${MAX_LINES} lines; it was stopped`)
            return ctx.log(message.line)
          case 'settled':
            return ctx.settled(message.label, message.winner)
          case 'mark':
            return ctx.mark(message.label)
          case 'error':
            return fail(message.line)
          case 'done':
            if (ended) return
            ended = true
            return flushIfIdle()
          case 'flushed':
            // A fry ordered meanwhile (a `.then` of the last one) flushes again when it ends.
            return fries.size === 0 ? resolve() : undefined
        }
      }
      worker.postMessage({ type: 'run', js, scope })
    })
  }
  finally {
    worker.onmessage = null
    worker.onerror = null
    worker.terminate()
    for (const own of fries.values()) own.abort(new DOMException('the edited run ended', 'AbortError'))
  }
}
