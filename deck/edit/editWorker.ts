// The Worker an edited demo runs in: off the page's thread, so a `while (true)` cannot freeze the deck (the
// page terminates the Worker). The edited code sees what an example sees: fry, log and the eggs, not the network.

import { createSandbox, describeError } from './sandbox'

const post = globalThis.postMessage.bind(globalThis)
async function evaluate(js: string) {
  const url = URL.createObjectURL(new Blob([js], { type: 'text/javascript' }))
  try {
    return await import(/* @vite-ignore */ url)
  }
  finally {
    URL.revokeObjectURL(url)
  }
}
for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'Worker', 'SharedWorker', 'indexedDB', 'caches']) {
  try {
    Object.defineProperty(globalThis, name, { value: undefined, writable: false, configurable: false })
  }
  catch {
    // not defined in this Worker: nothing to hide
  }
}
const sandbox = createSandbox({ post, evaluate, global: globalThis as unknown as Record<string, unknown> })
globalThis.addEventListener('unhandledrejection', (event) => {
  event.preventDefault()
  sandbox.unhandled(event.reason)
})
// A throw in one of the edit's callbacks (a timer's, a .then's) is not the module's: it reaches here.
globalThis.addEventListener('error', (event) => {
  event.preventDefault()
  post({ type: 'error', line: describeError(event.error ?? event.message) })
})
globalThis.addEventListener('message', event => sandbox.receive(event.data))
post({ type: 'ready' })
