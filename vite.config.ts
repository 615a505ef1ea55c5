// Vite config for the deck; Slidev merges it into its own.
import { defineConfig } from 'vite'
import { initialEggRuns } from './deck/eggRunsState.ts'
import { guardDevServer } from './dev-server/guard.ts'
import { eggKitchen } from './dev-server/kitchen.ts'

export default defineConfig({
  // The guard first: no page but the deck's own may write slides or launch an editor through the dev server.
  plugins: [guardDevServer(), eggKitchen()],
  // Dependencies Vite's start-up scan cannot see, because only a lazily loaded slide imports them.
  // Found late, they make the dev server re-bundle and reload the page mid-talk (first run on a new clone).
  optimizeDeps: { include: ['uqr'] },
  // Slidev's plugin options: the shared state that keeps a demo run in step across the deck's windows.
  slidev: {
    serverRef: {
      // Typed with the client's view of it: deck/eggRunsState.ts.
      state: { eggRuns: initialEggRuns() },
    },
  },
  // Vite 8's lightningcss minifier rejects one of Slidev's stylesheets under the pinned UnoCSS.
  build: { cssMinify: 'esbuild' },
})
