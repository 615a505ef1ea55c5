// The dev server's end of the state the deck's windows share about demo runs (deck/runSyncCore.ts says how the
// windows use it). It keeps the state, answers a window that joins with all of it, and sends every write to every
// window, the writer included, in the order the writes arrived. All of it travels over Vite's own websocket:
// one connection per window, so a window's writes arrive in the order it made them, with nothing batched,
// delayed or lost when a page closes a moment after a write.
//
// This replaces vite-plugin-vue-server-ref for these runs. Its `?diff` sync posts a window's changes over
// HTTP after a 10 ms debounce, and drops them when another window's patch arrives within those 10 ms (read in
// its code). It sends a window's whole initial state with its first change (seen: a presenter window posted
// an old run with every beat), and parallel POSTs can land out of order.
//
// Vite accepts a page's websocket only with the token in its client script. A page on another localhost port
// can read that script (Vite's default CORS admits any localhost origin), so this plugin also refuses any
// websocket that a page from another origin opens: that page could otherwise write the shared state.

import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Plugin } from 'vite'
import type { EggRunsState } from '../deck/eggRunsState.ts'
import { initialEggRuns } from '../deck/eggRunsState.ts'
import { applyEntry, SYNC_EVENTS, validMessage } from '../deck/runSyncCore.ts'
import { foreignPage, isOwnOrigin } from '../demo-server/trust.ts'

/**
 * The state for this process. Slidev restarts its Vite server in the same process (on a change to .env or
 * the config); the windows then reload and join again, and find the runs and the edits as they were.
 */
const processState: EggRunsState = ((globalThis as { __helloAsyncEggRuns__?: EggRunsState }).__helloAsyncEggRuns__ ??= initialEggRuns())

/** Why a websocket upgrade is refused, or undefined: only the deck's own pages and tools with no page. */
export function upgradeRefusal(req: IncomingMessage): string | undefined {
  return foreignPage({ origin: req.headers.origin, fetchSite: undefined }, origin => isOwnOrigin(origin, req.headers.host))
}

export function runSync(options: { state?: EggRunsState } = {}): Plugin {
  const state = options.state ?? processState
  return {
    name: 'hello-async-world:run-sync',
    apply: 'serve',
    configureServer(server) {
      let lastSaid = 0
      // Ahead of Vite's own upgrade handler: a refused socket is closed before Vite sees it.
      server.httpServer?.prependListener('upgrade', (req: IncomingMessage, socket: Duplex) => {
        const why = upgradeRefusal(req)
        if (!why) return
        socket.on('error', () => {})
        // Vite's handler runs next and leaves a socket that is no longer writable alone.
        socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n`)
        // The presenter should know, but a page must not be able to flood the terminal: one line per 10 s.
        if (Date.now() - lastSaid < 10_000) return
        lastSaid = Date.now()
        server.config.logger.warn(`  refused a websocket to the dev server: ${why}`, { timestamp: true })
      })
      server.ws.on(SYNC_EVENTS.hello, (_data, client) => client.send(SYNC_EVENTS.state, state))
      server.ws.on(SYNC_EVENTS.set, (data) => {
        const message = validMessage(data)
        if (!message) return
        applyEntry(state, message.entry)
        server.ws.send(SYNC_EVENTS.set, message)
      })
    },
  }
}
